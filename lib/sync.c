/*
 * amm sync: the orchestration of fetch (sync_transport.c), erasure (erase.h), merge
 * (sync_merge.c), the conflict list (sync_conflicts.c) and push, retried while the server
 * moves.
 */
#include "sync.h"

#include <stdlib.h>
#include <string.h>

#include "casus.h"
#include "erase.h"
#include "msg.h"
#include "store_priv.h"
#include "sync_conflicts.h"
#include "sync_merge.h"
#include "sync_transport.h"

#define MAX_PUSHES 6

void
amm_sync_report_free(struct amm_sync_report *r)
{
	free(r->tracking);
	amm_strlist_free(&r->notes);
	amm_strlist_free(&r->conflicted);
	amm_strlist_free(&r->erased);
	amm_strlist_free(&r->erased_hun);
	amm_strlist_free(&r->dropped);
	amm_strlist_free(&r->discarded);
	memset(r, 0, sizeof(*r));
}

static void
add_new(struct amm_strlist *list, const char *s)
{
	if (!amm_strlist_has(list, s))
		amm_strlist_add(list, s);
}

/*
 * Apply the erasure records of both sides to both histories before they merge: when either
 * side lacks a record the other has, a recorded casus is still in a tree, an erasure was
 * interrupted, or a commit we have not shared (since known, our last view of the server)
 * holds one. *theirs becomes the server's tip rewritten; *forced when that differs.
 */
static amm_error *
sync_erasures(struct amm_store *st, const char *tracking_ref, const git_oid *known, bool has_known,
              git_oid *theirs, struct amm_sync_report *r, bool *forced)
{
	struct amm_snap *ours = NULL, *hun = NULL;
	struct amm_erasures el = {0}, eh = {0};
	struct amm_strlist ids = {0}, dirs = {0}, touched = {0};
	struct amm_forget_report fr = {0};
	char ohex[GIT_OID_HEXSZ + 1], khex[GIT_OID_HEXSZ + 1];
	amm_error *err, *pending;
	bool need = false;
	git_oid now;

	*forced = false;
	err = amm_snap_open(&ours, st, NULL);
	if (err == NULL)
		err = amm_snap_of(&hun, st->repo, theirs);
	if (err == NULL)
		err = amm_erasures_load(ours, &el);
	if (err == NULL)
		err = amm_erasures_load(hun, &eh);
	if (err != NULL)
		goto done;
	for (size_t i = 0; i < el.len + eh.len; i++) {
		const char *id = i < el.len ? el.items[i].id : eh.items[i - el.len].id;
		char *dir = amm_casus_dir(id);

		if (!amm_strlist_has(&ids, id)) {
			amm_strlist_add(&ids, id);
			need = need || !amm_erasures_has(&el, id) || !amm_erasures_has(&eh, id) ||
			       amm_snap_holds(ours, dir) || amm_snap_holds(hun, dir);
			amm_strlist_add(&dirs, dir);
		}
		free(dir);
	}
	pending = amm_erase_pending(st, ours);
	need = need || pending != NULL;
	amm_error_free(pending);
	if (dirs.len == 0 && !need)
		goto done;
	if (has_known)
		git_oid_tostr(khex, sizeof(khex), known);
	if (ours->commit != NULL) {
		git_oid_tostr(ohex, sizeof(ohex), git_commit_id(ours->commit));
		err = amm_erase_touching(st, ohex, has_known ? khex : NULL, &dirs, &touched);
	}
	if (err != NULL || (!need && touched.len == 0))
		goto done;
	err = amm_store_forget(st, &dirs, false, &fr);
	r->prune = true;
	if (err != NULL)
		goto done;
	for (size_t i = 0; i < ids.len; i++) {
		if (!amm_erasures_has(&el, ids.items[i]))
			add_new(&r->erased, ids.items[i]);
		if (!amm_erasures_has(&eh, ids.items[i]))
			add_new(&r->erased_hun, ids.items[i]);
	}
	for (size_t i = 0; i < touched.len; i++)
		add_new(&r->dropped, touched.items[i]);
	for (size_t i = 0; i < fr.discarded.len; i++)
		add_new(&r->discarded, fr.discarded.items[i]);
	if (git_reference_name_to_id(&now, st->repo, tracking_ref) != 0) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_EMPTY, tracking_ref);
		goto done;
	}
	*forced = !git_oid_equal(&now, theirs);
	git_oid_cpy(theirs, &now);
