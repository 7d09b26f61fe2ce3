/*
 * Building the history index: which keys (casus folders, other paths) each commit changed,
 * read from raw tree objects, and the walk through the commit graph that indexes them.
 */
#include "history_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casus.h"

#define ANY AMM_HISTORY_ANY

char *
amm_history_key(const char *path)
{
	char *dir = amm_casus_dir_of(path);

	return dir != NULL ? dir : amm_xstrdup(path);
}

static void
key_add(struct amm_buf *keys, const char *key)
{
	char *tabbed = amm_asprintf("\t%s\t", strpbrk(key, "\t\n") != NULL ? ANY : key);

	/* Once per commit (ANY may stand for several names). */
	if (keys->data == NULL || strstr(keys->data, tabbed) == NULL)
		amm_buf_adds(keys, tabbed + (keys->len > 0 ? 1 : 0));
	free(tabbed);
}

/* One entry of a raw tree object: "<mode> <name>\0<20-byte id>", starting at at. */
struct raw_entry {
	const char *at;
	const char *name;
	size_t len;
	const unsigned char *id;
	bool tree;
};

static bool
raw_next(const char **p, const char *end, struct raw_entry *e)
{
	const char *sp = *p, *nul;

	while (sp < end && *sp != ' ')
		sp++;
	for (nul = sp; nul < end && *nul != '\0'; nul++)
		;
	if (sp == end || end - nul < 1 + GIT_OID_RAWSZ)
		return false;
	e->at = *p;
	e->tree = sp - *p == 5 && memcmp(*p, "40000", 5) == 0;
	e->name = sp + 1;
	e->len = (size_t)(nul - sp - 1);
	e->id = (const unsigned char *)nul + 1;
	*p = nul + 1 + GIT_OID_RAWSZ;
	return true;
}

