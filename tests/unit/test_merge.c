/* Three-way merges of casus files: keys, items renumbered, references, conflicts kept. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "merge.h"

#define BASE                                                                                       \
	"# Stappen\n"                                                                              \
	"\n"                                                                                       \
	"[stap 1]\n"                                                                               \
	"tekst = eerste\n"                                                                         \
	"status = open\n"                                                                          \
	"\n"                                                                                       \
	"[afspraak 1]\n"                                                                           \
	"stap = 1\n"                                                                               \
	"wie = Ann\n"                                                                              \
	"wanneer = 2026-12-01\n"

/* Merge and return the result; the state keeps what happened. */
static char *
merge(const char *base, const char *ours, const char *theirs, struct amm_merge_state *st)
{
	char *out = NULL;
	size_t len;

	assert_ok(amm_merge_ini("stappen.ini", base, base ? strlen(base) : 0, ours, strlen(ours),
	                        theirs, strlen(theirs), st, &out, &len));
	assert_int_equal(len, strlen(out));
	return out;
}

static char *
replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);

	assert_non_null(at);
	return amm_asprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static void
test_different_keys_merge(void **unused)
{
	struct amm_merge_state st = {0};
	char *ours = replace(BASE, "status = open", "status = klaar");
	char *theirs = replace(BASE, "wanneer = 2026-12-01", "wanneer = 2026-12-15");
	char *out = merge(BASE, ours, theirs, &st);
	char *want = replace(ours, "wanneer = 2026-12-01", "wanneer = 2026-12-15");

	(void)unused;
	assert_string_equal(out, want);
	assert_int_equal(st.conflicts, 0);
	assert_int_equal(st.notes.len, 0);
	free(ours);
	free(theirs);
	free(out);
	free(want);
	amm_merge_state_clear(&st);
}

static void
test_one_side_unchanged_takes_other(void **unused)
{
	struct amm_merge_state st = {0};
	char *theirs = replace(BASE, "wie = Ann", "wie = Bob");
	char *out = merge(BASE, BASE, theirs, &st);

	(void)unused;
	assert_string_equal(out, theirs);
	free(out);
	out = merge(BASE, theirs, BASE, &st);
	assert_string_equal(out, theirs);
	free(out);
	free(theirs);
	amm_merge_state_clear(&st);
}

static void
test_items_added_on_both_sides_are_kept(void **unused)
{
	struct amm_merge_state st = {0};
	char *ours = amm_asprintf("%s\n[stap 2]\ntekst = van mij\n\n[afspraak 2]\nstap = 2\nwie = "
	                          "Ann\n\n[afspraak 3]\nstap = 1\nwie = Ann\n",
	                          BASE);
	char *theirs =
	    amm_asprintf("%s\n[stap 2]\ntekst = van hen\n\n[afspraak 2]\nstap = 2\nwie = "
	                 "Bob\n",
	                 BASE);
	char *out = merge(BASE, ours, theirs, &st);
	char *want =
	    amm_asprintf("%s\n[afspraak 3]\nstap = 1\nwie = Ann\n\n[stap 2]\ntekst = van "
	                 "hen\n\n[afspraak 2]\nstap = 2\nwie = Bob\n\n[stap 3]\ntekst = van "
	                 "mij\n\n[afspraak 4]\nstap = 3\nwie = Ann\n",
	                 BASE);

	(void)unused;
	assert_string_equal(out, want);
	assert_int_equal(st.conflicts, 0);
	/* Theirs keep their numbers; ours move past the highest of both sides. */
	assert_int_equal(st.nrenum, 2);
	assert_string_equal(st.renum[0].kind, "stap");
	assert_int_equal(st.renum[0].from, 2);
	assert_int_equal(st.renum[0].to, 3);
	assert_string_equal(st.renum[1].kind, "afspraak");
	assert_int_equal(st.renum[1].to, 4);
	assert_string_equal(st.notes.items[0], "stappen.ini: stap 2 (mijn) is nu stap 3");
	assert_string_equal(st.notes.items[1], "stappen.ini: afspraak 2 (mijn) is nu afspraak 4");
	free(ours);
	free(theirs);
	free(out);
	free(want);
	amm_merge_state_clear(&st);
}

