/*
 * The work tree, confined to the repository. Every casus file amm reads or writes there is
 * opened beneath the work tree's top folder one path component at a time (openat with
 * O_NOFOLLOW), and replaced through a temporary file and renameat inside its own folder: a
 * symbolic link on the way, to a folder or file outside the repository or inside it, is never
 * followed. A link, or a folder where a file belongs (or the other way round), is refused with
 * AMM_EXIT_CONFLICT and nothing is written. Paths are relative to the top folder, '/'-separated.
 */
#ifndef AMM_WORKTREE_H
#define AMM_WORKTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* The temporary file beside a casus file while it is written (git ignores it). */
#define AMM_TMP_SUFFIX ".amm-tmp"

/* The file at path under top (NUL-terminated too); *present is false when it is absent. */
amm_error *amm_worktree_read(const char *top, const char *path, char **data, size_t *len,
                             bool *present);
/*
 * Replace the file at path with data (folders on the way made 0700, the file 0600), synced
 * before the rename; data NULL removes it (absent is fine).
 */
amm_error *amm_worktree_write(const char *top, const char *path, const char *data, size_t len);

/* Remove the folder at path with all it holds (absent is fine); a link in it is removed itself. */
amm_error *amm_worktree_remove_dir(const char *top, const char *path);

/* A file or folder of a casus that group or others may access. */
struct amm_loose {
	char *path;    /* relative to top */
	unsigned mode; /* the permission bits it had */
	bool folder;
};
/*
 * The folder dir and what is in it (not deeper, links left out) that group or others may
 * access, sorted by path; with fix, each is made 0600 (a folder 0700) as it is found. An
 * absent folder has none.
 */
amm_error *amm_worktree_loose(const char *top, const char *dir, bool fix, struct amm_loose **out,
                              size_t *n);
void amm_loose_free(struct amm_loose *list, size_t n);

#endif
