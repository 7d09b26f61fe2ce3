/*
 * The write transaction: a change function run against the branch tip, its files checked
 * clean, committed, written with the write-ahead marker (marker.c), and the branch moved with
 * a compare-and-swap on its old id, re-running the change on a newer tip when it lost.
 */
#include "store_priv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "privacy.h"

#define MARKER AMM_WRITE_MARKER

struct tx_change {
	char *path;
	char *data; /* NULL: remove */
	size_t len;
	git_oid oid;
};

struct amm_tx {
	struct amm_store *st;
	struct amm_snap *snap;
	struct tx_change *changes;
	size_t len;
	char *casus, *onderdeel, *what;
	struct amm_strlist notes;
	git_oid other; /* has_other: the second parent of a merge */
	bool has_other;
	bool fast_forward; /* the branch moves to other; no commit is made */
};

struct amm_snap *
amm_tx_snap(struct amm_tx *tx)
{
	return tx->snap;
}

static struct tx_change *
tx_change(struct amm_tx *tx, const char *path)
{
	struct tx_change *c;

	for (size_t i = 0; i < tx->len; i++)
		if (strcmp(tx->changes[i].path, path) == 0) {
			free(tx->changes[i].data);
			return &tx->changes[i];
		}
	tx->changes = amm_xrealloc(tx->changes, (tx->len + 1) * sizeof(*tx->changes));
	c = &tx->changes[tx->len++];
	memset(c, 0, sizeof(*c));
	c->path = amm_xstrdup(path);
	return c;
}

void
amm_tx_write(struct amm_tx *tx, const char *path, const char *data, size_t len)
{
	struct tx_change *c = tx_change(tx, path);

	c->data = amm_xstrndup(data, len);
	c->len = len;
}

void
amm_tx_remove(struct amm_tx *tx, const char *path)
{
	struct tx_change *c = tx_change(tx, path);

	c->data = NULL;
	c->len = 0;
}

void
amm_tx_message(struct amm_tx *tx, const char *casus, const char *onderdeel, const char *fmt, ...)
{
	va_list ap;

	free(tx->casus);
	free(tx->onderdeel);
	free(tx->what);
	tx->casus = casus != NULL ? amm_xstrdup(casus) : NULL;
	tx->onderdeel = amm_xstrdup(onderdeel);
	va_start(ap, fmt);
	tx->what = amm_vasprintf(fmt, ap);
	va_end(ap);
}

static void
tx_other(struct amm_tx *tx, const char *id)
{
	tx->has_other = git_oid_fromstr(&tx->other, id) == 0;
}

void
amm_tx_merge(struct amm_tx *tx, const char *other)
{
	tx_other(tx, other);
}

void
amm_tx_fast_forward(struct amm_tx *tx, const char *id)
{
	tx_other(tx, id);
	tx->fast_forward = tx->has_other;
}

void
amm_tx_note(struct amm_tx *tx, const char *line)
{
	amm_strlist_add(&tx->notes, line);
}

static void
tx_clear(struct amm_tx *tx)
{
	for (size_t i = 0; i < tx->len; i++) {
		free(tx->changes[i].path);
		free(tx->changes[i].data);
	}
	free(tx->changes);
	free(tx->casus);
	free(tx->onderdeel);
	free(tx->what);
	amm_strlist_free(&tx->notes);
	amm_snap_free(tx->snap);
	memset(tx, 0, sizeof(*tx));
}

/*
 * Whether the index still has path as one of the last commits had it: a write killed after it
 * moved the branch, before it updated the index. Writing path puts the entry right.
 */
static bool
index_behind(struct amm_snap *snap, const char *path, const git_index_entry *ie)
{
	git_commit *c = NULL;
	bool behind = false;

	if (snap->commit == NULL || git_commit_dup(&c, snap->commit) != 0)
		return false;
	for (int depth = 0; depth < 50 && !behind; depth++) {
		git_commit *parent = NULL;
		git_tree *tree = NULL;
		git_tree_entry *entry = NULL;

		if (git_commit_parent(&parent, c, 0) != 0)
			break;
		git_commit_free(c);
		c = parent;
		if (git_commit_tree(&tree, c) != 0)
			break;
		if (git_tree_entry_bypath(&entry, tree, path) == 0)
			behind = ie != NULL && git_oid_equal(git_tree_entry_id(entry), &ie->id);
		else
			behind = ie == NULL;
		git_tree_entry_free(entry);
		git_tree_free(tree);
	}
	git_commit_free(c);
	return behind;
}

