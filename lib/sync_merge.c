/* The merge of a sync: see sync_merge.h. */
#include "sync_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casus.h"
#include "inidoc.h"
#include "merge.h"
#include "msg.h"
#include "sync.h"

/* A changed path between two trees: its blob on the new side (absent when removed). */
struct change {
	char *path;
	git_oid id;
	bool present;
};

static void
changes_free(struct change *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].path);
	free(c);
}

static amm_error *
tree_changes(git_repository *repo, git_tree *from, git_tree *to, struct change **out, size_t *n)
{
	git_diff *diff = NULL;
	int rc = git_diff_tree_to_tree(&diff, repo, from, to, NULL);

	*out = NULL;
	*n = 0;
	if (rc < 0)
		return amm_git_fail(rc, "diff");
	*n = git_diff_num_deltas(diff);
	*out = amm_xcalloc(*n ? *n : 1, sizeof(**out));
	for (size_t i = 0; i < *n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		(*out)[i].present = d->status != GIT_DELTA_DELETED;
		(*out)[i].path = amm_xstrdup(d->status == GIT_DELTA_DELETED ? d->old_file.path
		                                                            : d->new_file.path);
		git_oid_cpy(&(*out)[i].id, &d->new_file.id);
	}
	git_diff_free(diff);
	return NULL;
}

static const struct change *
change_find(const struct change *c, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].path, path) == 0)
			return &c[i];
	return NULL;
}

static amm_error *
blob_text(git_repository *repo, const git_oid *id, char **data, size_t *len)
{
	git_blob *blob = NULL;
	int rc = git_blob_lookup(&blob, repo, id);

	if (rc < 0)
		return amm_git_fail(rc, "blob");
	*len = (size_t)git_blob_rawsize(blob);
	*data = amm_xstrndup(git_blob_rawcontent(blob), *len);
	git_blob_free(blob);
	return NULL;
}

/* Write (or remove) the file as the change has it. */
static amm_error *
take_change(git_repository *repo, struct amm_tx *tx, const struct change *c)
{
	amm_error *err;
	char *data = NULL;
	size_t len;

	if (!c->present) {
		amm_tx_remove(tx, c->path);
		return NULL;
	}
	err = blob_text(repo, &c->id, &data, &len);
	if (err == NULL)
		amm_tx_write(tx, c->path, data, len);
	free(data);
	return err;
}

/* The blob of path in tree into *data, or *data NULL when absent. */
static amm_error *
tree_text(git_repository *repo, git_tree *tree, const char *path, char **data, size_t *len)
{
	git_tree_entry *e = NULL;
	amm_error *err = NULL;

	*data = NULL;
	*len = 0;
	if (tree != NULL && git_tree_entry_bypath(&e, tree, path) == 0)
		err = blob_text(repo, git_tree_entry_id(e), data, len);
	git_tree_entry_free(e);
	return err;
}

/* The merge state of the folder of path: files in one casus renumber together. */
struct amm_treemerge_folder {
	char *dir;
	struct amm_merge_state state;
};

void
amm_treemerge_clear(struct amm_treemerge *m)
{
	for (size_t i = 0; i < m->nfolders; i++) {
		free(m->folders[i].dir);
		amm_merge_state_clear(&m->folders[i].state);
	}
	free(m->folders);
	m->folders = NULL;
	m->nfolders = 0;
	amm_strlist_free(&m->notes);
	amm_strlist_free(&m->conflicted);
	amm_strlist_free(&m->moved);
	m->conflicts = 0;
	m->merged = m->fast_forward = false;
}

static struct amm_merge_state *
folder_state(struct amm_treemerge *m, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) : 0;

	for (size_t i = 0; i < m->nfolders; i++)
		if (strlen(m->folders[i].dir) == dlen &&
		    strncmp(m->folders[i].dir, path, dlen) == 0)
			return &m->folders[i].state;
	m->folders = amm_xrealloc(m->folders, (m->nfolders + 1) * sizeof(*m->folders));
	m->folders[m->nfolders] = (struct amm_treemerge_folder){amm_xstrndup(path, dlen), {0}};
	return &m->folders[m->nfolders++].state;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

