/*
 * Erasure: the record committed, the rewrite (erase_rewrite.c) checked, marked, carried out and
 * finished, the index and work tree following, and the prune (erase_prune.c).
 */
#include "erase_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casus.h"
#include "conflict_list.h"
#include "history.h"
#include "msg.h"
#include "summary.h"
#include "worktree.h"

#define MARKER AMM_ERASE_MARKER

/* The folders of an interrupted erasure (none: empty). */
static void
marker_read(struct amm_store *st, struct amm_strlist *dirs)
{
	char *path = amm_store_git_path(st, MARKER);
	FILE *f = fopen(path, "r");
	char line[256];

	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (*line != '\0' && !amm_strlist_has(dirs, line))
			amm_strlist_add(dirs, line);
	}
	if (f != NULL)
		fclose(f);
	free(path);
}

amm_error *
amm_erase_pending(struct amm_store *st, struct amm_snap *head)
{
	struct amm_erasures e = {0};
	struct amm_strlist dirs = {0};
	amm_error *err;

	marker_read(st, &dirs);
	if (dirs.len > 0) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_ERASE_INTERRUPTED);
		goto done;
	}
	err = amm_erasures_load(head, &e);
	for (size_t i = 0; i < e.len && err == NULL; i++) {
		char *dir = amm_casus_dir(e.items[i].id);

		if (amm_snap_holds(head, dir))
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_ERASE_PENDING, e.items[i].id);
		free(dir);
	}
done:
	amm_erasures_free(&e);
	amm_strlist_free(&dirs);
	return err;
}

int
amm_erase_collect_ref(const char *name, void *payload)
{
	amm_strlist_add(payload, name);
	return 0;
}

static bool
in_dirs(const struct amm_strlist *dirs, const char *path)
{
	for (size_t i = 0; i < dirs->len; i++) {
		size_t n = strlen(dirs->items[i]);

		if (strncmp(path, dirs->items[i], n) == 0 && (path[n] == '/' || path[n] == '\0'))
			return true;
	}
	return false;
}

/*
 * Refuse what a rewrite cannot handle safely: local changes outside the folders, annotated
 * tags, unknown refs. Changes inside the folders are named in r->discarded.
 */
static amm_error *
forget_check(struct amm_store *st, const struct amm_strlist *refs, const struct amm_strlist *dirs,
             struct amm_forget_report *r)
{
	git_status_options so;
	git_status_list *status = NULL;
	amm_error *err = NULL;
	size_t dirty = 0;
	int rc;

	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	if (git_repository_state(st->repo) != GIT_REPOSITORY_STATE_NONE)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_BUSY_STATE);
	if (git_repository_head_detached(st->repo) == 1)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DETACHED);
	so.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	           GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	rc = git_status_list_new(&status, st->repo, &so);
	if (rc < 0)
		return amm_git_fail(rc, "status");
	for (size_t i = 0; i < git_status_list_entrycount(status); i++) {
		const git_status_entry *s = git_status_byindex(status, i);
		const git_diff_delta *d =
		    s->index_to_workdir ? s->index_to_workdir : s->head_to_index;
		const char *path = d != NULL ? d->new_file.path : "";

		if (in_dirs(dirs, path)) {
			if (!amm_strlist_has(&r->discarded, path))
				amm_strlist_add(&r->discarded, path);
		} else if (s->status != GIT_STATUS_WT_NEW && s->status != GIT_STATUS_IGNORED) {
			dirty++;
		}
	}
	git_status_list_free(status);
	if (dirty > 0)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_DIRTY, dirty);
	for (size_t i = 0; i < refs->len && err == NULL; i++) {
		const char *name = refs->items[i];
		git_reference *ref = NULL;
		git_object *obj = NULL;

		if (amm_str_starts(name, "refs/heads/") || amm_str_starts(name, "refs/remotes/"))
			continue;
		if (!amm_str_starts(name, "refs/tags/")) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_REF, name);
			break;
		}
		rc = git_reference_lookup(&ref, st->repo, name);
		if (rc == 0)
			rc = git_reference_peel(&obj, ref, GIT_OBJECT_ANY);
		if (rc == 0 && git_object_type(obj) != GIT_OBJECT_COMMIT)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_REF, name);
		git_object_free(obj);
		git_reference_free(ref);
	}
	return err;
}

/* The conflict list of sync as read (listed) without the lines of the folders. */
static amm_error *
conflicts_without(struct amm_store *st, const struct amm_strlist *listed,
                  const struct amm_strlist *dirs)
{
	struct amm_strlist kept = {0};
	amm_error *err = NULL;

	for (size_t i = 0; i < listed->len; i++)
		if (!in_dirs(dirs, listed->items[i]))
			amm_strlist_add(&kept, listed->items[i]);
	if (kept.len != listed->len)
		err = amm_conflict_list_write(st, &kept);
	amm_strlist_free(&kept);
	return err;
}

