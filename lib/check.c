/*
 * amm check's rules and the checks of one casus's model and files (check.h); the checks over
 * the names, the history and the file modes of a casus are in check_files.c.
 */
#include "check_priv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "inidoc.h"
#include "merge.h"
#include "model.h"
#include "perspectief.h"
#include "privacy.h"
#include "render.h"

const struct amm_rule amm_rules[] = {
    [R_ONLEESBAAR] = {"onleesbaar", AMM_FOUT,
                      "amm kan een bestand van de casus niet lezen, dus niet toetsen en niet "
                      "bijwerken: herstel de regel die amm noemt in een teksteditor en leg het "
                      "vast met git commit."},
    [R_DUBBELE_SECTIE] = {"dubbele-sectie", AMM_FOUT,
                          "Elk onderdeel van de casus staat er één keer: van een sectie die "
                          "twee keer staat, is niet te zien welke geldt. Voeg ze samen in een "
                          "teksteditor en leg het vast met git commit."},
    [R_DUBBELE_SLEUTEL] = {"dubbele-sleutel", AMM_FOUT,
                           "Elk gegeven van de casus staat er één keer: van een sleutel die twee "
                           "keer in een sectie staat, is niet te zien welke geldt. Houd er één "
                           "in een teksteditor en leg het vast met git commit."},
    [R_DUBBEL_NUMMER] = {AMM_RULE_DUBBEL_NUMMER, AMM_FOUT,
                         "Een nummer hoort bij één item: van [stap 1] en [stap 01] is niet te "
                         "zien welke bedoeld is, en een afspraak kan naar beide wijzen. Geef "
                         "een van beide een vrij nummer en leg het vast met git commit."},
    [R_ONGELDIGE_TEKST] = {AMM_RULE_ONGELDIGE_TEKST, AMM_FOUT,
                           "Een tekst van de casus is leesbare UTF-8, zonder stuurtekens (zoals "
                           "ESC of NUL) of tekens die de leesrichting omdraaien: zo laat elk "
                           "scherm en elke export hem zien zoals hij bedoeld is."},
    [R_ONGELDIGE_DATUM] = {AMM_RULE_ONGELDIGE_DATUM, AMM_FOUT,
                           "Afspraken en evaluaties hebben een datum die bestaat (JJJJ-MM-DD): "
                           "met een onmogelijke datum is niet te zien wanneer iets klaar is of "
                           "besproken wordt."},
    [R_ONGELDIG_BEDRAG] = {AMM_RULE_ONGELDIG_BEDRAG, AMM_FOUT,
                           "De kosten van de gewone route en van de maatwerkoplossing zijn "
                           "bedragen in euro (9500.00), zodat het casusteam ze kan afwegen."},
    [R_ONGELDIG_GETAL] = {AMM_RULE_ONGELDIG_GETAL, AMM_FOUT,
                          "Een afspraak of evaluatie noemt de stap waar ze bij hoort met zijn "
                          "nummer."},
    [R_ONBEKENDE_WAARDE] = {AMM_RULE_ONBEKENDE_WAARDE, AMM_FOUT,
                            "Een status, type, resultaat, rol of besluit is een van de waarden "
                            "die de methode kent: anders telt amm het niet mee."},
    [R_WAARDE_ONTBREEKT] = {AMM_RULE_ONTBREEKT, AMM_FOUT,
                            "Een probleem heeft een type, een evaluatie een datum en een "
                            "resultaat: zonder die gegevens telt het niet mee."},
    [R_ONBEKENDE_STAP] = {AMM_RULE_ONBEKENDE_STAP, AMM_FOUT,
                          "Afspraken horen bij een stap (stap 5 bij stap 4): een afspraak of "
                          "evaluatie die naar een stap wijst die er niet is, hangt los."},
    [R_PERSPECTIEF_ONTBREEKT] = {"perspectief-ontbreekt", AMM_FOUT,
                                 "Het perspectief van de Amsterdammer is het vertrekpunt van "
                                 "de methode (stap 1): alles wat volgt, werkt daarnaartoe."},
    [R_PERSPECTIEF_IK_VORM] = {"perspectief-ik-vorm", AMM_WAARSCHUWING,
                               "Een goed perspectief is geformuleerd in de ik-vorm, in de eigen "
                               "woorden van de Amsterdammer."},
    [R_PERSPECTIEF_NEGATIEF] = {"perspectief-negatief", AMM_WAARSCHUWING,
                                "Een goed perspectief is energiegevend en positief "
                                "geformuleerd."},
    [R_PERSPECTIEF_OPLOSSING] = {"perspectief-oplossing", AMM_WAARSCHUWING,
                                 "Een goed perspectief is bij voorkeur op meerdere manieren te "
                                 "bereiken: geen concrete oplossing (\"Czaar Peterstraat 333\", "
                                 "\"piloot bij de KLM\")."},
    [R_PERSPECTIEF_OUD] = {"perspectief-oud", AMM_WAARSCHUWING,
                           "Het perspectief kijkt ongeveer een jaar vooruit en is dynamisch: "
                           "evalueer regelmatig of het nog klopt."},
    [R_SPIN_LEEG] = {"spin-leeg", AMM_WAARSCHUWING,
                     "Alle velden van de spin worden ingevuld (stap 2): de feitelijke "
                     "situatieschets is het gezamenlijke vertrekpunt."},
    [R_SPIN_VAAG] = {"spin-vaag", AMM_WAARSCHUWING,
                     "Feiten zo precies mogelijk: \"een schuld van 9.500 euro\", niet \"er is "
                     "een schuld\"."},
    [R_ANALYSE_ONTBREEKT] = {"analyse-ontbreekt", AMM_WAARSCHUWING,
                             "Stap 3: het casusteam duidt de feiten en benoemt de problemen "
                             "(persoonlijk, professioneel, systeem)."},
    [R_ANALYSE_NIET_GEDEELD] = {"analyse-niet-gedeeld", AMM_WAARSCHUWING,
                                "De analyse wordt besproken met de Amsterdammer, in diens taal: "
                                "het doel is een gedeeld beeld."},
    [R_STAP_ONTBREEKT] = {"stap-ontbreekt", AMM_WAARSCHUWING,
                          "Stap 4: kies de eerste stap die beweging brengt richting het "
                          "perspectief."},
    [R_STAPPEN_TE_VEEL] = {"stappen-te-veel", AMM_WAARSCHUWING,
                           "Focus op de eerste stap(pen), passend bij de motivatie van de "
                           "Amsterdammer: geen jaarplan met veel doelen."},
    [R_STAP_ZONDER_AFSPRAAK] = {"stap-zonder-afspraak", AMM_WAARSCHUWING,
                                "Stap 5: per stap concrete afspraken over wie wat doet en "
                                "wanneer."},
    [R_AFSPRAAK_ONVOLLEDIG] = {AMM_RULE_AFSPRAAK_ONVOLL, AMM_FOUT,
                               "Een afspraak is concreet: wie doet wat, en een datum waarop het "
                               "klaar is of opnieuw besproken wordt."},
    [R_AFSPRAAK_TE_LAAT] = {"afspraak-te-laat", AMM_WAARSCHUWING,
                            "Afspraken hebben een datum waarop ze klaar zijn of opnieuw besproken "
                            "worden."},
    [R_EVALUATIE_NIET_GEPLAND] = {"evaluatie-niet-gepland", AMM_WAARSCHUWING,
                                  "Stap 6: evalueer regelmatig met de Amsterdammer wat de "
                                  "activiteiten hebben opgeleverd."},
    [R_EVALUATIE_TE_LAAT] = {"evaluatie-te-laat", AMM_FOUT,
                             "Stap 6: evalueer regelmatig met de Amsterdammer; de geplande "
                             "evaluatie is verstreken."},
    [R_UITZONDERING_MAATWERKCOACH] = {"uitzondering-maatwerkcoach", AMM_FOUT,
                                      "Een uitzondering wordt altijd samen met een "
                                      "maatwerkcoach onderbouwd."},
    [R_UITZONDERING_WAARDENDRIEHOEK] = {"uitzondering-waardendriehoek", AMM_FOUT,
                                        "Een uitzondering wordt onderbouwd met de "
                                        "waardendriehoek: legitimiteit, betrokkenheid en "
                                        "rendement."},
    [R_UITZONDERING_ROUTES] = {"uitzondering-routes", AMM_FOUT,
                               "Beschrijf de gewone route zo precies mogelijk en zet die af "
                               "tegen de maatwerkoplossing."},
    [R_TEAM_TE_GROOT] = {"team-te-groot", AMM_WAARSCHUWING,
                         "Maak het casusteam zo klein als mogelijk."},
    [R_BSN] = {"bsn", AMM_FOUT,
               "Een burgerservicenummer hoort niet in een casus: de bestanden en hun geschiedenis "
               "worden gedeeld en bewaard (AVG). Haal het weg en wis het uit de geschiedenis."},
    [R_IBAN] = {"iban", AMM_WAARSCHUWING,
                "Een rekeningnummer is een persoonsgegeven: leg het alleen vast als het nodig is "
                "voor het perspectief (need to know)."},
    [R_SYNC_CONFLICT] = {"sync-conflict", AMM_FOUT,
                         "Na amm sync staan twee waarden van het casusteam naast elkaar: kies "
                         "er één (amm sync --kies mijn|hun ONDERDEEL, of amm bewerk "
                         "ONDERDEEL)."},
    [R_BESTANDSRECHTEN] = {"bestandsrechten", AMM_WAARSCHUWING,
                           "Een casus bevat persoonsgegevens: alleen jij kunt de bestanden lezen "
                           "(0600, mappen 0700). Na een git checkout of een kopie met een ruime "
                           "umask kunnen anderen op dezelfde computer erbij."},
    {NULL, AMM_FOUT, NULL},
};

