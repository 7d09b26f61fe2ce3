/* Field-level differences between two versions of a casus (amm log --velden, amm toon --diff). */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "casus.h"
#include "diff.h"
#include "markdown.h"
#include "util.h"

#define DIR "casussen/2026/2026-001/"

/* Commit the files, and return a snapshot of the commit. */
static struct amm_snap *
commit(struct th_repo *r, const char *const *pairs)
{
	struct amm_snap *snap = NULL;

	assert_true(th_commit_files(r->st, pairs));
	assert_ok(amm_snap_open(&snap, r->st, NULL));
	return snap;
}

/* One expected change; old or new NULL for a key added or removed. */
struct want {
	const char *deel, *section, *key, *old, *new;
};

static void
expect_changes(const struct amm_changes *got, const struct want *want, size_t n)
{
	for (size_t i = 0; i < got->len && i < n; i++) {
		const struct amm_change *c = &got->items[i];
		const struct want *w = &want[i];

		assert_string_equal(c->casus, "2026-001");
		assert_string_equal(c->deel, w->deel);
		assert_string_equal(c->section, w->section);
		assert_string_equal(c->key, w->key);
		if (w->old == NULL)
			assert_null(c->old);
		else
			assert_string_equal(c->old, w->old);
		if (w->new == NULL)
			assert_null(c->new);
		else
			assert_string_equal(c->new, w->new);
	}
	assert_int_equal(got->len, n);
}

static const char *const first[] = {
    DIR "casus.ini",
    "[casus]\nid = 2026-001\nstatus = open\n",
    DIR "perspectief.md",
    "# Perspectief\n\n" AMM_MD_BEGIN "\nIk wil een dak boven mijn hoofd.\n" AMM_MD_END "\n",
    DIR "spin.ini",
    "[spin]\nwonen = Dakloos\nfinancien = Schuld 9.500 euro\nnetwerk = Zus\n",
    NULL,
};

/* A casus that a lacks: every key and the perspectief's text appear, part by part. */
static void
test_new_casus(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *before = NULL, *after;
	struct amm_changes ch = {0};
	static const struct want want[] = {
	    {"casus", "casus", "id", NULL, "2026-001"},
	    {"casus", "casus", "status", NULL, "open"},
	    {"perspectief", "", "tekst", NULL, "Ik wil een dak boven mijn hoofd."},
	    {"spin", "spin", "wonen", NULL, "Dakloos"},
	    {"spin", "spin", "financien", NULL, "Schuld 9.500 euro"},
	    {"spin", "spin", "netwerk", NULL, "Zus"},
	};

	assert_ok(amm_snap_open(&before, r->st, NULL));
	after = commit(r, first);
	assert_ok(amm_diff_casus(before, after, "2026-001", &ch));
	expect_changes(&ch, want, sizeof(want) / sizeof(want[0]));
	amm_changes_free(&ch);
	/* No snapshot at all is the same as one without the casus. */
	assert_ok(amm_diff_casus(NULL, after, "2026-001", &ch));
	expect_changes(&ch, want, sizeof(want) / sizeof(want[0]));
	amm_changes_free(&ch);
	amm_snap_free(before);
	amm_snap_free(after);
}

/* A value changed, one removed, one added, an item that appears: in a's order, then b's new. */
static void
test_changed_keys_and_items(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first), *b;
	struct amm_changes ch = {0};
	static const char *const second[] = {
	    DIR "spin.ini",
	    "[spin]\nwonen = Flat in Noord\nnetwerk = Zus\ngezondheid = Goed\n",
	    DIR "stappen.ini",
	    "[stap 1]\ntekst = Schuldhulp\nstatus = open\n",
	    NULL,
	};
	static const struct want want[] = {
	    {"spin", "spin", "wonen", "Dakloos", "Flat in Noord"},
	    {"spin", "spin", "financien", "Schuld 9.500 euro", NULL},
	    {"spin", "spin", "gezondheid", NULL, "Goed"},
	    {"stappen", "stap 1", "tekst", NULL, "Schuldhulp"},
	    {"stappen", "stap 1", "status", NULL, "open"},
	};

	b = commit(r, second);
	assert_ok(amm_diff_casus(a, b, "2026-001", &ch));
	expect_changes(&ch, want, sizeof(want) / sizeof(want[0]));
	amm_changes_free(&ch);
	/* The other way round: the same fields, old and new swapped. */
	assert_ok(amm_diff_casus(b, a, "2026-001", &ch));
	assert_int_equal(ch.len, 5);
	assert_string_equal(ch.items[0].key, "wonen");
	assert_string_equal(ch.items[0].old, "Flat in Noord");
	assert_string_equal(ch.items[0].new, "Dakloos");
	amm_changes_free(&ch);
	amm_snap_free(a);
	amm_snap_free(b);
}