/* Is path as the snapshot has it, in the work tree and in the index (not in a conflict)? */
static amm_error *
path_clean(struct amm_tx *tx, git_index *index, const char *path, bool *clean)
{
	const git_index_entry *ie = git_index_get_bypath(index, path, 0);
	git_oid base, work;
	bool has_base = amm_snap_blob_id(tx->snap, path, &base), has_work;
	amm_error *err = amm_store_work_oid(tx->st, path, &has_work, &work);

	*clean = err == NULL && amm_oid_same(has_base, &base, has_work, &work) &&
	         (amm_oid_same(has_base, &base, ie != NULL, ie ? &ie->id : NULL) ||
	          index_behind(tx->snap, path, ie)) &&
	         git_index_get_bypath(index, path, 1) == NULL &&
	         git_index_get_bypath(index, path, 2) == NULL;
	return err;
}

static amm_error *
tx_index(struct amm_tx *tx, git_index **index)
{
	int rc = git_repository_index(index, tx->st->repo);

	if (rc == 0)
		rc = git_index_read(*index, 0);
	return rc < 0 ? amm_git_fail(rc, "index") : NULL;
}

/* A path amm would write must be as HEAD has it, in the work tree and in the index. */
static amm_error *
check_clean(struct amm_tx *tx)
{
	git_index *index = NULL;
	amm_error *err = tx_index(tx, &index);
	bool clean = true;

	for (size_t i = 0; i < tx->len && err == NULL && clean; i++) {
		const char *path = tx->changes[i].path;

		err = path_clean(tx, index, path, &clean);
		if (err == NULL && !clean)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DIRTY, path, path, path);
	}
	git_index_free(index);
	return err;
}

amm_error *
amm_tx_clean(struct amm_tx *tx, const char *path, bool *clean)
{
	git_index *index = NULL;
	amm_error *err = tx_index(tx, &index);

	*clean = false;
	if (err == NULL)
		err = path_clean(tx, index, path, clean);
	git_index_free(index);
	return err;
}

static char *
tx_commit_message(const struct amm_tx *tx)
{
	struct amm_buf buf = {0};

	if (tx->casus != NULL)
		amm_buf_addf(&buf, "%s %s: %s\n\n", tx->casus, tx->onderdeel, tx->what);
	else
		amm_buf_addf(&buf, "%s: %s\n\n", tx->onderdeel, tx->what);
	for (size_t i = 0; i < tx->notes.len; i++)
		amm_buf_addf(&buf, "%s%s\n", tx->notes.items[i],
		             i + 1 == tx->notes.len ? "\n" : "");
	if (tx->casus != NULL)
		amm_buf_addf(&buf, "AMM-Casus: %s\n", tx->casus);
	amm_buf_addf(&buf, "AMM-Onderdeel: %s\n", tx->onderdeel);
	return amm_buf_detach(&buf, NULL);
}

/* Blobs for the changes; drop those that leave a file as it was. */
static amm_error *
tx_prepare(struct amm_tx *tx)
{
	size_t kept = 0;

	for (size_t i = 0; i < tx->len; i++) {
		struct tx_change *c = &tx->changes[i];
		git_oid base;
		bool has_base = amm_snap_blob_id(tx->snap, c->path, &base);
		bool same;

		if (c->data != NULL) {
			int rc =
			    git_blob_create_from_buffer(&c->oid, tx->st->repo, c->data, c->len);

			/* A full disk, a file-size limit: the file amm wanted to write. */
			if (rc < 0)
				return amm_error_wrap(amm_git_fail(rc, c->path), MSG_STORE_WRITE,
				                      c->path);
			same = has_base && git_oid_equal(&base, &c->oid);
		} else {
			same = !has_base;
		}
		if (same) {
			free(c->path);
			free(c->data);
		} else {
			tx->changes[kept++] = *c;
		}
	}
	tx->len = kept;
	return NULL;
}

