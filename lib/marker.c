/*
 * The write-ahead marker, and the work tree and index as a write leaves them.
 *
 * Crash safety. A write (tx.c) is: blobs, tree and commit into the object database (harmless when
 * it dies: unreferenced objects), then a write-ahead marker .git/amm-write (written whole and
 * renamed into place), then the work-tree files (each renamed into place), then the branch
 * moved with a compare-and-swap, then the index, and last the marker removed. The marker
 * names the commit and, per path, the blob before and after the write (zeros: no file):
 *
 *   amm-write 1
 *   <old tip> <new commit>
 *   <old blob> <new blob> <path>
 *
 * A write that dies leaves the marker, and the next amm write settles it before anything
 * else: each path whose work-tree file (and index entry) is still one of amm's two versions
 * is put as the branch tip now has it. If the branch moved that finishes the write, if not
 * it takes it back. A file with any other content is someone's hand edit: it is left alone,
 * and the write that wants to change it refuses (exit 5) as for any uncommitted change.
 *
 * Why a marker, and not only the branch moved before the work tree: in either order there is
 * a moment when the work tree and the branch differ, and only a record of what amm wrote tells
 * its own leftover from a hand edit. Files first keeps a failed write (a full disk) simple: it
 * is taken back before anything is committed, and a commit is never left without its files.
 */
#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "worktree.h"

#define MARKER AMM_WRITE_MARKER

amm_error *
amm_store_work_oid(struct amm_store *st, const char *path, bool *has, git_oid *out)
{
	char *data = NULL;
	size_t len = 0;
	amm_error *err = amm_worktree_read(st->workdir, path, &data, &len, has);
	int rc = err == NULL && *has ? git_odb_hash(out, data, len, GIT_OBJECT_BLOB) : 0;

	if (rc < 0)
		err = amm_git_fail(rc, path);
	free(data);
	return err;
}

amm_error *
amm_store_work_write(struct amm_store *st, const char *path, const char *data, size_t len)
{
	return amm_worktree_write(st->workdir, path, data, len);
}

amm_error *
amm_store_index_update(struct amm_store *st, const struct amm_strlist *paths)
{
	git_index *index = NULL;
	amm_error *err;
	bool gone;
	int rc;

	if (paths->len == 0)
		return NULL;
	for (int attempt = 0;; attempt++) {
		rc = git_repository_index(&index, st->repo);
		if (rc == 0)
			rc = git_index_read(index, 0); /* re-read only when it changed on disk */
		for (size_t i = 0; i < paths->len && rc == 0; i++) {
			char *full = amm_asprintf("%s%s", st->workdir, paths->items[i]);

			rc = access(full, F_OK) == 0
			         ? git_index_add_bypath(index, paths->items[i])
			         : git_index_remove_bypath(index, paths->items[i]);
			free(full);
		}
		amm_store_lock_step(st, "index");
		if (rc == 0)
			rc = git_index_write(index);
		amm_store_lock_step(st, NULL);
		git_index_free(index);
		index = NULL;
		if (rc != GIT_ELOCKED || attempt == 100)
			break;
		err = amm_store_lock_left(st, "index", &gone);
		if (err != NULL)
			return err;
	}
	return rc < 0 ? amm_git_fail(rc, "git-index bijwerken") : NULL;
}

static bool
marker_oid(const char *hex, git_oid *out, bool *has)
{
	if (git_oid_fromstrn(out, hex, GIT_OID_HEXSZ) != 0)
		return false;
	*has = !git_oid_is_zero(out);
	return true;
}

static bool
oid_is(bool has_a, const git_oid *a, bool has_old, const git_oid *old, bool has_new,
       const git_oid *new)
{
	return amm_oid_same(has_a, a, has_old, old) || amm_oid_same(has_a, a, has_new, new);
}

