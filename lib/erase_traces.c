/*
 * What an erasure looks at and leaves: the commits that touched the folders, and what in a
 * clone still refers to a casus.
 */
#include "erase_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "casus.h"
#include "history.h"
#include "msg.h"
#include "summary.h"

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
	static const char *const files[] = {AMM_HISTORY_FILE, AMM_SUMMARY_FILE, AMM_CONFLICT_FILE,
	                                    AMM_ERASE_MARKER};
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
