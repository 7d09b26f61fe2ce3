/*
 * The casus: its id, its folder and files, which casussen there are, loading one, and which
 * casus a command acts on (casus.h). The repository's configuration is in casus_config.c, the
 * names a user types in casus_names.c.
 */
#include "casus.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "merge.h"
#include "msg.h"

const struct amm_deel_info amm_delen[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = {"casus", "casus.ini"},
    [AMM_DEEL_PERSPECTIEF] = {"perspectief", "perspectief.md"},
    [AMM_DEEL_SPIN] = {"spin", "spin.ini"},
    [AMM_DEEL_ANALYSE] = {"analyse", "analyse.ini"},
    [AMM_DEEL_STAPPEN] = {"stappen", "stappen.ini"},
    [AMM_DEEL_EVALUATIES] = {"evaluaties", "evaluaties.ini"},
    [AMM_DEEL_UITZONDERINGEN] = {"uitzonderingen", "uitzonderingen.ini"},
    [AMM_DEEL_TEAM] = {"team", "team.ini"},
};

bool
amm_casus_id_valid(const char *id)
{
	size_t n = strlen(id);

	return n >= 8 && n <= 12 && amm_str_digits(id, 4) && id[4] == '-' &&
	       amm_str_digits(id + 5, n - 5);
}

char *
amm_casus_dir(const char *id)
{
	return amm_asprintf(AMM_CASUS_ROOT "/%.4s/%s", id, id);
}

char *
amm_casus_dir_of(const char *path)
{
	size_t root = strlen(AMM_CASUS_ROOT "/");
	const char *year, *end;
	char *id;
	bool valid;

	if (strncmp(path, AMM_CASUS_ROOT "/", root) != 0 ||
	    (year = strchr(path + root, '/')) == NULL || (end = strchr(year + 1, '/')) == NULL)
		return NULL;
	id = amm_xstrndup(year + 1, (size_t)(end - year - 1));
	valid = amm_casus_id_valid(id);
	free(id);
	return valid ? amm_xstrndup(path, (size_t)(end - path)) : NULL;
}

char *
amm_casus_path(const char *id, enum amm_deel deel)
{
	return amm_asprintf(AMM_CASUS_ROOT "/%.4s/%s/%s", id, id, amm_delen[deel].file);
}

static int
id_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);
	int c = strncmp(x, y, 5);

	/* Same year: a shorter number is a smaller one (2026-999 before 2026-1000). */
	if (c != 0)
		return c;
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

amm_error *
amm_casus_ids(struct amm_snap *snap, struct amm_strlist *ids)
{
	struct amm_strlist years = {0};
	amm_error *err;

	err = amm_snap_list(snap, AMM_CASUS_ROOT, &years);
	for (size_t i = 0; i < years.len && err == NULL; i++) {
		struct amm_strlist names = {0};
		char *dir;

		if (strlen(years.items[i]) != 4 || !amm_str_digits(years.items[i], 4))
			continue;
		dir = amm_asprintf(AMM_CASUS_ROOT "/%s", years.items[i]);
		err = amm_snap_list(snap, dir, &names);
		free(dir);
		for (size_t k = 0; k < names.len; k++) {
			if (amm_casus_id_valid(names.items[k]) &&
			    strncmp(names.items[k], years.items[i], 4) == 0) {
				amm_strlist_take(ids, names.items[k]);
				names.items[k] = NULL;
			}
		}
		amm_strlist_free(&names);
	}
	amm_strlist_free(&years);
	if (ids->len > 1)
		qsort(ids->items, ids->len, sizeof(*ids->items), id_cmp);
	return err;
}