/* How many bytes a and b have in common at their start (dir 1) or end (dir -1). */
static size_t
common(const char *a, const char *b, size_t n, int dir)
{
	size_t i = 0;

	if (dir > 0) {
		for (uint64_t x, y; i + 8 <= n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				break;
		}
		while (i < n && a[i] == b[i])
			i++;
	} else {
		for (uint64_t x, y; i + 8 <= n; i += 8) {
			memcpy(&x, a - i - 8, 8);
			memcpy(&y, b - i - 8, 8);
			if (x != y)
				break;
		}
		while (i < n && a[-(ptrdiff_t)i - 1] == b[-(ptrdiff_t)i - 1])
			i++;
	}
	return i;
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

int
amm_history_walk_init(struct walk *w, git_repository *repo, bool exact, const char *year)
{
	memset(w, 0, sizeof(*w));
	w->exact = exact;
	w->year = year;
	/* A walk reads each object about once: libgit2's cache of objects would only cost. */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	return git_repository_odb(&w->odb, repo);
}

void
amm_history_walk_free(struct walk *w)
{
	for (size_t i = 0; i < KEPT; i++)
		git_odb_object_free(w->kept[i]);
	git_odb_free(w->odb);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
}

/* Object id, or NULL for an empty tree: its raw data ("" when empty). */
static int
walk_read(struct walk *w, const git_oid *id, git_odb_object **out, const char **data, size_t *len)
{
	size_t i;
	int rc = 0;

	*out = NULL;
	*data = "";
	*len = 0;
	if (id == NULL)
		return 0;
	for (i = 0; i < KEPT; i++)
		if (w->kept[i] != NULL && git_oid_equal(git_odb_object_id(w->kept[i]), id))
			break;
	if (i < KEPT) {
		rc = git_odb_object_dup(out, w->kept[i]);
	} else {
		rc = git_odb_read(out, w->odb, id);
		if (rc == 0) {
			git_odb_object_free(w->kept[w->next]);
			rc = git_odb_object_dup(&w->kept[w->next], *out);
			w->next = (w->next + 1) % KEPT;
		}
	}
	if (rc == 0) {
		*data = git_odb_object_data(*out);
		*len = git_odb_object_size(*out);
	}
	return rc;
}

/*
 * The keys in which tree a differs from tree b (either may be NULL: empty), compared down to
 * the casus folders: whatever differs below one is that folder's key. A year folder that is
 * not compared per casus folder is one key.
 */
static int
tree_keys(struct walk *w, const git_oid *a, const git_oid *b, const char *prefix, int depth,
          struct amm_buf *keys)
{
	git_odb_object *oa = NULL, *ob = NULL;
	const char *pa = "", *ea, *pb = "", *eb;
	size_t la = 0, lb = 0, suffix = 0;
	struct raw_entry x, y;
	const struct raw_entry *e;
	bool hx, hy;
	int rc = walk_read(w, a, &oa, &pa, &la);

	if (rc == 0)
		rc = walk_read(w, b, &ob, &pb, &lb);
	ea = pa + la;
	eb = pb + lb;
	/*
	 * Two versions of a large tree are mostly equal: the entries that lie wholly in their
	 * equal start are skipped, and the comparison stops where the rest is their equal end.
	 */
	if (oa != NULL && ob != NULL) {
		size_t n = la < lb ? la : lb, start = common(pa, pb, n, 1), skip = 0;

		suffix = common(ea, eb, n, -1);
		for (const char *p = pa; raw_next(&p, ea, &x) && p <= pa + start;)
			skip = (size_t)(p - pa);
		pa += skip;
		pb += skip;
	}
	hx = raw_next(&pa, ea, &x);
	hy = raw_next(&pb, eb, &y);
	while (rc == 0 && (hx || hy)) {
		int cmp;

		if (hx && hy && ea - x.at == eb - y.at && (size_t)(ea - x.at) <= suffix)
			break;
		cmp = !hx ? 1 : !hy ? -1 : raw_cmp(&x, &y);
		e = cmp <= 0 ? &x : &y;
		if (cmp != 0 || memcmp(x.id, y.id, GIT_OID_RAWSZ) != 0) {
			char *name = amm_asprintf("%s%.*s/", prefix, (int)e->len, e->name);
			bool trees = (cmp > 0 || x.tree) && (cmp < 0 || y.tree);
			bool down =
			    trees && ((depth == 0 && strcmp(name, AMM_CASUS_ROOT "/") == 0) ||
			              (depth == 1 && (w->exact || (w->year != NULL &&
			                                           strcmp(name, w->year) == 0))));

			if (down) {
				git_oid ia, ib;

				if (cmp <= 0)
					git_oid_fromraw(&ia, x.id);
				if (cmp >= 0)
					git_oid_fromraw(&ib, y.id);
				rc = tree_keys(w, cmp <= 0 ? &ia : NULL, cmp >= 0 ? &ib : NULL,
				               name, depth + 1, keys);
			} else {
				name[strlen(name) - 1] = '\0';
				key_add(keys, name);
			}
			free(name);
		}
		if (cmp <= 0)
			hx = raw_next(&pa, ea, &x);
		if (cmp >= 0)
			hy = raw_next(&pb, eb, &y);
	}
	git_odb_object_free(oa);
	git_odb_object_free(ob);
	return rc;
}

/* A growing list of object ids. */
struct oids {
	git_oid *v;
	size_t n, cap;
};

static void
oids_add(struct oids *l, const git_oid *id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = amm_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	git_oid_cpy(&l->v[l->n++], id);
}

/* A raw commit's tree, parents (added to parents) and committer time. */
static int
commit_read(struct walk *w, const git_oid *id, git_oid *tree, struct oids *parents, int64_t *time)
{
	git_odb_object *obj = NULL;
	const char *p, *end, *line;
	int rc = git_odb_read(&obj, w->odb, id);

	*time = 0;
	if (rc < 0)
		return rc;
	p = git_odb_object_data(obj);
	end = p + git_odb_object_size(obj);
	if (git_odb_object_type(obj) != GIT_OBJECT_COMMIT || end - p < 46 ||
	    strncmp(p, "tree ", 5) != 0 || p[45] != '\n' ||
	    git_oid_fromstrn(tree, p + 5, GIT_OID_HEXSZ) < 0)
		rc = GIT_EINVALID;
	for (p += rc == 0 ? 46 : 0; rc == 0 && end - p >= 48 && strncmp(p, "parent ", 7) == 0;
	     p += 48) {
		git_oid parent;

		if (p[47] != '\n' || git_oid_fromstrn(&parent, p + 7, GIT_OID_HEXSZ) < 0)
			rc = GIT_EINVALID;
		else
			oids_add(parents, &parent);
	}
	/* "committer <name> <<email>> <time> <zone>": the time follows the last '>'. */
	line = rc == 0 ? memmem(p, (size_t)(end - p), "\ncommitter ", 11) : NULL;
	if (line != NULL) {
		const char *eol = memchr(line + 1, '\n', (size_t)(end - line - 1));
		const char *gt = NULL;

		for (const char *c = line + 1; c < (eol ? eol : end); c++)
			gt = *c == '>' ? c : gt;
		if (gt != NULL)
			*time = strtoll(gt + 1, NULL, 10);
	}
	if (rc == GIT_EINVALID)
		git_error_set_str(GIT_ERROR_OBJECT, "onleesbare commit");
	git_odb_object_free(obj);
	return rc;
}

/*
 * What a commit with tree changed against its first parent's tree (NULL: none), as keys. A
 * merge that changed a path differs there from every parent, so from its first one too.
 */
static int
commit_keys(struct walk *w, const git_oid *tree, const git_oid *ptree, char **out)
{
	struct amm_buf keys = {0};
	int rc = tree_keys(w, tree, ptree, "", 0, &keys);

	*out = rc == 0 ? amm_buf_detach(&keys, NULL) : NULL;
	amm_buf_free(&keys);
	return rc;
}

int
amm_history_commit_keys(struct walk *w, const git_oid *id, char **out)
{
	struct oids parents = {0}, unused = {0};
	git_oid tree, ptree;
	int64_t time;
	int rc = commit_read(w, id, &tree, &parents, &time);

	*out = NULL;
	if (rc == 0 && parents.n > 0)
		rc = commit_read(w, &parents.v[0], &ptree, &unused, &time);
	if (rc == 0)
		rc = commit_keys(w, &tree, parents.n > 0 ? &ptree : NULL, out);
	free(parents.v);
	free(unused.v);
	return rc;
}

/*
 * The commit graph of a walk. Each commit is read once, when first met; the commits known
 * already (in the index) are read but not walked past.
 */
struct node {
	git_oid id;
	git_oid tree;
	int64_t time;
	size_t parent; /* its first parent in graph.parents */
	size_t np;
	size_t children; /* in the walk and not yet indexed */
	bool read, known;
};

struct graph {
	struct node *nodes;
	size_t n, cap;
	struct oids parents;
	size_t *slots; /* node + 1 by id; 0: free */
	size_t nslots;
};

static void
graph_free(struct graph *g)
{
	free(g->nodes);
	free(g->parents.v);
	free(g->slots);
}

static size_t *
graph_slot(const struct graph *g, const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	for (h &= g->nslots - 1;; h = (h + 1) & (g->nslots - 1))
		if (g->slots[h] == 0 || git_oid_equal(&g->nodes[g->slots[h] - 1].id, id))
			return &g->slots[h];
}

/* The node of id, added (unread) when it is not there yet. */
static size_t
graph_node(struct graph *g, const git_oid *id, bool *added)
{
	size_t *slot = g->nslots > 0 ? graph_slot(g, id) : NULL;

	*added = slot == NULL || *slot == 0;
	if (!*added)
		return *slot - 1;
	if (2 * (g->n + 1) > g->nslots) {
		size_t *old = g->slots, nold = g->nslots;

		g->nslots = g->nslots ? 2 * g->nslots : 1024;
		g->slots = amm_xcalloc(g->nslots, sizeof(*g->slots));
		for (size_t i = 0; i < nold; i++)
			if (old[i] != 0)
				*graph_slot(g, &g->nodes[old[i] - 1].id) = old[i];
		free(old);
		slot = graph_slot(g, id);
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 1024;
		g->nodes = amm_xrealloc(g->nodes, g->cap * sizeof(*g->nodes));
	}
	memset(&g->nodes[g->n], 0, sizeof(*g->nodes));
	git_oid_cpy(&g->nodes[g->n].id, id);
	*slot = ++g->n;
	return g->n - 1;
}

static int
graph_read(struct walk *w, struct graph *g, size_t i)
{
	struct node *n = &g->nodes[i];
	int rc;

	if (n->read)
		return 0;
	n->parent = g->parents.n;
	rc = commit_read(w, &n->id, &n->tree, &g->parents, &n->time);
	n->np = g->parents.n - n->parent;
	n->read = rc == 0;
	return rc;
}

/* Whether node a comes before node b: newer, or met first. */
static bool
graph_before(const struct graph *g, size_t a, size_t b)
{
	const struct node *x = &g->nodes[a], *y = &g->nodes[b];

	return x->time != y->time ? x->time > y->time : a < b;
}

/* A heap of nodes, the one to index next on top. */
static void
heap_push(const struct graph *g, size_t *heap, size_t *n, size_t node)
{
	size_t i = (*n)++;

	for (; i > 0 && graph_before(g, node, heap[(i - 1) / 2]); i = (i - 1) / 2)
		heap[i] = heap[(i - 1) / 2];
	heap[i] = node;
}

static size_t
heap_pop(const struct graph *g, size_t *heap, size_t *n)
{
	size_t top = heap[0], last = heap[--*n], i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= *n)
			break;
		if (c + 1 < *n && graph_before(g, heap[c + 1], heap[c]))
			c++;
		if (!graph_before(g, heap[c], last))
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (*n > 0)
		heap[i] = last;
	return top;
}

