#include "model.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bedrag.h"
#include "inidoc.h"

/* What a value must be. */
enum kind { K_TEXT, K_DATE, K_BEDRAG, K_NUMBER, K_ENUM };

struct field {
	const char *key;
	size_t off; /* of its struct amm_value in the record */
	enum kind kind;
	const char *const *allowed; /* K_ENUM */
	const char *required;       /* the rule when it is missing or empty, or NULL */
};

static const char *const status_casus[] = {"open", "afgesloten", NULL};
static const char *const types[] = {"persoonlijk", "professioneel", "systeem", NULL};
static const char *const verwijderd[] = {"verwijderd", NULL};
static const char *const status_stap[] = {"open", "klaar", "gestopt", NULL};
static const char *const status_afspraak[] = {"open", "klaar", NULL};
static const char *const resultaten[] = {"behaald", "deels", "niet", NULL};
static const char *const ja[] = {"ja", NULL};
static const char *const besluiten[] = {"akkoord", "afgewezen", NULL};
static const char *const rollen[] = {"casusinbrenger", "procesbegeleider", "maatwerkcoach", "lid",
                                     NULL};

#define F(type, name, key, kind, allowed, required)                                                \
	{                                                                                          \
		key, offsetof(type, name), kind, allowed, required                                 \
	}
#define END                                                                                        \
	{                                                                                          \
		NULL, 0, K_TEXT, NULL, NULL                                                        \
	}

static const struct field casus_fields[] = {
    F(struct amm_m_casus, id, "id", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, alias, "alias", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, status, "status", K_ENUM, status_casus, AMM_RULE_ONTBREEKT),
    F(struct amm_m_casus, geopend, "geopend", K_DATE, NULL, NULL),
    F(struct amm_m_casus, organisatie, "organisatie", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, casusinbrenger, "casusinbrenger", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, procesbegeleider, "procesbegeleider", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, maatwerkcoach, "maatwerkcoach", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, volgende_evaluatie, "volgende-evaluatie", K_DATE, NULL, NULL),
    F(struct amm_m_casus, afgesloten, "afgesloten", K_DATE, NULL, NULL),
    F(struct amm_m_casus, reden_afsluiten, "reden-afsluiten", K_TEXT, NULL, NULL),
    F(struct amm_m_casus, heropend, "heropend", K_DATE, NULL, NULL),
    END,
};
static const struct field probleem_fields[] = {
    F(struct amm_probleem, type, "type", K_ENUM, types, AMM_RULE_ONTBREEKT),
    F(struct amm_probleem, tekst, "tekst", K_TEXT, NULL, NULL),
    F(struct amm_probleem, status, "status", K_ENUM, verwijderd, NULL),
    END,
};
static const struct field stap_fields[] = {
    F(struct amm_stap, tekst, "tekst", K_TEXT, NULL, NULL),
    F(struct amm_stap, status, "status", K_ENUM, status_stap, NULL),
    F(struct amm_stap, aangemaakt, "aangemaakt", K_DATE, NULL, NULL),
    F(struct amm_stap, afgerond, "afgerond", K_DATE, NULL, NULL),
    F(struct amm_stap, reden, "reden", K_TEXT, NULL, NULL),
    END,
};
static const struct field afspraak_fields[] = {
    F(struct amm_afspraak, stap, "stap", K_NUMBER, NULL, NULL),
    F(struct amm_afspraak, wie, "wie", K_TEXT, NULL, AMM_RULE_AFSPRAAK_ONVOLL),
    F(struct amm_afspraak, wat, "wat", K_TEXT, NULL, AMM_RULE_AFSPRAAK_ONVOLL),
    F(struct amm_afspraak, wanneer, "wanneer", K_DATE, NULL, AMM_RULE_AFSPRAAK_ONVOLL),
    F(struct amm_afspraak, status, "status", K_ENUM, status_afspraak, NULL),
    F(struct amm_afspraak, aangemaakt, "aangemaakt", K_DATE, NULL, NULL),
    F(struct amm_afspraak, afgerond, "afgerond", K_DATE, NULL, NULL),
    END,
};
static const struct field evaluatie_fields[] = {
    F(struct amm_evaluatie, datum, "datum", K_DATE, NULL, AMM_RULE_ONTBREEKT),
    F(struct amm_evaluatie, stap, "stap", K_NUMBER, NULL, NULL),
    F(struct amm_evaluatie, resultaat, "resultaat", K_ENUM, resultaten, AMM_RULE_ONTBREEKT),
    F(struct amm_evaluatie, werkte, "werkte", K_TEXT, NULL, NULL),
    F(struct amm_evaluatie, nodig, "nodig", K_TEXT, NULL, NULL),
    F(struct amm_evaluatie, perspectief_behaald, "perspectief-behaald", K_ENUM, ja, NULL),
    END,
};
static const struct field uitzondering_fields[] = {
    F(struct amm_uitzondering, over, "over", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, gewone_route, "gewone-route", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, maatwerk, "maatwerk", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, kosten_gewoon, "kosten-gewoon", K_BEDRAG, NULL, NULL),
    F(struct amm_uitzondering, kosten_maatwerk, "kosten-maatwerk", K_BEDRAG, NULL, NULL),
    F(struct amm_uitzondering, maatwerkcoach, "maatwerkcoach", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, legitimiteit, "legitimiteit", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, betrokkenheid, "betrokkenheid", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, rendement, "rendement", K_TEXT, NULL, NULL),
    F(struct amm_uitzondering, besluit, "besluit", K_ENUM, besluiten, NULL),
    F(struct amm_uitzondering, besluit_datum, "besluit-datum", K_DATE, NULL, NULL),
    F(struct amm_uitzondering, toelichting, "toelichting", K_TEXT, NULL, NULL),
    END,
};
static const struct field lid_fields[] = {
    F(struct amm_lid, naam, "naam", K_TEXT, NULL, NULL),
    F(struct amm_lid, rol, "rol", K_ENUM, rollen, NULL),
    F(struct amm_lid, organisatie, "organisatie", K_TEXT, NULL, NULL),
    F(struct amm_lid, status, "status", K_ENUM, verwijderd, NULL),
    END,
};

