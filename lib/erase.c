#include "erase.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casus.h"
#include "history.h"
#include "inidoc.h"
#include "msg.h"
#include "store_priv.h"
#include "worktree.h"

/* The folders of an erasure that was started and not finished (one a line). */
#define MARKER "amm-vergeet"
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

/* A map from old to new commit ids (open addressing; ids are random enough to hash). */
struct oidmap {
	git_oid *keys, *vals;
	bool *used, *dropped_root;
	size_t cap, len;
};

static size_t
oid_hash(const git_oid *id, size_t cap)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h & (cap - 1);
}

static void oidmap_put(struct oidmap *m, const git_oid *k, const git_oid *v);

/* Grow the map at a quarter load; rebuilding is cheap next to the rewrite. */
static void
oidmap_reserve(struct oidmap *m)
{
	struct oidmap bigger = {0};

	if ((m->len + 1) * 4 <= m->cap)
		return;
	bigger.cap = m->cap ? m->cap * 4 : 1024;
	bigger.keys = amm_xcalloc(bigger.cap, sizeof(git_oid));
	bigger.vals = amm_xcalloc(bigger.cap, sizeof(git_oid));
	bigger.used = amm_xcalloc(bigger.cap, sizeof(bool));
	bigger.dropped_root = amm_xcalloc(bigger.cap, sizeof(bool));
	for (size_t k = 0; m->used && k < m->cap; k++)
		if (m->used[k])
			oidmap_put(&bigger, &m->keys[k], m->dropped_root[k] ? NULL : &m->vals[k]);
	free(m->keys);
	free(m->vals);
	free(m->used);
	free(m->dropped_root);
	*m = bigger;
}

static void
oidmap_put(struct oidmap *m, const git_oid *k, const git_oid *v)
{
	size_t i;

	oidmap_reserve(m);
	i = oid_hash(k, m->cap);
	while (m->used[i] && !git_oid_equal(&m->keys[i], k))
		i = (i + 1) & (m->cap - 1);
	if (!m->used[i])
		m->len++;
	m->used[i] = true;
	git_oid_cpy(&m->keys[i], k);
	if (v != NULL)
		git_oid_cpy(&m->vals[i], v);
	m->dropped_root[i] = v == NULL;
}

/* The new id of k; false when k was dropped without a parent to stand in for it. */
static bool
oidmap_get(const struct oidmap *m, const git_oid *k, git_oid *v)
{
	size_t i = m->cap ? oid_hash(k, m->cap) : 0;

	while (m->cap && m->used[i]) {
		if (git_oid_equal(&m->keys[i], k)) {
			if (m->dropped_root[i])
				return false;
			git_oid_cpy(v, &m->vals[i]);
			return true;
		}
		i = (i + 1) & (m->cap - 1);
	}
	git_oid_cpy(v, k); /* not rewritten: itself */
	return true;
}

static void
oidmap_free(struct oidmap *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	free(m->dropped_root);
}

/* The tree without dir, and without the folders above it that it leaves empty. */
static int
tree_without(git_repository *repo, const git_oid *tree_id, const char *dir, git_oid *out,
             bool *changed)
{
	char *path = amm_xstrdup(dir);
	git_tree_entry *entry = NULL;
	git_tree *now = NULL;
	int rc = 0;

	git_oid_cpy(out, tree_id);
	for (;;) {
		git_tree_update up = {.action = GIT_TREE_UPDATE_REMOVE, .path = path};
		char *slash;

		git_tree_free(now);
		now = NULL;
		rc = git_tree_lookup(&now, repo, out);
		if (rc < 0 || git_tree_entry_bypath(&entry, now, path) != 0)
			break;
		git_tree_entry_free(entry);
		entry = NULL;
		rc = git_tree_create_updated(out, repo, now, 1, &up);
		if (rc < 0)
			break;
		*changed = true;
		/* Is the parent folder empty now? Then it goes too. */
		slash = strrchr(path, '/');
		if (slash == NULL)
			break;
		*slash = '\0';
		git_tree_free(now);
		now = NULL;
		rc = git_tree_lookup(&now, repo, out);
		if (rc < 0 || git_tree_entry_bypath(&entry, now, path) != 0)
			break;
		{
			git_tree *sub = NULL;
			size_t n;

			rc = git_tree_lookup(&sub, repo, git_tree_entry_id(entry));
			n = rc == 0 ? git_tree_entrycount(sub) : 1;
			git_tree_free(sub);
			git_tree_entry_free(entry);
			entry = NULL;
			if (rc < 0 || n > 0)
				break;
		}
	}
	git_tree_entry_free(entry);
	git_tree_free(now);
	free(path);
	return rc < 0 ? rc : 0;
}