const char *
amm_ernst_name(enum amm_ernst ernst)
{
	return ernst == AMM_FOUT ? "fout" : "waarschuwing";
}

static void
add_va(struct amm_findings *out, const struct amm_casus *c, int rule, const char *bestand,
       const char *fmt, va_list ap)
{
	struct amm_finding *f;

	out->items = amm_xrealloc(out->items, (out->len + 1) * sizeof(*out->items));
	f = &out->items[out->len++];
	f->rule = &amm_rules[rule];
	f->casus = amm_xstrdup(c->id);
	f->bestand = bestand;
	f->regel = 0;
	f->bericht = amm_vasprintf(fmt, ap);
}

void
amm_check_add_at(struct amm_findings *out, const struct amm_casus *c, int rule, const char *bestand,
                 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_va(out, c, rule, bestand, fmt, ap);
	va_end(ap);
}

void
amm_check_add(struct amm_findings *out, const struct amm_casus *c, int rule, enum amm_deel deel,
              const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_va(out, c, rule, amm_delen[deel].file, fmt, ap);
	va_end(ap);
}

static bool
has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

static void
check_perspectief(const struct amm_model *m, struct amm_date today, struct amm_findings *out)
{
	static const int rules[] = {R_PERSPECTIEF_IK_VORM, R_PERSPECTIEF_NEGATIEF,
	                            R_PERSPECTIEF_OPLOSSING};
	static const char *const marks[] = {"ik-vorm", "negatief", "concrete oplossing"};
	const struct amm_casus *c = m->casus;
	struct amm_strlist warnings = {0};
	struct amm_date last = {0, 0, 0};

	if (*m->perspectief == '\0') {
		amm_check_add(out, c, R_PERSPECTIEF_ONTBREEKT, AMM_DEEL_PERSPECTIEF,
		              "er is nog geen perspectief van de Amsterdammer");
		return;
	}
	if (m->perspectief_valid)
		amm_perspectief_check(m->perspectief, &warnings);
	for (size_t i = 0; i < warnings.len; i++)
		for (size_t r = 0; r < 3; r++)
			if (strstr(warnings.items[i], marks[r]) != NULL)
				amm_check_add(out, c, rules[r], AMM_DEEL_PERSPECTIEF, "%s",
				              warnings.items[i]);
	amm_strlist_free(&warnings);
	/* Older than a year without evaluation: the casus is the perspectief's upper age. */
	if (!amm_value_set(&m->c.geopend) ||
	    amm_date_to_days(today) - amm_date_to_days(m->c.geopend.date) <= 365)
		return;
	for (size_t i = 0; i < m->n_evaluaties; i++) {
		const struct amm_value *d = &m->evaluaties[i].datum;

		if (amm_value_set(d) && (last.y == 0 || amm_date_cmp(d->date, last) > 0))
			last = d->date;
	}
	if (last.y == 0 || amm_date_to_days(today) - amm_date_to_days(last) > 365)
		amm_check_add(out, c, R_PERSPECTIEF_OUD, AMM_DEEL_PERSPECTIEF,
		              "de casus loopt langer dan een jaar en er is het afgelopen jaar niet "
		              "geëvalueerd of het perspectief nog klopt");
}