/* The numbered items of each file: their section names, records and where the model keeps
 * them. */
struct item_kind {
	const char *kind;
	enum amm_deel deel;
	const struct field *fields;
	size_t size;
	size_t list_off, count_off; /* in struct amm_model */
};

#define KIND(name, deel, fields, type, list, count)                                                \
	{                                                                                          \
		name, deel, fields, sizeof(type), offsetof(struct amm_model, list),                \
		    offsetof(struct amm_model, count)                                              \
	}

/* Steps first: agreements and evaluations refer to them. */
static const struct item_kind kinds[] = {
    KIND("stap", AMM_DEEL_STAPPEN, stap_fields, struct amm_stap, stappen, n_stappen),
    KIND("probleem", AMM_DEEL_ANALYSE, probleem_fields, struct amm_probleem, problemen,
         n_problemen),
    KIND("afspraak", AMM_DEEL_STAPPEN, afspraak_fields, struct amm_afspraak, afspraken,
         n_afspraken),
    KIND("evaluatie", AMM_DEEL_EVALUATIES, evaluatie_fields, struct amm_evaluatie, evaluaties,
         n_evaluaties),
    KIND("uitzondering", AMM_DEEL_UITZONDERINGEN, uitzondering_fields, struct amm_uitzondering,
         uitzonderingen, n_uitzonderingen),
    KIND("lid", AMM_DEEL_TEAM, lid_fields, struct amm_lid, team, n_team),
};

bool
amm_value_set(const struct amm_value *v)
{
	return v->valid && *v->text != '\0';
}

const char *
amm_value_str(const struct amm_value *v)
{
	return v->valid ? v->text : "";
}

