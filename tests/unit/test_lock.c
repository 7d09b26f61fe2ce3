/* The writers' lock (lock.c): the line a holder keeps in amm.lock, and whose lock files go. */
#include "helpers.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store_priv.h"
#include "util.h"

static char *
lock_line(const struct th_repo *f)
{
	return th_sh_out("cat '%s/.git/amm.lock'", f->dir);
}

/* While held: pid, start time, boot id and the step; empty once let go. */
static void
test_lock_line(void **state)
{
	struct th_repo *f = *state;
	char *boot = th_sh_out("cat /proc/sys/kernel/random/boot_id");
	char *line, *want;
	long pid;
	unsigned long long start;
	char got_boot[64], step[64];

	boot[strcspn(boot, "\n")] = '\0';
	assert_ok(amm_store_lock(f->st));
	line = lock_line(f);
	assert_int_equal(sscanf(line, "%ld %llu %63s %63s", &pid, &start, got_boot, step), 4);
	assert_int_equal(pid, (long)getpid());
	assert_true(start > 0);
	assert_string_equal(got_boot, boot);
	assert_string_equal(step, "-");
	free(line);
	amm_store_lock_step(f->st, "index");
	line = lock_line(f);
	want = amm_asprintf("%ld %llu %s index\n", pid, start, boot);
	assert_string_equal(line, want);
	free(want);
	free(line);
	amm_store_lock_step(f->st, NULL);
	line = lock_line(f);
	want = amm_asprintf("%ld %llu %s -\n", pid, start, boot);
	assert_string_equal(line, want);
	free(want);
	free(line);
	amm_store_unlock(f->st);
	line = lock_line(f);
	assert_string_equal(line, "");
	free(line);
	free(boot);
}

/*
 * The line of a holder that is still running, taking refs/heads/main: its lock file is a
 * writer at work, left alone and named. The same pid with another start time is a process
 * that got the pid of a dead writer: then the lock file is the dead one's, and goes.
 */
static void
test_running_holder(void **state)
{
	struct th_repo *f = *state;
	const struct amm_strlist *notices = amm_store_notices(f->st);
	pid_t pid = fork();

	if (pid == 0) {
		/* Not holding the test's output open, and gone in time should the test fail. */
		close(1);
		close(2);
		alarm(60);
		pause();
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(th_sh("cd '%s/.git' && echo '%ld 0 '$(cat /proc/sys/kernel/random/boot_id)"
	                       "' refs/heads/main' > amm.lock && : > refs/heads/main.lock",
	                       f->dir, (long)pid),
	                 0);
	assert_err(amm_store_lock(f->st), AMM_EXIT_CONFLICT);
	assert_int_equal(notices->len, 0);
	assert_int_equal(th_sh("test -e '%s/.git/refs/heads/main.lock'", f->dir), 0);
	/* amm_store_lock() let go on failure: amm.lock has the line it found, not its own. */
	assert_int_equal(th_sh("cd '%s/.git' && echo '%ld 1 '$(cat /proc/sys/kernel/random/boot_id)"
	                       "' refs/heads/main' > amm.lock && touch refs/heads/main.lock",
	                       f->dir, (long)pid),
	                 0);
	assert_ok(amm_store_lock(f->st));
	amm_store_unlock(f->st);
	assert_int_equal(notices->len, 1);
	assert_int_equal(th_sh("test ! -e '%s/.git/refs/heads/main.lock'", f->dir), 0);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_lock_line, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_running_holder, th_repo_setup, th_repo_teardown),
	};
	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