done:
	amm_forget_report_free(&fr);
	amm_strlist_free(&touched);
	amm_strlist_free(&dirs);
	amm_strlist_free(&ids);
	amm_erasures_free(&el);
	amm_erasures_free(&eh);
	amm_snap_free(ours);
	amm_snap_free(hun);
	return err;
}

/*
 * Push as amm_transport_push() does, under the server's lock: when forced, only if the server
 * is still at fetched (*moved and nothing pushed when it is not), and then a server reached as
 * a folder is pruned before another amm pushes or fetches there.
 */
static amm_error *
push_locked(git_remote *remote, const char *branch, bool forced, const git_oid *fetched,
            struct amm_transport *cb, bool *moved)
{
	amm_error *err;
	git_oid at;
	bool has_at;
	int server;

	*moved = false;
	err = amm_server_lock(amm_transport_url(remote), false, &server);
	if (err != NULL)
		return err;
	if (forced) {
		/* libgit2 has no force-with-lease: beyond a folder a small window remains. */
		err = amm_transport_tip(remote, branch, cb, &at, &has_at);
		*moved = err == NULL && (!has_at || !git_oid_equal(&at, fetched));
	}
	if (err == NULL && !*moved)
		err = amm_transport_push(remote, branch, forced, cb);
	if (err == NULL && !*moved && forced)
		err = amm_erase_prune_local(amm_transport_url(remote));
	amm_server_unlock(server);
	return err;
}

/* Our remote-tracking ref at tip, the server's branch now, named as a step of the writers' lock. */
static void
set_tracking(struct amm_store *st, const char *tracking_ref, const git_oid *tip)
{
	git_reference *ref = NULL;
	amm_error *err = amm_store_lock(st);

	/* Without it the next fetch says the same. */
	if (err != NULL) {
		amm_error_free(err);
		return;
	}
	amm_store_lock_step(st, tracking_ref);
	git_reference_create(&ref, st->repo, tracking_ref, tip, 1, "amm sync: push");
	amm_store_lock_step(st, NULL);
	amm_store_unlock(st);
	git_reference_free(ref);
}

amm_error *
amm_sync(struct amm_store *st, const char *name, const struct amm_progress *progress,
         struct amm_sync_report *r)
{
	struct amm_transport cb = {.progress = progress};
	struct amm_treemerge m = {.repo = st->repo};
	struct amm_snap *head = NULL;
	git_remote *remote = NULL;
	char *branch = NULL, *tracking_ref = NULL, *spec = NULL;
	amm_error *err = NULL;
	git_oid tip;
	bool unborn;
	int rc;

