/*
 * The history index, its file (.git/amm-historie) and its queries; history_walk.c builds it.
 */
#include "history_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casus.h"
#include "msg.h"

#define HEADER "amm-historie 1 "
#define ANY    AMM_HISTORY_ANY

void
amm_history_free(struct hindex *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->e[i].keys);
	free(h->e);
	memset(h, 0, sizeof(*h));
}

void
amm_history_add(struct hindex *h, const git_oid *id, char *keys)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 1024;
		h->e = amm_xrealloc(h->e, h->cap * sizeof(*h->e));
	}
	git_oid_cpy(&h->e[h->n].id, id);
	h->e[h->n++].keys = keys;
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
				amm_history_add(h, &id, amm_asprintf("%s\t", line + GIT_OID_HEXSZ));
			}
		}
		ok = ok && !ferror(f);
	}
	free(line);
	fclose(f);
	if (!ok)
		amm_history_free(h);
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

/* The year folder of key q, with its slash ("casussen/<jaar>/"), or NULL. */
static char *
year_of(const char *q)
{
	size_t root = strlen(AMM_CASUS_ROOT "/");
	const char *slash =
	    strncmp(q, AMM_CASUS_ROOT "/", root) == 0 ? strchr(q + root, '/') : NULL;

	return slash != NULL && slash[1] != '\0' ? amm_xstrndup(q, (size_t)(slash + 1 - q)) : NULL;
}

/* Whether keys name year folder year as a whole (not yet per casus folder). */
static bool
by_year(const char *keys, const char *year)
{
	char *tabbed = amm_asprintf("\t%.*s\t", (int)strlen(year) - 1, year);
	bool found = strstr(keys, tabbed) != NULL;

	free(tabbed);
	return found;
}

/* Bring the index up to HEAD (tip): new commits in front, or anew. */
static int
index_update(struct amm_store *st, struct hindex *h, const git_oid *tip, const char *year)
{
	int rc;

	if (index_read(st, h)) {
		struct hindex more = {0};

		if (git_oid_equal(&h->tip, tip))
			return 0;
		/* HEAD moved on: its new commits go in front, per casus folder. */
		if (git_graph_descendant_of(st->repo, tip, &h->tip) == 1 &&
		    amm_history_walk(st->repo, tip, h, true, NULL, &more) == 0) {
			for (size_t i = 0; i < h->n; i++) {
				amm_history_add(&more, &h->e[i].id, h->e[i].keys);
				h->e[i].keys = NULL;
			}
			amm_history_free(h);
			*h = more;
			git_oid_cpy(&h->tip, tip);
			index_write(st, h);
			return 0;
		}
		amm_history_free(&more);
	}
	/*
	 * None yet, unreadable, or the history was rewritten: built anew, per year folder (only
	 * the small trees are read), and per casus folder in the year of the query.
	 */
	amm_history_free(h);
	rc = amm_history_walk(st->repo, tip, NULL, false, year, h);
	if (rc < 0)
		amm_history_free(h);
	git_oid_cpy(&h->tip, tip);
	if (rc == 0)
		index_write(st, h);
	return rc;
}

amm_error *
amm_history_candidates(struct amm_store *st, const char *path, git_oid **ids, size_t *n)
{
	struct hindex h = {0};
	struct walk w = {0};
	bool refined = false;
	char *q, *year;
	git_oid tip;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = git_reference_name_to_id(&tip, st->repo, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return NULL;
	if (rc < 0)
		return amm_git_fail(rc, "HEAD");
	q = amm_history_key(path);
	year = year_of(q);
	rc = index_update(st, &h, &tip, year);
	*ids = amm_xcalloc(h.n ? h.n : 1, sizeof(**ids));
	if (rc == 0)
		rc = amm_history_walk_init(&w, st->repo, false, year);
	for (size_t i = 0; rc == 0 && i < h.n; i++) {
		if (!keys_match(h.e[i].keys, q))
			continue;
		/* Only the year folder is known: its casus folders, once and for all. */
		if (year != NULL && by_year(h.e[i].keys, year)) {
			char *keys = NULL;

			rc = amm_history_commit_keys(&w, &h.e[i].id, &keys);
			if (rc < 0)
				break;
			free(h.e[i].keys);
			h.e[i].keys = keys;
			refined = true;
			if (!keys_match(keys, q))
				continue;
		}
		git_oid_cpy(&(*ids)[(*n)++], &h.e[i].id);
	}
	amm_history_walk_free(&w);
	if (rc == 0 && refined)
		index_write(st, &h);
	free(year);
	free(q);
	amm_history_free(&h);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		if (rc == GIT_ENOTFOUND)
			return amm_error_new(AMM_EXIT_SYSTEM, MSG_HISTORY_INCOMPLETE);
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
