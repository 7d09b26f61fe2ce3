/* Sharing through a bare repository: push, clone, fast-forward, merge, conflicts, refusals. */
#define sync unistd_sync /* sync(2), until the #undef: this file's sync() is another */
#include "helpers.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#undef sync

#include "merge.h"
#include "sync.h"
#include "util.h"

/* Two clones of one bare server: a (which made it) and b. */
struct team {
	struct th_repo *a;
	char *server, *bdir;
	struct amm_store *b;
};

/* The file in the work tree of dir. */
static char *
work_file(const char *dir, const char *path)
{
	return th_sh_out("cat '%s/%s'", dir, path);
}

static amm_error *
sync(struct amm_store *st, struct amm_sync_report *r)
{
	return amm_sync(st, "origin", NULL, r);
}

/*
 * This test's git_reference_create, in front of libgit2's for amm's calls: with die_at set, a
 * write of that ref dies as a kill would leave it, holding git's lock file.
 */
static const char *die_at;

int
git_reference_create(git_reference **out, git_repository *repo, const char *name, const git_oid *id,
                     int force, const char *log_message)
{
	int (*real)(git_reference **, git_repository *, const char *, const git_oid *, int,
	            const char *);

	if (die_at != NULL && strcmp(name, die_at) == 0) {
		char *lock = amm_asprintf("%s%s.lock", git_repository_path(repo), name);
		int fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0600);

		_exit(fd >= 0 ? 9 : 1);
	}
	*(void **)&real = dlsym(RTLD_NEXT, "git_reference_create");
	return real(out, repo, name, id, force, log_message);
}

static int
team_setup(void **state)
{
	struct team *t = amm_xcalloc(1, sizeof(*t));
	struct amm_sync_report r = {0};
	void *repo;

	th_repo_setup(&repo);
	t->a = repo;
	t->server = amm_asprintf("%s/server.git", t->a->dir);
	t->bdir = amm_asprintf("%s/b", t->a->dir);
	assert_int_equal(th_sh("git init -q --bare '%s'", t->server), 0);
	th_write(t->a->st, "k.ini", "[s]\na = 1\nb = 1\n");
	assert_ok(amm_sync_set_remote(t->a->st, "origin", t->server));
	assert_ok(sync(t->a->st, &r));
	assert_true(r.pushed);
	assert_string_equal(r.tracking, "origin/main");
	amm_sync_report_free(&r);
	assert_ok(amm_sync_clone(&t->b, t->server, t->bdir, NULL));
	*state = t;
	return 0;
}

static int
team_teardown(void **state)
{
	struct team *t = *state;
	void *repo = t->a;

	amm_store_free(t->b);
	free(t->server);
	free(t->bdir);
	th_repo_teardown(&repo);
	free(t);
	return 0;
}

static void
test_clone_and_fast_forward(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	char *text;

	text = work_file(t->bdir, "k.ini");
	assert_string_equal(text, "[s]\na = 1\nb = 1\n");
	free(text);
	/* The clone follows the server's branch and keeps its files private. */
	text =
	    th_sh_out("cd '%s' && git rev-parse --abbrev-ref @{u} && stat -c %%a k.ini .", t->bdir);
	assert_string_equal(text, "origin/main\n600\n700\n");
	free(text);
	th_write(t->a->st, "nieuw.ini", "[n]\nx = 1\n");
	assert_ok(sync(t->a->st, &r));
	assert_true(r.pushed);
	assert_ok(sync(t->b, &r));
	assert_true(r.fast_forward);
	assert_false(r.merged);
	assert_false(r.pushed);
	text = work_file(t->bdir, "nieuw.ini");
	assert_string_equal(text, "[n]\nx = 1\n");
	free(text);
	text = th_sh_out("cd '%s' && git status --porcelain && git rev-parse HEAD && "
	                 "git -C '%s' rev-parse HEAD",
	                 t->bdir, t->a->dir);
	assert_int_equal(text[0] != '\n' && strlen(text) == 82, 1);
	assert_memory_equal(text, text + 41, 40);
	free(text);
	/* Nothing new on either side. */
	assert_ok(sync(t->b, &r));
	assert_false(r.fast_forward || r.merged || r.pushed);
	amm_sync_report_free(&r);
}

