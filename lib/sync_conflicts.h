/*
 * What sync does with the conflict list (conflict_list.h): while a listed file still holds a
 * conflict, amm sync shares nothing; amm sync --kies resolves them.
 */
#ifndef AMM_SYNC_CONFLICTS_H
#define AMM_SYNC_CONFLICTS_H

#include "conflict_list.h"
#include "error.h"
#include "store.h"
#include "util.h"

/* The files of paths that still hold a conflict in snap, appended to *out. */
amm_error *amm_conflict_list_unresolved(struct amm_snap *snap, const struct amm_strlist *paths,
                                        struct amm_strlist *out);
/*
 * The listed files that still hold a conflict in head, in *out; the list keeps only those
 * (a file resolved by hand leaves it).
 */
amm_error *amm_conflict_list_pending(struct amm_store *st, struct amm_snap *head,
                                     struct amm_strlist *out);

#endif