static void
check_spin(const struct amm_model *m, struct amm_findings *out)
{
	struct amm_buf empty = {0};
	const struct amm_value *fin = &m->spin[1]; /* financien */
	int count = 0;

	for (int i = 0; i < AMM_SPIN_FIELDS; i++)
		if (*m->spin[i].text == '\0') {
			amm_buf_addf(&empty, "%s%s", count ? ", " : "", amm_spin_velden[i].key);
			count++;
		}
	if (count > 0)
		amm_check_add(out, m->casus, R_SPIN_LEEG, AMM_DEEL_SPIN,
		              "%d van de %d velden zijn leeg: %s", count, AMM_SPIN_FIELDS,
		              empty.data);
	if (amm_value_set(fin) && !has_digit(fin->text))
		amm_check_add(
		    out, m->casus, R_SPIN_VAAG, AMM_DEEL_SPIN,
		    "financien noemt geen bedrag: schrijf feiten met getallen (inkomen, lasten, "
		    "schulden)");
	amm_buf_free(&empty);
}

static void
check_stappen(const struct amm_model *m, const struct amm_ini *cfg, struct amm_date today,
              const struct amm_voortgang *v, struct amm_findings *out)
{
	const struct amm_casus *c = m->casus;
	long max = amm_config_number(cfg, "check", "max-open-stappen", AMM_MAX_OPEN_STAPPEN);

	if (v->stappen == 0 && v->problemen > 0)
		amm_check_add(out, c, R_STAP_ONTBREEKT, AMM_DEEL_STAPPEN,
		              "er is een analyse, maar nog geen eerste stap");
	if (v->stappen_open > max)
		amm_check_add(out, c, R_STAPPEN_TE_VEEL, AMM_DEEL_STAPPEN,
		              "%d stappen staan tegelijk open (hoogstens %ld)", v->stappen_open,
		              max);
	for (size_t i = 0; i < m->n_stappen; i++) {
		const struct amm_stap *s = &m->stappen[i];
		bool any = false;

		for (size_t k = 0; k < m->n_afspraken && !any; k++)
			any = amm_value_set(&m->afspraken[k].stap) &&
			      m->afspraken[k].stap.num == s->item.nr;
		if (!any &&
		    (*s->status.text == '\0' || strcmp(amm_value_str(&s->status), "open") == 0))
			amm_check_add(out, c, R_STAP_ZONDER_AFSPRAAK, AMM_DEEL_STAPPEN,
			              "stap %d heeft nog geen afspraken", s->item.nr);
	}
	for (size_t k = 0; k < m->n_afspraken; k++)
		if (amm_model_afspraak_te_laat(&m->afspraken[k], today))
			amm_check_add(out, c, R_AFSPRAAK_TE_LAAT, AMM_DEEL_STAPPEN,
			              "afspraak %d is over de datum (%s)", m->afspraken[k].item.nr,
			              m->afspraken[k].wanneer.text);
}