/* 4. The folders leave the index and the work tree. */
static amm_error *
remove_folders(struct amm_store *st, const struct amm_strlist *dirs)
{
	git_index *index = NULL;
	amm_error *err = NULL;
	int rc;

	rc = git_repository_index(&index, st->repo);
	if (rc == 0)
		rc = git_index_read(index, 1);
	for (size_t i = 0; i < dirs->len && rc == 0; i++)
		rc = git_index_remove_directory(index, dirs->items[i], 0);
	amm_store_lock_step(st, "index");
	if (rc == 0)
		rc = git_index_write(index);
	amm_store_lock_step(st, NULL);
	git_index_free(index);
	if (rc < 0)
		return amm_git_fail(rc, "index");
	for (size_t i = 0; i < dirs->len && err == NULL; i++)
		err = amm_worktree_remove_dir(st->workdir, dirs->items[i]);
	return err;
}

/* amm_erase_prune_repo() of this clone, the erasure's last step: it is finished then. */
static amm_error *
prune_here(struct amm_store *st)
{
	char *path = amm_store_git_path(st, MARKER);
	amm_error *err = amm_erase_prune_repo(st->repo);

	if (err == NULL && unlink(path) != 0 && errno != ENOENT)
		err = amm_error_errno(MSG_STORE_WRITE, path);
	free(path);
	return err;
}

amm_error *
amm_store_forget(struct amm_store *st, const struct amm_strlist *dirs_in, bool prune,
                 struct amm_forget_report *r)
{
	struct amm_strlist refs = {0}, dirs = {0}, listed = {0};
	struct amm_buf marker = {0};
	struct oidmap map = {0};
	amm_error *err = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	err = amm_store_lock(st);
	if (err != NULL)
		return err;
	for (size_t i = 0; i < dirs_in->len; i++)
		amm_strlist_add(&dirs, dirs_in->items[i]);
	marker_read(st, &dirs); /* an interrupted erasure is finished too */
	rc = git_reference_foreach_name(st->repo, amm_erase_collect_ref, &refs);
	if (rc < 0) {
		err = amm_git_fail(rc, "refs");
		goto done;
	}
	amm_strlist_sort(&refs);
	err = forget_check(st, &refs, &dirs, r);
	/* Read before anything changes: a list amm cannot read refuses the erasure whole. */
	if (err == NULL)
		err = amm_conflict_list_read(st, &listed);
	if (err == NULL)
		err = amm_erase_rewrite(st, &refs, &dirs, &map, r);
	if (err != NULL)
		goto done;
	/* 2. A branch or tag with nothing left is refused before anything is moved. */
	for (size_t i = 0; i < refs.len; i++) {
		git_oid old, now;

		if (git_reference_name_to_id(&old, st->repo, refs.items[i]) == 0 &&
		    !amm_oidmap_get(&map, &old, &now) &&
		    !amm_str_starts(refs.items[i], "refs/remotes/")) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_EMPTY, refs.items[i]);
			goto done;
		}
	}
	/* From here on a stopped amm finishes the erasure the next time (amm_erase_pending). */
	for (size_t i = 0; i < dirs.len; i++)
		amm_buf_addf(&marker, "%s\n", dirs.items[i]);
	err = amm_store_git_replace(st, MARKER, marker.data, marker.len);
	if (err != NULL)
		goto done;
	amm_history_remove(st);
	amm_summary_remove(st);
	err = amm_erase_move_refs(st, &refs, &map, r);
	if (err == NULL)
		err = remove_folders(st, &dirs);
	if (err == NULL)
		err = conflicts_without(st, &listed, &dirs);
	/* 5. Nothing else stays (now, or after the push of a sync). */
	if (err == NULL && prune)
		err = prune_here(st);
	if (err == NULL) {
		git_strarray remotes = {0};

		if (git_remote_list(&remotes, st->repo) == 0)
			for (size_t i = 0; i < remotes.count; i++)
				amm_strlist_add(&r->remotes, remotes.strings[i]);
		git_strarray_dispose(&remotes);
	}
done:
	amm_oidmap_free(&map);
	amm_strlist_free(&refs);
	amm_strlist_free(&dirs);
	amm_strlist_free(&listed);
	amm_buf_free(&marker);
	amm_store_unlock(st);
	return err;
}

amm_error *
amm_erase_prune(struct amm_store *st)
{
	/* Under the writers' lock: another amm's new objects are not in the pack yet. */
	amm_error *err = amm_store_lock(st);

	if (err == NULL) {
		err = prune_here(st);
		amm_store_unlock(st);
	}
	return err;
}
void
amm_forget_report_free(struct amm_forget_report *r)
{
	amm_strlist_free(&r->branches);
	amm_strlist_free(&r->remotes);
	amm_strlist_free(&r->discarded);
}

struct record_ctx {
	const struct amm_strlist *ids;
	const char *ground, *list, *list_text;
	char *door;
	char day[AMM_DATE_LEN];
	struct amm_strlist tips;
};