static void
test_same_item_on_both_sides_is_one(void **unused)
{
	struct amm_merge_state st = {0};
	char *both = amm_asprintf("%s\n[afspraak 2]\nstap = 1\nwie = Ann\n", BASE);
	char *out = merge(BASE, both, both, &st);

	(void)unused;
	assert_string_equal(out, both);
	assert_int_equal(st.nrenum, 0);
	free(both);
	free(out);
	amm_merge_state_clear(&st);
}

static void
test_references_in_other_files_follow(void **unused)
{
	struct amm_merge_state st = {0};
	const char *eb = "[evaluatie 1]\nstap = 1\n";
	const char *eo = "[evaluatie 1]\nstap = 1\n\n[evaluatie 2]\nstap = 2\n";
	char *ours = amm_asprintf("%s\n[stap 2]\ntekst = van mij\n", BASE);
	char *theirs = amm_asprintf("%s\n[stap 2]\ntekst = van hen\n", BASE);
	char *out = merge(BASE, ours, theirs, &st);
	size_t len;

	(void)unused;
	free(out);
	/* evaluaties.ini changed on our side only: its new evaluatie follows stap 2 to 3. */
	assert_ok(amm_merge_ini("evaluaties.ini", eb, strlen(eb), eo, strlen(eo), eb, strlen(eb),
	                        &st, &out, &len));
	assert_string_equal(out, "[evaluatie 1]\nstap = 1\n\n[evaluatie 2]\nstap = 3\n");
	free(out);
	free(ours);
	free(theirs);
	amm_merge_state_clear(&st);
}

static void
test_conflict_keeps_both_values(void **unused)
{
	struct amm_merge_state st = {0};
	char *ours = replace(BASE, "wanneer = 2026-12-01", "wanneer = 2026-12-15");
	char *theirs = replace(BASE, "wanneer = 2026-12-01", "wanneer = 2026-12-20");
	char *out = merge(BASE, ours, theirs, &st);
	char *want = amm_asprintf("%s\n[conflict afspraak 1.wanneer]\nmijn = 2026-12-15\nhun = "
	                          "2026-12-20\n",
	                          ours);
	struct amm_conflict *list = NULL;
	size_t n = 0, len;
	char *chosen;

	(void)unused;
	assert_string_equal(out, want);
	assert_int_equal(st.conflicts, 1);
	assert_string_equal(st.notes.items[0], "stappen.ini: conflict in [afspraak 1] wanneer");
	assert_ok(amm_conflicts_find("stappen.ini", out, strlen(out), &list, &n));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].what, "[afspraak 1] wanneer");
	assert_string_equal(list[0].mijn, "2026-12-15");
	assert_string_equal(list[0].hun, "2026-12-20");
	amm_conflicts_free(list, n);
	/* Choosing hun puts their value in place and drops the record. */
	assert_ok(amm_conflicts_resolve("stappen.ini", out, strlen(out), false, &chosen, &len));
	assert_string_equal(chosen, theirs);
	free(chosen);
	assert_ok(amm_conflicts_resolve("stappen.ini", out, strlen(out), true, &chosen, &len));
	assert_string_equal(chosen, ours);
	free(chosen);
	free(ours);
	free(theirs);
	free(out);
	free(want);
	amm_merge_state_clear(&st);
}

