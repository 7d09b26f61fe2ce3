/*
 * The history index: derived data in .git/amm-historie, never committed. For every commit
 * reachable from HEAD, newest first, the casus folders (casussen/<jaar>/<id>) and other paths
 * it changed against its first parent (a merge that changed a path differs there from every
 * parent). A year folder may be one key until a casus of that year is asked for. The index
 * records the tip it was built for: when HEAD moved on, the new commits are added in front;
 * when HEAD is not a descendant of it (history rewritten), it is built anew. A query then
 * reads the candidate commits of one casus instead of walking the whole history. Part of the
 * store (store_priv.h): it talks to libgit2.
 */
#ifndef AMM_HISTORY_H
#define AMM_HISTORY_H

#include <git2.h>
#include <stddef.h>

#include "error.h"
#include "store.h"

#define AMM_HISTORY_FILE "amm-historie"

/*
 * The commits reachable from HEAD that may have changed path (every one that did, perhaps
 * more), newest first. The caller frees *ids.
 */
amm_error *amm_history_candidates(struct amm_store *st, const char *path, git_oid **ids, size_t *n);

/* Remove the index (amm vergeet: it names the casus that is erased). */
void amm_history_remove(struct amm_store *st);

#endif