amm_error *
amm_sync_merge_text(const char *path, const char *b, size_t blen, const char *o, size_t olen,
                    const char *t, size_t tlen, struct amm_merge_state *state, char **out,
                    size_t *outlen)
{
	git_merge_file_input in[3];
	git_merge_file_options opts;
	git_merge_file_result res = {0};
	const char *texts[3] = {b ? b : "", o, t};
	const size_t lens[3] = {b ? blen : 0, olen, tlen};
	int rc;

	*out = NULL;
	*outlen = 0;
	if (ends_with(path, ".ini"))
		return amm_merge_ini(path, b, blen, o, olen, t, tlen, state, out, outlen);
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.our_label = "mijn";
	opts.their_label = "hun";
	for (int i = 0; i < 3; i++) {
		git_merge_file_input_init(&in[i], GIT_MERGE_FILE_INPUT_VERSION);
		in[i].ptr = texts[i];
		in[i].size = lens[i];
		in[i].path = path;
	}
	rc = git_merge_file(&res, &in[0], &in[1], &in[2], &opts);
	if (rc < 0)
		return amm_git_fail(rc, path);
	*out = amm_xstrndup(res.ptr, res.len);
	*outlen = res.len;
	if (!res.automergeable) {
		struct amm_conflict *list = NULL;
		size_t n = 0;

		amm_error_free(amm_conflicts_find(path, *out, *outlen, &list, &n));
		state->conflicts += n ? n : 1;
		amm_strlist_take(&state->notes, amm_asprintf("%s: conflict in %zu stuk(ken) tekst",
		                                             path, n ? n : 1));
		amm_conflicts_free(list, n);
	}
	git_merge_file_result_free(&res);
	return NULL;
}

/* Both sides changed path: merge the three versions into the transaction. */
static amm_error *
merge_file(struct amm_treemerge *m, struct amm_tx *tx, git_tree *base, git_tree *ours,
           git_tree *theirs, const char *path)
{
	git_repository *repo = m->repo;
	char *b = NULL, *o = NULL, *t = NULL, *out = NULL;
	size_t blen, olen, tlen, outlen = 0, before, nnotes;
	struct amm_merge_state *state;
	amm_error *err;

	err = tree_text(repo, base, path, &b, &blen);
	if (err == NULL)
		err = tree_text(repo, ours, path, &o, &olen);
	if (err == NULL)
		err = tree_text(repo, theirs, path, &t, &tlen);
	if (err != NULL)
		goto done;
	if (o == NULL || t == NULL) {
		/* Removed on one side, changed on the other: the changed file stays. */
		if (o == NULL)
			amm_tx_write(tx, path, t, tlen);
		amm_strlist_take(&m->notes, amm_asprintf("%s: aan de ene kant verwijderd, aan de "
		                                         "andere gewijzigd; bewaard",
		                                         path));
		goto done;
	}
	state = folder_state(m, path);
	before = state->conflicts;
	nnotes = state->notes.len;
	err = amm_sync_merge_text(path, b, blen, o, olen, t, tlen, state, &out, &outlen);
	if (err != NULL)
		goto done;
	for (size_t i = nnotes; i < state->notes.len; i++)
		amm_strlist_add(&m->notes, state->notes.items[i]);
	if (state->conflicts > before) {
		m->conflicts += state->conflicts - before;
		amm_strlist_add(&m->conflicted, path);
	}
	amm_tx_write(tx, path, out, outlen);
done:
	free(b);
	free(o);
	free(t);
	free(out);
	return err;
}

/* stappen.ini first, so that the other files of its casus follow its renumbering. */
static int
stappen_first(const void *a, const void *b)
{
	const struct change *x = a, *y = b;

	return (int)ends_with(y->path, "/stappen.ini") - (int)ends_with(x->path, "/stappen.ini");
}

static bool
same_entry(git_tree *a, git_tree *b, const char *path, bool *in_a)
{
	git_tree_entry *ea = NULL, *eb = NULL;
	bool same;

	*in_a = a != NULL && git_tree_entry_bypath(&ea, a, path) == 0;
	if (b == NULL || git_tree_entry_bypath(&eb, b, path) != 0)
		same = !*in_a;
	else
		same = *in_a && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb));
	git_tree_entry_free(ea);
	git_tree_entry_free(eb);
	return same;
}