	amm_sync_report_free(r); /* a report of an earlier sync is replaced */
	rc = git_remote_lookup(&remote, st->repo, name);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_SYNC_NO_REMOTE, name, name);
	if (rc < 0)
		return amm_git_fail(rc, name);
	err = amm_store_branch(st, &branch, &tip, &unborn);
	if (err != NULL)
		goto done;
	r->tracking = amm_asprintf("%s/%s", name, branch + strlen("refs/heads/"));
	tracking_ref = amm_asprintf("refs/remotes/%s", r->tracking);
	spec = amm_asprintf("+%s:%s", branch, tracking_ref);
	m.tracking = r->tracking;
	m.url = amm_transport_url(remote);

	/* Conflicts of an earlier sync are chosen before anything is shared. */
	err = amm_erase_finish(st);
	if (err == NULL)
		err = amm_snap_open(&head, st, NULL);
	if (err == NULL)
		err = amm_conflict_list_pending(st, head, &r->conflicted);
	if (err == NULL && r->conflicted.len > 0) {
		struct amm_buf files = {0};

		for (size_t i = 0; i < r->conflicted.len; i++)
			amm_buf_addf(&files, "%s%s", i ? ", " : "", r->conflicted.items[i]);
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_UNRESOLVED, files.data);
		amm_buf_free(&files);
	}
	if (err != NULL)
		goto done;

	for (int attempt = 0;; attempt++) {
		bool committed, has_theirs, has_known, forced = false, moved;
		git_oid fetched = {{0}}, known;

		has_known = git_reference_name_to_id(&known, st->repo, tracking_ref) == 0;
		err = amm_transport_fetch(st, remote, spec, &cb, tracking_ref, &m.theirs,
		                          &has_theirs);
		if (err != NULL)
			break;
		git_oid_cpy(&fetched, &m.theirs);
		if (has_theirs)
			err = sync_erasures(st, tracking_ref, &known, has_known, &m.theirs, r,
			                    &forced);
		if (err != NULL)
			break;
		if (has_theirs) {
			err = amm_store_update(st, amm_treemerge_change, &m, &committed);
			r->merged = r->merged || (committed && m.merged);
			r->fast_forward = r->fast_forward || (committed && m.fast_forward);
			for (size_t i = 0; committed && i < m.notes.len; i++)
				amm_strlist_add(&r->notes, m.notes.items[i]);
			if (err != NULL)
				break;
			if (committed && m.conflicts > 0) {
				r->conflicts = m.conflicts;
				for (size_t i = 0; i < m.conflicted.len; i++)
					amm_strlist_add(&r->conflicted, m.conflicted.items[i]);
				err = amm_conflict_list_write(st, &r->conflicted);
				if (err == NULL)
					err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_CONFLICT,
					                    m.conflicts);
				break;
			}
		}
		free(branch);
		branch = NULL;
		err = amm_store_branch(st, &branch, &tip, &unborn);
		if (err != NULL || unborn ||
		    (has_theirs && !forced && git_oid_equal(&tip, &m.theirs)))
			break;
		/* Replace the server's history only where the fetch found it. */
		err = push_locked(remote, branch, forced, &fetched, &cb, &moved);
		if (err == NULL && moved) {
			if (attempt + 1 == MAX_PUSHES) {
				err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_BUSY);
				break;
			}
			r->retries++;
			continue;
		}
		if (err == NULL) {
			/* The server has our tip now; git's own fetch would say the same. */
			set_tracking(st, tracking_ref, &tip);
			r->pushed = true;
			break;
		}
		if (cb.auth_error == NULL && cb.host_error == NULL) {
			/* Refused because the server moved since the fetch: merge again. */
			git_oid now;
			bool has_now;
			amm_error *again = amm_transport_fetch(st, remote, spec, &cb, tracking_ref,
			                                       &now, &has_now);

			if (again == NULL && has_now &&
			    (!has_theirs || !git_oid_equal(&now, &fetched))) {
				amm_error_free(err);
				err = NULL;
			}
			amm_error_free(again);
		}
		if (err != NULL)
			break;
		if (attempt + 1 == MAX_PUSHES) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_BUSY);
			break;
		}
		r->retries++;
	}
done:
	/* After an erasure nothing of the old history stays here, whatever else happened. */
	if (r->prune) {
		amm_error *pruned = amm_erase_prune(st);

		if (err == NULL)
			err = pruned;
		else
			amm_error_free(pruned);
	}
	amm_treemerge_clear(&m);
	amm_snap_free(head);
	amm_transport_free(&cb);
	free(branch);
	free(tracking_ref);
	free(spec);
	git_remote_free(remote);
	return err;
}
