/*
 * The history of a path: the commits that changed it (candidates from the history index,
 * each checked), and the commit at the end of a day.
 */
#include "history_priv.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"

static bool
tree_blob_id(git_tree *tree, const char *path, git_oid *out)
{
	git_tree_entry *entry = NULL;
	bool found = false;

	if (git_tree_entry_bypath(&entry, tree, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(entry));
		found = true;
	}
	git_tree_entry_free(entry);
	return found;
}

/* Did commit change path with respect to each of its parents? */
static int
commit_changed(git_commit *commit, const char *path, bool *changed)
{
	git_tree *tree = NULL;
	git_oid mine, theirs;
	bool has_mine;
	unsigned np = git_commit_parentcount(commit);
	int rc;

	*changed = false;
	rc = git_commit_tree(&tree, commit);
	if (rc < 0)
		return rc;
	has_mine = tree_blob_id(tree, path, &mine);
	git_tree_free(tree);
	*changed = np == 0 ? has_mine : true;
	for (unsigned i = 0; i < np && *changed; i++) {
		git_commit *parent = NULL;
		git_tree *ptree = NULL;
		bool has_theirs;

		rc = git_commit_parent(&parent, commit, i);
		if (rc == 0)
			rc = git_commit_tree(&ptree, parent);
		if (rc < 0) {
			git_commit_free(parent);
			return rc;
		}
		has_theirs = tree_blob_id(ptree, path, &theirs);
		if (amm_oid_same(has_mine, &mine, has_theirs, &theirs))
			*changed = false;
		git_tree_free(ptree);
		git_commit_free(parent);
	}
	return 0;
}

amm_error *
amm_store_path_log(struct amm_store *st, const char *path, struct amm_log_entry **out, size_t *n)
{
	struct amm_log_entry *list = NULL;
	git_oid *ids = NULL;
	size_t len = 0, nids = 0;
	amm_error *err;
	int rc = 0;

	*out = NULL;
	*n = 0;
	/* The history index names the commits that may have changed path; each is checked. */
	err = amm_history_candidates(st, path, &ids, &nids);
	for (size_t i = 0; err == NULL && rc == 0 && i < nids; i++) {
		git_commit *commit = NULL;
		bool changed = false;

		rc = git_commit_lookup(&commit, st->repo, &ids[i]);
		if (rc == 0)
			rc = commit_changed(commit, path, &changed);
		if (rc == 0 && changed) {
			const git_signature *a = git_commit_author(commit);
			const git_signature *c = git_commit_committer(commit);
			struct amm_log_entry *e;

			list = amm_xrealloc(list, (len + 1) * sizeof(*list));
			e = &list[len++];
			git_oid_tostr(e->id, sizeof(e->id), &ids[i]);
			e->author = amm_xstrdup(a->name);
			e->email = amm_xstrdup(a->email);
			e->time = (long long)c->when.time;
			e->offset = c->when.offset;
			e->message = amm_xstrdup(git_commit_message(commit));
			e->root = git_commit_parentcount(commit) == 0;
		}
		git_commit_free(commit);
	}
	free(ids);
	if (err == NULL && rc < 0)
		err = amm_git_fail(rc, "geschiedenis");
	if (err != NULL) {
		amm_log_free(list, len);
		return err;
	}
	*out = list;
	*n = len;
	return NULL;
}

void
amm_log_free(struct amm_log_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(entries[i].author);
		free(entries[i].email);
		free(entries[i].message);
	}
	free(entries);
}

amm_error *
amm_snap_open_date(struct amm_snap **out, struct amm_store *st, struct amm_date date,
                   const char *path)
{
	git_commit *commit = NULL;
	git_oid id;
	long day = amm_date_to_days(date);
	amm_error *err = NULL;
	int rc;

	*out = NULL;
	if (path != NULL) {
		struct amm_log_entry *log = NULL;
		size_t n = 0, i = 0;

		err = amm_store_path_log(st, path, &log, &n);
		while (err == NULL && i < n &&
		       amm_date_to_days(amm_date_of_time(log[i].time, log[i].offset)) > day)
			i++;
		if (err == NULL && i < n)
			err = amm_snap_open(out, st, log[i].id);
		amm_log_free(log, n);
		/* Not there yet by then: the day as the whole repository had it says so. */
		if (err != NULL || *out != NULL)
			return err;
	}
	rc = git_reference_name_to_id(&id, st->repo, "HEAD");
	if (rc == 0)
		rc = git_commit_lookup(&commit, st->repo, &id);
	while (rc == 0) {
		const git_signature *c = git_commit_committer(commit);
		git_commit *parent = NULL;

		if (amm_date_to_days(amm_date_of_time((long long)c->when.time, c->when.offset)) <=
		    day) {
			err = amm_snap_of(out, st->repo, git_commit_id(commit));
			break;
		}
		if (git_commit_parentcount(commit) == 0) {
			rc = GIT_ENOTFOUND;
			break;
		}
		rc = git_commit_parent(&parent, commit, 0);
		git_commit_free(commit);
		commit = parent;
	}
	git_commit_free(commit);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_DATE, date.y, date.m, date.d);
	if (rc < 0)
		return amm_git_fail(rc, "geschiedenis");
	return err;
}
