/* Erasure: records in vergeten.ini, their checks, the deterministic rewrite, pending work. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "erase.h"
#include "util.h"

static const char *const tip = "524d5b40fbf7cf4912c2d5727cbbb2d65bea9b8f";

/* A record as amm writes it, committed with plain git; the loaded records in *e. */
static amm_error *
load_text(struct th_repo *f, const char *text, struct amm_erasures *e)
{
	struct amm_snap *snap = NULL;
	amm_error *err;
	FILE *out;
	char *path = amm_asprintf("%s/vergeten.ini", f->dir);

	out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
	free(path);
	assert_int_equal(th_sh("cd '%s' && git add vergeten.ini && git commit -qm r", f->dir), 0);
	err = amm_snap_open(&snap, f->st, NULL);
	if (err == NULL)
		err = amm_erasures_load(snap, e);
	amm_snap_free(snap);
	return err;
}

static char *
record_text(const char *id, const char *grond)
{
	struct amm_erasure rec = {.id = (char *)id,
	                          .datum = "2026-11-24",
	                          .door = "Sanne de Vries",
	                          .grond = (char *)grond};
	char *out = NULL;
	size_t len;

	amm_strlist_add(&rec.vervangen, tip);
	assert_ok(amm_erasure_add(NULL, 0, &rec, &out, &len));
	amm_strlist_free(&rec.vervangen);
	return out;
}

static void
test_record_round_trip(void **state)
{
	struct amm_erasures e = {0};
	char *text = record_text("2026-001", "verzoek");

	assert_non_null(strstr(text, "[vergeten 2026-001]\ndatum = 2026-11-24\n"));
	assert_null(strstr(text, "lijst"));
	assert_ok(load_text(*state, text, &e));
	assert_int_equal(e.len, 1);
	assert_string_equal(e.items[0].id, "2026-001");
	assert_string_equal(e.items[0].door, "Sanne de Vries");
	assert_string_equal(e.items[0].grond, "verzoek");
	assert_int_equal(e.items[0].vervangen.len, 1);
	assert_string_equal(e.items[0].vervangen.items[0], tip);
	assert_true(amm_erasures_has(&e, "2026-001"));
	assert_false(amm_erasures_has(&e, "2026-002"));
	amm_erasures_free(&e);
	free(text);
}

/* Every change by hand, and every value amm would not write, is refused. */
static void
test_record_refusals(void **state)
{
	static const struct {
		const char *from, *to;
	} edits[] = {
	    {"datum = 2026-11-24", "datum = 2026-11-25"},      /* checksum */
	    {"datum = 2026-11-24", "datum = 2026-02-30"},      /* no such date */
	    {"door = Sanne de Vries", "door = Iemand anders"}, /* checksum */
	    {"door = Sanne de Vries", "door = "},              /* empty */
	    {"grond = verzoek", "grond = zomaar"},             /* not a ground */
	    {"[vergeten 2026-001]", "[vergeten 2026-0x1]"},    /* not an id */
	    {"[vergeten 2026-001]", "[gewist 2026-001]"},      /* not a record */
	    {"controle = ", "geheim = x\ncontrole = "},        /* unknown key */
	    {"vervangen = 524d", "vervangen = 524z"},          /* not a commit id */
	};
	char *good = record_text("2026-001", "verzoek");

	for (size_t i = 0; i < sizeof(edits) / sizeof(*edits); i++) {
		struct amm_erasures e = {0};
		const char *at = strstr(good, edits[i].from);
		char *bad;

		assert_non_null(at);
		bad = amm_asprintf("%.*s%s%s", (int)(at - good), good, edits[i].to,
		                   at + strlen(edits[i].from));
		assert_err(load_text(*state, bad, &e), AMM_EXIT_INPUT);
		assert_int_equal(e.len, 0);
		free(bad);
	}
	/* Twice the same casus. */
	{
		struct amm_erasures e = {0};
		char *twice = amm_asprintf("%s%s", good, strchr(good, '['));

		assert_err(load_text(*state, twice, &e), AMM_EXIT_INPUT);
		free(twice);
	}
	free(good);
}

/* A record, true to its checksum, of a casus the replaced history never held: refused. */
static void
test_record_of_no_casus(void **state)
{
	struct th_repo *f = *state;
	struct amm_erasure rec = {
	    .id = "2026-009", .datum = "2026-11-24", .door = "X", .grond = "verzoek"};
	struct amm_erasures e = {0};
	char *head = th_sh_out("git -C '%s' rev-parse HEAD", f->dir), *text = NULL;
	size_t len;

	head[strcspn(head, "\n")] = '\0';
	amm_strlist_add(&rec.vervangen, head);
	assert_ok(amm_erasure_add(NULL, 0, &rec, &text, &len));
	assert_err(load_text(f, text, &e), AMM_EXIT_INPUT);
	amm_strlist_free(&rec.vervangen);
	free(text);
	free(head);
}

