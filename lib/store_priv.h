/*
 * The store's inside, at libgit2's level: what its own modules (repo.c, snap.c, lock.c,
 * marker.c, tx.c, conflict_list.c) share, and what the other modules allowed to use libgit2
 * (lib/README.md) need of it: the history index, the erasure, the records of erasures and the
 * modules of sync (sync_*.c).
 */
#ifndef AMM_STORE_PRIV_H
#define AMM_STORE_PRIV_H

#include <git2.h>
#include <time.h>

#include "store.h"

struct amm_store {
	git_repository *repo;
	char *workdir;
	char *last_subject;
	char last_commit[GIT_OID_HEXSZ + 1]; /* of the last amm_store_update() */
	struct amm_strlist notices;          /* see amm_store_notices() */
	int lock_fd;                         /* amm.lock while amm_store_lock() holds it, else -1 */
	char *lock_owner; /* "pid start-time boot-id" of this process, for amm.lock */
	/* The last holder of amm.lock died while taking git's lock file dead_step (NULL: none). */
	char *dead_step;
	struct timespec dead_since; /* when it began that step */
	long dead_pid;
};

/* The folders a snapshot read last: a year folder's tree is large and read once. */
#define AMM_SNAP_DIRS 4

struct amm_snap {
	git_repository *repo;
	git_commit *commit; /* NULL in an empty repository */
	git_tree *tree;
	char id[GIT_OID_HEXSZ + 1];
	struct {
		char *path;
		git_tree *tree;
	} dirs[AMM_SNAP_DIRS]; /* most recently used first */
};

/* The conflict list under .git: the files the last sync left conflicts in (conflict_list.c). */
#define AMM_CONFLICT_FILE "amm-conflicten"

/* Two ids, either of which may be absent (has_* false): the same? */
static inline bool
amm_oid_same(bool has_a, const git_oid *a, bool has_b, const git_oid *b)
{
	return has_a == has_b && (!has_a || git_oid_equal(a, b));
}

/* The repository (repo.c). */

/*
 * What went wrong in the last failed libgit2 call, in Dutch: its error class as a category,
 * and for a system error the Dutch text of errnum (errno as the call left it).
 */
const char *amm_git_category(int errnum);
/* A failed libgit2 call: what amm did, the Dutch category, then libgit2's own message (or
 * what the system said). */
amm_error *amm_git_fail(int rc, const char *what);
/*
 * Wrap an open repository (taking it over, also on failure): a bare one is refused, and
 * GIT_CONFIG_GLOBAL's file added to its configuration as git reads it.
 */
amm_error *amm_store_wrap(struct amm_store **out, git_repository *repo);
/* Make a repository amm's: private file modes and ignored temporary files. */
amm_error *amm_store_prepare(git_repository *repo);
/* A file of amm's own in the repository's .git folder (caller frees). */
char *amm_store_git_path(const struct amm_store *st, const char *name);
/* Replace that file with data, through a private temporary file and a rename. */
amm_error *amm_store_git_replace(const struct amm_store *st, const char *name, const char *data,
                                 size_t len);
/* The branch HEAD points at (refs/heads/...), and its tip (or unborn). */
amm_error *amm_store_branch(struct amm_store *st, char **branch, git_oid *tip, bool *unborn);
/* The author of a commit made now (git config, or GIT_AUTHOR_*). */
amm_error *amm_store_author(struct amm_store *st, git_signature **out);
/*
 * who is "AUTHOR" or "COMMITTER" (git's GIT_<who>_NAME, _EMAIL, _DATE, else git config); the
 * committer is author unless set apart (author NULL: none).
 */
amm_error *amm_store_signature(struct amm_store *st, const char *who, const git_signature *author,
                               git_signature **out);

/* Snapshots (snap.c). */

/* A snapshot of the commit commit_id (NULL: empty). */
amm_error *amm_snap_of(struct amm_snap **out, git_repository *repo, const git_oid *commit_id);
/* The blob id at path, or false. */
bool amm_snap_blob_id(struct amm_snap *snap, const char *path, git_oid *out);

/* The writers' lock (lock.c, and amm_store_lock() in marker.c). */

/*
 * The writers' exclusive lock (.git/amm.lock), taken as amm_store_update() takes it: stale
 * locks of a killed amm removed, a killed write finished or taken back. While it is held,
 * amm_store_lock_step() names the git lock file about to be taken ("refs/heads/main",
 * "index"; NULL: none), so that a lock left by a kill there is known as amm's own.
 */
amm_error *amm_store_lock(struct amm_store *st);
void amm_store_lock_step(struct amm_store *st, const char *step);
void amm_store_unlock(struct amm_store *st);
/* amm.lock alone, with this writer's line in it; what a writer that died there left is read. */
amm_error *amm_store_lock_take(struct amm_store *st);
/*
 * git's lock file for name (a ref, or "index") in .git: a leftover of an amm that died taking
 * it is removed with a notice; any other is given two seconds, then named (AMM_EXIT_CONFLICT).
 * NULL when it is gone (*gone set).
 */
amm_error *amm_store_lock_left(struct amm_store *st, const char *name, bool *gone);

/*
 * The folder of a server reached as a local path (a path or a file:// URL), else NULL: libgit2
 * writes there itself, without the server's git and hooks.
 */
const char *amm_local_server(const char *url);
/*
 * The server's lock, on amm.lock in the git folder of a server reached as a local path
 * (others: nothing, *fd -1): a push with the check before it and the prune after it holds it
 * exclusive, a fetch shared, so that no amm prunes the objects of another's push or fetch, nor
 * pushes between another's check and push. Let go with amm_server_unlock(*fd).
 */
amm_error *amm_server_lock(const char *url, bool shared, int *fd);
void amm_server_unlock(int fd);

/* The write-ahead marker and the work tree (marker.c). */

/* The marker of a write in progress, under .git; its format is described in marker.c. */
#define AMM_WRITE_MARKER "amm-write"
/* Write the marker whole (fsync and rename). */
amm_error *amm_marker_write(struct amm_store *st, const char *marker);
/*
 * Put each path of marker that amm left half-way as the branch tip has it, in the work tree
 * and the index. *changed when a file or index entry had to change.
 */
amm_error *amm_marker_settle(struct amm_store *st, const char *marker, bool *changed);
/* The blob id of path in the work tree (*has false when absent); a link or a folder is refused. */
amm_error *amm_store_work_oid(struct amm_store *st, const char *path, bool *has, git_oid *out);
/* Write data to path in the work tree, confined to it (worktree.h); data NULL removes it. */
amm_error *amm_store_work_write(struct amm_store *st, const char *path, const char *data,
                                size_t len);
/* The index entries of paths as the work tree has them (a path it lacks is removed). */
amm_error *amm_store_index_update(struct amm_store *st, const struct amm_strlist *paths);

#endif
