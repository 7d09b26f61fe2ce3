/*
 * Sharing a casus repository through a git server: fetch, merge, push and clone, all through
 * libgit2. The merge is the store's kind of write (amm_store_update): it takes the lock, writes
 * the merged files atomically, and moves the branch with a compare-and-swap.
 *
 * Conflicts stay in the files (see merge.h); .git/amm-conflicten lists the files of the last
 * sync that had them, so that the next sync does not push them before someone chose.
 */
#ifndef AMM_SYNC_H
#define AMM_SYNC_H

#include <stdbool.h>

#include "error.h"
#include "merge.h"
#include "store.h"
#include "util.h"

/*
 * Progress of a transfer, for the caller to show (lib prints nothing): fn is called each time
 * the count of objects received from or sent to the server changes, last with done == total.
 */
struct amm_progress_event {
	bool sending;             /* objects sent to the server; else received from it */
	unsigned int done, total; /* objects */
	size_t bytes;             /* bytes so far; 0 when not counted (a push to a local path) */
};
struct amm_progress {
	void (*fn)(const struct amm_progress_event *ev, void *arg);
	void *arg;
};

struct amm_sync_report {
	char *tracking;                /* "origin/main" */
	bool merged;                   /* a merge commit was made */
	bool fast_forward;             /* the branch took over the server's commits */
	bool pushed;                   /* the server has our commits now */
	int retries;                   /* pushes refused because the server moved meanwhile */
	size_t conflicts;              /* conflicts of this merge */
	struct amm_strlist notes;      /* renumberings and conflicts, as in the merge commit */
	struct amm_strlist conflicted; /* files with unresolved conflicts */
	/* Erasure (erase.h): what vergeten.ini of either side asked of this sync. */
	struct amm_strlist erased;     /* casussen erased here now */
	struct amm_strlist erased_hun; /* casussen the server still had, erased there now */
	struct amm_strlist dropped;    /* our unshared commits that changed them ("<id> <date>") */
	struct amm_strlist discarded;  /* uncommitted files of them, thrown away */
	bool prune;                    /* an erasure ran: old objects are deleted at the end */
};
void amm_sync_report_free(struct amm_sync_report *r);

/*
 * Fetch the branch from remote, merge it, push the result. Conflicts: AMM_EXIT_CONFLICT after
 * the merge commit is made (nothing is pushed). Erasure records (vergeten.ini) of either side
 * are applied to both histories before they are merged, so an erased casus never comes back:
 * this clone is rewritten, and a server that still holds the casus gets the rewritten history
 * by a forced push, made only while the server is where the fetch found it. progress: told
 * about transfers (NULL: nobody). *r starts zeroed, or holds an earlier report, which is
 * replaced.
 */
amm_error *amm_sync(struct amm_store *st, const char *remote, const struct amm_progress *progress,
                    struct amm_sync_report *r);

/*
 * Resolve the conflicts the last sync left (in the files named deel, e.g. "spin.ini", or all
 * when NULL) by taking mijn or hun: one commit. *resolved names the files.
 */
amm_error *amm_sync_resolve(struct amm_store *st, bool mijn, const char *deel,
                            struct amm_strlist *resolved);

/* Clone url into path (private modes); the new store in *out. progress as for amm_sync. */
amm_error *amm_sync_clone(struct amm_store **out, const char *url, const char *path,
                          const struct amm_progress *progress);

/*
 * Make path a shared server repository (bare; made when absent) with amm's hooks, which
 * refuse pushes that hold an erased casus and clear a replaced history away (templates/).
 * *created: the repository is new; *changed: a hook was written.
 */
amm_error *amm_sync_init_server(const char *path, bool *created, bool *changed);

/*
 * Merge base, ours and theirs of the file path as a sync does: INI files by record
 * (amm_merge_ini), Markdown by lines with the markers of merge.h. base may be NULL (new on both
 * sides). Conflicts are recorded in *out and counted, with a note, in state.
 */
amm_error *amm_sync_merge_text(const char *path, const char *b, size_t blen, const char *o,
                               size_t olen, const char *t, size_t tlen,
                               struct amm_merge_state *state, char **out, size_t *outlen);

/* Add path to the files whose conflicts the next sync waits for (.git/amm-conflicten). */
amm_error *amm_sync_conflict_note(struct amm_store *st, const char *path);

/*
 * amm's merge inside plain git: the lines of .gitattributes that give casus files the merge
 * driver and the diff driver "amm", and the repository config that makes them run amm (the
 * program at path amm) as "amm merge-bestand".
 */
#define AMM_ATTRIBUTES_FILE ".gitattributes"
extern const char amm_sync_attributes[];
amm_error *amm_sync_register_driver(struct amm_store *st, const char *amm);

/* Add (or change) the remote name with url, and make it the branch's upstream. */
amm_error *amm_sync_set_remote(struct amm_store *st, const char *name, const char *url);

#endif
