/* The conflict list of sync, and resolving what it lists: see sync_conflicts.h. */
#include "sync_conflicts.h"

#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "msg.h"
#include "store_priv.h"
#include "sync.h"

amm_error *
amm_conflict_list_unresolved(struct amm_snap *snap, const struct amm_strlist *paths,
                             struct amm_strlist *out)
{
	amm_error *err = NULL;

	for (size_t i = 0; i < paths->len && err == NULL; i++) {
		struct amm_conflict *list = NULL;
		size_t n = 0, len;
		amm_error *gone;
		char *data;

		gone = amm_snap_read(snap, paths->items[i], &data, &len);
		if (gone != NULL) {
			amm_error_free(gone); /* a file no longer there holds no conflict */
			continue;
		}
		err = amm_conflicts_find(paths->items[i], data, len, &list, &n);
		if (err == NULL && n > 0)
			amm_strlist_add(out, paths->items[i]);
		amm_conflicts_free(list, n);
		free(data);
	}
	return err;
}

amm_error *
amm_conflict_list_pending(struct amm_store *st, struct amm_snap *head, struct amm_strlist *out)
{
	struct amm_strlist listed = {0};
	amm_error *err;

	err = amm_conflict_list_read(st, &listed);
	if (err == NULL)
		err = amm_conflict_list_unresolved(head, &listed, out);
	if (err == NULL && out->len != listed.len)
		err = amm_conflict_list_write(st, out);
	amm_strlist_free(&listed);
	return err;
}

amm_error *
amm_sync_conflict_note(struct amm_store *st, const char *path)
{
	struct amm_strlist paths = {0};
	amm_error *err;

	err = amm_conflict_list_read(st, &paths);
	if (err == NULL && !amm_strlist_has(&paths, path)) {
		amm_strlist_add(&paths, path);
		err = amm_conflict_list_write(st, &paths);
	}
	amm_strlist_free(&paths);
	return err;
}

struct resolve_ctx {
	const struct amm_strlist *paths;
	bool mijn;
	struct amm_strlist *resolved;
};

static amm_error *
resolve_change(struct amm_tx *tx, void *arg)
{
	struct resolve_ctx *c = arg;
	struct amm_snap *snap = amm_tx_snap(tx);
	struct amm_buf what = {0};
	amm_error *err = NULL;

	amm_strlist_free(c->resolved);
	for (size_t i = 0; i < c->paths->len && err == NULL; i++) {
		const char *path = c->paths->items[i];
		char *data = NULL, *out = NULL;
		size_t len, outlen;

		err = amm_snap_read(snap, path, &data, &len);
		if (err == NULL)
			err = amm_conflicts_resolve(path, data, len, c->mijn, &out, &outlen);
		if (err == NULL && (outlen != len || memcmp(out, data, len) != 0)) {
			amm_tx_write(tx, path, out, outlen);
			amm_strlist_add(c->resolved, path);
			amm_buf_addf(&what, "%s%s", what.len ? ", " : "", path);
		}
		free(data);
		free(out);
	}
	if (err == NULL && c->resolved->len > 0)
		amm_tx_message(tx, NULL, "sync", "conflicten opgelost (%s): %s",
		               c->mijn ? "mijn" : "hun", what.data);
	amm_buf_free(&what);
	return err;
}

amm_error *
amm_sync_resolve(struct amm_store *st, bool mijn, const char *deel, struct amm_strlist *resolved)
{
	struct amm_strlist listed = {0}, chosen = {0}, left = {0};
	struct resolve_ctx c = {&chosen, mijn, resolved};
	struct amm_snap *head = NULL;
	amm_error *err;
	bool committed;

	err = amm_conflict_list_read(st, &listed);
	for (size_t i = 0; err == NULL && i < listed.len; i++) {
		const char *slash = strrchr(listed.items[i], '/');
		const char *base = slash ? slash + 1 : listed.items[i];

		if (deel == NULL || strcmp(base, deel) == 0)
			amm_strlist_add(&chosen, listed.items[i]);
	}
	if (err == NULL)
		err = chosen.len == 0 ? amm_error_new(AMM_EXIT_NOTFOUND, MSG_SYNC_NO_CONFLICTS)
		                      : amm_store_update(st, resolve_change, &c, &committed);
	if (err == NULL && resolved->len == 0)
		err = amm_error_new(AMM_EXIT_NOTFOUND, MSG_SYNC_NO_CONFLICTS);
	if (err == NULL)
		err = amm_snap_open(&head, st, NULL);
	if (err == NULL)
		err = amm_conflict_list_unresolved(head, &listed, &left);
	if (err == NULL)
		err = amm_conflict_list_write(st, &left);
	amm_snap_free(head);
	amm_strlist_free(&listed);
	amm_strlist_free(&chosen);
	amm_strlist_free(&left);
	return err;
}
