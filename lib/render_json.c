/* The JSON of a casus and its parts: the documented schema amm/1 (amm-json(7),
 * docs/amm.schema.json). */
#include "render.h"

#include "bedrag.h"

#include <stdlib.h>
#include <string.h>

/* A removed item (status verwijderd) is no longer part of the casus. */
static bool
removed(const struct amm_ini *ini, const char *section)
{
	return strcmp(amm_ini_str(ini, section, "status"), "verwijderd") == 0;
}

json_t *
amm_json_text_value(const char *s)
{
	char *visible;
	json_t *j;

	if (s == NULL || *s == '\0')
		return json_null();
	if (amm_utf8_valid(s, strlen(s)) && (j = json_string(s)) != NULL)
		return j;
	visible = amm_str_visible(s);
	j = json_pack("{s:s}", "ongeldig", visible);
	free(visible);
	return j;
}

/* What a file holds, typed as the schema has it. */
enum json_kind { JSON_TEXT, JSON_DATE, JSON_NR, JSON_BEDRAG, JSON_JA, JSON_KEUZE };

struct json_field {
	const char *key; /* in the file; in JSON with '_' for '-' */
	enum json_kind kind;
	const char *const *choices; /* JSON_KEUZE */
};

static bool
is_nr(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && n <= 9 && s[n] == '\0' && s[0] != '0';
}

static bool
is_choice(const char *s, const char *const *choices)
{
	for (size_t i = 0; choices[i] != NULL; i++)
		if (strcmp(s, choices[i]) == 0)
			return true;
	return false;
}

/* A value as its kind: null when empty, {"ongeldig": text} when it is not valid. */
static json_t *
json_value(const char *v, const struct json_field *f)
{
	struct amm_date d;
	long long cents;
	amm_error *err;
	json_t *j = NULL;

	if (*v == '\0')
		return f->kind == JSON_JA ? json_false() : json_null();
	switch (f->kind) {
	case JSON_TEXT:
		return amm_json_text_value(v);
	case JSON_DATE:
		if (amm_date_stored(v, &d))
			j = json_string(v);
		break;
	case JSON_NR:
		if (is_nr(v))
			j = json_integer(atol(v));
		break;
	case JSON_BEDRAG:
		err = amm_bedrag_parse(v, &cents);
		if (err == NULL) {
			char *s = amm_bedrag_canonical(cents);

			j = json_string(s);
			free(s);
		}
		amm_error_free(err);
		break;
	case JSON_JA:
		if (strcmp(v, "ja") == 0)
			j = json_true();
		break;
	case JSON_KEUZE:
		if (is_choice(v, f->choices))
			j = json_string(v);
		break;
	}
	if (j == NULL) {
		char *visible = amm_str_visible(v);

		j = json_pack("{s:s}", "ongeldig", visible);
		free(visible);
	}
	return j;
}

/* The fields of a section, in the order of the table, each one there (null when empty). */
static void
json_fields(json_t *obj, const struct amm_ini *ini, const char *section,
            const struct json_field *fields)
{
	for (const struct json_field *f = fields; f->key != NULL; f++) {
		char *name = amm_xstrdup(f->key);

		for (char *p = name; *p != '\0'; p++)
			if (*p == '-')
				*p = '_';
		json_object_set_new(obj, name, json_value(amm_ini_str(ini, section, f->key), f));
		free(name);
	}
}

static const char *const status_casus[] = {"open", "afgesloten", NULL};
static const char *const types[] = {"persoonlijk", "professioneel", "systeem", NULL};
static const char *const status_stap[] = {"open", "klaar", "gestopt", NULL};
static const char *const status_afspraak[] = {"open", "klaar", NULL};
static const char *const resultaten[] = {"behaald", "deels", "niet", NULL};
static const char *const besluiten[] = {"akkoord", "afgewezen", NULL};
static const char *const rollen[] = {"casusinbrenger", "procesbegeleider", "maatwerkcoach", "lid",
                                     NULL};

static const struct json_field casus_fields[] = {
    {"alias", JSON_TEXT, NULL},          {"status", JSON_KEUZE, status_casus},
    {"geopend", JSON_DATE, NULL},        {"organisatie", JSON_TEXT, NULL},
    {"casusinbrenger", JSON_TEXT, NULL}, {"procesbegeleider", JSON_TEXT, NULL},
    {"maatwerkcoach", JSON_TEXT, NULL},  {"volgende-evaluatie", JSON_DATE, NULL},
    {"afgesloten", JSON_DATE, NULL},     {"reden-afsluiten", JSON_TEXT, NULL},
    {"heropend", JSON_DATE, NULL},       {NULL, JSON_TEXT, NULL},
};

