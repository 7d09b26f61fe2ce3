#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casus.h"
#include "store_priv.h"

#define HEADER "amm-historie 1 "
#define ANY    "*" /* a path the file cannot hold: matches every query */

struct hentry {
	git_oid id;
	char *keys; /* "\tkey\tkey\t" */
};

struct hindex {
	git_oid tip;
	struct hentry *e;
	size_t n, cap;
};

static void
hindex_free(struct hindex *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->e[i].keys);
	free(h->e);
	memset(h, 0, sizeof(*h));
}

static void
hindex_add(struct hindex *h, const git_oid *id, char *keys)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 1024;
		h->e = amm_xrealloc(h->e, h->cap * sizeof(*h->e));
	}
	git_oid_cpy(&h->e[h->n].id, id);
	h->e[h->n++].keys = keys;
}

/* The key of a path: its casus folder (casussen/<jaar>/<id>), or the path itself. */
static char *
key_of(const char *path)
{
	char *dir = amm_casus_dir_of(path);

	return dir != NULL ? dir : amm_xstrdup(path);
}

static void
key_add(struct amm_buf *keys, const char *prefix, const char *name)
{
	char *key = amm_asprintf("%s%s", prefix, name);
	char *tabbed = amm_asprintf("\t%s\t", key);

	if (strpbrk(key, "\t\n") != NULL) {
		free(tabbed);
		tabbed = amm_xstrdup("\t" ANY "\t");
	}
	/* Once per commit: a merge compares with each parent. */
	if (keys->data == NULL || strstr(keys->data, tabbed) == NULL)
		amm_buf_adds(keys, tabbed + (keys->len > 0 ? 1 : 0));
	free(tabbed);
	free(key);
}

/* One entry of a raw tree object: "<mode> <name>\0<20-byte id>". */
struct raw_entry {
	const char *name;
	size_t len;
	const unsigned char *id;
	bool tree;
};

static bool
raw_next(const char **p, const char *end, struct raw_entry *e)
{
	const char *sp = *p < end ? memchr(*p, ' ', (size_t)(end - *p)) : NULL;
	const char *nul = sp ? memchr(sp, '\0', (size_t)(end - sp)) : NULL;

	if (nul == NULL || end - nul < 1 + GIT_OID_RAWSZ)
		return false;
	e->tree = sp - *p == 5 && memcmp(*p, "40000", 5) == 0;
	e->name = sp + 1;
	e->len = (size_t)(nul - sp - 1);
	e->id = (const unsigned char *)nul + 1;
	*p = nul + 1 + GIT_OID_RAWSZ;
	return true;
}

/* git's order of tree entries: a tree's name sorts as if it ended in '/'. */
static int
raw_cmp(const struct raw_entry *a, const struct raw_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (c != 0)
		return c;
	ca = a->len > n ? (unsigned char)a->name[n] : a->tree ? '/' : '\0';
	cb = b->len > n ? (unsigned char)b->name[n] : b->tree ? '/' : '\0';
	return ca - cb;
}

/*
 * The casus folders in which the year folders a and b (raw, either may be empty) differ,
 * compared without parsing them into objects: these are the large trees of a repository.
 */
static void
year_keys(const char *a, size_t alen, const char *b, size_t blen, const char *prefix,
          struct amm_buf *keys)
{
	const char *pa = a, *ea = a + alen, *pb = b, *eb = b + blen;
	struct raw_entry x, y;
	bool hx = raw_next(&pa, ea, &x), hy = raw_next(&pb, eb, &y);

	while (hx || hy) {
		int cmp = !hx ? 1 : !hy ? -1 : raw_cmp(&x, &y);

		if (cmp != 0 || memcmp(x.id, y.id, GIT_OID_RAWSZ) != 0) {
			const struct raw_entry *e = cmp <= 0 ? &x : &y;
			char *name = amm_xstrndup(e->name, e->len);

			key_add(keys, prefix, name);
			free(name);
		}
		if (cmp <= 0)
			hx = raw_next(&pa, ea, &x);
		if (cmp >= 0)
			hy = raw_next(&pb, eb, &y);
	}
}