static void
check_uitzonderingen(const struct amm_model *m, struct amm_findings *out)
{
	for (size_t i = 0; i < m->n_uitzonderingen; i++) {
		const struct amm_uitzondering *u = &m->uitzonderingen[i];
		int nr = u->item.nr;
		int waarden = amm_value_set(&u->legitimiteit) + amm_value_set(&u->betrokkenheid) +
		              amm_value_set(&u->rendement);

		if (!amm_value_set(&u->maatwerkcoach))
			amm_check_add(out, m->casus, R_UITZONDERING_MAATWERKCOACH,
			              AMM_DEEL_UITZONDERINGEN,
			              "uitzondering %d heeft geen maatwerkcoach", nr);
		if (waarden < 3)
			amm_check_add(
			    out, m->casus, R_UITZONDERING_WAARDENDRIEHOEK, AMM_DEEL_UITZONDERINGEN,
			    "uitzondering %d: %d van de 3 waarden van de waardendriehoek zijn "
			    "onderbouwd",
			    nr, waarden);
		if (!amm_value_set(&u->gewone_route) || !amm_value_set(&u->maatwerk))
			amm_check_add(
			    out, m->casus, R_UITZONDERING_ROUTES, AMM_DEEL_UITZONDERINGEN,
			    "uitzondering %d beschrijft niet zowel de gewone route als de "
			    "maatwerkoplossing",
			    nr);
	}
}