amm_error *
amm_marker_settle(struct amm_store *st, const char *marker, bool *changed)
{
	struct amm_snap *now = NULL;
	struct amm_strlist fix = {0};
	git_index *index = NULL;
	amm_error *err = NULL;
	const char *line = strchr(marker, '\n');
	int rc;

	*changed = false;
	if (!amm_str_starts(marker, MARKER " 1\n") || line == NULL ||
	    (line = strchr(line + 1, '\n')) == NULL)
		return amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_MARKER, MARKER);
	err = amm_snap_open(&now, st, NULL);
	if (err != NULL)
		return err;
	rc = git_repository_index(&index, st->repo);
	if (rc == 0)
		rc = git_index_read(index, 0);
	if (rc < 0) {
		err = amm_git_fail(rc, "index");
		goto done;
	}
	for (line++; *line != '\0' && err == NULL;) {
		const char *end = strchr(line, '\n');
		char *path;
		const git_index_entry *ie;
		git_oid old, new, work, tip;
		bool has_old, has_new, has_work, has_tip;
		amm_error *werr;

		if (end == NULL || end - line < 2 * GIT_OID_HEXSZ + 3 ||
		    !marker_oid(line, &old, &has_old) ||
		    !marker_oid(line + GIT_OID_HEXSZ + 1, &new, &has_new)) {
			err = amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_MARKER, MARKER);
			break;
		}
		path = amm_xstrndup(line + 2 * GIT_OID_HEXSZ + 2,
		                    (size_t)(end - line) - 2 * GIT_OID_HEXSZ - 2);
		line = end + 1;
		/* A link or a folder there is not amm's leftover: it stays, and is refused later.
		 */
		werr = amm_store_work_oid(st, path, &has_work, &work);
		if (werr != NULL) {
			amm_error_free(werr);
			free(path);
			continue;
		}
		has_tip = amm_snap_blob_id(now, path, &tip);
		if (oid_is(has_work, &work, has_old, &old, has_new, &new) &&
		    !amm_oid_same(has_work, &work, has_tip, &tip)) {
			char *data = NULL;
			size_t len = 0;

			if (has_tip)
				err = amm_snap_read(now, path, &data, &len);
			if (err == NULL)
				err = amm_store_work_write(st, path, data, len);
			free(data);
			*changed = err == NULL;
			has_work = has_tip;
			work = tip;
		}
		ie = git_index_get_bypath(index, path, 0);
		if (err == NULL && amm_oid_same(has_work, &work, has_tip, &tip) &&
		    oid_is(ie != NULL, ie ? &ie->id : NULL, has_old, &old, has_new, &new) &&
		    !amm_oid_same(ie != NULL, ie ? &ie->id : NULL, has_tip, &tip))
			amm_strlist_add(&fix, path);
		free(path);
	}
	git_index_free(index);
	index = NULL;
	if (err == NULL)
		err = amm_store_index_update(st, &fix);
	*changed = *changed || (err == NULL && fix.len > 0);
done:
	git_index_free(index);
	amm_strlist_free(&fix);
	amm_snap_free(now);
	return err;
}

/* The marker of a write that died, settled; the notice says which way it went. */
static amm_error *
recover(struct amm_store *st)
{
	char *path = amm_store_git_path(st, MARKER);
	char *marker = NULL;
	amm_error *err = NULL;
	git_oid tip, commit;
	bool changed;
	struct amm_buf buf = {0};
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		if (errno != ENOENT)
			err = amm_error_errno(MSG_STORE_MARKER, path);
		goto done;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		amm_buf_add(&buf, chunk, n);
	if (ferror(f))
		err = amm_error_errno(MSG_STORE_MARKER, path);
	fclose(f);
	marker = amm_buf_detach(&buf, NULL);
	if (err == NULL)
		err = amm_marker_settle(st, marker, &changed);
	if (err != NULL)
		goto done;
	if (changed) {
		bool forward = strlen(marker) > 12 + 2 * GIT_OID_HEXSZ &&
		               git_reference_name_to_id(&tip, st->repo, "HEAD") == 0 &&
		               git_oid_fromstrn(&commit, marker + 12 + GIT_OID_HEXSZ + 1,
		                                GIT_OID_HEXSZ) == 0 &&
		               git_oid_equal(&tip, &commit);

		amm_strlist_add(&st->notices,
		                forward ? MSG_STORE_ROLLED_FORWARD : MSG_STORE_ROLLED_BACK);
	}
	if (unlink(path) != 0)
		err = amm_error_errno(MSG_STORE_WRITE, path);
done:
	free(marker);
	free(path);
	return err;
}

/*
 * Through amm-write.tmp, fsync and rename. Only the holder of amm.lock writes it, so one fixed
 * temporary name will do: a killed write's is replaced by the next.
 */
amm_error *
amm_marker_write(struct amm_store *st, const char *marker)
{
	char *path = amm_store_git_path(st, MARKER);
	char *tmp = amm_store_git_path(st, MARKER ".tmp");
	amm_error *err = NULL;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (!amm_write_all(fd, marker, strlen(marker)) || fsync(fd) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		if (fd >= 0)
			close(fd);
	} else if (close(fd) != 0 || rename(tmp, path) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
	}
	if (err != NULL && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(path);
	return err;
}

/*
 * The writers' lock, for amm_store_update() and the erasure (erase.c). Before anything is
 * written: a lock file a killed git or amm left behind is said (or removed when it is amm's
 * own), and a write that was killed half-way is finished or taken back.
 */
amm_error *
amm_store_lock(struct amm_store *st)
{
	char *branch = NULL;
	amm_error *err;
	git_oid tip;
	bool unborn, gone;

	err = amm_store_lock_take(st);
	if (err != NULL)
		return err;
	err = amm_store_branch(st, &branch, &tip, &unborn);
	if (err == NULL)
		err = amm_store_lock_left(st, "index", &gone);
	if (err == NULL)
		err = amm_store_lock_left(st, branch, &gone);
	if (err == NULL && st->dead_step != NULL && strcmp(st->dead_step, "index") != 0 &&
	    strcmp(st->dead_step, branch) != 0)
		err = amm_store_lock_left(st, st->dead_step, &gone);
	if (err == NULL)
		err = recover(st);
	free(branch);
	if (err != NULL)
		amm_store_unlock(st);
	return err;
}

amm_error *
amm_store_settle(struct amm_store *st)
{
	char *path = amm_store_git_path(st, MARKER);
	bool killed = access(path, F_OK) == 0;
	amm_error *err = NULL;

	free(path);
	if (killed) {
		err = amm_store_lock(st);
		if (err == NULL)
			amm_store_unlock(st);
	}
	return err;
}