/* What is not a field does not count: comments, order, and the perspectief outside its text. */
static void
test_only_fields_count(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first), *b;
	struct amm_changes ch = {0};
	static const char *const second[] = {
	    DIR "spin.ini",
	    "# een kladje\n[spin]\nnetwerk = Zus\nwonen = Dakloos\n\nfinancien = Schuld 9.500 "
	    "euro\n",
	    DIR "perspectief.md",
	    "# Perspectief van Fam. J.\n\n" AMM_MD_BEGIN
	    "\n\nIk wil een dak boven mijn hoofd.\n\n" AMM_MD_END
	    "\nEen notitie buiten de tekst.\n",
	    NULL,
	};

	b = commit(r, second);
	assert_ok(amm_diff_casus(a, b, "2026-001", &ch));
	assert_int_equal(ch.len, 0);
	assert_null(ch.items);
	/* The same snapshot twice. */
	assert_ok(amm_diff_casus(b, b, "2026-001", &ch));
	assert_int_equal(ch.len, 0);
	amm_changes_free(&ch);
	amm_snap_free(a);
	amm_snap_free(b);
}

/* A casus removed: every field goes to nothing. */
static void
test_removed_casus(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first), *b;
	struct amm_changes ch = {0};
	static const char *const gone[] = {
	    DIR "casus.ini", NULL, DIR "perspectief.md", NULL, DIR "spin.ini", NULL, NULL,
	};

	b = commit(r, gone);
	assert_ok(amm_diff_casus(a, b, "2026-001", &ch));
	assert_int_equal(ch.len, 6);
	for (size_t i = 0; i < ch.len; i++) {
		assert_non_null(ch.items[i].old);
		assert_null(ch.items[i].new);
	}
	assert_string_equal(ch.items[2].deel, "perspectief");
	assert_string_equal(ch.items[2].old, "Ik wil een dak boven mijn hoofd.");
	amm_changes_free(&ch);
	amm_snap_free(a);
	amm_snap_free(b);
}

/* An id that names no casus, or none at all, reads nothing and finds no change. */
static void
test_no_casus_and_hostile_ids(void **state)
{
	static const char *const ids[] = {"2026-002", "../2026-001", "2026-001/..", "",
	                                  "/etc/passwd"};
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first);
	struct amm_changes ch = {0};

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_ok(amm_diff_casus(a, a, ids[i], &ch));
		assert_int_equal(ch.len, 0);
		assert_ok(amm_diff_casus(NULL, a, ids[i], &ch));
		assert_int_equal(ch.len, 0);
	}
	assert_ok(amm_diff_casus(NULL, NULL, "2026-001", &ch));
	assert_int_equal(ch.len, 0);
	amm_changes_free(&ch);
	amm_snap_free(a);
}

/* Text a terminal would act on is kept byte for byte: showing it safely is the caller's work. */
static void
test_values_kept_as_they_are(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first), *b;
	struct amm_changes ch = {0};
	static const char *const second[] = {
	    DIR "spin.ini",
	    "[spin]\nwonen = \x1b[31mrood\x1b[0m \xe2\x80\xae\nfinancien = Schuld 9.500 "
	    "euro\nnetwerk = "
	    "Zus\n",
	    NULL,
	};

	b = commit(r, second);
	assert_ok(amm_diff_casus(a, b, "2026-001", &ch));
	assert_int_equal(ch.len, 1);
	assert_string_equal(ch.items[0].new, "\x1b[31mrood\x1b[0m \xe2\x80\xae");
	amm_changes_free(&ch);
	amm_snap_free(a);
	amm_snap_free(b);
}

/* A part amm cannot read is an error of input, and leaves no changes behind to free. */
static void
test_malformed_part(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first), *b;
	struct amm_changes ch = {0};
	static const char *const second[] = {
	    DIR "spin.ini",
	    "[spin]\nwonen = Dakloos\nwonen = Flat\n",
	    NULL,
	};

	b = commit(r, second);
	assert_err(amm_diff_casus(a, b, "2026-001", &ch), AMM_EXIT_INPUT);
	assert_int_equal(ch.len, 0);
	assert_err(amm_diff_casus(b, a, "2026-001", &ch), AMM_EXIT_INPUT);
	assert_int_equal(ch.len, 0);
	amm_changes_free(&ch);
	amm_snap_free(a);
	amm_snap_free(b);
}

/* Freeing empties the list; freeing an empty list is harmless. */
static void
test_changes_free(void **state)
{
	struct th_repo *r = *state;
	struct amm_snap *a = commit(r, first);
	struct amm_changes ch = {0};

	amm_changes_free(&ch);
	assert_ok(amm_diff_casus(NULL, a, "2026-001", &ch));
	assert_int_equal(ch.len, 6);
	amm_changes_free(&ch);
	assert_null(ch.items);
	assert_int_equal(ch.len, 0);
	amm_changes_free(&ch);
	amm_snap_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_new_casus, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_changed_keys_and_items, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_only_fields_count, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_removed_casus, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_no_casus_and_hostile_ids, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_values_kept_as_they_are, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_malformed_part, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_changes_free, th_repo_setup, th_repo_teardown),
	};
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
