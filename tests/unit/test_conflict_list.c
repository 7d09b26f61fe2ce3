/* The conflict list (.git/amm-conflicten): written, read back, and read safely. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "conflict_list.h"
#include "util.h"

static void
test_list_round_trip(void **state)
{
	struct th_repo *r = *state;
	struct amm_strlist paths = {0}, back = {0};
	char *text;

	assert_ok(amm_conflict_list_read(r->st, &back));
	assert_int_equal(back.len, 0);
	amm_strlist_add(&paths, "casussen/2026/2026-001/spin.ini");
	amm_strlist_add(&paths, "casussen/2026/2026-001/analyse.md");
	assert_ok(amm_conflict_list_write(r->st, &paths));
	text = th_conflict_list(r);
	assert_string_equal(text, "casussen/2026/2026-001/spin.ini\n"
	                          "casussen/2026/2026-001/analyse.md\n");
	free(text);
	assert_ok(amm_conflict_list_read(r->st, &back));
	assert_int_equal(back.len, 2);
	assert_string_equal(back.items[0], paths.items[0]);
	assert_string_equal(back.items[1], paths.items[1]);
	/* An empty list is no file. */
	amm_strlist_free(&paths);
	assert_ok(amm_conflict_list_write(r->st, &paths));
	assert_int_equal(th_sh("test -e '%s/.git/amm-conflicten'", r->dir) != 0, 1);
	amm_strlist_free(&back);
}

/* Empty lines (a list edited by hand) list nothing. */
static void
test_empty_lines_skipped(void **state)
{
	struct th_repo *r = *state;
	struct amm_strlist paths = {0};

	assert_int_equal(th_sh("printf '\\na.ini\\n\\n\\nb.ini' >'%s/.git/amm-conflicten'", r->dir),
	                 0);
	assert_ok(amm_conflict_list_read(r->st, &paths));
	assert_int_equal(paths.len, 2);
	assert_string_equal(paths.items[0], "a.ini");
	assert_string_equal(paths.items[1], "b.ini");
	amm_strlist_free(&paths);
}

/* A list that cannot be read is an error (exit 6, naming the file), not "no conflicts". */
static void
test_unreadable(void **state)
{
	struct th_repo *r = *state;
	struct amm_strlist paths = {0};
	amm_error *err;

	assert_int_equal(th_sh("mkdir '%s/.git/amm-conflicten'", r->dir), 0);
	err = amm_conflict_list_read(r->st, &paths);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_SYSTEM);
	assert_non_null(strstr(err->msg, ".git/amm-conflicten"));
	assert_non_null(strstr(err->msg, "niet lezen"));
	assert_int_equal(paths.len, 0);
	amm_error_free(err);
	/* Nor can it be replaced or removed: the directory is not amm's to throw away. */
	amm_strlist_add(&paths, "a.ini");
	assert_err(amm_conflict_list_write(r->st, &paths), AMM_EXIT_SYSTEM);
	amm_strlist_free(&paths);
	assert_err(amm_conflict_list_write(r->st, &paths), AMM_EXIT_SYSTEM);
	assert_int_equal(th_sh("test -d '%s/.git/amm-conflicten'", r->dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_list_round_trip, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_empty_lines_skipped, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_unreadable, th_repo_setup, th_repo_teardown),
	};

	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
