/* Output to a terminal through a pager, as git does it: $AMM_PAGER, $PAGER or less. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"

static pid_t pager_pid = -1;
static int saved_out = -1, saved_err = -1;

/* Give the terminal back to amm's own descriptors: the pager reads to the end and quits. */
static void
close_pager(void)
{
	dup2(saved_out, STDOUT_FILENO);
	if (saved_err >= 0)
		dup2(saved_err, STDERR_FILENO);
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static void
wait_for_pager(void)
{
	fflush(stdout);
	fflush(stderr);
	close_pager();
}

/*
 * The reader quit the pager before the end (SIGPIPE): nothing went wrong, the rest is not
 * wanted. Interrupted (SIGINT and the like): wait until the pager gives the terminal back.
 */
static void
pager_signal(int sig)
{
	close_pager();
	if (sig == SIGPIPE)
		_exit(0);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Is name a program in $PATH? */
static bool
in_path(const char *name)
{
	const char *p = getenv("PATH");

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, ":");
		char path[PATH_MAX];

		if (n > 0 &&
		    snprintf(path, sizeof(path), "%.*s/%s", (int)n, p, name) < (int)sizeof(path) &&
		    access(path, X_OK) == 0)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

void
amm_pager_start(void)
{
	static const int signals[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	const char *pager = getenv("AMM_PAGER");
	int fds[2];

	if (pager_pid >= 0 || !isatty(STDOUT_FILENO))
		return;
	if (pager == NULL)
		pager = getenv("PAGER");
	if (pager == NULL && in_path("less"))
		pager = "less";
	if (pager == NULL || *pager == '\0' || strcmp(pager, "cat") == 0)
		return;
	/* Quit when it fits on one screen, keep colour, leave the text on the screen. */
	setenv("LESS", "FRX", 0);
	fflush(stdout);
	if (pipe(fds) != 0)
		return;
	saved_out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved_out < 0 || (pager_pid = fork()) < 0) {
		if (saved_out >= 0)
			close(saved_out);
		close(fds[0]);
		close(fds[1]);
		pager_pid = -1;
		return;
	}
	if (pager_pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	dup2(fds[1], STDOUT_FILENO);
	/* Messages on a terminal go in between, as git does it. */
	if (isatty(STDERR_FILENO) && (saved_err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) >= 0)
		dup2(fds[1], STDERR_FILENO);
	close(fds[0]);
	close(fds[1]);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		signal(signals[i], pager_signal);
	atexit(wait_for_pager);
}
