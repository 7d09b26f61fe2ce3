/*
 * The history of a path, read through the history index: derived data in .git/amm-historie,
 * never committed. For every commit reachable from HEAD, newest first, the casus folders
 * (casussen/<jaar>/<id>) and other paths it changed against its first parent (a merge that
 * changed a path differs there from every parent). A year folder may be one key until a casus
 * of that year is asked for. The index records the tip it was built for: when HEAD moved on,
 * the new commits are added in front; when HEAD is not a descendant of it (history rewritten),
 * it is built anew. A query then reads the candidate commits of one casus instead of walking
 * the whole history.
 */
#ifndef AMM_HISTORY_H
#define AMM_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "store.h"

#define AMM_HISTORY_FILE "amm-historie"

/* A commit in the history of a path. */
struct amm_log_entry {
	char id[41];
	char *author;
	char *email;
	long long time; /* seconds since the epoch */
	int offset;     /* minutes east of UTC */
	char *message;
	bool root; /* no parent */
};
/*
 * The commits reachable from HEAD that changed path (a merge counts when it differs from
 * every parent), newest first. Reads the history index (history.h), updating it first when
 * HEAD moved: its cost is that of the path's own history.
 */
amm_error *amm_store_path_log(struct amm_store *st, const char *path, struct amm_log_entry **out,
                              size_t *n);
void amm_log_free(struct amm_log_entry *entries, size_t n);
/*
 * The commit at the end of a calendar day: the newest on HEAD's first-parent line whose
 * committer date (in its own time zone) is not after date. None: AMM_EXIT_NOTFOUND. With a
 * path (a casus folder), what matters is only how that path was: the newest commit that
 * changed it by then, found through the history index.
 */
amm_error *amm_snap_open_date(struct amm_snap **out, struct amm_store *st, struct amm_date date,
                              const char *path);

/* Remove the index (amm vergeet: it names the casus that is erased). */
void amm_history_remove(struct amm_store *st);

#endif
