/*
 * The merge of a sync on two commits of one repository, without a server: fast-forward, a
 * merge by record, conflicts kept, a file removed on one side, a casus both sides made,
 * stappen renumbered with the references in files only ours changed; and the text merge.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync.h"
#include "sync_merge.h"
#include "util.h"

#define C1 "casussen/2026/2026-001"
#define C2 "casussen/2026/2026-002"
#define C3 "casussen/2026/2026-003"

/* Their commit on parent (a revision; NULL: a root commit), on no branch: its id in *id. */
static void
theirs(struct th_repo *r, const char *parent, const struct th_file *files, git_oid *id)
{
	struct amm_buf sh = {0};
	char *out;

	amm_buf_addf(&sh,
	             "cd '%s' && export GIT_INDEX_FILE=.git/hun-index && rm -f $GIT_INDEX_FILE",
	             r->dir);
	if (parent != NULL)
		amm_buf_addf(&sh, " && git read-tree %s", parent);
	for (const struct th_file *f = files; f->path != NULL; f++)
		if (f->data != NULL)
			amm_buf_addf(&sh,
			             " && git update-index --add --cacheinfo 100644,$(printf '%%s' "
			             "'%s' | git hash-object -w --stdin),%s",
			             f->data, f->path);
		else
			amm_buf_addf(&sh, " && git update-index --force-remove %s", f->path);
	amm_buf_addf(&sh, " && git commit-tree $(git write-tree) %s%s -m hun && rm $GIT_INDEX_FILE",
	             parent ? "-p " : "", parent ? parent : "");
	out = th_sh_out("%s", sh.data);
	assert_int_equal(strlen(out), GIT_OID_HEXSZ + 1);
	out[GIT_OID_HEXSZ] = '\0';
	assert_int_equal(git_oid_fromstr(id, out), 0);
	free(out);
	amm_buf_free(&sh);
}

/* Merge their commit id into HEAD as amm sync does. */
static amm_error *
merge(struct th_repo *r, struct amm_treemerge *m, const git_oid *id, bool *committed)
{
	amm_treemerge_clear(m);
	m->repo = r->st->repo;
	m->tracking = "origin/main";
	m->url = "server";
	git_oid_cpy(&m->theirs, id);
	return amm_store_update(r->st, amm_treemerge_change, m, committed);
}

/*
 * Histories that went apart after base: ours commit mine, theirs (their commit, in *id) hun;
 * then merge theirs into ours.
 */
static amm_error *
diverge_and_merge(struct th_repo *r, const struct th_file *base, const struct th_file *mine,
                  const struct th_file *hun, struct amm_treemerge *m, git_oid *id)
{
	bool committed;

	th_commit(r->st, base);
	theirs(r, "HEAD", hun, id);
	th_commit(r->st, mine);
	return merge(r, m, id, &committed);
}

/* The file in the work tree ("" when absent). */
static char *
work(const struct th_repo *r, const char *path)
{
	return th_sh_out("cat '%s/%s' 2>/dev/null || true", r->dir, path);
}

static void
expect_work(const struct th_repo *r, const char *path, const char *want)
{
	char *text = work(r, path);

	assert_string_equal(text, want);
	free(text);
}

static bool
has_note(const struct amm_treemerge *m, const char *note)
{
	return amm_strlist_has(&m->notes, note);
}

static void
test_fast_forward_and_nothing_new(void **state)
{
	struct th_repo *r = *state;
	const struct th_file add[] = {{"n.ini", "[n]\nx = 1\n"}, {NULL, NULL}};
	struct amm_treemerge m = {0};
	char hex[GIT_OID_HEXSZ + 1], *head;
	bool committed;
	git_oid id;

	theirs(r, "HEAD", add, &id);
	assert_ok(merge(r, &m, &id, &committed));
	assert_true(committed);
	assert_true(m.fast_forward);
	assert_false(m.merged);
	expect_work(r, "n.ini", "[n]\nx = 1\n");
	/* The branch is their commit itself, not a copy of it. */
	head = th_sh_out("git -C '%s' rev-parse HEAD", r->dir);
	git_oid_tostr(hex, sizeof(hex), &id);
	assert_memory_equal(head, hex, GIT_OID_HEXSZ);
	free(head);
	assert_ok(merge(r, &m, &id, &committed));
	assert_false(committed);
	assert_false(m.fast_forward || m.merged);
	amm_treemerge_clear(&m);
}