static void
test_merge_keeps_both_changes(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	char *text;

	th_write(t->a->st, "k.ini", "[s]\na = 2\nb = 1\n");
	th_write(t->b, "k.ini", "[s]\na = 1\nb = 2\n");
	assert_ok(sync(t->a->st, &r));
	assert_ok(sync(t->b, &r));
	assert_true(r.merged);
	assert_true(r.pushed);
	text = work_file(t->bdir, "k.ini");
	assert_string_equal(text, "[s]\na = 2\nb = 2\n");
	free(text);
	/* A merge commit with both parents, and a clean work tree. */
	text = th_sh_out("cd '%s' && git rev-list --parents -n 1 HEAD | wc -w && git status "
	                 "--porcelain && git log -1 --format=%%s",
	                 t->bdir);
	assert_string_equal(text, "3\nsync: samengevoegd met origin/main\n");
	free(text);
	assert_ok(sync(t->a->st, &r));
	assert_true(r.fast_forward);
	text = work_file(t->a->dir, "k.ini");
	assert_string_equal(text, "[s]\na = 2\nb = 2\n");
	free(text);
	amm_sync_report_free(&r);
}

static void
test_conflict_kept_until_chosen(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	struct amm_strlist resolved = {0};
	char *text;

	th_write(t->a->st, "k.ini", "[s]\na = van a\nb = 1\n");
	th_write(t->b, "k.ini", "[s]\na = van b\nb = 1\n");
	assert_ok(sync(t->a->st, &r));
	assert_err(sync(t->b, &r), AMM_EXIT_CONFLICT);
	assert_true(r.merged);
	assert_false(r.pushed);
	assert_int_equal(r.conflicts, 1);
	assert_int_equal(r.conflicted.len, 1);
	assert_string_equal(r.conflicted.items[0], "k.ini");
	text = work_file(t->bdir, "k.ini");
	assert_string_equal(text, "[s]\na = van b\nb = 1\n\n[conflict s.a]\nmijn = van b\nhun = "
	                          "van a\n");
	free(text);
	/* Nothing is shared before someone chooses. */
	assert_err(sync(t->b, &r), AMM_EXIT_CONFLICT);
	assert_false(r.pushed);
	assert_err(amm_sync_resolve(t->b, false, "ander.ini", &resolved), AMM_EXIT_NOTFOUND);
	assert_ok(amm_sync_resolve(t->b, false, "k.ini", &resolved));
	assert_int_equal(resolved.len, 1);
	text = work_file(t->bdir, "k.ini");
	assert_string_equal(text, "[s]\na = van a\nb = 1\n");
	free(text);
	assert_err(amm_sync_resolve(t->b, true, NULL, &resolved), AMM_EXIT_NOTFOUND);
	assert_ok(sync(t->b, &r));
	assert_true(r.pushed);
	assert_ok(sync(t->a->st, &r));
	assert_true(r.fast_forward);
	amm_strlist_free(&resolved);
	amm_sync_report_free(&r);
}

static void
test_markdown_merges_by_lines(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	struct amm_strlist resolved = {0};
	char *text;

	th_write(t->a->st, "p.md", "een\ntwee\ndrie\nvier\nvijf\n");
	assert_ok(sync(t->a->st, &r));
	assert_ok(sync(t->b, &r));
	th_write(t->a->st, "p.md", "EEN\ntwee\ndrie\nvier\nvijf\n");
	th_write(t->b, "p.md", "een\ntwee\ndrie\nvier\nVIJF\n");
	assert_ok(sync(t->a->st, &r));
	assert_ok(sync(t->b, &r));
	text = work_file(t->bdir, "p.md");
	assert_string_equal(text, "EEN\ntwee\ndrie\nvier\nVIJF\n");
	free(text);
	assert_ok(sync(t->a->st, &r));
	th_write(t->a->st, "p.md", "EEN\ntwee\n3 van a\nvier\nVIJF\n");
	th_write(t->b, "p.md", "EEN\ntwee\n3 van b\nvier\nVIJF\n");
	assert_ok(sync(t->a->st, &r));
	assert_err(sync(t->b, &r), AMM_EXIT_CONFLICT);
	text = work_file(t->bdir, "p.md");
	assert_string_equal(text, "EEN\ntwee\n<<<<<<< mijn\n3 van b\n=======\n3 van a\n>>>>>>> "
	                          "hun\nvier\nVIJF\n");
	free(text);
	assert_ok(amm_sync_resolve(t->b, true, NULL, &resolved));
	text = work_file(t->bdir, "p.md");
	assert_string_equal(text, "EEN\ntwee\n3 van b\nvier\nVIJF\n");
	free(text);
	amm_strlist_free(&resolved);
	amm_sync_report_free(&r);
}