/*
 * Rewrite one commit (parents first); records the new id or the drop in map. Only the tree,
 * the parents and nothing else change, so every clone that rewrites the same commit without
 * the same folders makes the same new commit.
 */
static int
rewrite_commit(git_repository *repo, git_commit *c, const struct amm_strlist *dirs,
               struct oidmap *map, struct amm_forget_report *r)
{
	unsigned np = git_commit_parentcount(c);
	git_commit **parents = amm_xcalloc(np ? np : 1, sizeof(*parents));
	git_oid new_tree, new_id, pid;
	git_tree *nt = NULL;
	unsigned kept = 0;
	bool changed = false, same = true;
	int rc = 0;

	git_oid_cpy(&new_tree, git_commit_tree_id(c));
	for (size_t i = 0; i < dirs->len && rc == 0; i++)
		rc = tree_without(repo, &new_tree, dirs->items[i], &new_tree, &changed);
	for (unsigned i = 0; i < np && rc == 0; i++) {
		bool dup = false;

		if (!oidmap_get(map, git_commit_parent_id(c, i), &pid)) {
			same = false;
			continue;
		}
		for (unsigned k = 0; k < kept; k++)
			dup = dup || git_oid_equal(git_commit_id(parents[k]), &pid);
		if (dup) {
			same = false;
			continue;
		}
		same = same && git_oid_equal(&pid, git_commit_parent_id(c, i));
		rc = git_commit_lookup(&parents[kept++], repo, &pid);
	}
	if (rc < 0)
		goto done;
	if (!changed && same) {
		oidmap_put(map, git_commit_id(c), git_commit_id(c));
		goto done;
	}
	/* A commit that only touched the folders has nothing left to say. */
	if (changed && kept == 1 && git_oid_equal(&new_tree, git_commit_tree_id(parents[0]))) {
		oidmap_put(map, git_commit_id(c), git_commit_id(parents[0]));
		r->dropped++;
		goto done;
	}
	rc = git_tree_lookup(&nt, repo, &new_tree);
	if (rc == 0 && changed && kept == 0 && git_tree_entrycount(nt) == 0) {
		oidmap_put(map, git_commit_id(c), NULL);
		r->dropped++;
		goto done;
	}
	if (rc == 0)
		rc = git_commit_create(&new_id, repo, NULL, git_commit_author(c),
		                       git_commit_committer(c), git_commit_message_encoding(c),
		                       git_commit_message(c), nt, kept,
		                       (const git_commit **)parents);
	if (rc == 0) {
		oidmap_put(map, git_commit_id(c), &new_id);
		r->rewritten++;
	}
done:
	for (unsigned k = 0; k < kept; k++)
		git_commit_free(parents[k]);
	free(parents);
	git_tree_free(nt);
	return rc;
}

static int
collect_ref(const char *name, void *payload)
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

/* The conflict list of sync without the lines of the folders. */
static amm_error *
conflicts_without(struct amm_store *st, const struct amm_strlist *dirs)
{
	char *path = amm_store_git_path(st, AMM_CONFLICT_FILE);
	FILE *f = fopen(path, "r");
	struct amm_buf kept = {0};
	amm_error *err = NULL;
	bool dropped = false;
	char line[4096];

	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		char *path = amm_xstrndup(line, strcspn(line, "\n"));

		if (in_dirs(dirs, path))
			dropped = true;
		else
			amm_buf_adds(&kept, line);
		free(path);
	}
	if (f != NULL)
		fclose(f);
	if (dropped)
		err = amm_store_git_replace(st, AMM_CONFLICT_FILE, kept.data ? kept.data : "",
		                            kept.len);
	amm_buf_free(&kept);
	free(path);
	return err;
}

