#include "doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bedrag.h"
#include "doc_priv.h"
#include "util.h"

struct amm_doc *
amm_doc_add(struct amm_doc *parent, enum amm_doc_kind kind, const char *text)
{
	struct amm_doc *d = amm_xcalloc(1, sizeof(*d));

	d->kind = kind;
	d->text = text ? amm_xstrdup(text) : NULL;
	if (parent != NULL) {
		parent->kids =
		    amm_xrealloc(parent->kids, (parent->n_kids + 1) * sizeof(*parent->kids));
		parent->kids[parent->n_kids++] = d;
	}
	return d;
}

void
amm_doc_free(struct amm_doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n_kids; i++)
		amm_doc_free(d->kids[i]);
	free(d->kids);
	free(d->text);
	free(d);
}

size_t
amm_doc_count(const struct amm_doc *d, enum amm_doc_kind kind)
{
	size_t n = d->kind == kind;

	for (size_t i = 0; i < d->n_kids; i++)
		n += amm_doc_count(d->kids[i], kind);
	return n;
}

struct amm_doc *
amm_doc_heading(struct amm_doc *parent, int level, const char *words)
{
	struct amm_doc *h = amm_doc_add(parent, AMM_DOC_HEADING, NULL);

	h->level = level;
	if (words != NULL)
		amm_doc_add(h, AMM_DOC_WORDS, words);
	return h;
}