static void add(struct amm_model *m, const char *rule, enum amm_deel deel, size_t line,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
add(struct amm_model *m, const char *rule, enum amm_deel deel, size_t line, const char *fmt, ...)
{
	struct amm_model_finding *f;
	va_list ap;

	m->findings = amm_xrealloc(m->findings, (m->n_findings + 1) * sizeof(*m->findings));
	f = &m->findings[m->n_findings++];
	f->rule = rule;
	f->deel = deel;
	f->line = line;
	va_start(ap, fmt);
	f->message = amm_vasprintf(fmt, ap);
	va_end(ap);
}

/* Text: valid UTF-8 without control characters but newline and tab. */
static bool
text_ok(const char *text, size_t len)
{
	amm_error *err = amm_text_check("", text, len);

	amm_error_free(err);
	return err == NULL;
}

static void
list_allowed(struct amm_buf *out, const char *const *allowed)
{
	for (const char *const *a = allowed; *a != NULL; a++)
		amm_buf_addf(out, "%s%s", a == allowed ? "" : a[1] == NULL ? " of " : ", ", *a);
}

/* A whole number of at most six digits, from 1. */
static bool
number(const char *text, long long *out)
{
	size_t n = strspn(text, "0123456789");

	if (n == 0 || n > 6 || text[n] != '\0')
		return false;
	*out = strtoll(text, NULL, 10);
	return *out > 0;
}

/* Read and validate one value; where names it in messages ("[afspraak 1] wanneer"). */
static void
value_load(struct amm_model *m, enum amm_deel deel, const char *section, const struct field *f,
           bool removed, struct amm_value *v)
{
	const struct amm_ini *ini = m->casus->ini[deel];
	const char *text = ini ? amm_ini_get(ini, section, f->key) : NULL;
	struct amm_buf allowed = {0};

	v->file = amm_delen[deel].file;
	v->text = text ? text : "";
	v->line = text && ini ? amm_ini_line(ini, section, f->key) : 0;
	v->valid = true;
	if (*v->text == '\0') {
		if (f->required != NULL && !removed &&
		    strcmp(f->required, AMM_RULE_AFSPRAAK_ONVOLL) == 0)
			add(m, f->required, deel,
			    v->line ? v->line : amm_ini_line(ini, section, NULL),
			    "%s: %s ontbreekt", section, f->key);
		else if (f->required != NULL && !removed)
			add(m, f->required, deel,
			    v->line ? v->line : amm_ini_line(ini, section, NULL),
			    "[%s] %s ontbreekt of is leeg", section, f->key);
		return;
	}
	if (!text_ok(v->text, strlen(v->text))) {
		v->valid = false;
		add(m, AMM_RULE_ONGELDIGE_TEKST, deel, v->line,
		    "[%s] %s: de tekst bevat stuurtekens; alleen een nieuwe regel en een tab mogen "
		    "erin",
		    section, f->key);
		return;
	}
	if (removed)
		return; /* kept as it was: only its text must be safe */
	switch (f->kind) {
	case K_TEXT:
		break;
	case K_DATE:
		v->valid = amm_date_stored(v->text, &v->date) && v->date.y >= AMM_MODEL_YEAR_MIN &&
		           v->date.y <= AMM_MODEL_YEAR_MAX;
		if (!v->valid)
			add(m, AMM_RULE_ONGELDIGE_DATUM, deel, v->line,
			    "[%s] %s: '%s' is geen bestaande datum; schrijf JJJJ-MM-DD, tussen %d "
			    "en "
			    "%d",
			    section, f->key, v->text, AMM_MODEL_YEAR_MIN, AMM_MODEL_YEAR_MAX);
		break;
	case K_BEDRAG: {
		amm_error *err = amm_bedrag_parse(v->text, &v->num);

		v->valid = err == NULL;
		amm_error_free(err);
		if (!v->valid)
			add(m, AMM_RULE_ONGELDIG_BEDRAG, deel, v->line,
			    "[%s] %s: '%s' is geen bedrag; schrijf euro's als 9500.00, 9.500 of "
			    "9.500,50, tot € 10.000.000",
			    section, f->key, v->text);
		break;
	}
	case K_NUMBER:
		v->valid = number(v->text, &v->num);
		if (!v->valid)
			add(m, AMM_RULE_ONGELDIG_GETAL, deel, v->line,
			    "[%s] %s: '%s' is geen nummer; schrijf een geheel getal vanaf 1",
			    section, f->key, v->text);
		break;
	case K_ENUM:
		v->valid = false;
		for (const char *const *a = f->allowed; *a != NULL; a++)
			v->valid = v->valid || strcmp(v->text, *a) == 0;
		if (v->valid)
			break;
		list_allowed(&allowed, f->allowed);
		add(m, AMM_RULE_ONBEKENDE_WAARDE, deel, v->line,
		    "[%s] %s: '%s' is geen geldige waarde; kies %s", section, f->key, v->text,
		    allowed.data);
		amm_buf_free(&allowed);
		break;
	}
}

static void
record_load(struct amm_model *m, enum amm_deel deel, const char *section,
            const struct field *fields, bool removed, void *record)
{
	for (const struct field *f = fields; f->key != NULL; f++)
		value_load(m, deel, section, f, removed,
		           (struct amm_value *)((char *)record + f->off));
}

/* The number of a section "<kind> N", or 0. */
static int
item_nr(const char *section, const char *kind)
{
	size_t klen = strlen(kind), n;
	const char *digits = section + klen + 1;

	if (strncmp(section, kind, klen) != 0 || section[klen] != ' ')
		return 0;
	n = strspn(digits, "0123456789");
	return n == 0 || n > 6 || digits[n] != '\0' ? 0 : atoi(digits);
}

static void
items_load(struct amm_model *m, const struct item_kind *k, struct amm_strlist *sections)
{
	const struct amm_ini *ini = m->casus->ini[k->deel];
	char **list = (char **)((char *)m + k->list_off);
	size_t *count = (size_t *)((char *)m + k->count_off);

	if (ini == NULL)
		return;
	for (size_t i = 0; i < sections->len; i++) {
		const char *sec = sections->items[i];
		int nr = item_nr(sec, k->kind);
		struct amm_m_item *item, *twin = NULL;
		const char *status;

		if (nr <= 0)
			continue;
		for (size_t j = 0; j < *count && twin == NULL; j++)
			if (((struct amm_m_item *)(*list + j * k->size))->nr == nr)
				twin = (struct amm_m_item *)(*list + j * k->size);
		if (twin != NULL) {
			add(m, AMM_RULE_DUBBEL_NUMMER, k->deel, amm_ini_line(ini, sec, NULL),
			    "[%s]: %s %d staat er al als [%s] op regel %zu; een nummer hoort bij "
			    "één "
			    "%s",
			    sec, k->kind, nr, twin->section, twin->line, k->kind);
			continue;
		}
		*list = amm_xrealloc(*list, (*count + 1) * k->size);
		item = (struct amm_m_item *)(*list + *count * k->size);
		memset(item, 0, k->size);
		(*count)++;
		item->nr = nr;
		item->section = sec;
		item->line = amm_ini_line(ini, sec, NULL);
		status = amm_ini_get(ini, sec, "status");
		item->verwijderd = status != NULL && strcmp(status, "verwijderd") == 0;
		record_load(m, k->deel, sec, k->fields, item->verwijderd, item);
	}
}

const struct amm_stap *
amm_model_stap(const struct amm_model *m, long nr)
{
	for (size_t i = 0; i < m->n_stappen; i++)
		if (m->stappen[i].item.nr == nr)
			return &m->stappen[i];
	return NULL;
}

/* A valid step number must name a step of the casus. */
static void
check_stap_ref(struct amm_model *m, enum amm_deel deel, const struct amm_m_item *item,
               const struct amm_value *stap)
{
	if (amm_value_set(stap) && amm_model_stap(m, (long)stap->num) == NULL)
		add(m, AMM_RULE_ONBEKENDE_STAP, deel, stap->line,
		    "[%s] stap: stap %s bestaat niet; noem een stap uit stappen.ini", item->section,
		    stap->text);
}

/* perspectief.md: the text as read, or the one a command wrote. */
static void
perspectief_load(struct amm_model *m)
{
	const struct amm_casus *c = m->casus;
	const char *text = c->perspectief ? c->perspectief : "";
	const char *raw = c->raw[AMM_DEEL_PERSPECTIEF];
	size_t len = strlen(text), line = 1;

	/* Unchanged: the bytes as read, which may hold a NUL that ends the string. */
	if (raw != NULL && strcmp(raw, text) == 0 && c->raw_len[AMM_DEEL_PERSPECTIEF] > len) {
		text = raw;
		len = c->raw_len[AMM_DEEL_PERSPECTIEF];
	}
	m->perspectief = amm_casus_perspectief(c);
	m->perspectief_valid = true;
	for (size_t at = 0; at < len; line++) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - text - at) : len - at;

		if (!text_ok(text + at, n)) {
			m->perspectief_valid = false;
			add(m, AMM_RULE_ONGELDIGE_TEKST, AMM_DEEL_PERSPECTIEF, line,
			    "de tekst is geen geldige UTF-8 of bevat stuurtekens; alleen een "
			    "nieuwe "
			    "regel en een tab mogen erin");
			break;
		}
		at += n + 1;
	}
}

