/*
 * The summary of every casus and its file (.git/amm-overzicht): a header with the format
 * version, the length and the checksum of the rest, then a line per casus: the tree id of its
 * folder, its id and its summary as JSON.
 */
#include "summary.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agenda.h"
#include "model.h"
#include "render.h"

#define HEADER_FMT "amm-overzicht %d %zu %016" PRIx64 "\n"

/* Far enough ahead that every dated open agreement lies before it. */
static const struct amm_date far = {9999, 12, 31};

/* FNV-1a, 64 bits: enough to tell a damaged file from a whole one. */
static uint64_t
checksum(const char *data, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* A text as the file holds it: JSON when it is UTF-8, else its bytes in hex ({"hex": ..}). */
static json_t *
text_json(const char *s)
{
	struct amm_buf hex = {0};
	json_t *o;

	if (amm_utf8_valid(s, strlen(s)))
		return json_string(s);
	for (const char *p = s; *p != '\0'; p++)
		amm_buf_addf(&hex, "%02x", (unsigned char)*p);
	o = json_pack("{s:s%}", "hex", hex.data ? hex.data : "", hex.len);
	amm_buf_free(&hex);
	return o;
}

/* The reverse of text_json: a string holding the bytes (new reference), or NULL. */
static json_t *
text_unhex(json_t *v)
{
	const char *hex;
	size_t n;
	char *raw;
	json_t *out;

	if (json_is_string(v))
		return json_incref(v);
	if (!json_is_object(v) || json_unpack(v, "{s:s%}", "hex", &hex, &n) != 0 || n % 2 != 0)
		return NULL;
	raw = amm_xcalloc(n / 2 + 1, 1);
	for (size_t i = 0; i < n / 2; i++) {
		unsigned b;

		if (sscanf(hex + 2 * i, "%2x", &b) != 1 || b == 0) {
			free(raw);
			return NULL;
		}
		raw[i] = (char)b;
	}
	out = json_stringn_nocheck(raw, n / 2);
	free(raw);
	return out;
}

/* Replace the text at key of obj, or at index of an array, by its bytes; false if none. */
static bool
unhex_at(json_t *parent, const char *key, size_t index)
{
	json_t *v = key ? json_object_get(parent, key) : json_array_get(parent, index);
	json_t *s = text_unhex(v);

	if (s == NULL)
		return false;
	if (key)
		json_object_set_new(parent, key, s);
	else
		json_array_set_new(parent, index, s);
	return true;
}

/* What is due (amm_agenda_add without all): per item [date, evaluatie, nr, stap, wie, wat,
 * alias]. */
static json_t *
agenda_json(const struct amm_model *m)
{
	struct amm_agenda a = {0};
	json_t *list = json_array();

	amm_agenda_add(&a, m, false, 0, 0);
	for (size_t i = 0; i < a.len; i++) {
		const struct amm_agenda_item *it = &a.items[i];
		char d[AMM_DATE_LEN];

		amm_date_format(it->date, d);
		json_array_append_new(list, json_pack("[s, b, i, i, o, o, o]", d, it->evaluatie,
		                                      it->nr, it->stap, text_json(it->wie),
		                                      text_json(it->wat), text_json(it->alias)));
	}
	amm_agenda_free(&a);
	return list;
}

static const char *const text_keys[] = {"alias", "inbrenger", "coach", NULL};

/* The summary of one casus, from its model. */
static json_t *
record_build(const struct amm_model *m)
{
	struct amm_voortgang v;
	json_t *team = json_array(), *afspraken = json_array(), *systeem = json_array();
	json_t *uitz = json_array();

	amm_model_voortgang(m, far, &v);
	for (size_t i = 0; i < m->n_team; i++)
		if (!m->team[i].item.verwijderd)
			json_array_append_new(team, text_json(m->team[i].naam.text));
	for (size_t i = 0; i < m->n_afspraken; i++) {
		const struct amm_afspraak *a = &m->afspraken[i];
		char d[AMM_DATE_LEN] = "";

		if (amm_model_afspraak_te_laat(a, far))
			amm_date_format(a->wanneer.date, d);
		json_array_append_new(
		    afspraken,
		    json_pack("[o, s, b]", text_json(a->wie.text), d,
		              !(a->status.valid && strcmp(a->status.text, "klaar") == 0)));
	}
	for (size_t i = 0; i < m->n_problemen; i++) {
		const struct amm_probleem *p = &m->problemen[i];

		if (!p->item.verwijderd && strcmp(amm_value_str(&p->type), "systeem") == 0)
			json_array_append_new(systeem, text_json(p->tekst.text));
	}
	/* An amount that is no amount counts as none: amm check reports it. */
	for (size_t i = 0; i < m->n_uitzonderingen; i++) {
		const struct amm_uitzondering *u = &m->uitzonderingen[i];
		const char *b = amm_value_str(&u->besluit);

		json_array_append_new(
		    uitz,
		    json_pack(
		        "[i, I, I]",
		        strcmp(b, "akkoord") == 0     ? 1
		        : strcmp(b, "afgewezen") == 0 ? 2
		                                      : 0,
		        (json_int_t)(amm_value_set(&u->kosten_gewoon) ? u->kosten_gewoon.num : 0),
		        (json_int_t)(amm_value_set(&u->kosten_maatwerk) ? u->kosten_maatwerk.num
		                                                        : 0)));
	}
	return json_pack("{s:s, s:s, s:b, s:o, s:s, s:o, s:o, s:o, s:o, s:[iiiiiiiiiii], s:o, s:o, "
	                 "s:o, s:o}",
	                 "id", m->casus->id, "status", amm_value_str(&m->c.status), "open",
	                 amm_model_is_open(m), "alias", text_json(m->c.alias.text), "evaluatie",
	                 amm_value_str(&m->c.volgende_evaluatie), "inbrenger",
	                 text_json(m->c.casusinbrenger.text), "coach",
	                 text_json(m->c.maatwerkcoach.text), "team", team, "afspraken", afspraken,
	                 "voortgang", v.perspectief, v.spin_gevuld, v.problemen, v.gedeeld,
	                 v.stappen, v.stappen_open, v.afspraken, v.afspraken_open, v.evaluaties,
	                 v.uitzonderingen, v.teamleden, "casus", amm_json_casus(m->casus),
	                 "systeem", systeem, "uitzonderingen", uitz, "agenda", agenda_json(m));
}

/* Check an agenda of a record, its texts as their bytes; NULL is none. */
static bool
agenda_decode(json_t *agenda)
{
	size_t i;
	json_t *it;

	if (agenda != NULL && !json_is_array(agenda))
		return false;
	json_array_foreach(agenda, i, it)
	{
		const char *d;
		int evaluatie, nr, stap;
		struct amm_date date;

		if (!json_is_array(it) || json_array_size(it) != 7 || !unhex_at(it, NULL, 4) ||
		    !unhex_at(it, NULL, 5) || !unhex_at(it, NULL, 6) ||
		    json_unpack(it, "[s, b, i, i, s, s, s!]", &d, &evaluatie, &nr, &stap, &d, &d,
		                &d) != 0 ||
		    !amm_date_stored(json_string_value(json_array_get(it, 0)), &date))
			return false;
	}
	return true;
}

/* Fill s from record r (which it borrows); false when r is not one. */
static bool
record_decode(json_t *r, struct amm_summary_casus *s, struct amm_date today)
{
	int p, g, open;
	size_t i;
	json_t *a;

	memset(s, 0, sizeof(*s));
	if (json_unpack(r, "{s:s, s?s, s?s, s?o}", "id", &s->id, "fout", &s->fout, "agenda_fout",
	                &s->agenda_fout, "agenda", &s->agenda) != 0 ||
	    (s->agenda == NULL) == (s->agenda_fout == NULL) || !agenda_decode(s->agenda))
		return false;
	if (s->fout != NULL)
		return true;
	for (const char *const *k = text_keys; *k != NULL; k++)
		if (!unhex_at(r, *k, 0))
			return false;
	if (json_unpack(
	        r, "{s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:o, s:o, s:[iiiiiiiiiii!], s:o, s:o, s:o}",
	        "id", &s->id, "status", &s->status, "open", &open, "alias", &s->alias, "evaluatie",
	        &s->evaluatie, "inbrenger", &s->inbrenger, "coach", &s->coach, "team", &s->team,
	        "afspraken", &s->afspraken, "voortgang", &p, &s->v.spin_gevuld, &s->v.problemen, &g,
	        &s->v.stappen, &s->v.stappen_open, &s->v.afspraken, &s->v.afspraken_open,
	        &s->v.evaluaties, &s->v.uitzonderingen, &s->v.teamleden, "casus", &s->casus,
	        "systeem", &s->systeem, "uitzonderingen", &s->uitzonderingen) != 0 ||
	    !json_is_array(s->team) || !json_is_array(s->afspraken) || !json_is_object(s->casus) ||
	    !json_is_array(s->systeem) || !json_is_array(s->uitzonderingen))
		return false;
	for (i = 0; i < json_array_size(s->systeem); i++)
		if (!unhex_at(s->systeem, NULL, i))
			return false;
	json_array_foreach(s->uitzonderingen, i, a)
	{
		int state;
		json_int_t gewoon, maatwerk;

		if (json_unpack(a, "[i, I, I!]", &state, &gewoon, &maatwerk) != 0 || state < 0 ||
		    state > 2)
			return false;
	}
	s->open = open != 0;
	s->v.perspectief = p != 0;
	s->v.gedeeld = g != 0;
	for (i = 0; i < json_array_size(s->team); i++)
		if (!unhex_at(s->team, NULL, i))
			return false;
	json_array_foreach(s->afspraken, i, a)
	{
		const char *wie, *d;
		int is_open;
		struct amm_date date;

		if (!json_is_array(a) || json_array_size(a) != 3 || !unhex_at(a, NULL, 0) ||
		    json_unpack(a, "[s, s, b!]", &wie, &d, &is_open) != 0)
			return false;
		if (*d != '\0' && !amm_date_stored(d, &date))
			return false;
		s->v.afspraken_te_laat += *d != '\0' && amm_date_cmp(date, today) < 0;
	}
	return true;
}

/* The lines of a whole file of this version, by key ("<tree> <id>"); false when it is not. */
static bool
file_parse(char *data, size_t len, json_t *known, struct amm_strlist *lines)
{
	char *nl = data ? memchr(data, '\n', len) : NULL;
	char *header, *expect, *body, *end;
	int version;
	size_t blen;
	uint64_t sum;
	bool ok;

	if (nl == NULL)
		return false;
	header = amm_xstrndup(data, (size_t)(nl + 1 - data));
	ok = sscanf(header, "amm-overzicht %d %zu %" SCNx64, &version, &blen, &sum) == 3;
	expect = ok ? amm_asprintf(HEADER_FMT, version, blen, sum) : NULL;
	ok = ok && strcmp(expect, header) == 0 && version == AMM_SUMMARY_VERSION;
	body = nl + 1;
	ok = ok && blen == len - (size_t)(body - data) && checksum(body, blen) == sum;
	free(expect);
	free(header);
	for (char *line = body; ok && line < data + len; line = end + 1) {
		char *tab;

		end = memchr(line, '\n', (size_t)(data + len - line));
		if (end == NULL)
			return false;
		*end = '\0';
		tab = strchr(line, '\t');
		if (tab == NULL)
			return false;
		*tab = '\0';
		json_object_set_new(known, line, json_integer((json_int_t)lines->len));
		amm_strlist_add(lines, tab + 1);
	}
	return ok;
}

/* The tree id of every casus folder of head, by casus id: one listing per year folder. */
static amm_error *
casus_trees(struct amm_snap *head, json_t *trees)
{
	struct amm_strlist years = {0};
	amm_error *err = amm_snap_list(head, AMM_CASUS_ROOT, &years);

	for (size_t i = 0; i < years.len && err == NULL; i++) {
		struct amm_strlist names = {0}, oids = {0};
		char *dir = amm_asprintf(AMM_CASUS_ROOT "/%s", years.items[i]);

		err = amm_snap_list_ids(head, dir, &names, &oids);
		for (size_t k = 0; k < names.len; k++)
			json_object_set_new(trees, names.items[k], json_string(oids.items[k]));
		amm_strlist_free(&names);
		amm_strlist_free(&oids);
		free(dir);
	}
	amm_strlist_free(&years);
	return err;
}

/* The summary of casus id, made through its model: its line of the file, or an error. */
static amm_error *
record_load(struct amm_snap *head, const char *id, json_t **rec)
{
	struct amm_model *m = NULL;
	amm_error *err = amm_model_load(&m, head, id, ~0u);

	*rec = NULL;
	if (err != NULL && err->code == AMM_EXIT_INPUT) {
		*rec = json_pack("{s:s, s:s}", "id", id, "fout", err->msg);
		amm_error_free(err);
		/* What is due needs only casus.ini and stappen.ini, as amm agenda reads them. */
		err = amm_model_load(&m, head, id, 1u << AMM_DEEL_STAPPEN);
		if (err != NULL && err->code == AMM_EXIT_INPUT)
			json_object_set_new(*rec, "agenda_fout", json_string(err->msg));
		else if (err == NULL)
			json_object_set_new(*rec, "agenda", agenda_json(m));
		if (err != NULL && err->code == AMM_EXIT_INPUT) {
			amm_error_free(err);
			err = NULL;
		}
		amm_model_free(m);
		if (err != NULL) {
			json_decref(*rec);
			*rec = NULL;
		}
		return err;
	}
	if (err == NULL)
		*rec = record_build(m);
	amm_model_free(m);
	return err;
}

amm_error *
amm_summary_read(struct amm_summary *out, struct amm_store *st, struct amm_snap *head,
                 struct amm_date today)
{
	struct amm_strlist ids = {0}, lines = {0};
	json_t *trees = json_object(), *known = json_object();
	struct amm_buf body = {0}, file = {0};
	char *data = NULL;
	size_t len = 0;
	amm_error *err;

	memset(out, 0, sizeof(*out));
	out->records = json_array();
	err = amm_casus_ids(head, &ids);
	if (err == NULL)
		err = casus_trees(head, trees);
	if (err == NULL && (!amm_store_derived_read(st, AMM_SUMMARY_FILE, &data, &len) ||
	                    !file_parse(data, len, known, &lines)))
		json_object_clear(known);
	out->items = amm_xcalloc(ids.len ? ids.len : 1, sizeof(*out->items));
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		const char *tree = json_string_value(json_object_get(trees, ids.items[i]));
		char *key = amm_asprintf("%s %s", tree ? tree : "-", ids.items[i]);
		json_t *at = json_object_get(known, key), *rec = NULL;
		char *text = NULL;

		if (at != NULL) {
			text = amm_xstrdup(lines.items[json_integer_value(at)]);
			rec = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
		}
		if (rec == NULL || !record_decode(rec, &out->items[out->len], today)) {
			json_decref(rec);
			free(text);
			text = NULL;
			out->loaded++;
			err = record_load(head, ids.items[i], &rec);
			if (err == NULL)
				text = json_dumps(rec, JSON_COMPACT | JSON_ENSURE_ASCII);
			if (err == NULL && !record_decode(rec, &out->items[out->len], today))
				err = amm_error_new(AMM_EXIT_SYSTEM, "%s: %s", AMM_SUMMARY_FILE,
				                    ids.items[i]);
		}
		if (err == NULL) {
			json_array_append_new(out->records, rec);
			out->len++;
			amm_buf_addf(&body, "%s\t%s\n", key, text);
		} else {
			json_decref(rec);
		}
		free(text);
		free(key);
	}
	/* Rewritten when anything changed: a casus that is gone leaves nothing behind. */
	if (err == NULL && (out->loaded > 0 || json_object_size(known) != ids.len)) {
		amm_buf_addf(&file, HEADER_FMT, AMM_SUMMARY_VERSION, body.len,
		             checksum(body.data ? body.data : "", body.len));
		amm_buf_add(&file, body.data ? body.data : "", body.len);
		/* Derived data: a repository we cannot write goes without. */
		amm_error_free(amm_store_derived_write(st, AMM_SUMMARY_FILE, file.data, file.len));
	}
	amm_buf_free(&file);
	amm_buf_free(&body);
	amm_strlist_free(&lines);
	amm_strlist_free(&ids);
	json_decref(known);
	json_decref(trees);
	free(data);
	if (err != NULL)
		amm_summary_free(out);
	return err;
}