static amm_error *
record_change(struct amm_tx *tx, void *arg)
{
	struct record_ctx *rc = arg;
	struct amm_snap *snap = amm_tx_snap(tx);
	char *text = NULL, *next = NULL;
	size_t len = 0, nlen = 0;
	amm_error *err = NULL;

	if (amm_snap_exists(snap, AMM_ERASE_FILE))
		err = amm_snap_read(snap, AMM_ERASE_FILE, &text, &len);
	for (size_t i = 0; i < rc->ids->len && err == NULL; i++) {
		struct amm_erasure e = {
		    .id = rc->ids->items[i],
		    .datum = rc->day,
		    .door = rc->door,
		    .grond = (char *)rc->ground,
		    .lijst = (char *)rc->list,
		    .vervangen = rc->tips,
		};

		err = amm_erasure_add(text, len, &e, &next, &nlen);
		free(text);
		text = next;
		len = nlen;
	}
	if (err == NULL) {
		amm_tx_write(tx, AMM_ERASE_FILE, text, len);
		if (rc->list != NULL)
			amm_tx_write(tx, rc->list, rc->list_text, strlen(rc->list_text));
		if (rc->ids->len == 1)
			amm_tx_message(tx, NULL, "vergeten", "casus %s gewist (grond: %s)",
			               rc->ids->items[0], rc->ground);
		else
			amm_tx_message(tx, NULL, "vergeten", "%zu casussen gewist (grond: %s)",
			               rc->ids->len, rc->ground);
		for (size_t i = 0; i < rc->ids->len && rc->ids->len > 1; i++)
			amm_tx_note(tx, rc->ids->items[i]);
	}
	free(text);
	return err;
}

amm_error *
amm_erase(struct amm_store *st, const struct amm_strlist *ids, const char *ground,
          struct amm_date today, const char *list, const char *list_text,
          struct amm_forget_report *r)
{
	struct record_ctx rc = {.ids = ids, .ground = ground, .list = list, .list_text = list_text};
	struct amm_strlist refs = {0}, dirs = {0};
	git_signature *who = NULL;
	amm_error *err;
	bool committed;

	memset(r, 0, sizeof(*r));
	amm_date_format(today, rc.day);
	err = amm_store_author(st, &who);
	if (err != NULL)
		return err;
	rc.door = amm_xstrdup(who->name);
	git_signature_free(who);
	/* The tips it replaces: every local branch as it is now. */
	git_reference_foreach_name(st->repo, amm_erase_collect_ref, &refs);
	amm_strlist_sort(&refs);
	for (size_t i = 0; i < refs.len; i++) {
		git_oid id;
		char hex[GIT_OID_HEXSZ + 1];

		if (amm_str_starts(refs.items[i], "refs/heads/") &&
		    git_reference_name_to_id(&id, st->repo, refs.items[i]) == 0) {
			git_oid_tostr(hex, sizeof(hex), &id);
			if (!amm_strlist_has(&rc.tips, hex))
				amm_strlist_add(&rc.tips, hex);
		}
	}
	for (size_t i = 0; i < ids->len; i++)
		amm_strlist_take(&dirs, amm_casus_dir(ids->items[i]));
	/* What would stop the rewrite stops the record too: no record without its erasure. */
	err = forget_check(st, &refs, &dirs, r);
	amm_forget_report_free(r);
	memset(r, 0, sizeof(*r));
	if (err == NULL)
		err = amm_store_update(st, record_change, &rc, &committed);
	if (err == NULL)
		err = amm_store_forget(st, &dirs, true, r);
	amm_strlist_free(&dirs);
	amm_strlist_free(&refs);
	amm_strlist_free(&rc.tips);
	free(rc.door);
	return err;
}

amm_error *
amm_erase_finish(struct amm_store *st)
{
	struct amm_forget_report r = {0};
	struct amm_strlist dirs = {0}, none = {0};
	amm_error *err = NULL;

	marker_read(st, &dirs);
	if (dirs.len > 0)
		err = amm_store_forget(st, &none, true, &r);
	amm_forget_report_free(&r);
	amm_strlist_free(&dirs);
	return err;
}

amm_error *
amm_erase_apply(struct amm_store *st, struct amm_forget_report *r)
{
	struct amm_snap *head = NULL;
	struct amm_erasures e = {0};
	struct amm_strlist dirs = {0};
	amm_error *err;

	memset(r, 0, sizeof(*r));
	err = amm_snap_open(&head, st, NULL);
	if (err == NULL)
		err = amm_erasures_load(head, &e);
	for (size_t i = 0; i < e.len; i++)
		amm_strlist_take(&dirs, amm_casus_dir(e.items[i].id));
	if (err == NULL)
		err = amm_store_forget(st, &dirs, true, r);
	amm_strlist_free(&dirs);
	amm_erasures_free(&e);
	amm_snap_free(head);
	return err;
}
