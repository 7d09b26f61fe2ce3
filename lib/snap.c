/*
 * Snapshots: read-only views of one commit's tree, with the folders read last kept at hand.
 */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"

amm_error *
amm_snap_of(struct amm_snap **out, git_repository *repo, const git_oid *commit_id)
{
	struct amm_snap *snap = amm_xcalloc(1, sizeof(*snap));
	int rc;

	snap->repo = repo;
	if (commit_id != NULL) {
		rc = git_commit_lookup(&snap->commit, repo, commit_id);
		if (rc == 0)
			rc = git_commit_tree(&snap->tree, snap->commit);
		if (rc < 0) {
			amm_snap_free(snap);
			return amm_git_fail(rc, "commit lezen");
		}
		git_oid_tostr(snap->id, sizeof(snap->id), commit_id);
	}
	*out = snap;
	return NULL;
}

amm_error *
amm_snap_open(struct amm_snap **out, struct amm_store *st, const char *rev)
{
	git_object *obj = NULL;
	git_oid id;
	amm_error *err;
	int rc;

	*out = NULL;
	if (rev == NULL) {
		rc = git_reference_name_to_id(&id, st->repo, "HEAD");
		if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
			return amm_snap_of(out, st->repo, NULL);
		if (rc < 0)
			return amm_git_fail(rc, "HEAD");
		return amm_snap_of(out, st->repo, &id);
	}
	rc = git_revparse_single(&obj, st->repo, rev);
	if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_REV, rev);
	if (rc < 0)
		return amm_git_fail(rc, rev);
	{
		git_object *peeled = NULL;

		rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
		if (rc < 0)
			return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_REV, rev);
		err = amm_snap_of(out, st->repo, git_object_id(peeled));
		git_object_free(peeled);
	}
	return err;
}

void
amm_snap_free(struct amm_snap *snap)
{
	if (snap == NULL)
		return;
	for (size_t i = 0; i < AMM_SNAP_DIRS; i++) {
		free(snap->dirs[i].path);
		git_tree_free(snap->dirs[i].tree);
	}
	git_tree_free(snap->tree);
	git_commit_free(snap->commit);
	free(snap);
}

const char *
amm_snap_id(const struct amm_snap *snap)
{
	return snap->id;
}

amm_error *
amm_snap_root_id(struct amm_snap *snap, char out[41])
{
	git_revwalk *walk = NULL;
	git_oid id, root;
	bool found = false;
	int rc;

	out[0] = '\0';
	if (snap->commit == NULL)
		return NULL;
	rc = git_revwalk_new(&walk, snap->repo);
	if (rc == 0)
		rc = git_revwalk_simplify_first_parent(walk);
	if (rc == 0)
		rc = git_revwalk_push(walk, git_commit_id(snap->commit));
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0) {
		git_oid_cpy(&root, &id);
		found = true;
	}
	git_revwalk_free(walk);
	if (rc != GIT_ITEROVER)
		return amm_git_fail(rc, "git_revwalk_next");
	if (found)
		git_oid_tostr(out, 41, &root);
	return NULL;
}

/*
 * The tree of folder dir ("" is the root), borrowed from the snapshot: each folder is read
 * once while it is among the last used. Rc GIT_ENOTFOUND when dir is not a folder.
 */
static int
snap_dir(struct amm_snap *snap, const char *dir, git_tree **out)
{
	const char *slash = strrchr(dir, '/');
	const git_tree_entry *e;
	git_tree *parent = NULL, *tree = NULL;
	char *up;
	size_t i;
	int rc;

	*out = snap->tree;
	if (*dir == '\0' || snap->tree == NULL)
		return snap->tree != NULL ? 0 : GIT_ENOTFOUND;
	for (i = 0; i < AMM_SNAP_DIRS && snap->dirs[i].path != NULL; i++)
		if (strcmp(snap->dirs[i].path, dir) == 0)
			break;
	if (i == AMM_SNAP_DIRS || snap->dirs[i].path == NULL) {
		up = amm_xstrndup(dir, slash != NULL ? (size_t)(slash - dir) : 0);
		rc = snap_dir(snap, up, &parent);
		free(up);
		e = rc == 0 ? git_tree_entry_byname(parent, slash != NULL ? slash + 1 : dir) : NULL;
		if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_TREE)
			return rc < 0 ? rc : GIT_ENOTFOUND;
		rc = git_tree_lookup(&tree, snap->repo, git_tree_entry_id(e));
		if (rc < 0)
			return rc;
		i = AMM_SNAP_DIRS - 1;
		free(snap->dirs[i].path);
		git_tree_free(snap->dirs[i].tree);
		snap->dirs[i].path = amm_xstrdup(dir);
		snap->dirs[i].tree = tree;
	}
	/* To the front. */
	for (; i > 0; i--) {
		char *p = snap->dirs[i].path;
		git_tree *t = snap->dirs[i].tree;

		snap->dirs[i] = snap->dirs[i - 1];
		snap->dirs[i - 1].path = p;
		snap->dirs[i - 1].tree = t;
	}
	*out = snap->dirs[0].tree;
	return 0;
}

bool
amm_snap_blob_id(struct amm_snap *snap, const char *path, git_oid *out)
{
	const char *slash = strrchr(path, '/');
	char *dir = amm_xstrndup(path, slash != NULL ? (size_t)(slash - path) : 0);
	const git_tree_entry *e = NULL;
	git_tree *tree = NULL;

	if (snap_dir(snap, dir, &tree) == 0)
		e = git_tree_entry_byname(tree, slash != NULL ? slash + 1 : path);
	free(dir);
	if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return false;
	git_oid_cpy(out, git_tree_entry_id(e));
	return true;
}

bool
amm_snap_exists(struct amm_snap *snap, const char *path)
{
	git_oid id;

	return amm_snap_blob_id(snap, path, &id);
}

amm_error *
amm_snap_read(struct amm_snap *snap, const char *path, char **data, size_t *len)
{
	git_blob *blob = NULL;
	git_oid id;
	size_t n;
	int rc;

	*data = NULL;
	if (len != NULL)
		*len = 0;
	if (!amm_snap_blob_id(snap, path, &id))
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_FILE, path);
	rc = git_blob_lookup(&blob, snap->repo, &id);
	if (rc < 0)
		return amm_git_fail(rc, path);
	n = (size_t)git_blob_rawsize(blob);
	*data = amm_xstrndup(git_blob_rawcontent(blob), n);
	if (len != NULL)
		*len = n;
	git_blob_free(blob);
	return NULL;
}

amm_error *
amm_snap_list(struct amm_snap *snap, const char *dir, struct amm_strlist *names)
{
	amm_error *err = amm_snap_list_ids(snap, dir, names, NULL);

	amm_strlist_sort(names);
	return err;
}

amm_error *
amm_snap_list_ids(struct amm_snap *snap, const char *dir, struct amm_strlist *names,
                  struct amm_strlist *ids)
{
	git_tree *tree = NULL;
	int rc = snap_dir(snap, dir, &tree);

	if (rc == GIT_ENOTFOUND)
		return NULL;
	if (rc < 0)
		return amm_git_fail(rc, dir);
	for (size_t i = 0; i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		char hex[GIT_OID_HEXSZ + 1];

		amm_strlist_add(names, git_tree_entry_name(e));
		if (ids != NULL)
			amm_strlist_add(ids, git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e)));
	}
	return NULL;
}