/* Delete every pack but keep, and every loose object, and the files that name old commits. */
static amm_error *
drop_other_objects(git_repository *repo, const char *keep)
{
	const char *gitdir = git_repository_path(repo);
	char *packdir = amm_asprintf("%sobjects/pack", gitdir);
	struct amm_strlist gone = {0};
	amm_error *err = NULL;
	DIR *d = opendir(packdir);
	struct dirent *e;

	if (d == NULL) {
		err = amm_error_errno(MSG_STORE_WRITE, packdir);
		goto done;
	}
	while ((e = readdir(d)) != NULL)
		if (amm_str_starts(e->d_name, "pack-") && strstr(e->d_name, keep) == NULL)
			amm_strlist_take(&gone, amm_asprintf("%s/%s", packdir, e->d_name));
	closedir(d);
	for (int i = 0; i < 256; i++) {
		char *sub = amm_asprintf("%sobjects/%02x", gitdir, i);
		DIR *ld = opendir(sub);

		while (ld != NULL && (e = readdir(ld)) != NULL)
			if (e->d_name[0] != '.')
				amm_strlist_take(&gone, amm_asprintf("%s/%s", sub, e->d_name));
		if (ld != NULL)
			closedir(ld);
		amm_strlist_take(&gone, sub);
	}
	amm_strlist_take(&gone, amm_asprintf("%sobjects/info/commit-graph", gitdir));
	amm_strlist_take(&gone, amm_asprintf("%sORIG_HEAD", gitdir));
	amm_strlist_take(&gone, amm_asprintf("%sFETCH_HEAD", gitdir));
	for (size_t i = 0; i < gone.len; i++)
		if (remove(gone.items[i]) != 0 && errno != ENOENT && errno != ENOTEMPTY &&
		    errno != EEXIST && err == NULL)
			err = amm_error_errno(MSG_STORE_WRITE, gone.items[i]);
done:
	amm_strlist_free(&gone);
	free(packdir);
	return err;
}

/* 1. New commits for the history of every ref, parents first, into map. */
static amm_error *
rewrite_all(struct amm_store *st, const struct amm_strlist *refs, const struct amm_strlist *dirs,
            struct oidmap *map, struct amm_forget_report *r)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc;

	rc = git_revwalk_new(&walk, st->repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	for (size_t i = 0; i < refs->len && rc == 0; i++)
		rc = git_revwalk_push_ref(walk, refs->items[i]);
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;

		rc = git_commit_lookup(&c, st->repo, &id);
		if (rc == 0)
			rc = rewrite_commit(st->repo, c, dirs, map, r);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (rc != GIT_ITEROVER && rc != 0)
		return amm_git_fail(rc, "geschiedenis herschrijven");
	return NULL;
}

/* 3. The refs point at the new history; every reflog goes. */
static amm_error *
move_refs(struct amm_store *st, const struct amm_strlist *refs, const struct oidmap *map,
          struct amm_forget_report *r)
{
	amm_error *err = NULL;
	int rc;

	for (size_t i = 0; i < refs->len && err == NULL; i++) {
		const char *name = refs->items[i];
		git_reference *ref = NULL;
		git_oid old, now;

		rc = git_reference_name_to_id(&old, st->repo, name);
		if (rc == 0 && !oidmap_get(map, &old, &now)) {
			/* A remote-tracking branch with nothing left: the next fetch says. */
			rc = git_reference_lookup(&ref, st->repo, name);
			if (rc == 0)
				rc = git_reference_delete(ref);
		} else if (rc == 0 && !git_oid_equal(&old, &now)) {
			amm_store_lock_step(st, name);
			rc = git_reference_create(&ref, st->repo, name, &now, 1, "amm vergeet");
			amm_store_lock_step(st, NULL);
		}
		if (amm_str_starts(name, "refs/heads/"))
			amm_strlist_add(&r->branches, name + strlen("refs/heads/"));
		git_reference_free(ref);
		if (rc == 0)
			rc = git_reflog_delete(st->repo, name);
		if (rc < 0 && rc != GIT_ENOTFOUND)
			err = amm_git_fail(rc, name);
	}
	if (err == NULL) {
		rc = git_reflog_delete(st->repo, "HEAD");
		if (rc < 0 && rc != GIT_ENOTFOUND)
			err = amm_git_fail(rc, "HEAD");
	}
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

/* Keep only what the refs reach, in one new pack, with no reflog. */
static amm_error *
prune_repo(git_repository *repo)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_odb *odb = NULL;
	struct amm_strlist refs = {0};
	amm_error *err = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int rc;

