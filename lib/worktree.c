#include "worktree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "util.h"

/* Why the entry name of folder dirfd (shown as shown) is not what amm may use there. */
static amm_error *
refused(int dirfd, const char *name, const char *shown)
{
	struct stat sb;

	if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode))
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_WORKTREE_LINK, shown, shown, shown);
	/* A folder where a file belongs, or a file where a folder belongs: a type change. */
	return amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DIRTY, shown, shown, shown);
}

/* A path that stays beneath the top folder: no component empty, "." or "..". */
static amm_error *
check_path(const char *path)
{
	for (const char *p = path;; p++) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return amm_error_new(AMM_EXIT_CONFLICT, MSG_WORKTREE_PATH, path);
		p += n;
		if (*p == '\0')
			return NULL;
	}
}

/*
 * The folder made of the first len bytes of path, opened beneath top one component at a time
 * without following a link. A missing folder is made (0700) when create, else *out is -1.
 */
static amm_error *
open_folder(const char *top, const char *path, size_t len, bool create, int *out)
{
	char *shown = amm_xstrndup(path, len);
	amm_error *err = NULL;
	int fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	*out = -1;
	if (fd < 0) {
		err = amm_error_errno(MSG_WORKTREE_READ, top);
		goto done;
	}
	for (size_t at = 0; at < len;) {
		size_t end = at + strcspn(shown + at, "/");
		char saved = shown[end];
		const char *name = shown + at;
		int next;

		/* shown is the path up to this component, for the messages. */
		shown[end] = '\0';
		next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(fd, name, 0700) != 0 && errno != EEXIST) {
				err = amm_error_errno(MSG_STORE_MKDIR, shown);
				break;
			}
			next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			if (errno == ELOOP || errno == ENOTDIR)
				err = refused(fd, name, shown);
			else if (errno != ENOENT)
				err = amm_error_errno(MSG_WORKTREE_READ, shown);
			close(fd);
			fd = -1;
			break;
		}
		close(fd);
		fd = next;
		shown[end] = saved;
		at = end + 1;
	}
done:
	if (err != NULL && fd >= 0)
		close(fd);
	else
		*out = fd;
	free(shown);
	return err;
}

/* The length of the folder part of path, and its last component. */
static size_t
split(const char *path, const char **name)
{
	const char *slash = strrchr(path, '/');

	*name = slash != NULL ? slash + 1 : path;
	return slash != NULL ? (size_t)(slash - path) : 0;
}

amm_error *
amm_worktree_read(const char *top, const char *path, char **data, size_t *len, bool *present)
{
	const char *name;
	size_t dirlen = split(path, &name);
	struct amm_buf buf = {0};
	amm_error *err;
	struct stat sb;
	int dfd = -1, fd = -1;

	*data = NULL;
	*len = 0;
	*present = false;
	err = check_path(path);
	if (err == NULL)
		err = open_folder(top, path, dirlen, false, &dfd);
	if (err != NULL || dfd < 0)
		goto done;
	/* Not blocking on a fifo: anything but a regular file is refused after the open. */
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			err = refused(dfd, name, path);
		else if (errno != ENOENT)
			err = amm_error_errno(MSG_WORKTREE_READ, path);
		goto done;
	}
	if (fstat(fd, &sb) != 0) {
		err = amm_error_errno(MSG_WORKTREE_READ, path);
		goto done;
	}
	if (!S_ISREG(sb.st_mode)) {
		err = refused(dfd, name, path);
		goto done;
	}
	for (;;) {
		char chunk[8192];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = amm_error_errno(MSG_WORKTREE_READ, path);
			goto done;
		}
		if (n == 0)
			break;
		amm_buf_add(&buf, chunk, (size_t)n);
	}
	*present = true;
	*data = amm_buf_detach(&buf, len);
done:
	amm_buf_free(&buf);
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return err;
}

amm_error *
amm_worktree_write(const char *top, const char *path, const char *data, size_t len)
{
	const char *name;
	size_t dirlen = split(path, &name);
	char *tmp = NULL;
	amm_error *err;
	struct stat sb;
	int dfd = -1, fd = -1;

	err = check_path(path);
	if (err == NULL)
		err = open_folder(top, path, dirlen, data != NULL, &dfd);
	if (err != NULL || dfd < 0)
		goto done;
	/* Only a file is replaced or removed: a link or a folder in its place is someone's. */
	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(sb.st_mode)) {
		err = refused(dfd, name, path);
		goto done;
	}
	if (data == NULL) {
		if (unlinkat(dfd, name, 0) != 0 && errno != ENOENT)
			err = amm_error_errno(MSG_STORE_WRITE, path);
		goto done;
	}
	/*
	 * Writers hold the lock: a file of this name is an interrupted write's, to be replaced.
	 * Whatever is there goes first (a link is removed, not followed), then a new file.
	 */
	tmp = amm_asprintf("%s" AMM_TMP_SUFFIX, name);
	if (unlinkat(dfd, tmp, 0) != 0 && errno != ENOENT) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		goto done;
	}
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		goto done;
	}
	if (!amm_write_all(fd, data, len)) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		goto done;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		err = amm_error_errno(MSG_STORE_WRITE, path);
		goto done;
	}
	fd = -1;
	if (renameat(dfd, tmp, dfd, name) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		goto done;
	}
	free(tmp);
	tmp = NULL;
done:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL) {
		unlinkat(dfd, tmp, 0);
		free(tmp);
	}
	if (dfd >= 0)
		close(dfd);
	return err;
}

/* rm -r of the entry name of folder dirfd, never through a link (a link is removed itself). */
static int
remove_at(int parent, const char *name)
{
	struct dirent *e;
	struct stat sb;
	DIR *d;
	int fd, rc = 0;

	if (fstatat(parent, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode))
		return unlinkat(parent, name, 0);
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			rc = remove_at(dirfd(d), e->d_name);
	closedir(d);
	return rc == 0 ? unlinkat(parent, name, AT_REMOVEDIR) : rc;
}

amm_error *
amm_worktree_remove_dir(const char *top, const char *path)
{
	const char *name;
	size_t len = split(path, &name);
	amm_error *err = check_path(path);
	int dir = -1;

	if (err == NULL)
		err = open_folder(top, path, len, false, &dir);
	if (err == NULL && dir >= 0 && remove_at(dir, name) != 0)
		err = amm_error_errno(MSG_STORE_WRITE, path);
	if (dir >= 0)
		close(dir);
	return err;
}

static int
loose_cmp(const void *a, const void *b)
{
	return strcmp(((const struct amm_loose *)a)->path, ((const struct amm_loose *)b)->path);
}

/* Note the entry at path (its stat sb) when group or others may access it; fix it with fd. */
static amm_error *
loose_one(struct amm_loose **list, size_t *n, char *path, const struct stat *sb, int fd, bool fix)
{
	bool folder = S_ISDIR(sb->st_mode);

	if ((sb->st_mode & 077) == 0) {
		free(path);
		return NULL;
	}
	if (fix && fchmod(fd, folder ? 0700 : 0600) != 0) {
		amm_error *err = amm_error_errno(MSG_STORE_WRITE, path);

		free(path);
		return err;
	}
	*list = amm_xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n].path = path;
	(*list)[*n].mode = (unsigned)(sb->st_mode & 07777);
	(*list)[*n].folder = folder;
	(*n)++;
	return NULL;
}

amm_error *
amm_worktree_loose(const char *top, const char *dir, bool fix, struct amm_loose **out, size_t *n)
{
	struct amm_loose *list = NULL;
	size_t len = 0;
	amm_error *err;
	struct dirent *e;
	struct stat sb;
	DIR *d = NULL;
	int dfd = -1, lfd;

	*out = NULL;
	*n = 0;
	err = check_path(dir);
	if (err == NULL)
		err = open_folder(top, dir, strlen(dir), false, &dfd);
	if (err != NULL || dfd < 0)
		goto done;
	if (fstat(dfd, &sb) != 0) {
		err = amm_error_errno(MSG_WORKTREE_READ, dir);
		goto done;
	}
	err = loose_one(&list, &len, amm_xstrdup(dir), &sb, dfd, fix);
	lfd = err == NULL ? dup(dfd) : -1;
	d = lfd >= 0 ? fdopendir(lfd) : NULL;
	if (err == NULL && d == NULL) {
		err = amm_error_errno(MSG_WORKTREE_READ, dir);
		if (lfd >= 0)
			close(lfd);
	}
	while (err == NULL && (e = readdir(d)) != NULL) {
		char *path;
		int fd = -1;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		/* Links are never followed, and their own mode means nothing. */
		if (fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !(S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode)) || (sb.st_mode & 077) == 0)
			continue;
		path = amm_asprintf("%s/%s", dir, e->d_name);
		/* Fixed through a descriptor of the entry itself, never by name. */
		if (fix) {
			fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0 || fstat(fd, &sb) != 0) {
				err = amm_error_errno(MSG_STORE_WRITE, path);
				free(path);
				if (fd >= 0)
					close(fd);
				break;
			}
		}
		err = loose_one(&list, &len, path, &sb, fd, fix);
		if (fd >= 0)
			close(fd);
	}
	if (len > 1)
		qsort(list, len, sizeof(*list), loose_cmp);
done:
	if (d != NULL)
		closedir(d);
	if (dfd >= 0)
		close(dfd);
	if (err != NULL) {
		amm_loose_free(list, len);
		return err;
	}
	*out = list;
	*n = len;
	return NULL;
}

void
amm_loose_free(struct amm_loose *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i].path);
	free(list);
}
