#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "casus.h"
#include "markdown.h"

static void
add(struct amm_changes *out, const char *id, const char *deel, const char *section, const char *key,
    const char *old, const char *new)
{
	struct amm_change *c;

	out->items = amm_xrealloc(out->items, (out->len + 1) * sizeof(*out->items));
	c = &out->items[out->len++];
	c->casus = amm_xstrdup(id);
	c->deel = deel;
	c->section = amm_xstrdup(section);
	c->key = amm_xstrdup(key);
	c->old = old ? amm_xstrdup(old) : NULL;
	c->new = new ? amm_xstrdup(new) : NULL;
}

/* Every key of a, compared with b; then the keys only b has. */
static void
diff_ini(const char *id, const char *deel, const struct amm_ini *a, const struct amm_ini *b,
         struct amm_changes *out)
{
	const struct amm_ini *docs[2] = {a, b};

	for (int side = 0; side < 2; side++) {
		struct amm_strlist sections = {0};

		if (docs[side] == NULL)
			continue;
		amm_ini_sections(docs[side], &sections);
		for (size_t s = 0; s < sections.len; s++) {
			struct amm_strlist keys = {0};

			amm_ini_keys(docs[side], sections.items[s], &keys);
			for (size_t k = 0; k < keys.len; k++) {
				const char *sec = sections.items[s], *key = keys.items[k];
				const char *va = a ? amm_ini_get(a, sec, key) : NULL;
				const char *vb = b ? amm_ini_get(b, sec, key) : NULL;

				if (side == 1 && va != NULL)
					continue; /* seen from a already */
				if (va == NULL || vb == NULL || strcmp(va, vb) != 0)
					add(out, id, deel, sec, key, va, vb);
			}
			amm_strlist_free(&keys);
		}
		amm_strlist_free(&sections);
	}
}

amm_error *
amm_diff_casus(struct amm_snap *a, struct amm_snap *b, const char *id, struct amm_changes *out)
{
	struct amm_casus *ca = NULL, *cb = NULL;
	amm_error *err = NULL, *absent;

	/* A snapshot without the casus has nothing of it: the casus came or went. */
	if (a != NULL && (absent = amm_casus_exists(a, id)) == NULL)
		err = amm_casus_load(&ca, a, id);
	else if (a != NULL)
		amm_error_free(absent);
	if (err == NULL && b != NULL && (absent = amm_casus_exists(b, id)) == NULL)
		err = amm_casus_load(&cb, b, id);
	else if (b != NULL && err == NULL)
		amm_error_free(absent);
	for (int d = 0; d < AMM_DEEL_COUNT && err == NULL; d++) {
		const char *ra = ca ? ca->raw[d] : NULL, *rb = cb ? cb->raw[d] : NULL;

		if (ra != NULL && rb != NULL && strcmp(ra, rb) == 0)
			continue;
		if (d == AMM_DEEL_PERSPECTIEF) {
			char *ta = ca ? amm_casus_perspectief(ca) : NULL;
			char *tb = cb ? amm_casus_perspectief(cb) : NULL;

			if (ta == NULL || tb == NULL || strcmp(ta, tb) != 0)
				add(out, id, amm_delen[d].name, "", "tekst", ta, tb);
			free(ta);
			free(tb);
		} else {
			diff_ini(id, amm_delen[d].name, ca ? ca->ini[d] : NULL,
			         cb ? cb->ini[d] : NULL, out);
		}
	}
	amm_casus_free(ca);
	amm_casus_free(cb);
	return err;
}

void
amm_changes_free(struct amm_changes *c)
{
	for (size_t i = 0; i < c->len; i++) {
		free(c->items[i].casus);
		free(c->items[i].section);
		free(c->items[i].key);
		free(c->items[i].old);
		free(c->items[i].new);
	}
	free(c->items);
	c->items = NULL;
	c->len = 0;
}