void
amm_summary_agenda(const struct amm_summary_casus *s, struct amm_agenda *a)
{
	size_t i;
	json_t *v;

	json_array_foreach(s->agenda, i, v)
	{
		struct amm_agenda_item *it;

		a->items = amm_xrealloc(a->items, (a->len + 1) * sizeof(*a->items));
		it = &a->items[a->len++];
		memset(it, 0, sizeof(*it));
		amm_date_stored(json_string_value(json_array_get(v, 0)), &it->date);
		it->casus = amm_xstrdup(s->id);
		it->evaluatie = json_is_true(json_array_get(v, 1));
		it->nr = (int)json_integer_value(json_array_get(v, 2));
		it->stap = (int)json_integer_value(json_array_get(v, 3));
		it->wie = amm_xstrdup(json_string_value(json_array_get(v, 4)));
		it->wat = amm_xstrdup(json_string_value(json_array_get(v, 5)));
		it->alias = amm_xstrdup(json_string_value(json_array_get(v, 6)));
	}
}

void
amm_summary_free(struct amm_summary *s)
{
	free(s->items);
	json_decref(s->records);
	memset(s, 0, sizeof(*s));
}

amm_error *
amm_summary_fout(const char *why)
{
	return why != NULL ? amm_error_new(AMM_EXIT_INPUT, "%s", why) : NULL;
}

static bool
has(const char *text, const char *naam)
{
	return text != NULL && strcasestr(text, naam) != NULL;
}

bool
amm_summary_noemt(const struct amm_summary_casus *s, const char *naam)
{
	size_t i;
	json_t *v;

	if (has(s->inbrenger, naam) || has(s->coach, naam))
		return true;
	json_array_foreach(s->team, i, v) if (has(json_string_value(v), naam)) return true;
	json_array_foreach(s->afspraken, i,
	                   v) if (json_is_true(json_array_get(v, 2)) &&
	                          has(json_string_value(json_array_get(v, 0)), naam)) return true;
	return false;
}

void
amm_summary_remove(struct amm_store *st)
{
	amm_store_derived_remove(st, AMM_SUMMARY_FILE);
}
