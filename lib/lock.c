/*
 * The writers' lock: amm's writers take turns on .git/amm.lock, and the git lock files a
 * writer that was killed left behind are told from those of a running git.
 *
 * amm's writers take turns on .git/amm.lock with flock(2), which the kernel
 * releases when its holder dies, so amm.lock itself is never stale. While it holds amm.lock a
 * writer keeps one line in it: its pid, its start time and the boot id (a pid alone may be
 * reused), and the git lock file it is taking at that moment ("index", "refs/heads/main")
 * or "-". It empties the file when it lets go. A line found by the next holder is therefore
 * the line of a writer that died holding the lock, and amm.lock's mtime is when that writer
 * began its last step. A git lock file is that writer's leftover, and is removed, only when
 * the writer is no longer running, it died while taking that very lock, and the lock file
 * was made after that step began (and within seconds of it). Any other lock file is taken
 * to belong to a running git: amm waits for it and names it.
 */
#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"

/*
 * The start time of process pid in clock ticks since boot (from /proc), 0 if unknown; *zombie
 * when it has exited and waits for its parent.
 */
static unsigned long long
proc_start(long pid, bool *zombie)
{
	char path[64], buf[1024];
	unsigned long long start = 0;
	size_t n;
	char *p;
	FILE *f;

	*zombie = false;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* Field 22; the command name (field 2, in parentheses) may hold spaces. */
	p = strrchr(buf, ')');
	*zombie = p != NULL && (p[1] == ' ') && (p[2] == 'Z' || p[2] == 'X');
	for (int field = 3; p != NULL && field <= 22; field++)
		p = strchr(p + 1, ' ');
	if (p != NULL)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

static void
boot_id(char out[40])
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	strcpy(out, "-");
	if (f != NULL) {
		if (fscanf(f, "%39s", out) != 1)
			strcpy(out, "-");
		fclose(f);
	}
}

/* Say in amm.lock which git lock file this writer takes now ("-": none). */
static void
lock_step(struct amm_store *st, const char *step)
{
	char *line;
	size_t len;

	if (st->lock_fd < 0)
		return;
	line = amm_asprintf("%s %s\n", st->lock_owner, step);
	len = strlen(line);
	if (pwrite(st->lock_fd, line, len, 0) == (ssize_t)len)
		(void)!ftruncate(st->lock_fd, (off_t)len);
	free(line);
}