/* The next casus id of the year of id, past those of both sides and those given out. */
static amm_error *
next_free_id(struct amm_treemerge *m, git_commit *ours, git_commit *theirs, const char *id,
             char **out)
{
	struct amm_snap *snaps[2] = {NULL, NULL};
	long max = 0;
	amm_error *err = amm_snap_of(&snaps[0], m->repo, git_commit_id(ours));

	if (err == NULL)
		err = amm_snap_of(&snaps[1], m->repo, git_commit_id(theirs));
	for (int i = 0; i < 2 && err == NULL; i++) {
		char *next = NULL;

		err = amm_casus_next_id(snaps[i], atoi(id), &next);
		if (err == NULL && strtol(next + 5, NULL, 10) > max)
			max = strtol(next + 5, NULL, 10);
		free(next);
	}
	for (size_t i = 0; i < m->moved.len; i++) {
		const char *to = strrchr(m->moved.items[i], '\n') + 1;

		if (strncmp(to, id, 4) == 0 && strtol(to + 5, NULL, 10) >= max)
			max = strtol(to + 5, NULL, 10) + 1;
	}
	if (err == NULL)
		*out = amm_asprintf("%.4s-%03ld", id, max);
	amm_snap_free(snaps[0]);
	amm_snap_free(snaps[1]);
	return err;
}

/*
 * A casus folder both sides made (two members ran amm nieuw and got the same id): theirs keeps
 * the id, ours moves to the next free one, with its casus.ini saying so.
 */
static amm_error *
move_casus(struct amm_treemerge *m, struct amm_tx *tx, git_commit *ours_c, git_commit *theirs_c,
           git_tree *ours, const char *dir)
{
	const char *id = strrchr(dir, '/') + 1;
	git_tree_entry *entry = NULL;
	git_tree *sub = NULL;
	amm_error *err = NULL;
	char *to = NULL, *to_dir = NULL;
	int rc;

	err = next_free_id(m, ours_c, theirs_c, id, &to);
	if (err != NULL)
		return err;
	to_dir = amm_casus_dir(to);
	rc = git_tree_entry_bypath(&entry, ours, dir);
	if (rc == 0)
		rc = git_tree_lookup(&sub, m->repo, git_tree_entry_id(entry));
	for (size_t i = 0; rc == 0 && err == NULL && i < git_tree_entrycount(sub); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(sub, i);
		char *from_path = amm_asprintf("%s/%s", dir, git_tree_entry_name(e));
		char *to_path = amm_asprintf("%s/%s", to_dir, git_tree_entry_name(e));
		char *data = NULL, *text = NULL;
		struct amm_ini *ini = NULL;
		size_t len;

		err = blob_text(m->repo, git_tree_entry_id(e), &data, &len);
		if (err == NULL &&
		    strcmp(git_tree_entry_name(e), amm_delen[AMM_DEEL_CASUS].file) == 0) {
			err = amm_ini_parse(&ini, from_path, data, len);
			if (err == NULL)
				err = amm_ini_set(ini, "casus", "id", to);
			if (err == NULL) {
				text = amm_ini_serialize(ini, &len);
				free(data);
				data = text;
			}
			amm_ini_free(ini);
		}
		if (err == NULL) {
			amm_tx_write(tx, to_path, data, len);
			amm_tx_remove(tx, from_path); /* theirs, if they have it, come after */
		}
		free(data);
		free(from_path);
		free(to_path);
	}
	if (rc < 0)
		err = amm_git_fail(rc, dir);
	if (err == NULL) {
		amm_strlist_take(&m->moved, amm_asprintf("%s\n%s", dir, to));
		amm_strlist_take(&m->notes,
		                 amm_asprintf("casus %s (mijn) is nu %s: beide kanten maakten "
		                              "een nieuwe casus %s",
		                              id, to, id));
	}
	git_tree_free(sub);
	git_tree_entry_free(entry);
	free(to);
	free(to_dir);
	return err;
}

/* Whether path is in a casus folder whose ours moved. */
static bool
in_moved(const struct amm_treemerge *m, const char *path)
{
	for (size_t i = 0; i < m->moved.len; i++) {
		size_t n = (size_t)(strchr(m->moved.items[i], '\n') - m->moved.items[i]);

		if (strncmp(path, m->moved.items[i], n) == 0 && path[n] == '/')
			return true;
	}
	return false;
}