static void
test_refusals(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	struct amm_store *other = NULL;
	char *text, *dir;

	/* No such remote. */
	assert_err(amm_sync(t->b, "nergens", NULL, &r), AMM_EXIT_NOTFOUND);
	amm_sync_report_free(&r);
	/* A hand edit in a file the sync would change stays as it is. */
	th_write(t->a->st, "k.ini", "[s]\na = 3\nb = 1\n");
	assert_ok(sync(t->a->st, &r));
	assert_int_equal(th_sh("echo '# eigen' >> '%s/k.ini'", t->bdir), 0);
	assert_err(sync(t->b, &r), AMM_EXIT_CONFLICT);
	text = work_file(t->bdir, "k.ini");
	assert_string_equal(text, "[s]\na = 1\nb = 1\n# eigen\n");
	free(text);
	/* Cloning into a folder that is not empty. */
	assert_err(amm_sync_clone(&other, t->server, t->bdir, NULL), AMM_EXIT_INPUT);
	assert_null(other);
	/* A server that is not there. */
	dir = amm_asprintf("%s/weg.git", t->a->dir);
	assert_err(amm_sync_clone(&other, dir, t->bdir, NULL), AMM_EXIT_INPUT);
	assert_ok(amm_sync_set_remote(t->a->st, "weg", dir));
	assert_err(amm_sync(t->a->st, "weg", NULL, &r), AMM_EXIT_SYSTEM);
	free(dir);
	/* A repository with a history of its own. */
	dir = amm_asprintf("%s/eigen", t->a->dir);
	assert_int_equal(th_sh("git init -q -b main '%s' && cd '%s' && echo x > x && git add x && "
	                       "git commit -qm eigen",
	                       dir, dir),
	                 0);
	assert_ok(amm_store_open(&other, dir));
	assert_ok(amm_sync_set_remote(other, "origin", t->server));
	assert_err(sync(other, &r), AMM_EXIT_CONFLICT);
	amm_store_free(other);
	free(dir);
	amm_sync_report_free(&r);
}

/* A kill while amm writes its tracking ref after a push: the next sync clears the lock file. */
static void
test_kill_after_push(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	char *lock = amm_asprintf("%s/.git/refs/remotes/origin/main.lock", t->bdir);
	const struct amm_strlist *notices;
	int status;
	pid_t pid;

	th_write(t->b, "b.ini", "[b]\nx = 1\n");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		die_at = "refs/remotes/origin/main";
		amm_error_free(sync(t->b, &r));
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 9);
	assert_int_equal(access(lock, F_OK), 0);
	/* The push was made; the next sync finds the lock file amm's own and goes on. */
	assert_ok(sync(t->b, &r));
	assert_int_not_equal(access(lock, F_OK), 0);
	notices = amm_store_notices(t->b);
	assert_int_equal(notices->len, 1);
	assert_non_null(strstr(notices->items[0], "refs/remotes/origin/main.lock"));
	assert_ok(sync(t->a->st, &r));
	assert_int_equal(th_sh("test \"$(git -C '%s' rev-parse HEAD)\" = "
	                       "\"$(git -C '%s' rev-parse HEAD)\"",
	                       t->a->dir, t->bdir),
	                 0);
	amm_sync_report_free(&r);
	free(lock);
}

/* While another amm holds a folder server's lock (its push and prune), a sync waits its turn. */
static void
test_waits_for_server_lock(void **state)
{
	struct team *t = *state;
	struct amm_sync_report r = {0};
	char *path = amm_asprintf("%s/amm.lock", t->server);
	char *before = th_sh_out("git -C '%s' rev-parse main", t->server), *now;
	int fd = open(path, O_RDWR | O_CREAT, 0600), status;
	pid_t pid;

	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	th_write(t->b, "b.ini", "[b]\nx = 1\n");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		amm_error *err;

		close(fd); /* the lock stays the parent's */
		err = sync(t->b, &r);
		_exit(err == NULL && r.pushed ? 0 : 1);
	}
	usleep(300000);
	now = th_sh_out("git -C '%s' rev-parse main", t->server);
	assert_string_equal(now, before);
	free(now);
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	now = th_sh_out("git -C '%s' rev-parse main", t->server);
	assert_string_not_equal(now, before);
	free(now);
	free(before);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_clone_and_fast_forward, team_setup, team_teardown),
	    cmocka_unit_test_setup_teardown(test_merge_keeps_both_changes, team_setup,
	                                    team_teardown),
	    cmocka_unit_test_setup_teardown(test_conflict_kept_until_chosen, team_setup,
	                                    team_teardown),
	    cmocka_unit_test_setup_teardown(test_markdown_merges_by_lines, team_setup,
	                                    team_teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, team_setup, team_teardown),
	    cmocka_unit_test_setup_teardown(test_kill_after_push, team_setup, team_teardown),
	    cmocka_unit_test_setup_teardown(test_waits_for_server_lock, team_setup, team_teardown),
	};

	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
