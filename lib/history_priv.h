/*
 * The history index inside (history.c, history_walk.c, pathlog.c): at libgit2's level.
 */
#ifndef AMM_HISTORY_PRIV_H
#define AMM_HISTORY_PRIV_H

#include "history.h"
#include "store_priv.h"

/* A key the file cannot hold (a path with a tab or newline): matches every query. */
#define AMM_HISTORY_ANY "*"

/* The index: per commit, newest first, the keys it changed. */
struct hentry {
	git_oid id;
	char *keys; /* "\tkey\tkey\t" */
};

struct hindex {
	git_oid tip;
	struct hentry *e;
	size_t n, cap;
};

/*
 * A walk through history reads raw objects, never parsed ones: the year folders are the
 * large trees of a repository. It keeps the objects it read last: the trees of a commit's
 * parent are mostly those of the next commit compared.
 */
#define KEPT 8 /* objects a walk keeps */

struct walk {
	git_odb *odb;
	bool exact;       /* every year folder compared per casus folder */
	const char *year; /* and this one ("casussen/<jaar>/"; NULL: none) */
	git_odb_object *kept[KEPT];
	size_t next;
};

/*
 * The commits reachable from HEAD that may have changed path (every one that did, perhaps
 * more), newest first. The caller frees *ids.
 */
amm_error *amm_history_candidates(struct amm_store *st, const char *path, git_oid **ids, size_t *n);

void amm_history_free(struct hindex *h);
/* Add commit id with keys (taken over) at the end. */
void amm_history_add(struct hindex *h, const git_oid *id, char *keys);
/* The key of a path: its casus folder (casussen/<jaar>/<id>), or the path itself. */
char *amm_history_key(const char *path);

/*
 * A walk compares every year folder per casus folder (exact), or only the year folder year
 * ("casussen/<jaar>/"; NULL: none). Return codes are libgit2's.
 */
int amm_history_walk_init(struct walk *w, git_repository *repo, bool exact, const char *year);
void amm_history_walk_free(struct walk *w);
/* The keys of commit id, read on its own (caller frees *out). */
int amm_history_commit_keys(struct walk *w, const git_oid *id, char **out);
/*
 * Index into h the commits reachable from tip that known (may be NULL) does not hold, newest
 * first and every commit before its parents (as git log --date-order).
 */
int amm_history_walk(git_repository *repo, const git_oid *tip, const struct hindex *known,
                     bool exact, const char *year, struct hindex *h);

#endif