struct amm_model *
amm_model_build(const struct amm_casus *casus)
{
	struct amm_model *m = amm_xcalloc(1, sizeof(*m));
	static const struct field gedeeld = {"gedeeld", 0, K_DATE, NULL, NULL};

	m->casus = casus;
	/* The section names stay with the model: the items point at them. */
	m->sections = amm_xcalloc(AMM_DEEL_COUNT, sizeof(*m->sections));
	record_load(m, AMM_DEEL_CASUS, "casus", casus_fields, false, &m->c);
	if (amm_value_set(&m->c.id) && strcmp(m->c.id.text, casus->id) != 0) {
		m->c.id.valid = false;
		add(m, AMM_RULE_ONBEKENDE_WAARDE, AMM_DEEL_CASUS, m->c.id.line,
		    "[casus] id: '%s' hoort bij een andere casus dan %s", m->c.id.text, casus->id);
	}
	perspectief_load(m);
	for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
		const struct field f = {amm_spin_velden[i].key, 0, K_TEXT, NULL, NULL};

		value_load(m, AMM_DEEL_SPIN, "spin", &f, false, &m->spin[i]);
	}
	value_load(m, AMM_DEEL_ANALYSE, "analyse", &gedeeld, false, &m->gedeeld);
	for (int d = 0; d < AMM_DEEL_COUNT; d++)
		if (casus->ini[d] != NULL)
			amm_ini_sections(casus->ini[d], &m->sections[d]);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		items_load(m, &kinds[k], &m->sections[kinds[k].deel]);
	for (size_t i = 0; i < m->n_afspraken; i++)
		check_stap_ref(m, AMM_DEEL_STAPPEN, &m->afspraken[i].item, &m->afspraken[i].stap);
	for (size_t i = 0; i < m->n_evaluaties; i++)
		check_stap_ref(m, AMM_DEEL_EVALUATIES, &m->evaluaties[i].item,
		               &m->evaluaties[i].stap);
	return m;
}

