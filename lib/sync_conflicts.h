/*
 * The conflict list of sync (.git/amm-conflicten): the files whose conflicts the last sync
 * (or git's merge through amm merge-bestand) left in them, one path a line. While a listed
 * file still holds a conflict, amm sync shares nothing; amm sync --kies resolves them.
 */
#ifndef AMM_SYNC_CONFLICTS_H
#define AMM_SYNC_CONFLICTS_H

#include "error.h"
#include "store.h"
#include "util.h"

/*
 * The listed files, appended to *paths (none when there is no list). A list that cannot be
 * read: AMM_EXIT_SYSTEM.
 */
amm_error *amm_conflict_list_read(struct amm_store *st, struct amm_strlist *paths);
/* Replace the list with paths (no paths: remove it). */
amm_error *amm_conflict_list_write(struct amm_store *st, const struct amm_strlist *paths);
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