/* Two casussen with a secret in one, committed with plain git. */
static void
two_casussen(struct th_repo *f)
{
	assert_int_equal(
	    th_sh("cd '%s' && mkdir -p casussen/2026/2026-001 casussen/2026/2026-002 && "
	          "printf '[casus]\\nid = 2026-001\\nstatus = open\\n' "
	          ">casussen/2026/2026-001/casus.ini && "
	          "printf '[casus]\\nid = 2026-002\\nstatus = open\\n' "
	          ">casussen/2026/2026-002/casus.ini && "
	          "git add -A && git commit -qm twee && "
	          "printf '[spin]\\nwonen = GEHEIM\\n' >casussen/2026/2026-001/spin.ini && "
	          "git add -A && git commit -qm geheim && "
	          "printf '[spin]\\nwonen = flat\\n' >casussen/2026/2026-002/spin.ini && "
	          "git add -A && git commit -qm flat",
	          f->dir),
	    0);
}

/* An erasure takes its folders out of the conflict list of sync, and leaves the others. */
static void
test_conflict_list_pruned(void **state)
{
	struct th_repo *f = *state;
	struct amm_forget_report r = {0};
	struct amm_strlist dirs = {0};
	char *text;

	two_casussen(f);
	assert_int_equal(th_sh("printf 'casussen/2026/2026-001/spin.ini\\n"
	                       "casussen/2026/2026-002/spin.ini\\n' >'%s/.git/amm-conflicten'",
	                       f->dir),
	                 0);
	amm_strlist_add(&dirs, "casussen/2026/2026-001");
	assert_ok(amm_store_forget(f->st, &dirs, false, &r));
	text = th_conflict_list(f);
	assert_string_equal(text, "casussen/2026/2026-002/spin.ini\n");
	free(text);
	amm_forget_report_free(&r);
	amm_strlist_free(&dirs);
}

/* A conflict list amm cannot read refuses the erasure before anything changes. */
static void
test_conflict_list_unreadable(void **state)
{
	struct th_repo *f = *state;
	struct amm_forget_report r = {0};
	struct amm_strlist dirs = {0};
	char *before, *after;
	amm_error *err;

	two_casussen(f);
	before = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	assert_int_equal(th_sh("mkdir '%s/.git/amm-conflicten'", f->dir), 0);
	amm_strlist_add(&dirs, "casussen/2026/2026-001");
	err = amm_store_forget(f->st, &dirs, false, &r);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_SYSTEM);
	assert_non_null(strstr(err->msg, "amm-conflicten"));
	assert_non_null(strstr(err->msg, "niet lezen"));
	amm_error_free(err);
	after = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	assert_string_equal(after, before);
	assert_int_equal(th_sh("test -e '%s/casussen/2026/2026-001/spin.ini' && "
	                       "test ! -e '%s/.git/amm-vergeet'",
	                       f->dir, f->dir),
	                 0);
	free(before);
	free(after);
	amm_forget_report_free(&r);
	amm_strlist_free(&dirs);
}

/* The same erasure in two clones gives the same history: the clones share it again. */
static void
test_rewrite_is_the_same_everywhere(void **state)
{
	struct th_repo *f = *state;
	struct amm_store *other = NULL;
	struct amm_forget_report r1 = {0}, r2 = {0};
	struct amm_strlist dirs = {0};
	char *clone = amm_asprintf("%s-kloon", f->dir);
	char *a, *b;

	two_casussen(f);
	assert_int_equal(th_sh("git clone -q '%s' '%s'", f->dir, clone), 0);
	assert_ok(amm_store_open(&other, clone));
	amm_strlist_add(&dirs, "casussen/2026/2026-001");
	assert_ok(amm_store_forget(f->st, &dirs, true, &r1));
	assert_ok(amm_store_forget(other, &dirs, true, &r2));
	assert_int_equal(r1.dropped, 1); /* the commit "geheim" */
	a = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	b = th_sh_out("git -C '%s' rev-parse HEAD", clone);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* The remote-tracking branch of the clone was rewritten the same way. */
	a = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	b = th_sh_out("git -C '%s' rev-parse origin/main", clone);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_not_equal(
	    th_sh("git -C '%s' cat-file --batch-all-objects --batch | grep -q GEHEIM", f->dir), 0);
	assert_int_not_equal(
	    th_sh("git -C '%s' cat-file --batch-all-objects --batch | grep -q GEHEIM", clone), 0);
	assert_int_equal(th_sh("test ! -e '%s/casussen/2026/2026-001'", clone), 0);
	assert_int_equal(th_sh("test -e '%s/casussen/2026/2026-002/spin.ini'", clone), 0);
	amm_forget_report_free(&r1);
	amm_forget_report_free(&r2);
	amm_strlist_free(&dirs);
	amm_store_free(other);
	th_rm_rf(clone);
	free(clone);
}