static amm_error *
merge_trees(struct amm_treemerge *m, struct amm_tx *tx, git_commit *ours_c, git_commit *theirs_c)
{
	git_repository *repo = m->repo;
	git_commit *base_c = NULL;
	git_tree *base = NULL, *ours = NULL, *theirs = NULL;
	struct change *co = NULL, *ct = NULL;
	size_t no = 0, nt = 0;
	amm_error *err = NULL;
	git_oid base_id;
	int rc;

	rc = git_merge_base(&base_id, repo, git_commit_id(ours_c), git_commit_id(theirs_c));
	if (rc == GIT_ENOTFOUND)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_UNRELATED, m->url);
	if (rc == 0)
		rc = git_commit_lookup(&base_c, repo, &base_id);
	if (rc == 0)
		rc = git_commit_tree(&base, base_c);
	if (rc == 0)
		rc = git_commit_tree(&ours, ours_c);
	if (rc == 0)
		rc = git_commit_tree(&theirs, theirs_c);
	if (rc < 0) {
		err = amm_git_fail(rc, "merge");
		goto done;
	}
	err = tree_changes(repo, base, ours, &co, &no);
	if (err == NULL)
		err = tree_changes(repo, base, theirs, &ct, &nt);
	if (err != NULL)
		goto done;
	/* Casus folders new on both sides, made apart. */
	for (size_t i = 0; i < nt && err == NULL; i++) {
		char *dir = amm_casus_dir_of(ct[i].path);
		bool in_ours, in_base;

		if (dir != NULL && !in_moved(m, ct[i].path) &&
		    (same_entry(base, NULL, dir, &in_base), !in_base) &&
		    !same_entry(ours, theirs, dir, &in_ours) && in_ours)
			err = move_casus(m, tx, ours_c, theirs_c, ours, dir);
		free(dir);
	}
	if (nt > 1)
		qsort(ct, nt, sizeof(*ct), stappen_first);
	for (size_t i = 0; i < nt && err == NULL; i++) {
		const struct change *o = change_find(co, no, ct[i].path);

		if (o == NULL || in_moved(m, ct[i].path)) {
			err = take_change(repo, tx, &ct[i]);
		} else if (o->present != ct[i].present ||
		           (o->present && !git_oid_equal(&o->id, &ct[i].id))) {
			err = merge_file(m, tx, base, ours, theirs, ct[i].path);
		}
	}
	/* Files only ours changed, in a casus whose stappen moved: their references follow. */
	for (size_t i = 0; i < no && err == NULL; i++) {
		struct amm_merge_state *state;

		if (!co[i].present || !ends_with(co[i].path, ".ini") ||
		    change_find(ct, nt, co[i].path) != NULL || in_moved(m, co[i].path))
			continue;
		state = folder_state(m, co[i].path);
		if (state->nrenum > 0)
			err = merge_file(m, tx, base, ours, base, co[i].path);
	}
done:
	changes_free(co, no);
	changes_free(ct, nt);
	git_tree_free(base);
	git_tree_free(ours);
	git_tree_free(theirs);
	git_commit_free(base_c);
	return err;
}

amm_error *
amm_treemerge_change(struct amm_tx *tx, void *arg)
{
	struct amm_treemerge *m = arg;
	struct amm_snap *snap = amm_tx_snap(tx);
	git_repository *repo = m->repo;
	git_commit *theirs = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	amm_error *err = NULL;
	int rc;

	amm_treemerge_clear(m);
	git_oid_tostr(hex, sizeof(hex), &m->theirs);
	if (snap->commit != NULL &&
	    (git_oid_equal(git_commit_id(snap->commit), &m->theirs) ||
	     git_graph_descendant_of(repo, git_commit_id(snap->commit), &m->theirs) == 1))
		return NULL; /* nothing new */
	rc = git_commit_lookup(&theirs, repo, &m->theirs);
	if (rc < 0)
		return amm_git_fail(rc, m->tracking);
	if (snap->commit == NULL ||
	    git_graph_descendant_of(repo, &m->theirs, git_commit_id(snap->commit)) == 1) {
		git_tree *to = NULL;
		struct change *c = NULL;
		size_t n = 0;

		rc = git_commit_tree(&to, theirs);
		err = rc < 0 ? amm_git_fail(rc, m->tracking)
		             : tree_changes(repo, snap->tree, to, &c, &n);
		for (size_t i = 0; i < n && err == NULL; i++)
			err = take_change(repo, tx, &c[i]);
		changes_free(c, n);
		git_tree_free(to);
		amm_tx_fast_forward(tx, hex);
		amm_tx_message(tx, NULL, "sync", "bijgewerkt naar %s", m->tracking);
		m->fast_forward = true;
	} else {
		err = merge_trees(m, tx, snap->commit, theirs);
		for (size_t i = 0; i < m->notes.len; i++)
			amm_tx_note(tx, m->notes.items[i]);
		amm_tx_merge(tx, hex);
		amm_tx_message(tx, NULL, "sync", "samengevoegd met %s", m->tracking);
		m->merged = true;
	}
	git_commit_free(theirs);
	return err;
}
