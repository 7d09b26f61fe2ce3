/*
 * The git store, the repository as amm reads and writes it (repo.c, snap.c, lock.c, marker.c,
 * tx.c; lib/README.md names the other modules that talk to libgit2).
 *
 * Reads come from the object database (a snapshot of one commit), never from the work tree.
 * Writes go through amm_store_update(): it takes the writers' lock (finishing or taking back a
 * write that was killed half-way), runs a change function against the branch tip, refuses a
 * path with changes that are not committed, makes the commit of exactly those paths on top of
 * the tip, writes a write-ahead marker in .git, writes the changed files atomically into the
 * work tree, moves the branch with a compare-and-swap on its old id (re-running the change on
 * a newer tip when someone else moved it), updates the index entries of those paths and
 * removes the marker (see marker.c).
 */
#ifndef AMM_STORE_H
#define AMM_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "util.h"

struct amm_store;
struct amm_snap;
struct amm_tx;

/* Once per process: libgit2, and GIT_CONFIG_GLOBAL / GIT_CONFIG_NOSYSTEM as git honours them. */
amm_error *amm_store_global_init(void);
void amm_store_global_shutdown(void);

/*
 * Open the repository that contains path (searching upwards). None: AMM_EXIT_NOTFOUND; a bare
 * one: AMM_EXIT_INPUT.
 */
amm_error *amm_store_open(struct amm_store **out, const char *path);
/*
 * Open the repository at path, or create it (branch init.defaultBranch, else main); *created
 * says which. Either way it is made amm's: files for the owner only, temporary files ignored.
 */
amm_error *amm_store_init(struct amm_store **out, const char *path, bool *created);
void amm_store_free(struct amm_store *st);
/* The work tree, with a trailing slash. */
const char *amm_store_workdir(const struct amm_store *st);
/*
 * A derived file of amm's own in .git (never committed; name: "amm-overzicht"): read whole
 * (false when absent or unreadable), replaced through a private temporary file, fsync and
 * rename (mode 0600), or removed.
 */
bool amm_store_derived_read(const struct amm_store *st, const char *name, char **data, size_t *len);
amm_error *amm_store_derived_write(const struct amm_store *st, const char *name, const char *data,
                                   size_t len);
void amm_store_derived_remove(const struct amm_store *st, const char *name);

/* A read-only view of a commit: rev is anything git understands, NULL for HEAD. */
amm_error *amm_snap_open(struct amm_snap **out, struct amm_store *st, const char *rev);
void amm_snap_free(struct amm_snap *snap);
/* The file at path (NUL-terminated too); absent: AMM_EXIT_NOTFOUND. */
amm_error *amm_snap_read(struct amm_snap *snap, const char *path, char **data, size_t *len);
bool amm_snap_exists(struct amm_snap *snap, const char *path);
/* Names in the folder dir, sorted; an absent folder is empty. */
amm_error *amm_snap_list(struct amm_snap *snap, const char *dir, struct amm_strlist *names);
/* The entries of folder dir in the tree's order, with the object id (hex) of each in ids (when
 * not NULL) at the same place; an absent folder is empty. */
amm_error *amm_snap_list_ids(struct amm_snap *snap, const char *dir, struct amm_strlist *names,
                             struct amm_strlist *ids);
/* The commit id in hex, or "" for an empty repository. */
const char *amm_snap_id(const struct amm_snap *snap);
/* The first commit on the first-parent line of snap, in hex ("" in an empty repository): the
 * same in every clone. Walks that line once. */
amm_error *amm_snap_root_id(struct amm_snap *snap, char out[41]);

/*
 * A change function: reads amm_tx_snap(tx), calls amm_tx_write/remove and amm_tx_message. It
 * may run more than once: again on the newer tip when another writer moved the branch first.
 */
typedef amm_error *(*amm_store_fn)(struct amm_tx *tx, void *ctx);
/*
 * *committed is false when the change left every file as it was, with no merge or fast-forward (no
 * commit is made).
 */
amm_error *amm_store_update(struct amm_store *st, amm_store_fn fn, void *ctx, bool *committed);
/*
 * Finish or take back a write that was killed half-way, now rather than at the next write,
 * so that a reading command sees the work tree as HEAD has it (no marker: nothing to do).
 */
amm_error *amm_store_settle(struct amm_store *st);
/* The subject line of the commit the last amm_store_update() made ("" if none). */
const char *amm_store_last_subject(const struct amm_store *st);
/* The id (hex) of the commit the last amm_store_update() made ("" if none). */
const char *amm_store_last_commit(const struct amm_store *st);
/*
 * What the writers' lock (amm_store_update(), amm_store_settle(), erasure, sync) repaired, or
 * amm_store_update() could not finish although the change was made (a stale lock file removed,
 * a killed write finished or taken back, an index not updated): Dutch lines for stderr.
 */
const struct amm_strlist *amm_store_notices(const struct amm_store *st);
struct amm_snap *amm_tx_snap(struct amm_tx *tx);
void amm_tx_write(struct amm_tx *tx, const char *path, const char *data, size_t len);
void amm_tx_remove(struct amm_tx *tx, const char *path);
/* Is path in the work tree and the index as the tip has it (no changes that are not committed)? */
amm_error *amm_tx_clean(struct amm_tx *tx, const char *path, bool *clean);
/*
 * The commit message: "<casus> <onderdeel>: <what>" with trailers AMM-Casus and
 * AMM-Onderdeel. casus may be NULL for repository-wide changes.
 */
void amm_tx_message(struct amm_tx *tx, const char *casus, const char *onderdeel, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));
/* A line for the body of the commit message. */
void amm_tx_note(struct amm_tx *tx, const char *line);
/* Make the commit a merge with the commit other (hex) as second parent, even if no file changed. */
void amm_tx_merge(struct amm_tx *tx, const char *other);
/*
 * Move the branch to the commit id (hex), a descendant of the tip, instead of making a commit;
 * the writes are the files in which the two differ.
 */
void amm_tx_fast_forward(struct amm_tx *tx, const char *id);

#endif