static int
raw_tree(git_odb *odb, const git_tree_entry *e, git_odb_object **out, const char **data,
         size_t *len)
{
	int rc;

	*out = NULL;
	*data = "";
	*len = 0;
	if (e == NULL)
		return 0;
	rc = git_odb_read(out, odb, git_tree_entry_id(e));
	if (rc == 0) {
		*data = git_odb_object_data(*out);
		*len = git_odb_object_size(*out);
	}
	return rc;
}

/*
 * The keys in which tree a differs from tree b (either may be NULL: empty). Only the levels
 * down to the casus folders are compared; whatever differs below is the folder's key. Not
 * exact: a year folder that differs is one key, without reading its (large) trees.
 */
static int
tree_keys(git_odb *odb, git_tree *a, git_tree *b, const char *prefix, int depth, bool exact,
          struct amm_buf *keys)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	int rc = 0;

	while (rc == 0 && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = ea == NULL ? 1 : eb == NULL ? -1 : git_tree_entry_cmp(ea, eb);
		const git_tree_entry *e = cmp <= 0 ? ea : eb;
		const char *name = git_tree_entry_name(e);
		bool trees = (cmp > 0 || git_tree_entry_type(ea) == GIT_OBJECT_TREE) &&
		             (cmp < 0 || git_tree_entry_type(eb) == GIT_OBJECT_TREE);

		i += cmp <= 0;
		j += cmp >= 0;
		if (cmp == 0 && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
			continue;
		if (trees && depth == 0 && strcmp(name, AMM_CASUS_ROOT) == 0) {
			git_tree *sa = NULL, *sb = NULL;
			char *sub = amm_asprintf("%s/", name);

			if (cmp <= 0)
				rc = git_tree_lookup(&sa, git_tree_owner(a), git_tree_entry_id(ea));
			if (rc == 0 && cmp >= 0)
				rc = git_tree_lookup(&sb, git_tree_owner(b), git_tree_entry_id(eb));
			if (rc == 0)
				rc = tree_keys(odb, sa, sb, sub, 1, exact, keys);
			git_tree_free(sa);
			git_tree_free(sb);
			free(sub);
		} else if (trees && depth == 1 && exact) {
			git_odb_object *oa = NULL, *ob = NULL;
			const char *da, *db;
			size_t la, lb;
			char *sub = amm_asprintf("%s%s/", prefix, name);

			rc = raw_tree(odb, cmp <= 0 ? ea : NULL, &oa, &da, &la);
			if (rc == 0)
				rc = raw_tree(odb, cmp >= 0 ? eb : NULL, &ob, &db, &lb);
			if (rc == 0)
				year_keys(da, la, db, lb, sub, keys);
			git_odb_object_free(oa);
			git_odb_object_free(ob);
			free(sub);
		} else {
			key_add(keys, prefix, name);
		}
	}
	return rc;
}

/* What commit changed against each of its parents, as keys ("" when nothing). */
static int
commit_keys(git_repository *repo, git_odb *odb, const git_oid *id, bool exact, char **out)
{
	struct amm_buf keys = {0};
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	unsigned np;
	int rc;

	*out = NULL;
	rc = git_commit_lookup(&commit, repo, id);
	if (rc == 0)
		rc = git_commit_tree(&tree, commit);
	np = rc == 0 ? git_commit_parentcount(commit) : 0;
	if (rc == 0 && np == 0)
		rc = tree_keys(odb, tree, NULL, "", 0, exact, &keys);
	for (unsigned p = 0; rc == 0 && p < np; p++) {
		git_commit *parent = NULL;
		git_tree *ptree = NULL;

		rc = git_commit_parent(&parent, commit, p);
		if (rc == 0)
			rc = git_commit_tree(&ptree, parent);
		if (rc == 0)
			rc = tree_keys(odb, tree, ptree, "", 0, exact, &keys);
		git_tree_free(ptree);
		git_commit_free(parent);
	}
	git_tree_free(tree);
	git_commit_free(commit);
	if (rc == 0)
		*out = amm_buf_detach(&keys, NULL);
	amm_buf_free(&keys);
	return rc;
}