/* Every value the model refused, by rule, file and line. */
static void
check_values(const struct amm_model *m, struct amm_findings *out)
{
	for (size_t i = 0; i < m->n_findings; i++) {
		const struct amm_model_finding *f = &m->findings[i];
		int rule = 0;

		while (amm_rules[rule].id != NULL && strcmp(amm_rules[rule].id, f->rule) != 0)
			rule++;
		if (amm_rules[rule].id == NULL)
			continue;
		amm_check_add(out, m->casus, rule, f->deel, "%s", f->message);
		out->items[out->len - 1].regel = f->line;
	}
}

/* A BSN in a file: by line, else by the field that holds it (privacy.h). */
static void
check_bsn(const struct amm_casus *c, enum amm_deel d, struct amm_findings *out)
{
	struct amm_bsn_place *places;
	size_t n = amm_bsn_places(c->raw[d], c->ini[d], &places);

	for (size_t i = 0; i < n; i++) {
		const struct amm_bsn_place *p = &places[i];

		if (p->line > 0)
			amm_check_add(out, c, R_BSN, d, "regel %d bevat een burgerservicenummer",
			              p->line);
		else if (p->split)
			amm_check_add(
			    out, c, R_BSN, d,
			    "[%s] %s en het veld erna bevatten samen een burgerservicenummer",
			    p->section, p->key);
		else
			amm_check_add(out, c, R_BSN, d, "[%s] %s bevat een burgerservicenummer",
			              p->section, p->key);
	}
	amm_bsn_places_free(places, n);
}

/* Personal numbers that reached the files, by file and line. */
static void
check_numbers(const struct amm_casus *c, const struct amm_ini *cfg, struct amm_findings *out)
{
	for (int d = 0; d < AMM_DEEL_COUNT; d++) {
		const char *p = c->raw[d];

		if (!amm_bsn_allowed(cfg))
			check_bsn(c, (enum amm_deel)d, out);
		for (int line = 1; *p != '\0'; line++) {
			size_t n = strcspn(p, "\n"), at, len;
			char *text = amm_xstrndup(p, n);

			if (amm_iban_find(text, &at, &len))
				amm_check_add(out, c, R_IBAN, (enum amm_deel)d,
				              "regel %d bevat een IBAN", line);
			free(text);
			p += n + (p[n] == '\n');
		}
	}
}