	rc = git_reference_foreach_name(repo, collect_ref, &refs);
	if (rc == 0)
		rc = git_revwalk_new(&walk, repo);
	for (size_t i = 0; i < refs.len && rc == 0; i++) {
		rc = git_revwalk_push_ref(walk, refs.items[i]);
		if (rc == 0)
			rc = git_reflog_delete(repo, refs.items[i]);
		if (rc == GIT_ENOTFOUND)
			rc = 0;
	}
	if (rc == 0)
		rc = git_reflog_delete(repo, "HEAD");
	if (rc == GIT_ENOTFOUND)
		rc = 0;
	if (rc == 0)
		rc = git_packbuilder_new(&pb, repo);
	if (rc == 0)
		rc = git_packbuilder_insert_walk(pb, walk);
	if (rc == 0)
		rc = git_packbuilder_write(pb, NULL, 0, NULL, NULL);
	if (rc < 0) {
		err = amm_git_fail(rc, "pack");
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), git_packbuilder_hash(pb));
	err = drop_other_objects(repo, hex);
	/* Every object is in the new pack now: the odb must look there. */
	rc = err == NULL ? git_repository_odb(&odb, repo) : 0;
	if (rc == 0 && odb != NULL)
		rc = git_odb_refresh(odb);
	if (rc < 0)
		err = amm_git_fail(rc, "objecten");
done:
	git_odb_free(odb);
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	amm_strlist_free(&refs);
	return err;
}

/* prune_repo() of this clone, the erasure's last step: it is finished then. */
static amm_error *
prune_here(struct amm_store *st)
{
	char *path = amm_store_git_path(st, MARKER);
	amm_error *err = prune_repo(st->repo);

	if (err == NULL && unlink(path) != 0 && errno != ENOENT)
		err = amm_error_errno(MSG_STORE_WRITE, path);
	free(path);
	return err;
}

amm_error *
amm_store_forget(struct amm_store *st, const struct amm_strlist *dirs_in, bool prune,
                 struct amm_forget_report *r)
{
	struct amm_strlist refs = {0}, dirs = {0};
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
	rc = git_reference_foreach_name(st->repo, collect_ref, &refs);
	if (rc < 0) {
		err = amm_git_fail(rc, "refs");
		goto done;
	}
	amm_strlist_sort(&refs);
	err = forget_check(st, &refs, &dirs, r);
	if (err == NULL)
		err = rewrite_all(st, &refs, &dirs, &map, r);
	if (err != NULL)
		goto done;
	/* 2. A branch or tag with nothing left is refused before anything is moved. */
	for (size_t i = 0; i < refs.len; i++) {
		git_oid old, now;

		if (git_reference_name_to_id(&old, st->repo, refs.items[i]) == 0 &&
		    !oidmap_get(&map, &old, &now) &&
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
	err = move_refs(st, &refs, &map, r);
	if (err == NULL)
		err = remove_folders(st, &dirs);
	if (err == NULL)
		err = conflicts_without(st, &dirs);
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
	oidmap_free(&map);
	amm_strlist_free(&refs);
	amm_strlist_free(&dirs);
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

amm_error *
amm_erase_prune_local(const char *url)
{
	git_repository *repo = NULL;
	amm_error *err;
	int rc;

	if (amm_str_starts(url, "file://"))
		url += strlen("file://");
	else if (strstr(url, "://") != NULL || (strchr(url, ':') != NULL && *url != '/'))
		return NULL; /* the server's own hook does it (amm init --gedeeld) */
	rc = git_repository_open_ext(&repo, url, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc < 0)
		return amm_git_fail(rc, url);
	err = prune_repo(repo);
	git_repository_free(repo);
	return err;
}

void
amm_forget_report_free(struct amm_forget_report *r)
{
	amm_strlist_free(&r->branches);
	amm_strlist_free(&r->remotes);
	amm_strlist_free(&r->discarded);
}

/* Did commit c change one of dirs against its first parent (or hold one, as a root)? */
static bool
touches(git_commit *c, const struct amm_strlist *dirs)
{
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	bool changed = false;

	if (git_commit_tree(&tree, c) != 0)
		return false;
	if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0)
		git_commit_tree(&ptree, parent);
	for (size_t i = 0; i < dirs->len && !changed; i++) {
		git_tree_entry *a = NULL, *b = NULL;
		bool has_a = git_tree_entry_bypath(&a, tree, dirs->items[i]) == 0;
		bool has_b = ptree != NULL && git_tree_entry_bypath(&b, ptree, dirs->items[i]) == 0;

		changed = has_a != has_b ||
		          (has_a && !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)));
		git_tree_entry_free(a);
		git_tree_entry_free(b);
	}
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	return changed;
}