static void
test_merge_by_record(void **state)
{
	struct th_repo *r = *state;
	const struct th_file base[] = {{"k.ini", "[s]\na = 1\nb = 1\n"}, {NULL, NULL}};
	const struct th_file mine[] = {{"k.ini", "[s]\na = 2\nb = 1\n"}, {NULL, NULL}};
	const struct th_file hun[] = {{"k.ini", "[s]\na = 1\nb = 2\n"}, {NULL, NULL}};
	struct amm_treemerge m = {0};
	char hex[GIT_OID_HEXSZ + 1], *text;
	git_oid id;

	assert_ok(diverge_and_merge(r, base, mine, hun, &m, &id));
	assert_true(m.merged);
	assert_false(m.fast_forward);
	assert_int_equal(m.conflicts, 0);
	assert_int_equal(m.notes.len, 0);
	expect_work(r, "k.ini", "[s]\na = 2\nb = 2\n");
	/* A merge commit whose second parent is theirs. */
	git_oid_tostr(hex, sizeof(hex), &id);
	text = th_sh_out("git -C '%s' log -1 --format='%%s %%P' | cut -d' ' -f1-4,6", r->dir);
	assert_true(amm_str_starts(text, "sync: samengevoegd met origin/main "));
	assert_non_null(strstr(text, hex));
	free(text);
	amm_treemerge_clear(&m);
}

static void
test_conflict_kept_in_the_file(void **state)
{
	struct th_repo *r = *state;
	const struct th_file base[] = {{"k.ini", "[s]\na = 1\n"}, {NULL, NULL}};
	const struct th_file mine[] = {{"k.ini", "[s]\na = van mij\n"}, {NULL, NULL}};
	const struct th_file hun[] = {{"k.ini", "[s]\na = van hen\n"}, {NULL, NULL}};
	struct amm_treemerge m = {0};
	git_oid id;

	assert_ok(diverge_and_merge(r, base, mine, hun, &m, &id));
	assert_true(m.merged);
	assert_int_equal(m.conflicts, 1);
	assert_int_equal(m.conflicted.len, 1);
	assert_string_equal(m.conflicted.items[0], "k.ini");
	assert_int_equal(m.notes.len, 1);
	expect_work(r, "k.ini",
	            "[s]\na = van mij\n\n[conflict s.a]\nmijn = van mij\nhun = van hen\n");
	amm_treemerge_clear(&m);
}

static void
test_removed_on_one_side(void **state)
{
	struct th_repo *r = *state;
	const struct th_file base[] = {
	    {"x.ini", "[s]\na = 1\n"}, {"y.ini", "[s]\na = 1\n"}, {NULL, NULL}};
	const struct th_file mine[] = {{"x.ini", NULL}, {"y.ini", "[s]\na = 2\n"}, {NULL, NULL}};
	const struct th_file hun[] = {{"x.ini", "[s]\na = 3\n"}, {"y.ini", NULL}, {NULL, NULL}};
	struct amm_treemerge m = {0};
	git_oid id;

	assert_ok(diverge_and_merge(r, base, mine, hun, &m, &id));
	/* The changed side wins on either side; nothing is a conflict. */
	expect_work(r, "x.ini", "[s]\na = 3\n");
	expect_work(r, "y.ini", "[s]\na = 2\n");
	assert_int_equal(m.conflicts, 0);
	assert_true(has_note(&m, "x.ini: aan de ene kant verwijderd, aan de andere gewijzigd; "
	                         "bewaard"));
	assert_true(has_note(&m, "y.ini: aan de ene kant verwijderd, aan de andere gewijzigd; "
	                         "bewaard"));
	amm_treemerge_clear(&m);
}

static void
test_both_made_a_casus(void **state)
{
	struct th_repo *r = *state;
	const struct th_file base[] = {{C1 "/casus.ini", "[casus]\nid = 2026-001\n"}, {NULL, NULL}};
	const struct th_file mine[] = {{C2 "/casus.ini", "[casus]\nid = 2026-002\nalias = Mijn\n"},
	                               {C2 "/spin.ini", "[spin]\nwonen = mijn\n"},
	                               {NULL, NULL}};
	const struct th_file hun[] = {{C2 "/casus.ini", "[casus]\nid = 2026-002\nalias = Hun\n"},
	                              {NULL, NULL}};
	struct amm_treemerge m = {0};
	git_oid id;

	assert_ok(diverge_and_merge(r, base, mine, hun, &m, &id));
	assert_true(m.merged);
	/* Theirs keep the id; ours move to the next free one, casus.ini saying so. */
	expect_work(r, C2 "/casus.ini", "[casus]\nid = 2026-002\nalias = Hun\n");
	expect_work(r, C2 "/spin.ini", "");
	expect_work(r, C3 "/casus.ini", "[casus]\nid = 2026-003\nalias = Mijn\n");
	expect_work(r, C3 "/spin.ini", "[spin]\nwonen = mijn\n");
	assert_true(has_note(&m, "casus 2026-002 (mijn) is nu 2026-003: beide kanten maakten een "
	                         "nieuwe casus 2026-002"));
	assert_int_equal(m.conflicts, 0);
	amm_treemerge_clear(&m);
}