static amm_error *
tx_commit(struct amm_tx *tx, git_oid *commit_id)
{
	git_tree_update *updates = amm_xcalloc(tx->len, sizeof(*updates));
	git_signature *author = NULL, *committer = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;
	char *message = NULL;
	const git_commit *parents[2];
	git_commit *other = NULL;
	amm_error *err = NULL;
	int rc;

	if (tx->fast_forward) {
		git_oid_cpy(commit_id, &tx->other);
		free(updates);
		return NULL;
	}

	for (size_t i = 0; i < tx->len; i++) {
		updates[i].action =
		    tx->changes[i].data ? GIT_TREE_UPDATE_UPSERT : GIT_TREE_UPDATE_REMOVE;
		updates[i].id = tx->changes[i].oid;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		updates[i].path = tx->changes[i].path;
	}
	/* No baseline in an empty repository: the tree is built from the updates alone. */
	rc = git_tree_create_updated(&tree_id, tx->st->repo, tx->snap->tree, tx->len, updates);
	if (rc < 0) {
		err = amm_git_fail(rc, "tree");
		goto done;
	}
	err = amm_store_signature(tx->st, "AUTHOR", NULL, &author);
	if (err == NULL)
		err = amm_store_signature(tx->st, "COMMITTER", author, &committer);
	if (err != NULL)
		goto done;
	rc = git_tree_lookup(&tree, tx->st->repo, &tree_id);
	if (rc < 0) {
		err = amm_git_fail(rc, "tree");
		goto done;
	}
	message = tx_commit_message(tx);
	err = amm_privacy_check_message(message);
	if (err != NULL)
		goto done;
	parents[0] = tx->snap->commit;
	if (tx->has_other) {
		rc = git_commit_lookup(&other, tx->st->repo, &tx->other);
		if (rc < 0) {
			err = amm_git_fail(rc, "commit");
			goto done;
		}
		parents[1] = other;
	}
	rc = git_commit_create(commit_id, tx->st->repo, NULL, author, committer, "UTF-8", message,
	                       tree, (tx->snap->commit ? 1 : 0) + (other ? 1 : 0),
	                       tx->snap->commit ? parents : parents + 1);
	if (rc < 0)
		err = amm_git_fail(rc, "commit");
done:
	git_commit_free(other);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	free(message);
	free(updates);
	return err;
}

/* Move the branch from tip to id; *lost when someone else moved it first. */
static amm_error *
move_branch(struct amm_tx *tx, const char *branch, const git_oid *tip, bool unborn,
            const git_oid *id, bool *lost)
{
	git_reference *ref = NULL;
	char *log = amm_asprintf("commit: %s", tx->what);
	int rc;

	*lost = false;
	amm_store_lock_step(tx->st, branch);
	if (unborn)
		rc = git_reference_create(&ref, tx->st->repo, branch, id, 0, log);
	else
		rc = git_reference_create_matching(&ref, tx->st->repo, branch, id, 1, tip, log);
	amm_store_lock_step(tx->st, NULL);
	free(log);
	git_reference_free(ref);
	if (rc == GIT_ELOCKED)
		return amm_store_lock_left(tx->st, branch, lost);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		*lost = true;
		return NULL;
	}
	return rc < 0 ? amm_git_fail(rc, branch) : NULL;
}

/* The marker for the changes of tx, to be committed as commit_id on tip. */
static char *
marker_of(const struct amm_tx *tx, const git_oid *tip, bool unborn, const git_oid *commit_id)
{
	struct amm_buf buf = {0};
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
	git_oid zero = {{0}}, base;

	git_oid_tostr(a, sizeof(a), unborn ? &zero : tip);
	git_oid_tostr(b, sizeof(b), commit_id);
	amm_buf_addf(&buf, MARKER " 1\n%s %s\n", a, b);
	for (size_t i = 0; i < tx->len; i++) {
		const struct tx_change *c = &tx->changes[i];

		if (!amm_snap_blob_id(tx->snap, c->path, &base))
			base = zero;
		git_oid_tostr(a, sizeof(a), &base);
		git_oid_tostr(b, sizeof(b), c->data != NULL ? &c->oid : &zero);
		amm_buf_addf(&buf, "%s %s %s\n", a, b, c->path);
	}
	return amm_buf_detach(&buf, NULL);
}

