#include "vergeten.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casus.h"
#include "inidoc.h"
#include "msg.h"
#include "store_priv.h"

#define SECTION "vergeten "

const char *const amm_erase_grounds[] = {
    "verzoek",           /* the Amsterdammer asked (AVG art. 17 lid 1) */
    "bewaartermijn",     /* the retention period has passed */
    "onrechtmatig",      /* processed unlawfully (AVG art. 17 lid 1 d) */
    "bezwaar",           /* objection upheld (AVG art. 17 lid 1 c) */
    "wettelijke-plicht", /* a legal obligation to erase (AVG art. 17 lid 1 e) */
    NULL,
};

static void
erasure_clear(struct amm_erasure *e)
{
	free(e->id);
	free(e->datum);
	free(e->door);
	free(e->grond);
	free(e->lijst);
	amm_strlist_free(&e->vervangen);
}

void
amm_erasures_free(struct amm_erasures *e)
{
	for (size_t i = 0; i < e->len; i++)
		erasure_clear(&e->items[i]);
	free(e->items);
	e->items = NULL;
	e->len = 0;
}

bool
amm_erasures_has(const struct amm_erasures *e, const char *id)
{
	for (size_t i = 0; i < e->len; i++)
		if (strcmp(e->items[i].id, id) == 0)
			return true;
	return false;
}

/* The checksum of a record: a hand edit of any of its lines breaks it. */
static void
checksum(const struct amm_erasure *e, char hex[GIT_OID_HEXSZ + 1])
{
	struct amm_buf buf = {0};
	git_oid id;

	amm_buf_addf(&buf, "%s%s\ndatum=%s\ndoor=%s\ngrond=%s\nlijst=%s\nvervangen=", SECTION,
	             e->id, e->datum, e->door, e->grond, e->lijst ? e->lijst : "");
	for (size_t i = 0; i < e->vervangen.len; i++)
		amm_buf_addf(&buf, "%s%s", i ? " " : "", e->vervangen.items[i]);
	amm_buf_addc(&buf, '\n');
	git_odb_hash(&id, buf.data, buf.len, GIT_OBJECT_BLOB);
	git_oid_tostr(hex, GIT_OID_HEXSZ + 1, &id);
	amm_buf_free(&buf);
}

/* The line of a section header in text, for messages. */
static int
line_of(const char *text, size_t len, const char *section)
{
	char *header = amm_asprintf("[%s]", section);
	int line = 1;

	for (size_t i = 0; i < len; i++) {
		if ((i == 0 || text[i - 1] == '\n') &&
		    strncmp(text + i, header, strlen(header)) == 0)
			break;
		if (text[i] == '\n')
			line++;
	}
	free(header);
	return line;
}

static bool
is_hex_id(const char *s)
{
	size_t n = strlen(s);

	return n == GIT_OID_HEXSZ && strspn(s, "0123456789abcdef") == n;
}

