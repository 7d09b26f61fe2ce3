/*
 * What the store shares with the other module that talks to libgit2 (sync.c, the remote
 * side of the store). Nothing else includes this header.
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
	int lock_fd;      /* amm.lock while amm_store_update() holds it, else -1 */
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

/* The files of the last sync that had conflicts, under .git (sync.c). */
#define AMM_CONFLICT_FILE "amm-conflicten"

/* libgit2's own message for a failed call, behind ours; else what the system said. */
amm_error *amm_git_fail(int rc, const char *what);
/* A snapshot of the commit commit_id (NULL: empty). */
amm_error *amm_snap_of(struct amm_snap **out, git_repository *repo, const git_oid *commit_id);
/* The branch HEAD points at (refs/heads/...), and its tip (or unborn). */
amm_error *amm_store_branch(struct amm_store *st, char **branch, git_oid *tip, bool *unborn);
/* Make a repository amm's: private file modes and ignored temporary files. */
amm_error *amm_store_prepare(git_repository *repo);
/* A file of amm's own in the repository's .git folder (caller frees). */
char *amm_store_git_path(const struct amm_store *st, const char *name);
/* Replace that file with data, through a private temporary file and a rename. */
amm_error *amm_store_git_replace(const struct amm_store *st, const char *name, const char *data,
                                 size_t len);
/*
 * The writers' exclusive lock (.git/amm.lock), taken as amm_store_update() takes it: stale
 * locks of a killed amm removed, a killed write finished or taken back. While it is held,
 * amm_store_lock_step() names the git lock file about to be taken ("refs/heads/main",
 * "index"; NULL: none), so that a lock left by a kill there is known as amm's own.
 */
amm_error *amm_store_lock(struct amm_store *st);
void amm_store_lock_step(struct amm_store *st, const char *step);
void amm_store_unlock(struct amm_store *st);
/* The author of a commit made now (git config, or GIT_AUTHOR_*). */
amm_error *amm_store_author(struct amm_store *st, git_signature **out);
/* Wrap an open repository (taking it over, also on failure). */
amm_error *amm_store_wrap(struct amm_store **out, git_repository *repo);

#endif