amm_error *
amm_casus_next_id(struct amm_snap *snap, int year, char **out)
{
	struct amm_strlist names = {0};
	char *dir = amm_asprintf(AMM_CASUS_ROOT "/%04d", year);
	long max = 0;
	amm_error *err;

	*out = NULL;
	err = amm_snap_list(snap, dir, &names);
	for (size_t i = 0; i < names.len && err == NULL; i++) {
		long n;

		if (!amm_casus_id_valid(names.items[i]) || atoi(names.items[i]) != year)
			continue;
		n = strtol(names.items[i] + 5, NULL, 10);
		if (n > max)
			max = n;
	}
	if (err == NULL)
		*out = amm_asprintf("%04d-%03ld", year, max + 1);
	amm_strlist_free(&names);
	free(dir);
	return err;
}

amm_error *
amm_casus_exists(struct amm_snap *snap, const char *id)
{
	char *path;
	bool found;

	if (!amm_casus_id_valid(id))
		return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_BAD_ID, id);
	path = amm_casus_path(id, AMM_DEEL_CASUS);
	found = amm_snap_exists(snap, path);
	free(path);
	return found ? NULL : amm_error_new(AMM_EXIT_NOTFOUND, MSG_CASUS_NOT_FOUND, id);
}

static amm_error *
load(struct amm_casus **out, enum amm_deel *bad, struct amm_snap *snap, const char *id,
     unsigned parts, bool dups_ok)
{
	struct amm_casus *casus;
	amm_error *err;

	*out = NULL;
	*bad = AMM_DEEL_CASUS;
	err = amm_casus_exists(snap, id);
	if (err != NULL)
		return err;
	casus = amm_xcalloc(1, sizeof(*casus));
	casus->id = amm_xstrdup(id);
	for (int d = 0; d < AMM_DEEL_COUNT && err == NULL; d++) {
		char *path = amm_casus_path(id, (enum amm_deel)d);
		char *data = NULL;
		size_t len = 0;

		if (d == AMM_DEEL_CASUS || (parts & (1u << d)) != 0)
			err = amm_snap_read(snap, path, &data, &len);
		else
			data = amm_xstrdup(""); /* not asked for */
		if (err != NULL && err->code == AMM_EXIT_NOTFOUND && d != AMM_DEEL_CASUS) {
			/* A part that is missing is an empty one. */
			amm_error_free(err);
			err = NULL;
			data = amm_xstrdup("");
		}
		if (err == NULL && d == AMM_DEEL_PERSPECTIEF)
			casus->perspectief = amm_xstrdup(data);
		else if (err == NULL && dups_ok)
			err = amm_ini_parse_dups(&casus->ini[d], path, data, len);
		else if (err == NULL)
			err = amm_ini_parse(&casus->ini[d], path, data, len);
		if (err != NULL)
			*bad = (enum amm_deel)d;
		casus->raw[d] = data;
		casus->raw_len[d] = data != NULL ? len : 0;
		free(path);
	}
	if (err == NULL) {
		const char *status = amm_casus_get(casus, "status");

		if (strcmp(status, "open") != 0 && strcmp(status, "afgesloten") != 0) {
			err = amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_BAD_STATUS, status,
			                    amm_delen[AMM_DEEL_CASUS].file);
			*bad = AMM_DEEL_CASUS;
		}
	}
	if (err != NULL) {
		amm_casus_free(casus);
		return err;
	}
	*out = casus;
	return NULL;
}

amm_error *
amm_casus_load(struct amm_casus **out, struct amm_snap *snap, const char *id)
{
	enum amm_deel bad;

	return load(out, &bad, snap, id, ~0u, false);
}

amm_error *
amm_casus_load_parts(struct amm_casus **out, struct amm_snap *snap, const char *id, unsigned parts)
{
	enum amm_deel bad;

	return load(out, &bad, snap, id, parts, false);
}

amm_error *
amm_casus_load_dups(struct amm_casus **out, enum amm_deel *bad, struct amm_snap *snap,
                    const char *id)
{
	return load(out, bad, snap, id, ~0u, true);
}

void
amm_casus_free(struct amm_casus *casus)
{
	if (casus == NULL)
		return;
	for (int d = 0; d < AMM_DEEL_COUNT; d++) {
		amm_ini_free(casus->ini[d]);
		free(casus->raw[d]);
	}
	free(casus->perspectief);
	free(casus->id);
	free(casus);
}