static void
test_renumbered_stap_followed_in_our_files(void **state)
{
	struct th_repo *r = *state;
	const struct th_file base[] = {{C1 "/stappen.ini", "[stap 1]\ntekst = een\n"},
	                               {C1 "/evaluaties.ini", "[evaluatie 1]\nstap = 1\n"},
	                               {NULL, NULL}};
	const struct th_file mine[] = {
	    {C1 "/stappen.ini", "[stap 1]\ntekst = een\n\n[stap 2]\ntekst = van mij\n"},
	    {C1 "/evaluaties.ini", "[evaluatie 1]\nstap = 1\n\n[evaluatie 2]\nstap = 2\n"},
	    {NULL, NULL}};
	const struct th_file hun[] = {
	    {C1 "/stappen.ini", "[stap 1]\ntekst = een\n\n[stap 2]\ntekst = van hen\n"},
	    {NULL, NULL}};
	struct amm_treemerge m = {0};
	char *text;
	git_oid id;

	assert_ok(diverge_and_merge(r, base, mine, hun, &m, &id));
	text = work(r, C1 "/stappen.ini");
	assert_non_null(strstr(text, "[stap 2]\ntekst = van hen\n"));
	assert_non_null(strstr(text, "[stap 3]\ntekst = van mij\n"));
	free(text);
	/* evaluaties.ini changed on our side only, and follows the new number. */
	expect_work(r, C1 "/evaluaties.ini",
	            "[evaluatie 1]\nstap = 1\n\n[evaluatie 2]\nstap = 3\n");
	assert_true(has_note(&m, C1 "/stappen.ini: stap 2 (mijn) is nu stap 3"));
	amm_treemerge_clear(&m);
}

static void
test_unrelated_histories_refused(void **state)
{
	struct th_repo *r = *state;
	const struct th_file hun[] = {{"k.ini", "[s]\na = 1\n"}, {NULL, NULL}};
	struct amm_treemerge m = {0};
	bool committed;
	amm_error *err;
	git_oid id;

	theirs(r, NULL, hun, &id);
	err = merge(r, &m, &id, &committed);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_CONFLICT);
	assert_non_null(strstr(err->msg, "server"));
	amm_error_free(err);
	expect_work(r, "k.ini", "");
	amm_treemerge_clear(&m);
}

/* Markdown merges by lines: apart changes both kept, one place changed twice marked. */
static void
test_text_merge_of_markdown(void **state)
{
	const char *base = "1\n2\n3\n4\n5\n";
	struct amm_merge_state st = {0};
	char *out = NULL;
	size_t len;

	(void)state;
	assert_ok(amm_sync_merge_text("a.md", base, strlen(base), "een\n2\n3\n4\n5\n", 12,
	                              "1\n2\n3\n4\nvijf\n", 13, &st, &out, &len));
	assert_string_equal(out, "een\n2\n3\n4\nvijf\n");
	assert_int_equal(len, strlen(out));
	assert_int_equal(st.conflicts, 0);
	free(out);
	assert_ok(amm_sync_merge_text("a.md", base, strlen(base), "1\n2\ndrie\n4\n5\n", 13,
	                              "1\n2\nDRIE\n4\n5\n", 13, &st, &out, &len));
	assert_string_equal(out, "1\n2\n<<<<<<< mijn\ndrie\n=======\nDRIE\n>>>>>>> hun\n4\n5\n");
	assert_int_equal(st.conflicts, 1);
	assert_int_equal(st.notes.len, 1);
	assert_string_equal(st.notes.items[0], "a.md: conflict in 1 stuk(ken) tekst");
	free(out);
	/* New on both sides (no base), and an INI file merges by record. */
	assert_ok(amm_sync_merge_text("k.ini", NULL, 0, "[s]\na = 1\n", 10, "[s]\nb = 2\n", 10, &st,
	                              &out, &len));
	assert_string_equal(out, "[s]\na = 1\nb = 2\n");
	assert_int_equal(st.conflicts, 1);
	free(out);
	amm_merge_state_clear(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fast_forward_and_nothing_new, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_merge_by_record, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_conflict_kept_in_the_file, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_removed_on_one_side, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_both_made_a_casus, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_renumbered_stap_followed_in_our_files,
	                                    th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_unrelated_histories_refused, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test(test_text_merge_of_markdown),
	};

	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