static void
check_conflicts(const struct amm_casus *c, struct amm_findings *out)
{
	struct amm_conflict *list = NULL;
	size_t n = 0;
	enum amm_deel deel;

	amm_error_free(amm_casus_conflicts(c, &list, &n));
	for (size_t i = 0; i < n; i++) {
		/* One finding, one line: the values as they are written in an INI file. */
		char *mijn = amm_ini_value_encode(list[i].mijn);
		char *hun = amm_ini_value_encode(list[i].hun);

		if (amm_deel_find(list[i].onderdeel, &deel))
			amm_check_add(out, c, R_SYNC_CONFLICT, deel,
			              "conflict in %s: mijn '%s', hun '%s'", list[i].what, mijn,
			              hun);
		free(mijn);
		free(hun);
	}
	amm_conflicts_free(list, n);
}

/* Sections and keys that stand twice (a casus read with amm_casus_load_dups). */
static void
check_duplicates(const struct amm_casus *c, struct amm_findings *out)
{
	for (int d = 0; d < AMM_DEEL_COUNT; d++) {
		struct amm_ini_dup *dups;
		size_t n;

		if (c->ini[d] == NULL)
			continue;
		amm_ini_duplicates(c->ini[d], &dups, &n);
		for (size_t i = 0; i < n; i++) {
			char *what = amm_ini_dup_text(&dups[i]);

			amm_check_add(out, c,
			              dups[i].key == NULL ? R_DUBBELE_SECTIE : R_DUBBELE_SLEUTEL,
			              (enum amm_deel)d, "regel %zu: %s", dups[i].line, what);
			free(what);
		}
		free(dups);
	}
}

void
amm_check_unreadable(const char *id, enum amm_deel deel, const amm_error *err,
                     struct amm_findings *out)
{
	const struct amm_casus c = {.id = (char *)id};

	amm_check_add(out, &c, R_ONLEESBAAR, deel, "%s", err->msg);
}

void
amm_check_casus(const struct amm_model *m, const struct amm_ini *cfg, struct amm_date today,
                struct amm_findings *out)
{
	const struct amm_casus *c = m->casus;
	const struct amm_value *next = &m->c.volgende_evaluatie;
	long max_team = amm_config_number(cfg, "check", "max-teamleden", AMM_MAX_TEAMLEDEN);
	struct amm_voortgang v;

	amm_model_voortgang(m, today, &v);
	check_duplicates(c, out);
	check_values(m, out);
	check_perspectief(m, today, out);
	check_spin(m, out);
	if (v.problemen == 0)
		amm_check_add(out, c, R_ANALYSE_ONTBREEKT, AMM_DEEL_ANALYSE,
		              "er is nog geen probleem benoemd");
	else if (!v.gedeeld)
		amm_check_add(out, c, R_ANALYSE_NIET_GEDEELD, AMM_DEEL_ANALYSE,
		              "de analyse is nog niet met de Amsterdammer besproken");
	check_stappen(m, cfg, today, &v, out);
	if (*next->text == '\0' && v.stappen > 0)
		amm_check_add(
		    out, c, R_EVALUATIE_NIET_GEPLAND, AMM_DEEL_CASUS,
		    "er is geen volgende evaluatie gepland (amm evalueer --volgende DATUM)");
	else if (amm_value_set(next) && amm_date_cmp(next->date, today) < 0)
		amm_check_add(out, c, R_EVALUATIE_TE_LAAT, AMM_DEEL_CASUS,
		              "de evaluatie van %s is verstreken", next->text);
	check_uitzonderingen(m, out);
	check_numbers(c, cfg, out);
	if (v.teamleden > max_team)
		amm_check_add(out, c, R_TEAM_TE_GROOT, AMM_DEEL_TEAM,
		              "het casusteam telt %d leden (hoogstens %ld)", v.teamleden, max_team);
	check_conflicts(c, out);
}

void
amm_findings_free(struct amm_findings *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].casus);
		free(f->items[i].bericht);
	}
	free(f->items);
	f->items = NULL;
	f->len = 0;
}
