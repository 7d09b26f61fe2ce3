/*
 * The rewrite of an erasure: every commit written anew without the folders, deterministically,
 * and the refs moved onto the new history.
 */
#include "erase_priv.h"

#include <stdlib.h>
#include <string.h>

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

bool
amm_oidmap_get(const struct oidmap *m, const git_oid *k, git_oid *v)
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

void
amm_oidmap_free(struct oidmap *m)
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

		if (!amm_oidmap_get(map, git_commit_parent_id(c, i), &pid)) {
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

amm_error *
amm_erase_rewrite(struct amm_store *st, const struct amm_strlist *refs,
                  const struct amm_strlist *dirs, struct oidmap *map, struct amm_forget_report *r)
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

amm_error *
amm_erase_move_refs(struct amm_store *st, const struct amm_strlist *refs, const struct oidmap *map,
                    struct amm_forget_report *r)
{
	amm_error *err = NULL;
	int rc;

	for (size_t i = 0; i < refs->len && err == NULL; i++) {
		const char *name = refs->items[i];
		git_reference *ref = NULL;
		git_oid old, now;

		rc = git_reference_name_to_id(&old, st->repo, name);
		if (rc == 0 && !amm_oidmap_get(map, &old, &now)) {
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