/* The items of each kind, and the fields of each. */
static const struct {
	const char *kind;
	struct json_field fields[14];
} item_fields[] = {
    {"probleem", {{"type", JSON_KEUZE, types}, {"tekst", JSON_TEXT, NULL}, {NULL, 0, NULL}}},
    {"stap",
     {{"tekst", JSON_TEXT, NULL},
      {"status", JSON_KEUZE, status_stap},
      {"aangemaakt", JSON_DATE, NULL},
      {"afgerond", JSON_DATE, NULL},
      {"reden", JSON_TEXT, NULL},
      {NULL, 0, NULL}}},
    {"afspraak",
     {{"stap", JSON_NR, NULL},
      {"wie", JSON_TEXT, NULL},
      {"wat", JSON_TEXT, NULL},
      {"wanneer", JSON_DATE, NULL},
      {"status", JSON_KEUZE, status_afspraak},
      {"aangemaakt", JSON_DATE, NULL},
      {"afgerond", JSON_DATE, NULL},
      {NULL, 0, NULL}}},
    {"evaluatie",
     {{"datum", JSON_DATE, NULL},
      {"stap", JSON_NR, NULL},
      {"resultaat", JSON_KEUZE, resultaten},
      {"werkte", JSON_TEXT, NULL},
      {"nodig", JSON_TEXT, NULL},
      {"perspectief-behaald", JSON_JA, NULL},
      {NULL, 0, NULL}}},
    {"uitzondering",
     {{"over", JSON_TEXT, NULL},
      {"gewone-route", JSON_TEXT, NULL},
      {"maatwerk", JSON_TEXT, NULL},
      {"kosten-gewoon", JSON_BEDRAG, NULL},
      {"kosten-maatwerk", JSON_BEDRAG, NULL},
      {"maatwerkcoach", JSON_TEXT, NULL},
      {"legitimiteit", JSON_TEXT, NULL},
      {"betrokkenheid", JSON_TEXT, NULL},
      {"rendement", JSON_TEXT, NULL},
      {"besluit", JSON_KEUZE, besluiten},
      {"besluit-datum", JSON_DATE, NULL},
      {"toelichting", JSON_TEXT, NULL},
      {NULL, 0, NULL}}},
    {"lid",
     {{"naam", JSON_TEXT, NULL},
      {"rol", JSON_KEUZE, rollen},
      {"organisatie", JSON_TEXT, NULL},
      {NULL, 0, NULL}}},
};

json_t *
amm_json_item(const struct amm_ini *ini, const char *kind, int nr, struct amm_date today)
{
	char *sec = amm_asprintf("%s %d", kind, nr);
	json_t *obj = json_pack("{s:i}", "nr", nr);

	for (size_t k = 0; k < sizeof(item_fields) / sizeof(item_fields[0]); k++)
		if (strcmp(item_fields[k].kind, kind) == 0)
			json_fields(obj, ini, sec, item_fields[k].fields);
	if (strcmp(kind, "afspraak") == 0)
		json_object_set_new(obj, "te_laat",
		                    json_boolean(amm_afspraak_te_laat(ini, sec, today)));
	free(sec);
	return obj;
}

/* The items of a kind as objects; removed ones left out. */
static json_t *
json_items(const struct amm_ini *ini, const char *kind, struct amm_date today)
{
	json_t *list = json_array();
	int *nrs;
	size_t n;

	amm_items(ini, kind, &nrs, &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("%s %d", kind, nrs[i]);

		if (!removed(ini, sec))
			json_array_append_new(list, amm_json_item(ini, kind, nrs[i], today));
		free(sec);
	}
	free(nrs);
	return list;
}

json_t *
amm_json_casus(const struct amm_casus *c)
{
	json_t *obj = json_pack("{s:s}", "casus", c->id);

	json_fields(obj, c->ini[AMM_DEEL_CASUS], "casus", casus_fields);
	return obj;
}

json_t *
amm_json_deel(const struct amm_casus *c, enum amm_deel deel, struct amm_date today)
{
	static const struct json_field datum = {"", JSON_DATE, NULL};
	const struct amm_ini *ini = c->ini[deel];
	json_t *obj = NULL;

	switch (deel) {
	case AMM_DEEL_CASUS:
		obj = amm_json_casus(c);
		break;
	case AMM_DEEL_PERSPECTIEF: {
		char *body = amm_casus_perspectief(c);

		obj = json_pack("{s:o}", "tekst", amm_json_text_value(body));
		free(body);
		break;
	}
	case AMM_DEEL_SPIN: {
		static const struct json_field text = {"", JSON_TEXT, NULL};
		json_t *velden = json_object();
		int filled = 0;

		for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
			const char *v = amm_ini_str(ini, "spin", amm_spin_velden[i].key);

			filled += *v != '\0';
			json_object_set_new(velden, amm_spin_velden[i].key, json_value(v, &text));
		}
		obj = json_pack("{s:o, s:i, s:i}", "velden", velden, "ingevuld", filled, "totaal",
		                AMM_SPIN_FIELDS);
		break;
	}
	case AMM_DEEL_ANALYSE:
		obj = json_pack("{s:o, s:o}", "gedeeld",
		                json_value(amm_ini_str(ini, "analyse", "gedeeld"), &datum),
		                "problemen", json_items(ini, "probleem", today));
		break;
	case AMM_DEEL_STAPPEN:
		obj = json_pack("{s:o, s:o}", "stappen", json_items(ini, "stap", today),
		                "afspraken", json_items(ini, "afspraak", today));
		break;
	case AMM_DEEL_EVALUATIES:
		obj = json_pack("{s:o, s:o}", "evaluaties", json_items(ini, "evaluatie", today),
		                "volgende_evaluatie",
		                json_value(amm_casus_get(c, "volgende-evaluatie"), &datum));
		break;
	case AMM_DEEL_UITZONDERINGEN:
		obj = json_pack("{s:o}", "uitzonderingen", json_items(ini, "uitzondering", today));
		break;
	case AMM_DEEL_TEAM:
		obj = json_pack("{s:o}", "leden", json_items(ini, "lid", today));
		break;
	case AMM_DEEL_COUNT:
		break;
	}
	return obj;
}

json_t *
amm_json_plan(const struct amm_casus *c, struct amm_date today)
{
	json_t *plan = amm_json_casus(c);

	for (int d = AMM_DEEL_CASUS + 1; d < AMM_DEEL_COUNT; d++)
		json_object_set_new(plan, amm_delen[d].name,
		                    amm_json_deel(c, (enum amm_deel)d, today));
	return plan;
}