/*
 * Index the commits reachable from tip and not from hide (may be NULL), newest first; exact
 * or by year folder (then refined when a query needs it).
 */
static int
index_walk(git_repository *repo, const git_oid *tip, const git_oid *hide, bool exact,
           struct hindex *h)
{
	git_revwalk *walk = NULL;
	git_odb *odb = NULL;
	git_oid id;
	int rc = git_repository_odb(&odb, repo);

	if (rc == 0)
		rc = git_revwalk_new(&walk, repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if (rc == 0)
		rc = git_revwalk_push(walk, tip);
	if (rc == 0 && hide != NULL)
		rc = git_revwalk_hide(walk, hide);
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0) {
		char *keys = NULL;

		rc = commit_keys(repo, odb, &id, exact, &keys);
		if (rc == 0 && *keys != '\0')
			hindex_add(h, &id, keys);
		else
			free(keys);
	}
	git_revwalk_free(walk);
	git_odb_free(odb);
	return rc == GIT_ITEROVER ? 0 : rc;
}

/* Read the index file; false when it is absent or not one (then it is built anew). */
static bool
index_read(struct amm_store *st, struct hindex *h)
{
	char *path = amm_store_git_path(st, AMM_HISTORY_FILE);
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool ok = false;

	free(path);
	if (f == NULL)
		return false;
	len = getline(&line, &cap, f);
	if (len == (ssize_t)strlen(HEADER) + GIT_OID_HEXSZ + 1 &&
	    strncmp(line, HEADER, strlen(HEADER)) == 0 &&
	    git_oid_fromstrn(&h->tip, line + strlen(HEADER), GIT_OID_HEXSZ) == 0) {
		ok = true;
		while (ok && (len = getline(&line, &cap, f)) > 0) {
			git_oid id;

			ok = len > GIT_OID_HEXSZ + 2 && line[GIT_OID_HEXSZ] == '\t' &&
			     line[len - 1] == '\n' &&
			     git_oid_fromstrn(&id, line, GIT_OID_HEXSZ) == 0;
			if (ok) {
				line[len - 1] = '\0';
				hindex_add(h, &id, amm_asprintf("%s\t", line + GIT_OID_HEXSZ));
			}
		}
		ok = ok && !ferror(f);
	}
	free(line);
	fclose(f);
	if (!ok)
		hindex_free(h);
	return ok;
}

/* Write the index through a temporary file; a repository we cannot write goes without. */
static void
index_write(struct amm_store *st, const struct hindex *h)
{
	struct amm_buf text = {0};
	char hex[GIT_OID_HEXSZ + 1];

	amm_buf_addf(&text, HEADER "%s\n", git_oid_tostr(hex, sizeof(hex), &h->tip));
	for (size_t i = 0; i < h->n; i++) {
		size_t klen = strlen(h->e[i].keys);

		if (klen == 0)
			continue; /* refined to nothing */
		/* keys are "\tkey\t...\t": written without the last tab */
		amm_buf_adds(&text, git_oid_tostr(hex, sizeof(hex), &h->e[i].id));
		amm_buf_add(&text, h->e[i].keys, klen - 1);
		amm_buf_adds(&text, "\n");
	}
	amm_error_free(amm_store_git_replace(st, AMM_HISTORY_FILE, text.data, text.len));
	amm_buf_free(&text);
}

