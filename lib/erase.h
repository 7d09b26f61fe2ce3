/*
 * Erasure (the right to erasure and the end of a retention period): a casus leaves the whole
 * history of a clone, and a record of that (vergeten.h), without personal data, travels with
 * the history so that every clone and the shared server follow.
 *
 * The rewrite is deterministic: a commit rewritten without the same folders gets the same new
 * id in every clone, so clones that apply the same erasure share their history again, and the
 * commits a clone had not shared yet are carried over onto it by the ordinary merge.
 */
#ifndef AMM_ERASE_H
#define AMM_ERASE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "store.h"
#include "util.h"
#include "vergeten.h"

/*
 * An erasure that is not finished here: a record in HEAD whose casus is still in HEAD's tree
 * (it arrived by plain git, or amm was stopped after committing the record), or a rewrite that
 * was interrupted. AMM_EXIT_CONFLICT saying how to finish it; NULL when there is none.
 */
amm_error *amm_erase_pending(struct amm_store *st, struct amm_snap *head);

/* What amm_store_forget() did. */
struct amm_forget_report {
	size_t rewritten;             /* commits written anew */
	size_t dropped;               /* commits that only touched the folders, gone */
	struct amm_strlist branches;  /* local branches */
	struct amm_strlist remotes;   /* remotes to carry the erasure to (amm sync) */
	struct amm_strlist discarded; /* files with uncommitted changes in the folders, gone */
};
void amm_forget_report_free(struct amm_forget_report *r);

/*
 * Erase folders (casussen/<jaar>/<id>) from the whole history of every branch, tag and
 * remote-tracking branch: rewrite the commits without them (authorship and messages kept;
 * commits that only touched them are dropped), delete every reflog, ORIG_HEAD, FETCH_HEAD,
 * the history index and the conflict list, keep only the objects the new history reaches
 * (with prune; else amm_erase_prune() does that later),
 * and remove the folders from the index and the work tree (uncommitted changes there are
 * thrown away and named in the report). An interrupted erasure is finished first. Refuses
 * (AMM_EXIT_CONFLICT) with uncommitted changes elsewhere, annotated tags or refs it does not
 * know, before anything is changed.
 */
amm_error *amm_store_forget(struct amm_store *st, const struct amm_strlist *dirs, bool prune,
                            struct amm_forget_report *out);
/*
 * The last step of amm_store_forget(), which a sync takes after its push (libgit2 wants the
 * server's old tip to push): one pack of what the refs reach, every other object, pack and
 * reflog deleted.
 */
amm_error *amm_erase_prune(struct amm_store *st);

/*
 * Erase the casussen ids (each present in HEAD) for ground: one commit that adds their
 * records to vergeten.ini (and, with list, the destruction list list_text as list, a path),
 * then amm_store_forget() of their folders.
 */
amm_error *amm_erase(struct amm_store *st, const struct amm_strlist *ids, const char *ground,
                     struct amm_date today, const char *list, const char *list_text,
                     struct amm_forget_report *out);
/*
 * Finish an erasure that was interrupted (nothing to do: NULL), before anything else reads
 * the objects: a half pruned object store has commits whose trees are gone.
 */
amm_error *amm_erase_finish(struct amm_store *st);
/* Apply every record of HEAD (and finish an interrupted erasure) in this clone. */
amm_error *amm_erase_apply(struct amm_store *st, struct amm_forget_report *out);

/*
 * A server reached as a local path (libgit2 pushes there without git's hooks): keep only what
 * its refs reach, with no reflog, as its post-receive hook would. Other URLs: nothing to do.
 * The caller holds the server's lock (amm_server_lock), or another amm's push loses objects.
 */
amm_error *amm_erase_prune_local(const char *url);

/*
 * The commits reachable from from (hex) but not from hide (hex, or NULL) that changed one of
 * dirs, as "<short id> <date>" lines, newest first.
 */
amm_error *amm_erase_touching(struct amm_store *st, const char *from, const char *hide,
                              const struct amm_strlist *dirs, struct amm_strlist *out);

/*
 * What in this clone still refers to casus id: commits and trees that hold its folder, the
 * index, the work tree and amm's files under .git. *found names each (empty: nothing).
 */
amm_error *amm_erase_traces(struct amm_store *st, const char *id, struct amm_strlist *found);

#endif
