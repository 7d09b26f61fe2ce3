/*
 * The merge of a sync: the server's commit taken over (fast-forward) or merged with ours, on
 * the trees of the two commits and their merge base. Files both sides changed merge by record
 * (amm_sync_merge_text); a casus folder both sides made keeps its id on the server's side,
 * ours moves to the next free id; items both sides added under one number are renumbered
 * (merge.h). Only the object layer is read, and what it makes is a change to the store's
 * transaction: no file is touched here.
 */
#ifndef AMM_SYNC_MERGE_H
#define AMM_SYNC_MERGE_H

#include <stdbool.h>

#include "store_priv.h"

struct amm_treemerge {
	/* set by the caller */
	git_repository *repo;
	git_oid theirs;       /* the server's commit */
	const char *tracking; /* "origin/main", for the commit message */
	const char *url;      /* the server, for the message of unrelated histories */
	/* what the last run found */
	struct amm_strlist notes;      /* renumberings and conflicts, as in the merge commit */
	struct amm_strlist conflicted; /* files with conflicts */
	size_t conflicts;
	bool merged, fast_forward;
	/* per run */
	struct amm_strlist moved; /* casus folders both sides made: "dir\nnew id" */
	struct amm_treemerge_folder *folders;
	size_t nfolders;
};

/*
 * An amm_store_fn (amm_store_update, with m as its argument): merge m->theirs into the
 * transaction's HEAD. Nothing new: no change. Each run starts afresh (the store retries).
 */
amm_error *amm_treemerge_change(struct amm_tx *tx, void *m);

/* Free what the last run found; m's caller fields stay. */
void amm_treemerge_clear(struct amm_treemerge *m);

#endif