static void wordsf(struct amm_doc *parent, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
wordsf(struct amm_doc *parent, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = amm_vasprintf(fmt, ap);
	va_end(ap);
	amm_doc_add(parent, AMM_DOC_WORDS, s);
	free(s);
}

/* amm's words that say a thing is empty. */
static void
leeg(struct amm_doc *parent, const char *words)
{
	amm_doc_add(parent, AMM_DOC_WORDS, words)->style = "leeg";
}

/* A value as the file holds it, marked when it failed validation; empty gives "" or, when
 * empty is not NULL, those words marked as empty. */
void
amm_doc_value(struct amm_doc *parent, const struct amm_value *v, const char *empty)
{
	if (*v->text == '\0' && empty != NULL)
		leeg(parent, empty);
	else if (*v->text != '\0') {
		struct amm_doc *d = amm_doc_add(parent, AMM_DOC_VALUE, v->text);

		d->invalid = !v->valid;
		/* A date is kept on one line on the page. */
		d->style = v->valid && v->date.y != 0 ? "datum" : NULL;
	}
}

/* A value, or when empty, what that means in plain words ("open"). */
void
amm_doc_value_or(struct amm_doc *parent, const struct amm_value *v, const char *meaning)
{
	if (*v->text == '\0')
		amm_doc_add(parent, AMM_DOC_WORDS, meaning);
	else
		amm_doc_value(parent, v, NULL);
}

/* A state amm marks: " (te laat)". */
static void
mark(struct amm_doc *parent, const char *words, const char *style)
{
	amm_doc_add(parent, AMM_DOC_WORDS, " (");
	amm_doc_add(parent, AMM_DOC_WORDS, words)->style = style;
	amm_doc_add(parent, AMM_DOC_WORDS, ")");
}

/* label: value, when the value is there (or empty is not NULL). */
static void
field(struct amm_doc *list, const char *label, const struct amm_value *v, const char *empty)
{
	if (*v->text != '\0' || empty != NULL)
		amm_doc_value(amm_doc_add(list, AMM_DOC_FIELD, label), v, empty);
}

/* An amount: formatted when valid, else as written and marked. */
static void
bedrag(struct amm_doc *list, const char *label, const struct amm_value *v)
{
	char *s;

	if (!amm_value_set(v)) {
		field(list, label, v, NULL);
		return;
	}
	s = amm_bedrag_format(v->num);
	amm_doc_add(amm_doc_add(list, AMM_DOC_FIELD, label), AMM_DOC_VALUE, s);
	free(s);
}

/* A list appended to parent only when it has items: an empty one says so in a paragraph. */
static void
list_or(struct amm_doc *parent, struct amm_doc *list, const char *empty)
{
	if (list->n_kids > 0) {
		parent->kids =
		    amm_xrealloc(parent->kids, (parent->n_kids + 1) * sizeof(*parent->kids));
		parent->kids[parent->n_kids++] = list;
		return;
	}
	amm_doc_free(list);
	if (empty != NULL)
		leeg(amm_doc_add(parent, AMM_DOC_PARA, NULL), empty);
}

struct amm_doc *
amm_doc_section(struct amm_doc *root, const char *id, const char *title)
{
	struct amm_doc *s = amm_doc_add(root, AMM_DOC_SECTION, id);

	amm_doc_heading(s, 2, title);
	return s;
}

/* The fields of casus.ini; all of them for the casus's own view, the plan's few otherwise. */
static void
casus_fields(struct amm_doc *parent, const struct amm_m_casus *c, bool all)
{
	struct amm_doc *list = amm_doc_add(NULL, AMM_DOC_LIST, NULL);

	if (all)
		field(list, "Alias", &c->alias, NULL);
	field(list, "Status", &c->status, NULL);
	field(list, "Geopend", &c->geopend, NULL);
	if (all)
		field(list, "Afgesloten", &c->afgesloten, NULL);
	field(list, "Organisatie", &c->organisatie, NULL);
	field(list, "Casusinbrenger", &c->casusinbrenger, NULL);
	field(list, "Procesbegeleider", &c->procesbegeleider, NULL);
	field(list, "Maatwerkcoach", &c->maatwerkcoach, NULL);
	if (all)
		field(list, "Volgende evaluatie", &c->volgende_evaluatie, "niet gepland");
	list_or(parent, list, NULL);
}

static void
plan_casus(struct amm_doc *root, const struct amm_model *m)
{
	const struct amm_m_casus *c = &m->c;
	struct amm_doc *h = amm_doc_heading(root, 1, "Plan van "), *p;

	if (*c->alias.text != '\0')
		amm_doc_value(h, &c->alias, NULL);
	else
		amm_doc_add(h, AMM_DOC_VALUE, m->casus->id);
	p = amm_doc_add(root, AMM_DOC_PARA, NULL);
	amm_doc_add(p, AMM_DOC_WORDS, "Casus ");
	amm_doc_add(p, AMM_DOC_VALUE, m->casus->id);
	casus_fields(root, c, false);
}

static void
plan_perspectief(struct amm_doc *root, const struct amm_model *m)
{
	struct amm_doc *s = amm_doc_section(root, "perspectief", "Mijn perspectief");

	if (!m->perspectief_valid)
		amm_doc_add(amm_doc_add(s, AMM_DOC_PARA, NULL), AMM_DOC_WORDS,
		            "(ongeldig: de tekst bevat stuurtekens of ongeldige tekens; die staan "
		            "hieronder zichtbaar)")
		    ->style = "ongeldig";
	if (*m->perspectief != '\0')
		amm_doc_add(s, AMM_DOC_MARKDOWN, m->perspectief);
	else
		leeg(amm_doc_add(s, AMM_DOC_PARA, NULL), "Nog niet opgeschreven.");
}

static void
plan_spin(struct amm_doc *root, const struct amm_model *m)
{
	struct amm_doc *s = amm_doc_section(root, "spin", "Wat we weten");
	struct amm_doc *list;

	amm_doc_add(s, AMM_DOC_FIGURE, NULL);
	list = amm_doc_add(s, AMM_DOC_LIST, NULL);
	for (int i = 0; i < AMM_SPIN_FIELDS; i++)
		field(list, amm_spin_velden[i].label, &m->spin[i], "nog niet ingevuld");
}

static const char *const types[][2] = {{"persoonlijk", "Bij de Amsterdammer en het gezin"},
                                       {"professioneel", "Bij de professionals"},
                                       {"systeem", "In hoe de organisaties werken"}};

static void
plan_analyse(struct amm_doc *root, const struct amm_model *m)
{
	struct amm_doc *s = amm_doc_section(root, "analyse", "Wat er aan de hand is");
	struct amm_doc *p = amm_doc_add(s, AMM_DOC_PARA, NULL);
	struct amm_doc *list = amm_doc_add(NULL, AMM_DOC_LIST, NULL);

	if (*m->gedeeld.text != '\0') {
		amm_doc_add(p, AMM_DOC_WORDS, "Gedeeld met de Amsterdammer op ");
		amm_doc_value(p, &m->gedeeld, NULL);
		amm_doc_add(p, AMM_DOC_WORDS, ".");
	} else {
		leeg(p, "Nog niet gedeeld met de Amsterdammer.");
	}
	/* By type, the Amsterdammer's own first; one of no known type last, marked. */
	for (size_t t = 0; t <= 3; t++)
		for (size_t i = 0; i < m->n_problemen; i++) {
			const struct amm_probleem *pr = &m->problemen[i];
			struct amm_doc *item;

			if (pr->item.verwijderd ||
			    (t < 3 ? !pr->type.valid || strcmp(pr->type.text, types[t][0]) != 0
			           : pr->type.valid))
				continue;
			item = amm_doc_add(list, AMM_DOC_ITEM, NULL);
			item->nr = pr->item.nr;
			if (t < 3) {
				wordsf(item, "%s: ", types[t][1]);
			} else {
				amm_doc_add(item, AMM_DOC_WORDS, "Soort ");
				amm_doc_value(item, &pr->type, "onbekend");
				amm_doc_add(item, AMM_DOC_WORDS, ": ");
			}
			amm_doc_value(item, &pr->tekst, NULL);
		}
	list_or(s, list, "Nog geen problemen opgeschreven.");
}

/* wanneer: **wie** wat, done or late marked; with_stap: the step it belongs to too. */
static void
afspraak(struct amm_doc *list, const struct amm_afspraak *a, bool with_stap, struct amm_date today)
{
	struct amm_doc *item = amm_doc_add(list, AMM_DOC_ITEM, NULL);

	item->nr = a->item.nr;
	amm_doc_value(item, &a->wanneer, "geen datum");
	amm_doc_add(item, AMM_DOC_WORDS, ": ");
	amm_doc_value(amm_doc_add(item, AMM_DOC_STRONG, NULL), &a->wie, "niemand");
	amm_doc_add(item, AMM_DOC_WORDS, " ");
	amm_doc_value(item, &a->wat, NULL);
	if (with_stap && *a->stap.text != '\0') {
		amm_doc_add(item, AMM_DOC_WORDS, " (stap ");
		amm_doc_value(item, &a->stap, NULL);
		amm_doc_add(item, AMM_DOC_WORDS, ")");
	}
	if (amm_model_afspraak_te_laat(a, today))
		mark(item, "te laat", "te-laat");
	else if (a->status.valid && strcmp(a->status.text, "klaar") == 0)
		mark(item, "klaar", "klaar");
	else if (!a->status.valid) {
		amm_doc_add(item, AMM_DOC_WORDS, " ");
		amm_doc_value(item, &a->status, NULL);
	}
}

/* The step an agreement belongs to, or NULL: it has none, or one that is not there. */
static const struct amm_stap *
afspraak_stap(const struct amm_model *m, const struct amm_afspraak *a)
{
	return amm_value_set(&a->stap) ? amm_model_stap(m, (long)a->stap.num) : NULL;
}

static void
plan_stappen(struct amm_doc *root, const struct amm_model *m, struct amm_date today)
{
	struct amm_doc *s = amm_doc_section(root, "stappen", "De stappen en wie wat doet");
	struct amm_doc *orphans = amm_doc_add(NULL, AMM_DOC_LIST, NULL);
	size_t shown = 0;

	for (size_t i = 0; i < m->n_stappen; i++) {
		const struct amm_stap *st = &m->stappen[i];
		struct amm_doc *h, *list;

		if (st->item.verwijderd)
			continue;
		shown++;
		h = amm_doc_heading(s, 3, NULL);
		wordsf(h, "Stap %d: ", st->item.nr);
		amm_doc_value(h, &st->tekst, NULL);
		amm_doc_add(h, AMM_DOC_WORDS, " (");
		amm_doc_value_or(h, &st->status, "open");
		amm_doc_add(h, AMM_DOC_WORDS, ")");
		if (*st->reden.text != '\0') {
			struct amm_doc *p = amm_doc_add(s, AMM_DOC_PARA, NULL);

			amm_doc_add(p, AMM_DOC_WORDS, "Reden: ");
			amm_doc_value(p, &st->reden, NULL);
		}
		list = amm_doc_add(NULL, AMM_DOC_LIST, NULL);
		for (size_t k = 0; k < m->n_afspraken; k++)
			if (!m->afspraken[k].item.verwijderd &&
			    afspraak_stap(m, &m->afspraken[k]) == st)
				afspraak(list, &m->afspraken[k], false, today);
		list_or(s, list, NULL);
	}
	/* An agreement of no step, or of a step that is not there: on the plan all the same. */
	for (size_t k = 0; k < m->n_afspraken; k++) {
		const struct amm_afspraak *a = &m->afspraken[k];

		if (!a->item.verwijderd && afspraak_stap(m, a) == NULL)
			afspraak(orphans, a, false, today);
	}
	if (orphans->n_kids > 0)
		amm_doc_heading(s, 3, "Afspraken zonder bestaande stap");
	list_or(s, orphans, shown == 0 ? "Nog geen stappen." : NULL);
}

static void
plan_evaluaties(struct amm_doc *root, const struct amm_model *m)
{
	struct amm_doc *s = amm_doc_section(root, "evaluaties", "Hoe het gaat");
	struct amm_doc *list = amm_doc_add(NULL, AMM_DOC_LIST, NULL);

	for (size_t i = 0; i < m->n_evaluaties; i++) {
		const struct amm_evaluatie *e = &m->evaluaties[i];
		struct amm_doc *item;

		if (e->item.verwijderd)
			continue;
		item = amm_doc_add(list, AMM_DOC_ITEM, NULL);
		item->nr = e->item.nr;
		amm_doc_value(item, &e->datum, "geen datum");
		if (*e->stap.text != '\0') {
			amm_doc_add(item, AMM_DOC_WORDS, ", stap ");
			amm_doc_value(item, &e->stap, NULL);
		}
		amm_doc_add(item, AMM_DOC_WORDS, ", ");
		amm_doc_value(item, &e->resultaat, "geen resultaat");
		if (*e->werkte.text != '\0') {
			amm_doc_add(item, AMM_DOC_WORDS, ". Wat werkte: ");
			amm_doc_value(item, &e->werkte, NULL);
		}
		if (*e->nodig.text != '\0') {
			amm_doc_add(item, AMM_DOC_WORDS, ". Nog nodig: ");
			amm_doc_value(item, &e->nodig, NULL);
		}
		if (amm_value_set(&e->perspectief_behaald))
			amm_doc_add(item, AMM_DOC_WORDS, ". Perspectief behaald");
		else if (*e->perspectief_behaald.text != '\0') {
			amm_doc_add(item, AMM_DOC_WORDS, ". Perspectief behaald: ");
			amm_doc_value(item, &e->perspectief_behaald, NULL);
		}
	}
	list_or(s, list, "Nog geen evaluaties.");
	if (*m->c.volgende_evaluatie.text != '\0') {
		struct amm_doc *p = amm_doc_add(s, AMM_DOC_PARA, NULL);

		amm_doc_add(p, AMM_DOC_WORDS, "We kijken weer samen hoe het gaat op ");
		amm_doc_value(p, &m->c.volgende_evaluatie, NULL);
		amm_doc_add(p, AMM_DOC_WORDS, ".");
	}
}

/* One exception: its heading, its waardendriehoek, and every field. */
static void
uitzondering(struct amm_doc *s, const struct amm_uitzondering *u)
{
	struct amm_doc *h = amm_doc_heading(s, 3, NULL), *list;

	wordsf(h, "Uitzondering %d", u->item.nr);
	if (*u->over.text != '\0') {
		amm_doc_add(h, AMM_DOC_WORDS, ": ");
		amm_doc_value(h, &u->over, NULL);
	}
	amm_doc_add(s, AMM_DOC_FIGURE, u->item.section);
	list = amm_doc_add(s, AMM_DOC_LIST, NULL);
	field(list, "Gewone route", &u->gewone_route, "nog niet beschreven");
	field(list, "Maatwerkoplossing", &u->maatwerk, "nog niet beschreven");
	bedrag(list, "Kosten gewone route", &u->kosten_gewoon);
	bedrag(list, "Kosten maatwerk", &u->kosten_maatwerk);
	if (amm_value_set(&u->kosten_gewoon) && amm_value_set(&u->kosten_maatwerk)) {
		long long g = u->kosten_gewoon.num, w = u->kosten_maatwerk.num;
		char *d = amm_bedrag_format(g >= w ? g - w : w - g);

		wordsf(amm_doc_add(list, AMM_DOC_FIELD, "Verschil"),
		       "de maatwerkoplossing is %s %s", d, g >= w ? "goedkoper" : "duurder");
		free(d);
	}
	field(list, "Legitimiteit", &u->legitimiteit, "leeg");
	field(list, "Betrokkenheid", &u->betrokkenheid, "leeg");
	field(list, "Rendement", &u->rendement, "leeg");
	field(list, "Maatwerkcoach", &u->maatwerkcoach, "nog niet gekozen");
	amm_doc_value_or(amm_doc_add(list, AMM_DOC_FIELD, "Besluit"), &u->besluit,
	                 "in behandeling");
	field(list, "Datum besluit", &u->besluit_datum, NULL);
	field(list, "Toelichting", &u->toelichting, NULL);
}

/* The exceptions; on the plan only when there are any (always: saying there are none). */
static void
plan_uitzonderingen(struct amm_doc *root, const struct amm_model *m, bool always)
{
	struct amm_doc *s = NULL;

	for (size_t i = 0; i < m->n_uitzonderingen; i++) {
		if (m->uitzonderingen[i].item.verwijderd)
			continue;
		if (s == NULL)
			s = amm_doc_section(root, "uitzonderingen", "Uitzonderingen");
		uitzondering(s, &m->uitzonderingen[i]);
	}
	if (s == NULL && always)
		leeg(amm_doc_add(amm_doc_section(root, "uitzonderingen", "Uitzonderingen"),
		                 AMM_DOC_PARA, NULL),
		     "Nog geen uitzonderingen.");
}

static void
plan_team(struct amm_doc *root, const struct amm_model *m)
{
	struct amm_doc *s = amm_doc_section(root, "casusteam", "Casusteam");
	struct amm_doc *list = amm_doc_add(NULL, AMM_DOC_LIST, NULL);

	for (size_t i = 0; i < m->n_team; i++) {
		const struct amm_lid *l = &m->team[i];
		struct amm_doc *item;

		if (l->item.verwijderd)
			continue;
		item = amm_doc_add(list, AMM_DOC_ITEM, NULL);
		amm_doc_value(amm_doc_add(item, AMM_DOC_STRONG, NULL), &l->naam, "zonder naam");
		amm_doc_add(item, AMM_DOC_WORDS, ", ");
		amm_doc_value_or(item, &l->rol, "lid");
		if (*l->organisatie.text != '\0') {
			amm_doc_add(item, AMM_DOC_WORDS, ", bereikbaar via ");
			amm_doc_value(item, &l->organisatie, NULL);
		}
	}
	list_or(s, list, "Nog niemand.");
}

static void
plan_afsluiting(struct amm_doc *root, const struct amm_model *m)
{
	const struct amm_m_casus *c = &m->c;
	struct amm_doc *list;

	if (*c->afgesloten.text == '\0' && *c->reden_afsluiten.text == '\0' &&
	    *c->heropend.text == '\0')
		return;
	list = amm_doc_add(amm_doc_section(root, "afsluiting", "Afsluiting"), AMM_DOC_LIST, NULL);
	field(list, "Afgesloten op", &c->afgesloten, NULL);
	field(list, "Reden", &c->reden_afsluiten, NULL);
	field(list, "Heropend op", &c->heropend, NULL);
}

struct amm_doc *
amm_doc_plan(const struct amm_model *m, struct amm_date today)
{
	struct amm_doc *root = amm_doc_add(NULL, AMM_DOC_ROOT, NULL);

	plan_casus(root, m);
	plan_perspectief(root, m);
	plan_spin(root, m);
	plan_analyse(root, m);
	plan_stappen(root, m, today);
	plan_evaluaties(root, m);
	plan_uitzonderingen(root, m, false);
	plan_team(root, m);
	plan_afsluiting(root, m);
	amm_doc_value(amm_doc_add(root, AMM_DOC_SIGNATURES, NULL), &m->c.casusinbrenger, NULL);
	return root;
}

struct amm_doc *
amm_doc_deel(const struct amm_model *m, enum amm_deel deel, struct amm_date today)
{
	struct amm_doc *root = amm_doc_add(NULL, AMM_DOC_ROOT, NULL);
	struct amm_doc *h;

	switch (deel) {
	case AMM_DEEL_CASUS:
		h = amm_doc_heading(root, 1, "Casus ");
		amm_doc_add(h, AMM_DOC_VALUE, m->casus->id);
		casus_fields(root, &m->c, true);
		break;
	case AMM_DEEL_PERSPECTIEF:
		plan_perspectief(root, m);
		break;
	case AMM_DEEL_SPIN:
		plan_spin(root, m);
		break;
	case AMM_DEEL_ANALYSE:
		plan_analyse(root, m);
		break;
	case AMM_DEEL_STAPPEN:
		plan_stappen(root, m, today);
		break;
	case AMM_DEEL_EVALUATIES:
		plan_evaluaties(root, m);
		break;
	case AMM_DEEL_UITZONDERINGEN:
		plan_uitzonderingen(root, m, true);
		break;
	case AMM_DEEL_TEAM:
		plan_team(root, m);
		break;
	case AMM_DEEL_COUNT:
		break;
	}
	return root;
}

struct amm_doc *
amm_doc_spin_veld(const struct amm_model *m, int i)
{
	struct amm_doc *root = amm_doc_add(NULL, AMM_DOC_ROOT, NULL);

	field(amm_doc_add(root, AMM_DOC_LIST, NULL), amm_spin_velden[i].label, &m->spin[i],
	      "nog niet ingevuld");
	return root;
}

/* Agreements by date (as written, so an invalid one sorts too), then by number. */
static int
cmp_wanneer(const void *a, const void *b)
{
	const struct amm_afspraak *x = *(const struct amm_afspraak *const *)a;
	const struct amm_afspraak *y = *(const struct amm_afspraak *const *)b;
	int c = strcmp(x->wanneer.text, y->wanneer.text);

	return c != 0 ? c : x->item.nr - y->item.nr;
}

struct amm_doc *
amm_doc_afspraken(const struct amm_model *m, struct amm_date today)
{
	struct amm_doc *root = amm_doc_add(NULL, AMM_DOC_ROOT, NULL);
	struct amm_doc *s =
	    amm_doc_section(root, "afspraken", "Wie doet wat: de afspraken op datum");
	struct amm_doc *list = amm_doc_add(NULL, AMM_DOC_LIST, NULL);
	const struct amm_afspraak **sorted = amm_xcalloc(m->n_afspraken + 1, sizeof(*sorted));
	size_t n = 0;

	for (size_t i = 0; i < m->n_afspraken; i++)
		if (!m->afspraken[i].item.verwijderd)
			sorted[n++] = &m->afspraken[i];
	if (n > 1)
		qsort(sorted, n, sizeof(*sorted), cmp_wanneer);
	for (size_t i = 0; i < n; i++)
		afspraak(list, sorted[i], true, today);
	list_or(s, list, "Nog geen afspraken.");
	free(sorted);
	return root;
}

struct amm_doc *
amm_doc_uitzondering(const struct amm_uitzondering *u)
{
	struct amm_doc *root = amm_doc_add(NULL, AMM_DOC_ROOT, NULL);

	uitzondering(root, u);
	return root;
}