int
amm_history_walk(git_repository *repo, const git_oid *tip, const struct hindex *known, bool exact,
                 const char *year, struct hindex *h)
{
	struct graph g = {0};
	struct walk w;
	size_t *todo, ntodo = 0, tcap = 1024, start;
	bool added;
	int rc = amm_history_walk_init(&w, repo, exact, year);

	for (size_t i = 0; known != NULL && i <= known->n; i++) {
		size_t j = graph_node(&g, i < known->n ? &known->e[i].id : &known->tip, &added);

		g.nodes[j].known = true;
	}
	start = graph_node(&g, tip, &added);
	/* Meet every commit of the walk, and count its children in it. */
	todo = amm_xcalloc(tcap, sizeof(*todo));
	if (rc == 0 && !g.nodes[start].known) {
		rc = graph_read(&w, &g, start);
		if (rc == 0)
			todo[ntodo++] = start;
	}
	if (ntodo == 0) /* nothing new */
		goto done;
	while (rc == 0 && ntodo > 0) {
		size_t i = todo[--ntodo];

		for (size_t p = 0; rc == 0 && p < g.nodes[i].np; p++) {
			size_t j = graph_node(&g, &g.parents.v[g.nodes[i].parent + p], &added);

			rc = graph_read(&w, &g, j);
			g.nodes[j].children++;
			if (rc == 0 && added && !g.nodes[j].known) {
				if (ntodo == tcap) {
					tcap *= 2;
					todo = amm_xrealloc(todo, tcap * sizeof(*todo));
				}
				todo[ntodo++] = j;
			}
		}
	}
	/* Index them: a commit once all its children are. */
	if (g.n > tcap)
		todo = amm_xrealloc(todo, g.n * sizeof(*todo));
	if (rc == 0)
		heap_push(&g, todo, &ntodo, start);
	while (rc == 0 && ntodo > 0) {
		size_t i = heap_pop(&g, todo, &ntodo);
		const struct node *n = &g.nodes[i];
		const git_oid *ptree = NULL;
		char *keys = NULL;

		for (size_t p = 0; p < n->np; p++) {
			size_t j = graph_node(&g, &g.parents.v[n->parent + p], &added);

			if (p == 0)
				ptree = &g.nodes[j].tree;
			if (!g.nodes[j].known && --g.nodes[j].children == 0)
				heap_push(&g, todo, &ntodo, j);
		}
		rc = commit_keys(&w, &n->tree, ptree, &keys);
		if (rc == 0 && *keys != '\0')
			amm_history_add(h, &n->id, keys);
		else
			free(keys);
	}
done:
	free(todo);
	amm_history_walk_free(&w);
	graph_free(&g);
	return rc;
}