/* Whether a commit with these keys may have changed the path with key q. */
static bool
keys_match(const char *keys, const char *q)
{
	size_t qlen = strlen(q);

	for (const char *k = *keys ? keys + 1 : keys; *k != '\0';) {
		const char *end = strchr(k, '\t');
		size_t klen = (size_t)(end - k);

		if ((klen == 1 && *k == *ANY) || (klen == qlen && strncmp(k, q, qlen) == 0) ||
		    (klen > qlen && strncmp(k, q, qlen) == 0 && k[qlen] == '/') ||
		    (qlen > klen && strncmp(q, k, klen) == 0 && q[klen] == '/'))
			return true;
		k = end + 1;
	}
	return false;
}

/* Whether keys name the year folder of the casus folder q rather than the folder itself. */
static bool
by_year(const char *keys, const char *q)
{
	size_t root = strlen(AMM_CASUS_ROOT "/");

	for (const char *k = *keys ? keys + 1 : keys; *k != '\0';) {
		const char *end = strchr(k, '\t');
		size_t klen = (size_t)(end - k);

		if (klen > root && strncmp(k, AMM_CASUS_ROOT "/", root) == 0 &&
		    memchr(k + root, '/', klen - root) == NULL && strlen(q) > klen &&
		    strncmp(q, k, klen) == 0 && q[klen] == '/')
			return true;
		k = end + 1;
	}
	return false;
}

amm_error *
amm_history_candidates(struct amm_store *st, const char *path, git_oid **ids, size_t *n)
{
	struct hindex h = {0};
	git_odb *odb = NULL;
	bool current = false, refined = false;
	char *q;
	git_oid tip;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = git_reference_name_to_id(&tip, st->repo, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return NULL;
	if (rc < 0)
		return amm_git_fail(rc, "HEAD");
	if (index_read(st, &h)) {
		current = git_oid_equal(&h.tip, &tip);
		/* HEAD moved on: its new commits go in front. */
		if (!current && git_graph_descendant_of(st->repo, &tip, &h.tip) == 1) {
			struct hindex more = {0};

			if (index_walk(st->repo, &tip, &h.tip, true, &more) == 0) {
				for (size_t i = 0; i < h.n; i++) {
					hindex_add(&more, &h.e[i].id, h.e[i].keys);
					h.e[i].keys = NULL;
				}
				hindex_free(&h);
				h = more;
				git_oid_cpy(&h.tip, &tip);
				index_write(st, &h);
				current = true;
			} else {
				hindex_free(&more);
			}
		}
	}
	if (!current) {
		/* None yet, unreadable, or the history was rewritten: built anew. */
		hindex_free(&h);
		rc = index_walk(st->repo, &tip, NULL, false, &h);
		if (rc < 0) {
			hindex_free(&h);
			return amm_git_fail(rc, "geschiedenis");
		}
		git_oid_cpy(&h.tip, &tip);
		index_write(st, &h);
	}
	q = key_of(path);
	*ids = amm_xcalloc(h.n ? h.n : 1, sizeof(**ids));
	rc = git_repository_odb(&odb, st->repo);
	for (size_t i = 0; rc == 0 && i < h.n; i++) {
		char *exact = NULL;

		if (!keys_match(h.e[i].keys, q))
			continue;
		/* Only the year folder is known: the commit's casus folders, once and for all. */
		if (by_year(h.e[i].keys, q)) {
			rc = commit_keys(st->repo, odb, &h.e[i].id, true, &exact);
			if (rc < 0)
				break;
			free(h.e[i].keys);
			h.e[i].keys = exact;
			refined = true;
			if (!keys_match(exact, q))
				continue;
		}
		git_oid_cpy(&(*ids)[(*n)++], &h.e[i].id);
	}
	if (rc == 0 && refined)
		index_write(st, &h);
	git_odb_free(odb);
	free(q);
	hindex_free(&h);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return amm_git_fail(rc, "geschiedenis");
	}
	return NULL;
}

void
amm_history_remove(struct amm_store *st)
{
	char *path = amm_store_git_path(st, AMM_HISTORY_FILE);

	/* Derived data: if it cannot go, its tip no longer matches and it is built anew. */
	(void)unlink(path);
	free(path);
}
