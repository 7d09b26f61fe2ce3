/*
 * The conflict list (.git/amm-conflicten): the files whose conflicts the last sync (or git's
 * merge through amm merge-bestand) left in them, one path a line. The one reader and writer of
 * that file: sync keeps the list (sync_conflicts.h), an erasure takes its folders out of it.
 */
#ifndef AMM_CONFLICT_LIST_H
#define AMM_CONFLICT_LIST_H

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

#endif