/* The line a writer that died holding amm.lock left in it: what it was doing, and since when. */
static void
lock_read_dead(struct amm_store *st)
{
	char buf[256], boot[40], dead_boot[40], step[200];
	struct stat sb;
	unsigned long long start, now;
	bool zombie;
	long pid;
	ssize_t n = pread(st->lock_fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0 || fstat(st->lock_fd, &sb) != 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%ld %llu %39s %199s", &pid, &start, dead_boot, step) != 4 || pid <= 0)
		return;
	boot_id(boot);
	/* Still running (the same process, not one that got its pid): not dead, leave it be. */
	if (strcmp(boot, dead_boot) == 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
		now = proc_start(pid, &zombie);
		if (!zombie && (now == 0 || start == 0 || now == start))
			return;
	}
	if (strcmp(step, "-") != 0) {
		st->dead_step = amm_xstrdup(step);
		st->dead_since = sb.st_mtim;
		st->dead_pid = pid;
	}
}

/*
 * flock(2) op on path, opened with flags (and made when missing, with mode), waiting up to a
 * minute: its holders hold it for milliseconds.
 */
static amm_error *
lock_file(const char *path, int flags, mode_t mode, int op, int *fd_out)
{
	int fd;

	*fd_out = -1;
	fd = open(path, flags | O_CREAT | O_CLOEXEC, mode);
	if (fd < 0) {
		int why = errno;
		amm_error *err = amm_error_errno(MSG_STORE_LOCK, path);

		errno = why; /* for the caller */
		return err;
	}
	for (int i = 0; flock(fd, op | LOCK_NB) != 0; i++) {
		if (errno != EWOULDBLOCK || i == 6000) {
			amm_error *err = amm_error_errno(MSG_STORE_LOCK, path);

			close(fd);
			return err;
		}
		usleep(10000);
	}
	*fd_out = fd;
	return NULL;
}

/* An exclusive lock on .git/amm.lock, so that amm writers on one repository take turns. */
static amm_error *
store_lock(struct amm_store *st, int *fd_out)
{
	char *path = amm_store_git_path(st, "amm.lock");
	amm_error *err = lock_file(path, O_RDWR, 0600, LOCK_EX, fd_out);

	free(path);
	return err;
}

const char *
amm_local_server(const char *url)
{
	if (amm_str_starts(url, "file://"))
		return url + strlen("file://");
	if (strstr(url, "://") != NULL || (strchr(url, ':') != NULL && *url != '/'))
		return NULL;
	return url;
}

amm_error *
amm_server_lock(const char *url, bool shared, int *fd)
{
	const char *path = amm_local_server(url);
	git_repository *repo = NULL;
	amm_error *err = NULL;
	char *lock;

	*fd = -1;
	/* A server that is not there (yet) is for the transport to report. */
	if (path == NULL ||
	    git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0)
		return NULL;
	lock = amm_asprintf("%samm.lock", git_repository_path(repo));
	/* Read access is enough for flock, and the team may be several accounts. */
	err = lock_file(lock, O_RDONLY, 0644, shared ? LOCK_SH : LOCK_EX, fd);
	/* A reader that may not make it goes on: no amm pushes there, as a push makes it. */
	if (err != NULL && shared && (errno == EACCES || errno == EROFS)) {
		amm_error_free(err);
		err = NULL;
	}
	free(lock);
	git_repository_free(repo);
	return err;
}

void
amm_server_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

amm_error *
amm_store_lock_take(struct amm_store *st)
{
	amm_error *err = store_lock(st, &st->lock_fd);
	char boot[40];
	bool zombie;

	if (err != NULL)
		return err;
	lock_read_dead(st);
	boot_id(boot);
	free(st->lock_owner);
	st->lock_owner =
	    amm_asprintf("%ld %llu %s", (long)getpid(), proc_start(getpid(), &zombie), boot);
	lock_step(st, "-");
	return NULL;
}

/* Let go of amm.lock: an empty file says that its last holder finished. */
static void
store_unlock(struct amm_store *st)
{
	if (st->lock_fd < 0)
		return;
	(void)!ftruncate(st->lock_fd, 0);
	close(st->lock_fd);
	st->lock_fd = -1;
	free(st->dead_step);
	st->dead_step = NULL;
}

amm_error *
amm_store_lock_left(struct amm_store *st, const char *name, bool *gone)
{
	char *path = amm_asprintf("%s%s.lock", git_repository_path(st->repo), name);
	amm_error *err = NULL;
	struct stat sb;

	*gone = true;
	if (st->dead_step != NULL && strcmp(st->dead_step, name) == 0 && lstat(path, &sb) == 0 &&
	    S_ISREG(sb.st_mode) &&
	    (sb.st_mtim.tv_sec > st->dead_since.tv_sec ||
	     (sb.st_mtim.tv_sec == st->dead_since.tv_sec &&
	      sb.st_mtim.tv_nsec >= st->dead_since.tv_nsec)) &&
	    sb.st_mtim.tv_sec <= st->dead_since.tv_sec + 5 && unlink(path) == 0)
		amm_strlist_take(&st->notices,
		                 amm_asprintf(MSG_STORE_LOCK_STALE, path, st->dead_pid));
	for (int i = 0; access(path, F_OK) == 0; i++) {
		if (i == 200) {
			*gone = false;
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_LOCK_LEFT, path, path);
			break;
		}
		usleep(10000);
	}
	free(path);
	return err;
}

void
amm_store_lock_step(struct amm_store *st, const char *step)
{
	lock_step(st, step != NULL ? step : "-");
}

void
amm_store_unlock(struct amm_store *st)
{
	store_unlock(st);
}