/* One record from its section; *why says what is wrong. */
static const char *
record_read(const struct amm_ini *ini, const char *section, struct amm_erasure *e)
{
	struct amm_strlist keys = {0};
	struct amm_date d;
	char hex[GIT_OID_HEXSZ + 1];
	const char *why = NULL;
	const char *v;
	bool ground = false;

	memset(e, 0, sizeof(*e));
	if (!amm_str_starts(section, SECTION) || !amm_casus_id_valid(section + strlen(SECTION)))
		return MSG_ERASE_BAD_SECTION;
	e->id = amm_xstrdup(section + strlen(SECTION));
	e->datum = amm_xstrdup(amm_ini_str(ini, section, "datum"));
	e->door = amm_xstrdup(amm_ini_str(ini, section, "door"));
	e->grond = amm_xstrdup(amm_ini_str(ini, section, "grond"));
	v = amm_ini_get(ini, section, "lijst");
	e->lijst = v != NULL ? amm_xstrdup(v) : NULL;
	v = amm_ini_str(ini, section, "vervangen");
	for (const char *p = v; *p != '\0';) {
		size_t n = strcspn(p, " ");

		if (n > 0)
			amm_strlist_take(&e->vervangen, amm_xstrndup(p, n));
		p += n;
		p += strspn(p, " ");
	}
	for (size_t i = 0; amm_erase_grounds[i] != NULL; i++)
		ground = ground || strcmp(e->grond, amm_erase_grounds[i]) == 0;
	amm_ini_keys(ini, section, &keys);
	for (size_t i = 0; i < keys.len && why == NULL; i++) {
		static const char *const known[] = {"datum", "door",      "grond",
		                                    "lijst", "vervangen", "controle"};
		bool ok = false;

		for (size_t k = 0; k < sizeof(known) / sizeof(*known); k++)
			ok = ok || strcmp(keys.items[i], known[k]) == 0;
		if (!ok)
			why = MSG_ERASE_BAD_KEY;
	}
	amm_strlist_free(&keys);
	if (why != NULL)
		return why;
	if (!amm_date_stored(e->datum, &d))
		return MSG_ERASE_BAD_DATE;
	if (*e->door == '\0')
		return MSG_ERASE_BAD_WHO;
	if (!ground)
		return MSG_ERASE_BAD_GROUND;
	if (e->vervangen.len == 0)
		return MSG_ERASE_BAD_TIPS;
	for (size_t i = 0; i < e->vervangen.len; i++)
		if (!is_hex_id(e->vervangen.items[i]))
			return MSG_ERASE_BAD_TIPS;
	checksum(e, hex);
	if (strcmp(amm_ini_str(ini, section, "controle"), hex) != 0)
		return MSG_ERASE_BAD_SUM;
	return NULL;
}

/* A replaced tip this clone has must have held the casus, or the record is not true. */
static bool
record_true(struct amm_snap *snap, const struct amm_erasure *e)
{
	char *dir = amm_casus_dir(e->id);
	bool held = true;

	for (size_t i = 0; i < e->vervangen.len && held; i++) {
		git_oid id;
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_tree_entry *entry = NULL;

		if (git_oid_fromstr(&id, e->vervangen.items[i]) != 0 ||
		    git_commit_lookup(&c, snap->repo, &id) != 0)
			continue; /* not here: nothing to compare with */
		held =
		    git_commit_tree(&tree, c) == 0 && git_tree_entry_bypath(&entry, tree, dir) == 0;
		git_tree_entry_free(entry);
		git_tree_free(tree);
		git_commit_free(c);
	}
	free(dir);
	return held;
}

amm_error *
amm_erasures_load(struct amm_snap *snap, struct amm_erasures *out)
{
	struct amm_strlist sections = {0};
	struct amm_ini *ini = NULL;
	amm_error *err = NULL;
	char *text = NULL;
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	if (!amm_snap_exists(snap, AMM_ERASE_FILE))
		return NULL;
	err = amm_snap_read(snap, AMM_ERASE_FILE, &text, &len);
	if (err == NULL)
		err = amm_ini_parse(&ini, AMM_ERASE_FILE, text, len);
	if (err != NULL)
		goto done;
	amm_ini_sections(ini, &sections);
	out->items = amm_xcalloc(sections.len ? sections.len : 1, sizeof(*out->items));
	for (size_t i = 0; i < sections.len && err == NULL; i++) {
		struct amm_erasure *e = &out->items[out->len++];
		const char *why = record_read(ini, sections.items[i], e);

		if (why == NULL && amm_erasures_has(&(struct amm_erasures){out->items, i}, e->id))
			why = MSG_ERASE_TWICE;
		if (why == NULL && !record_true(snap, e))
			why = MSG_ERASE_UNTRUE;
		if (why != NULL)
			err = amm_error_new(AMM_EXIT_INPUT, MSG_ERASE_BAD, AMM_ERASE_FILE,
			                    line_of(text, len, sections.items[i]),
			                    sections.items[i], why);
	}
done:
	if (err != NULL)
		amm_erasures_free(out);
	amm_strlist_free(&sections);
	amm_ini_free(ini);
	free(text);
	return err;
}