/* A record whose casus is still there is an erasure to finish; after it, nothing is. */
static void
test_pending(void **state)
{
	struct th_repo *f = *state;
	struct amm_snap *head = NULL;
	struct amm_erasures e = {0};
	struct amm_forget_report r = {0};
	struct amm_strlist found = {0};
	char *text = record_text("2026-001", "bewaartermijn");

	two_casussen(f);
	assert_ok(load_text(f, text, &e));
	assert_ok(amm_snap_open(&head, f->st, NULL));
	assert_err(amm_erase_pending(f->st, head), AMM_EXIT_CONFLICT);
	amm_snap_free(head);
	assert_ok(amm_erase_traces(f->st, "2026-001", &found));
	assert_true(found.len > 0);
	amm_strlist_free(&found);
	assert_ok(amm_erase_apply(f->st, &r));
	assert_ok(amm_snap_open(&head, f->st, NULL));
	assert_ok(amm_erase_pending(f->st, head));
	assert_false(amm_snap_holds(head, "casussen/2026/2026-001"));
	assert_true(amm_snap_holds(head, "casussen/2026/2026-002"));
	amm_snap_free(head);
	assert_ok(amm_erase_traces(f->st, "2026-001", &found));
	assert_int_equal(found.len, 0);
	amm_strlist_free(&found);
	amm_forget_report_free(&r);
	amm_erasures_free(&e);
	free(text);
}

/* The commits that changed a folder, as a sync reports the ones it drops. */
static void
test_touching(void **state)
{
	struct th_repo *f = *state;
	struct amm_strlist dirs = {0}, out = {0};
	char *head, *first;

	two_casussen(f);
	head = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	first = th_sh_out("git -C '%s' rev-parse HEAD~3", f->dir);
	head[strcspn(head, "\n")] = '\0';
	first[strcspn(first, "\n")] = '\0';
	amm_strlist_add(&dirs, "casussen/2026/2026-001");
	assert_ok(amm_erase_touching(f->st, head, first, &dirs, &out));
	assert_int_equal(out.len, 2); /* "twee" made it, "geheim" changed it; "flat" did not */
	amm_strlist_free(&out);
	free(head);
	free(first);
	amm_strlist_free(&dirs);
}

/*
 * A server reached as a local path keeps only what its refs reach, in one pack, with no
 * reflog; a server behind a URL is left to its own hook.
 */
static void
test_prune_local(void **state)
{
	struct th_repo *f = *state;
	char *server = amm_asprintf("%s-server.git", f->dir);
	char *url = amm_asprintf("file://%s", server);
	char *lost, *out;

	assert_int_equal(th_sh("git clone -q --bare '%s' '%s' && git -C '%s' config "
	                       "core.logAllRefUpdates always && git -C '%s' update-ref "
	                       "refs/heads/ander HEAD",
	                       f->dir, server, server, server),
	                 0);
	lost = th_sh_out("echo verloren | git -C '%s' hash-object -w --stdin", server);
	lost[strcspn(lost, "\n")] = '\0';
	assert_ok(amm_erase_prune_local("https://example.org/amm.git"));
	assert_ok(amm_erase_prune_local("server:amm.git"));
	assert_int_equal(th_sh("git -C '%s' cat-file -e %s && test -s '%s/logs/refs/heads/ander'",
	                       server, lost, server),
	                 0);
	assert_ok(amm_erase_prune_local(url));
	assert_int_not_equal(th_sh("git -C '%s' cat-file -e %s 2>/dev/null", server, lost), 0);
	out =
	    th_sh_out("cd '%s' && ls objects/pack | grep -c '\\.pack$'; "
	              "find logs -type f 2>/dev/null | wc -l; git fsck --strict 2>&1 && echo goed",
	              server);
	assert_string_equal(out, "1\n0\ngoed\n");
	free(out);
	free(lost);
	th_rm_rf(server);
	free(url);
	free(server);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_record_round_trip, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_record_refusals, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_record_of_no_casus, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_conflict_list_pruned, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_conflict_list_unreadable, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_rewrite_is_the_same_everywhere, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_pending, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_touching, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_prune_local, th_repo_setup, th_repo_teardown),
	};

	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