const char *
amm_casus_get(const struct amm_casus *casus, const char *key)
{
	const char *v = amm_ini_get(casus->ini[AMM_DEEL_CASUS], "casus", key);

	return v ? v : "";
}

char *
amm_casus_perspectief(const struct amm_casus *casus)
{
	return amm_md_body(casus->perspectief);
}

bool
amm_casus_is_open(const struct amm_casus *casus)
{
	return strcmp(amm_casus_get(casus, "status"), "open") == 0;
}

/* The id of the casus folder that cwd lies in, or NULL. */
static char *
id_from_cwd(const char *cwd)
{
	const char *p = cwd;
	size_t n;

	if (!amm_str_starts(p, AMM_CASUS_ROOT "/"))
		return NULL;
	p += strlen(AMM_CASUS_ROOT "/");
	if (strlen(p) < 5 || p[4] != '/')
		return NULL;
	p += 5;
	n = strcspn(p, "/");
	return n > 0 ? amm_xstrndup(p, n) : NULL;
}

/* The only open casus; with none open, the only casus there is. */
static amm_error *
only_open(struct amm_snap *snap, char **out)
{
	struct amm_strlist ids = {0};
	char *found = NULL;
	size_t open = 0;
	amm_error *err;

	err = amm_casus_ids(snap, &ids);
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;
		enum amm_deel bad;

		/*
		 * Only its status counts here: the command refuses a file with a section or key
		 * twice when it reads it, and amm check reports it.
		 */
		err = load(&casus, &bad, snap, ids.items[i], 0, true);
		if (err == NULL && amm_casus_is_open(casus)) {
			open++;
			free(found);
			found = amm_xstrdup(ids.items[i]);
		}
		amm_casus_free(casus);
	}
	if (err == NULL && open == 0 && ids.len == 1)
		found = amm_xstrdup(ids.items[0]);
	else if (err == NULL && open == 0 && ids.len == 0)
		err = amm_error_new(AMM_EXIT_USAGE, MSG_CASUS_NONE);
	else if (err == NULL && open == 0)
		err = amm_error_new(AMM_EXIT_USAGE, MSG_CASUS_NONE_OPEN, ids.len);
	else if (err == NULL && open > 1)
		err = amm_error_new(AMM_EXIT_USAGE, MSG_CASUS_MANY, open);
	amm_strlist_free(&ids);
	if (err != NULL) {
		free(found);
		return err;
	}
	*out = found;
	return NULL;
}

amm_error *
amm_casus_select(struct amm_snap *snap, const char *explicit_id, const char *env_id,
                 const char *cwd, char **out)
{
	const char *id = explicit_id;
	char *from_cwd = NULL;
	amm_error *err;

	*out = NULL;
	if (id == NULL && env_id != NULL && *env_id != '\0')
		id = env_id;
	if (id == NULL && cwd != NULL)
		id = from_cwd = id_from_cwd(cwd);
	if (id == NULL)
		return only_open(snap, out);
	err = amm_casus_exists(snap, id);
	if (err == NULL)
		*out = amm_xstrdup(id);
	free(from_cwd);
	return err;
}

amm_error *
amm_casus_conflicts(const struct amm_casus *c, struct amm_conflict **list, size_t *n)
{
	amm_error *err = NULL;

	for (int d = 0; d < AMM_DEEL_COUNT && err == NULL; d++) {
		size_t before = *n;

		if (c->raw[d] == NULL)
			continue;
		err = amm_conflicts_find(amm_delen[d].file, c->raw[d], strlen(c->raw[d]), list, n);
		for (size_t i = before; i < *n; i++)
			(*list)[i].onderdeel = amm_delen[d].name;
	}
	return err;
}

int
amm_voortgang_stappen(const struct amm_voortgang *v)
{
	return v->perspectief + (v->spin_gevuld > 0) + (v->problemen > 0) + (v->stappen > 0) +
	       (v->afspraken > 0) + (v->evaluaties > 0);
}