static void
test_removed_section(void **unused)
{
	struct amm_merge_state st = {0};
	const char *b = "[a]\nx = 1\n\n[b]\ny = 2\n";
	const char *removed = "[a]\nx = 1\n";
	const char *changed = "[a]\nx = 1\n\n[b]\ny = 3\n";
	char *out;

	(void)unused;
	/* Removed on one side, untouched on the other: gone. */
	assert_ok(amm_merge_ini("t.ini", b, strlen(b), b, strlen(b), removed, strlen(removed), &st,
	                        &out, &(size_t){0}));
	assert_string_equal(out, removed);
	free(out);
	/* Removed on one side, changed on the other: the change stays. */
	assert_ok(amm_merge_ini("t.ini", b, strlen(b), changed, strlen(changed), removed,
	                        strlen(removed), &st, &out, &(size_t){0}));
	assert_string_equal(out, changed);
	free(out);
	assert_ok(amm_merge_ini("t.ini", b, strlen(b), removed, strlen(removed), changed,
	                        strlen(changed), &st, &out, &(size_t){0}));
	assert_string_equal(out, changed);
	free(out);
	amm_merge_state_clear(&st);
}

static void
test_malformed_refused(void **unused)
{
	struct amm_merge_state st = {0};
	char *out;

	(void)unused;
	assert_err(amm_merge_ini("t.ini", BASE, strlen(BASE), "[kapot\n", 7, BASE, strlen(BASE),
	                         &st, &out, &(size_t){0}),
	           AMM_EXIT_INPUT);
	assert_null(out);
	amm_merge_state_clear(&st);
}

static void
test_markdown_conflicts(void **unused)
{
	const char *md = "# P\n\n<<<<<<< mijn\nik wil wonen\n=======\nik wil werken\n>>>>>>> "
	                 "hun\nslot\n";
	struct amm_conflict *list = NULL;
	size_t n = 0, len;
	char *out;

	(void)unused;
	assert_ok(amm_conflicts_find("perspectief.md", md, strlen(md), &list, &n));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].what, "regel 3");
	assert_string_equal(list[0].mijn, "ik wil wonen");
	assert_string_equal(list[0].hun, "ik wil werken");
	amm_conflicts_free(list, n);
	assert_ok(amm_conflicts_resolve("perspectief.md", md, strlen(md), false, &out, &len));
	assert_string_equal(out, "# P\n\nik wil werken\nslot\n");
	free(out);
	assert_ok(amm_conflicts_resolve("perspectief.md", md, strlen(md), true, &out, &len));
	assert_string_equal(out, "# P\n\nik wil wonen\nslot\n");
	free(out);
	/* An unfinished block is left as it is. */
	md = "a\n<<<<<<< mijn\nb\n";
	assert_ok(amm_conflicts_resolve("perspectief.md", md, strlen(md), true, &out, &len));
	assert_string_equal(out, "a\n<<<<<<< mijn\nb\n");
	free(out);
}

static void
test_conflict_names(void **unused)
{
	char *sec = amm_conflict_section("afspraak 1", "wanneer");
	char *s, *k;

	(void)unused;
	assert_string_equal(sec, "conflict afspraak 1.wanneer");
	assert_true(amm_conflict_parse(sec, &s, &k));
	assert_string_equal(s, "afspraak 1");
	assert_string_equal(k, "wanneer");
	free(s);
	free(k);
	free(sec);
	assert_false(amm_conflict_parse("conflict zonderpunt", &s, &k));
	assert_false(amm_conflict_parse("spin", &s, &k));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_different_keys_merge),
	    cmocka_unit_test(test_one_side_unchanged_takes_other),
	    cmocka_unit_test(test_items_added_on_both_sides_are_kept),
	    cmocka_unit_test(test_same_item_on_both_sides_is_one),
	    cmocka_unit_test(test_references_in_other_files_follow),
	    cmocka_unit_test(test_conflict_keeps_both_values),
	    cmocka_unit_test(test_removed_section),
	    cmocka_unit_test(test_malformed_refused),
	    cmocka_unit_test(test_markdown_conflicts),
	    cmocka_unit_test(test_conflict_names),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
