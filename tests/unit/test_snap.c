/* Snapshots (snap.c): files and folders of one commit, the folders kept at hand, the root. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"
#include "util.h"

/* More folders than a snapshot keeps at hand (AMM_SNAP_DIRS), each file naming its folder. */
#define FOLDERS 7

static void
commit_folders(const struct th_repo *f)
{
	for (int i = 0; i < FOLDERS; i++)
		assert_int_equal(th_sh("mkdir -p '%s/m%d/d%d' && echo d%d > '%s/m%d/d%d/f.ini'",
		                       f->dir, i % 2, i, i, f->dir, i % 2, i),
		                 0);
	assert_int_equal(th_sh("cd '%s' && git add -A && git commit -qm mappen", f->dir), 0);
}

/* Read in an order that makes the snapshot drop and read folders again: always the right file. */
static void
test_read_many_folders(void **state)
{
	struct th_repo *f = *state;
	struct amm_snap *snap = NULL;
	static const int order[] = {0, 1, 2, 3, 4, 5, 6, 0, 6, 1, 5, 2, 4, 3, 3, 0};

	commit_folders(f);
	assert_ok(amm_snap_open(&snap, f->st, NULL));
	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		int d = order[i];
		char *path = amm_asprintf("m%d/d%d/f.ini", d % 2, d);
		char *want = amm_asprintf("d%d\n", d);
		char *data = NULL;
		size_t len = 0;

		assert_ok(amm_snap_read(snap, path, &data, &len));
		assert_string_equal(data, want);
		assert_int_equal(len, strlen(want));
		free(data);
		free(want);
		free(path);
	}
	amm_snap_free(snap);
}

/* A folder is no file; a file is no folder; names are listed sorted. */
static void
test_files_and_folders(void **state)
{
	struct th_repo *f = *state;
	struct amm_snap *snap = NULL;
	struct amm_strlist names = {0};
	char *data = NULL;

	commit_folders(f);
	assert_ok(amm_snap_open(&snap, f->st, NULL));
	assert_true(amm_snap_exists(snap, "m0/d2/f.ini"));
	assert_false(amm_snap_exists(snap, "m0/d2"));
	assert_false(amm_snap_exists(snap, "m1/d2/f.ini"));
	assert_err(amm_snap_read(snap, "m0", &data, NULL), AMM_EXIT_NOTFOUND);
	assert_null(data);
	assert_ok(amm_snap_list(snap, "m1", &names));
	assert_int_equal(names.len, 3);
	assert_string_equal(names.items[0], "d1");
	assert_string_equal(names.items[1], "d3");
	assert_string_equal(names.items[2], "d5");
	amm_strlist_free(&names);
	assert_ok(amm_snap_list(snap, "m0/d2/f.ini", &names));
	assert_int_equal(names.len, 0);
	amm_snap_free(snap);
}

/* The id of a snapshot, and its root: the first commit on the first-parent line. */
static void
test_ids(void **state)
{
	struct th_repo *f = *state;
	struct amm_snap *snap = NULL;
	char root[41], *head, *first;

	first = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	commit_folders(f);
	/* A merge of an older history with a root of its own: that root is not the first. */
	assert_int_equal(
	    th_sh("cd '%s' && git checkout -q --orphan ander && git rm -rqf . && "
	          "echo x > x.ini && git add x.ini && GIT_COMMITTER_DATE='@1700000000 +0100' "
	          "git commit -qm ander && "
	          "git checkout -q main && "
	          "git merge -q --allow-unrelated-histories -m samen ander",
	          f->dir),
	    0);
	head = th_sh_out("git -C '%s' rev-parse HEAD", f->dir);
	assert_ok(amm_snap_open(&snap, f->st, NULL));
	assert_int_equal(strlen(amm_snap_id(snap)), 40);
	assert_memory_equal(amm_snap_id(snap), head, 40);
	assert_ok(amm_snap_root_id(snap, root));
	assert_memory_equal(root, first, 40);
	amm_snap_free(snap);
	free(head);
	free(first);
}

/* An empty repository: a snapshot with no id, no root, no files. */
static void
test_empty_repository(void **state)
{
	char *dir = th_tmpdir();
	struct amm_store *st = NULL;
	struct amm_snap *snap = NULL;
	struct amm_strlist names = {0};
	char root[41] = "x", *data = NULL;
	bool created;

	(void)state;
	assert_ok(amm_store_init(&st, dir, &created));
	assert_ok(amm_snap_open(&snap, st, NULL));
	assert_string_equal(amm_snap_id(snap), "");
	assert_ok(amm_snap_root_id(snap, root));
	assert_string_equal(root, "");
	assert_ok(amm_snap_list(snap, "", &names));
	assert_int_equal(names.len, 0);
	assert_err(amm_snap_read(snap, "amm.ini", &data, NULL), AMM_EXIT_NOTFOUND);
	amm_snap_free(snap);
	amm_store_free(st);
	th_rm_rf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_read_many_folders, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_files_and_folders, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_ids, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test(test_empty_repository),
	};
	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