static const char *erase_file_head =
    "# Gewiste casussen (amm vergeet). Zonder persoonsgegevens: het casusnummer, de datum,\n"
    "# wie wiste, de grond en de vervangen geschiedenis. Niet met de hand wijzigen: elke kloon\n"
    "# en de server wissen deze casussen ook, en de controle weigert een veranderd record.\n";

amm_error *
amm_erasure_add(const char *text, size_t len, const struct amm_erasure *rec, char **out,
                size_t *outlen)
{
	char *section = amm_asprintf(SECTION "%s", rec->id);
	struct amm_buf tips = {0};
	struct amm_ini *ini = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	amm_error *err;

	*out = NULL;
	if (text == NULL) {
		text = erase_file_head;
		len = strlen(erase_file_head);
	}
	err = amm_ini_parse(&ini, AMM_ERASE_FILE, text, len);
	for (size_t i = 0; i < rec->vervangen.len; i++)
		amm_buf_addf(&tips, "%s%s", i ? " " : "", rec->vervangen.items[i]);
	checksum(rec, hex);
	if (err == NULL)
		err = amm_ini_set(ini, section, "datum", rec->datum);
	if (err == NULL)
		err = amm_ini_set(ini, section, "door", rec->door);
	if (err == NULL)
		err = amm_ini_set(ini, section, "grond", rec->grond);
	if (err == NULL && rec->lijst != NULL)
		err = amm_ini_set(ini, section, "lijst", rec->lijst);
	if (err == NULL)
		err = amm_ini_set(ini, section, "vervangen", tips.data ? tips.data : "");
	if (err == NULL)
		err = amm_ini_set(ini, section, "controle", hex);
	if (err == NULL)
		*out = amm_ini_serialize(ini, outlen);
	amm_ini_free(ini);
	amm_buf_free(&tips);
	free(section);
	return err;
}

bool
amm_snap_holds(struct amm_snap *snap, const char *path)
{
	git_tree_entry *entry = NULL;
	bool has = snap->tree != NULL && git_tree_entry_bypath(&entry, snap->tree, path) == 0;

	git_tree_entry_free(entry);
	return has;
}

amm_error *
amm_erase_due(struct amm_snap *snap, struct amm_date today, struct amm_due **out, size_t *n,
              struct amm_strlist *unreadable)
{
	struct amm_strlist ids = {0};
	struct amm_ini *cfg = NULL;
	amm_error *err;
	long years;

	*out = NULL;
	*n = 0;
	err = amm_config_load(snap, &cfg);
	years = amm_config_number(cfg, "privacy", "bewaartermijn", 7);
	if (err == NULL)
		err = amm_casus_ids(snap, &ids);
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;
		const char *closed;
		struct amm_date d, until;

		err = amm_casus_load(&casus, snap, ids.items[i]);
		if (err != NULL && err->code == AMM_EXIT_INPUT) {
			/* One casus that cannot be read does not hide the others. */
			amm_strlist_add(unreadable, err->msg);
			amm_error_free(err);
			err = NULL;
		}
		closed = casus != NULL ? amm_casus_get(casus, "afgesloten") : "";
		if (casus != NULL && !amm_casus_is_open(casus) && amm_date_stored(closed, &d)) {
			/* The same day, years later; 29 February becomes 28 February. */
			until = (struct amm_date){d.y + (int)years, d.m, d.d};
			if (!amm_date_valid(until.y, until.m, until.d))
				until.d--;
			if (amm_date_cmp(until, today) <= 0) {
				struct amm_due *due;

				*out = amm_xrealloc(*out, (*n + 1) * sizeof(**out));
				due = &(*out)[(*n)++];
				snprintf(due->id, sizeof(due->id), "%s", ids.items[i]);
				snprintf(due->afgesloten, sizeof(due->afgesloten), "%s", closed);
				amm_date_format(until, due->bewaren_tot);
			}
		}
		amm_casus_free(casus);
	}
	if (err != NULL) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	amm_strlist_free(&ids);
	amm_ini_free(cfg);
	return err;
}