amm_error *
amm_erase_touching(struct amm_store *st, const char *from, const char *hide,
                   const struct amm_strlist *dirs, struct amm_strlist *out)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc;

	rc = git_revwalk_new(&walk, st->repo);
	if (rc == 0)
		rc = git_oid_fromstr(&id, from);
	if (rc == 0)
		rc = git_revwalk_push(walk, &id);
	if (rc == 0 && hide != NULL && git_oid_fromstr(&id, hide) == 0)
		rc = git_revwalk_hide(walk, &id);
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;

		rc = git_commit_lookup(&c, st->repo, &id);
		if (rc == 0 && touches(c, dirs)) {
			const git_signature *who = git_commit_committer(c);
			char hex[8], day[AMM_DATE_LEN];

			git_oid_tostr(hex, sizeof(hex), &id);
			amm_date_format(amm_date_of_time(who->when.time, who->when.offset), day);
			amm_strlist_take(out, amm_asprintf("%s %s", hex, day));
		}
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (rc != GIT_ITEROVER && rc != 0)
		return amm_git_fail(rc, "geschiedenis");
	return NULL;
}

struct traces {
	git_odb *odb;
	const char *id;
	struct amm_strlist *found;
};

static int
trace_object(const git_oid *oid, void *payload)
{
	struct traces *t = payload;
	git_odb_object *obj = NULL;
	const char *data;
	size_t len;

	if (git_odb_read(&obj, t->odb, oid) != 0)
		return 0;
	if (git_odb_object_type(obj) != GIT_OBJECT_TREE) {
		git_odb_object_free(obj);
		return 0;
	}
	/* Raw tree entries: "<mode> <name>\0<20-byte id>". */
	data = git_odb_object_data(obj);
	len = git_odb_object_size(obj);
	for (size_t i = 0; i < len;) {
		const char *sp = memchr(data + i, ' ', len - i);
		const char *nul = sp ? memchr(sp, '\0', len - (size_t)(sp - data)) : NULL;

		if (nul == NULL)
			break;
		if ((size_t)(nul - sp - 1) == strlen(t->id) &&
		    memcmp(sp + 1, t->id, strlen(t->id)) == 0) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), oid);
			amm_strlist_take(t->found, amm_asprintf(MSG_ERASE_TRACE_TREE, hex));
			break;
		}
		i = (size_t)(nul - data) + 1 + GIT_OID_RAWSZ;
	}
	git_odb_object_free(obj);
	return 0;
}

amm_error *
amm_erase_traces(struct amm_store *st, const char *id, struct amm_strlist *found)
{
	static const char *const files[] = {AMM_HISTORY_FILE, AMM_CONFLICT_FILE, MARKER};
	struct traces t = {.id = id, .found = found};
	char *dir = amm_casus_dir(id);
	char *full = amm_asprintf("%s%s", st->workdir, dir);
	git_index *index = NULL;
	struct stat sb;
	amm_error *err = NULL;
	size_t pos;
	int rc;

	rc = git_repository_odb(&t.odb, st->repo);
	if (rc == 0)
		rc = git_odb_foreach(t.odb, trace_object, &t);
	if (rc == 0)
		rc = git_repository_index(&index, st->repo);
	if (rc < 0) {
		err = amm_git_fail(rc, "objecten");
		goto done;
	}
	if (git_index_find_prefix(&pos, index, dir) == 0)
		amm_strlist_take(found, amm_asprintf(MSG_ERASE_TRACE_INDEX));
	if (lstat(full, &sb) == 0)
		amm_strlist_take(found, amm_asprintf(MSG_ERASE_TRACE_WORKTREE, dir));
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char *path = amm_store_git_path(st, files[i]);
		FILE *f = fopen(path, "r");
		char line[4096];
		bool hit = false;

		while (f != NULL && !hit && fgets(line, sizeof(line), f) != NULL)
			hit = strstr(line, id) != NULL;
		if (f != NULL)
			fclose(f);
		if (hit)
			amm_strlist_take(found, amm_asprintf(MSG_ERASE_TRACE_FILE, path));
		free(path);
	}
done:
	git_index_free(index);
	git_odb_free(t.odb);
	free(dir);
	free(full);
	return err;
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
	git_reference_foreach_name(st->repo, collect_ref, &refs);
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
