/*
 * Between the modules of the erasure (erase.c, erase_rewrite.c, erase_prune.c,
 * erase_traces.c): at libgit2's level.
 */
#ifndef AMM_ERASE_PRIV_H
#define AMM_ERASE_PRIV_H

#include "erase.h"
#include "store_priv.h"

/* The folders of an erasure that was started and not finished (one a line), under .git. */
#define AMM_ERASE_MARKER "amm-vergeet"

/* A map from old to new commit ids (open addressing; ids are random enough to hash). */
struct oidmap {
	git_oid *keys, *vals;
	bool *used, *dropped_root;
	size_t cap, len;
};
/* The new id of k; false when k was dropped without a parent to stand in for it. */
bool amm_oidmap_get(const struct oidmap *m, const git_oid *k, git_oid *v);
void amm_oidmap_free(struct oidmap *m);

/* git_reference_foreach_name() callback: each name added to the amm_strlist payload. */
int amm_erase_collect_ref(const char *name, void *payload);
/* 1. New commits for the history of every ref of refs, parents first, into map. */
amm_error *amm_erase_rewrite(struct amm_store *st, const struct amm_strlist *refs,
                             const struct amm_strlist *dirs, struct oidmap *map,
                             struct amm_forget_report *r);
/* 3. The refs point at the new history; every reflog goes. */
amm_error *amm_erase_move_refs(struct amm_store *st, const struct amm_strlist *refs,
                               const struct oidmap *map, struct amm_forget_report *r);
/* Keep only what the refs of repo reach, in one new pack, with no reflog. */
amm_error *amm_erase_prune_repo(git_repository *repo);

#endif
