/* The confined work tree: files beneath the top folder only, never through a link. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "worktree.h"

static int
setup(void **state)
{
	*state = th_tmpdir();
	return th_sh("mkdir -p '%s/top' '%s/buiten'", (char *)*state, (char *)*state);
}

static int
teardown(void **state)
{
	th_rm_rf(*state);
	free(*state);
	return 0;
}

static char *
top_of(void **state)
{
	return amm_asprintf("%s/top", (char *)*state);
}

static void
test_write_read_remove(void **state)
{
	char *top = top_of(state), *data = NULL;
	size_t len = 0;
	bool present = true;
	struct stat sb;
	char *full = amm_asprintf("%s/a/b/c.ini", top);

	assert_ok(amm_worktree_read(top, "a/b/c.ini", &data, &len, &present));
	assert_false(present);
	assert_null(data);
	assert_ok(amm_worktree_write(top, "a/b/c.ini", "x = 1\n", 6));
	assert_ok(amm_worktree_read(top, "a/b/c.ini", &data, &len, &present));
	assert_true(present);
	assert_int_equal(len, 6);
	assert_string_equal(data, "x = 1\n");
	free(data);
	assert_int_equal(stat(full, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	*strrchr(full, '/') = '\0';
	assert_int_equal(stat(full, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_ok(amm_worktree_write(top, "a/b/c.ini", NULL, 0));
	assert_ok(amm_worktree_read(top, "a/b/c.ini", &data, &len, &present));
	assert_false(present);
	/* Removing what is not there, or from a folder that is not there, is fine. */
	assert_ok(amm_worktree_write(top, "a/b/c.ini", NULL, 0));
	assert_ok(amm_worktree_write(top, "x/y.ini", NULL, 0));
	assert_int_equal(th_sh("test ! -e '%s/x'", top), 0);
	free(full);
	free(top);
}

/* A link anywhere on the way: AMM_EXIT_CONFLICT, and nothing outside read or written. */
static void
test_links_refused(void **state)
{
	const char *dir = *state;
	char *top = top_of(state), *data = NULL;
	const char *paths[] = {"map/c.ini", "map/sub/c.ini", "bestand.ini"};
	size_t len = 0;
	bool present;

	assert_int_equal(th_sh("cd '%s' && ln -s ../buiten top/map && echo geheim > buiten.ini && "
	                       "ln -s ../buiten.ini top/bestand.ini && mkdir buiten/sub",
	                       dir),
	                 0);
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		assert_err(amm_worktree_read(top, paths[i], &data, &len, &present),
		           AMM_EXIT_CONFLICT);
		assert_null(data);
		assert_err(amm_worktree_write(top, paths[i], "x\n", 2), AMM_EXIT_CONFLICT);
		assert_err(amm_worktree_write(top, paths[i], NULL, 0), AMM_EXIT_CONFLICT);
	}
	assert_int_equal(th_sh("cd '%s' && test -z \"$(find buiten -type f)\" && "
	                       "test \"$(cat buiten.ini)\" = geheim && test -L top/bestand.ini",
	                       dir),
	                 0);
	/* Out of the folder by name. */
	assert_err(amm_worktree_write(top, "../buiten/c.ini", "x\n", 2), AMM_EXIT_CONFLICT);
	assert_err(amm_worktree_write(top, "a//c.ini", "x\n", 2), AMM_EXIT_CONFLICT);
	assert_int_equal(th_sh("test ! -e '%s/buiten/c.ini'", dir), 0);
	free(top);
}

/* A folder where a file belongs, or a file where a folder belongs: a conflict too. */
static void
test_type_changes(void **state)
{
	char *top = top_of(state), *data = NULL;
	size_t len = 0;
	bool present;
	amm_error *err;

	assert_int_equal(th_sh("cd '%s' && mkdir -p a/c.ini && echo x > f && mkfifo p", top), 0);
	err = amm_worktree_read(top, "a/c.ini", &data, &len, &present);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_CONFLICT);
	assert_non_null(strstr(err->msg, "'a/c.ini' heeft wijzigingen"));
	amm_error_free(err);
	assert_err(amm_worktree_write(top, "a/c.ini", "x\n", 2), AMM_EXIT_CONFLICT);
	assert_err(amm_worktree_write(top, "f/c.ini", "x\n", 2), AMM_EXIT_CONFLICT);
	/* A fifo is refused without blocking. */
	assert_err(amm_worktree_read(top, "p", &data, &len, &present), AMM_EXIT_CONFLICT);
	free(top);
}

static void
test_loose_modes(void **state)
{
	char *top = top_of(state);
	struct amm_loose *list = NULL;
	size_t n = 9;

	assert_ok(amm_worktree_loose(top, "c", false, &list, &n));
	assert_int_equal(n, 0);
	assert_ok(amm_worktree_write(top, "c/a.ini", "x\n", 2));
	assert_ok(amm_worktree_write(top, "c/b.ini", "x\n", 2));
	assert_ok(amm_worktree_loose(top, "c", false, &list, &n));
	assert_int_equal(n, 0);
	assert_int_equal(th_sh("cd '%s/c' && chmod 775 . && chmod 640 b.ini && mkdir -m 755 sub && "
	                       "ln -s b.ini link",
	                       top),
	                 0);
	assert_ok(amm_worktree_loose(top, "c", false, &list, &n));
	assert_int_equal(n, 3);
	assert_string_equal(list[0].path, "c");
	assert_int_equal(list[0].mode, 0775);
	assert_true(list[0].folder);
	assert_string_equal(list[1].path, "c/b.ini");
	assert_int_equal(list[1].mode, 0640);
	assert_false(list[1].folder);
	assert_string_equal(list[2].path, "c/sub");
	assert_true(list[2].folder);
	amm_loose_free(list, n);
	assert_ok(amm_worktree_loose(top, "c", true, &list, &n));
	assert_int_equal(n, 3);
	amm_loose_free(list, n);
	assert_int_equal(
	    th_sh("cd '%s/c' && test \"$(stat -c %%a . a.ini b.ini sub | tr '\\n' ' ')\" "
	          "= '700 600 600 700 '",
	          top),
	    0);
	assert_ok(amm_worktree_loose(top, "c", false, &list, &n));
	assert_int_equal(n, 0);
	/* A linked casus folder is not followed. */
	assert_int_equal(th_sh("cd '%s' && chmod 755 ../buiten && ln -s ../buiten d", top), 0);
	assert_err(amm_worktree_loose(top, "d", true, &list, &n), AMM_EXIT_CONFLICT);
	assert_int_equal(th_sh("test \"$(stat -c %%a '%s/buiten')\" = 755", (char *)*state), 0);
	free(top);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_write_read_remove, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_links_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_type_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_loose_modes, setup, teardown),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