amm_error *
amm_model_load(struct amm_model **out, struct amm_snap *snap, const char *id, unsigned parts)
{
	struct amm_casus *casus = NULL;
	amm_error *err = amm_casus_load_parts(&casus, snap, id, parts);

	*out = NULL;
	if (err != NULL)
		return err;
	*out = amm_model_build(casus);
	(*out)->owned = casus;
	return NULL;
}

void
amm_model_free(struct amm_model *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n_findings; i++)
		free(m->findings[i].message);
	free(m->findings);
	free(m->problemen);
	free(m->stappen);
	free(m->afspraken);
	free(m->evaluaties);
	free(m->uitzonderingen);
	free(m->team);
	free(m->perspectief);
	for (int d = 0; m->sections != NULL && d < AMM_DEEL_COUNT; d++)
		amm_strlist_free(&m->sections[d]);
	free(m->sections);
	amm_casus_free(m->owned);
	free(m);
}

bool
amm_model_is_open(const struct amm_model *m)
{
	return m->c.status.valid && strcmp(m->c.status.text, "open") == 0;
}

/* Open: status open, or none (amm writes one; a hand edit may leave it out). */
static bool
open_status(const struct amm_value *status)
{
	return *status->text == '\0' || (status->valid && strcmp(status->text, "open") == 0);
}

bool
amm_model_afspraak_te_laat(const struct amm_afspraak *a, struct amm_date today)
{
	return open_status(&a->status) && amm_value_set(&a->wanneer) &&
	       amm_date_cmp(a->wanneer.date, today) < 0;
}

void
amm_model_voortgang(const struct amm_model *m, struct amm_date today, struct amm_voortgang *v)
{
	memset(v, 0, sizeof(*v));
	v->perspectief = m->perspectief_valid && *m->perspectief != '\0';
	for (int i = 0; i < AMM_SPIN_FIELDS; i++)
		v->spin_gevuld += amm_value_set(&m->spin[i]);
	for (size_t i = 0; i < m->n_problemen; i++)
		v->problemen += !m->problemen[i].item.verwijderd;
	v->gedeeld = amm_value_set(&m->gedeeld);
	for (size_t i = 0; i < m->n_stappen; i++) {
		const struct amm_value *s = &m->stappen[i].status;

		v->stappen++;
		v->stappen_open += *s->text == '\0' || !s->valid || strcmp(s->text, "open") == 0;
	}
	for (size_t i = 0; i < m->n_afspraken; i++) {
		const struct amm_afspraak *a = &m->afspraken[i];

		v->afspraken++;
		v->afspraken_open += !(a->status.valid && strcmp(a->status.text, "klaar") == 0);
		v->afspraken_te_laat += amm_model_afspraak_te_laat(a, today);
	}
	v->evaluaties = (int)m->n_evaluaties;
	v->uitzonderingen = (int)m->n_uitzonderingen;
	for (size_t i = 0; i < m->n_team; i++)
		v->teamleden += !m->team[i].item.verwijderd;
}

void
amm_casus_voortgang(const struct amm_casus *casus, struct amm_date today, struct amm_voortgang *v)
{
	struct amm_model *m = amm_model_build(casus);

	amm_model_voortgang(m, today, v);
	amm_model_free(m);
}

amm_error *
amm_model_refuse(const struct amm_casus *casus, unsigned parts)
{
	struct amm_model *m = amm_model_build(casus);
	amm_error *err = NULL;

	for (size_t i = 0; i < m->n_findings && err == NULL; i++) {
		const struct amm_model_finding *f = &m->findings[i];
		char *path;

		if ((parts & (1u << f->deel)) == 0)
			continue;
		path = amm_casus_path(casus->id, f->deel);
		err = amm_error_new(AMM_EXIT_INPUT, "%s:%zu: %s", path, f->line, f->message);
		free(path);
	}
	amm_model_free(m);
	return err;
}