amm_error *
amm_store_update(struct amm_store *st, amm_store_fn fn, void *ctx, bool *committed)
{
	struct amm_tx tx = {0};
	struct amm_strlist written = {0};
	amm_error *err = NULL;
	char *branch = NULL, *marker = NULL;
	git_oid tip, id;
	bool unborn, gone, lost = false;

	*committed = false;
	err = amm_store_lock(st);
	if (err != NULL)
		return err;
	if (git_repository_state(st->repo) != GIT_REPOSITORY_STATE_NONE) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_BUSY_STATE);
		goto done;
	}
	for (int attempt = 0;; attempt++) {
		err = amm_store_branch(st, &branch, &tip, &unborn);
		if (err == NULL)
			err = amm_snap_of(&tx.snap, st->repo, unborn ? NULL : &tip);
		if (err != NULL)
			goto done;
		tx.st = st;
		err = fn(&tx, ctx);
		if (err == NULL)
			err = tx_prepare(&tx);
		if (err == NULL && tx.len > 0 && tx.onderdeel == NULL)
			err = amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_NO_MESSAGE);
		if (err == NULL && tx.len > 0 && attempt == 0)
			err = check_clean(&tx);
		if (err != NULL || (tx.len == 0 && !tx.has_other))
			goto done;
		err = tx_commit(&tx, &id);
		if (err == NULL) {
			free(marker);
			marker = marker_of(&tx, &tip, unborn, &id);
			err = amm_marker_write(st, marker);
			if (err != NULL) {
				free(marker);
				marker = NULL;
			}
		}
		for (size_t i = 0; i < tx.len && err == NULL; i++) {
			if (!amm_strlist_has(&written, tx.changes[i].path))
				amm_strlist_add(&written, tx.changes[i].path);
			err = amm_store_work_write(st, tx.changes[i].path, tx.changes[i].data,
			                           tx.changes[i].len);
		}
		if (err == NULL)
			err = move_branch(&tx, branch, &tip, unborn, &id, &lost);
		if (err != NULL)
			goto done;
		if (!lost)
			break;
		/* Put the files this attempt wrote back as the new tip has them, and retry. */
		err = amm_marker_settle(st, marker, &gone);
		if (err == NULL && attempt == 50)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_RACE);
		if (err != NULL)
			goto done;
		tx_clear(&tx);
		free(branch);
		branch = NULL;
	}
	*committed = true;
	git_oid_tostr(st->last_commit, sizeof(st->last_commit), &id);
	free(st->last_subject);
	st->last_subject = tx.casus ? amm_asprintf("%s %s: %s", tx.casus, tx.onderdeel, tx.what)
	                            : amm_asprintf("%s: %s", tx.onderdeel, tx.what);
	/* The commit is made: an index not brought along is a warning, and the marker stays. */
	err = amm_store_index_update(st, &written);
	if (err != NULL) {
		amm_strlist_take(&st->notices, amm_asprintf(MSG_STORE_INDEX, err->msg));
		amm_error_free(err);
		err = NULL;
		free(marker);
		marker = NULL;
	}
done:
	/* A write that did not land leaves no file behind: they were clean before. */
	if (marker != NULL && !*committed) {
		amm_error *undo = amm_marker_settle(st, marker, &gone);

		if (undo != NULL) {
			amm_error_free(undo);
			free(marker);
			marker = NULL; /* the next write tries again */
		}
	}
	if (marker != NULL) {
		char *path = amm_store_git_path(st, MARKER);

		unlink(path);
		free(path);
	}
	free(marker);
	amm_strlist_free(&written);
	tx_clear(&tx);
	free(branch);
	amm_store_unlock(st);
	return err;
}
