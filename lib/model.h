/*
 * The typed casus model: one struct per thing the method knows, built from the INI documents
 * that amm_casus_load reads, with every value validated on the way.
 *
 * Every value keeps where it came from (file and line) and whether it is valid. An invalid
 * value keeps its text, so a view can show it marked as invalid; it never counts as a value
 * (an agreement with an impossible date is not late, and not on the agenda). Each invalid
 * value is also a finding with a stable rule id, the file, the line and a Dutch message saying
 * what is allowed: amm check reports them, and a write whose changed part has one is refused.
 */
#ifndef AMM_MODEL_H
#define AMM_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "casus.h"
#include "date.h"
#include "error.h"

/* One value of a casus file. */
struct amm_value {
	const char *text; /* as the file holds it, decoded; "" when absent (owned by the casus) */
	const char *file; /* the file of the casus: "stappen.ini" */
	size_t line;      /* counting from 1; 0 when absent */
	bool valid;       /* false: text is what the file holds, but no value amm accepts */
	struct amm_date date; /* a date, when valid and not empty */
	long long num;        /* a number; an amount in cents */
};
/* Valid and not empty: a value to use. */
bool amm_value_set(const struct amm_value *v);
/* The text when the value is valid, else "". */
const char *amm_value_str(const struct amm_value *v);

/* casus.ini: the casus and its afsluiting. */
struct amm_m_casus {
	struct amm_value id, alias, status, geopend, organisatie, casusinbrenger, procesbegeleider,
	    maatwerkcoach, volgende_evaluatie, afgesloten, reden_afsluiten, heropend;
};

/* What every numbered item ([afspraak 3]) has. */
struct amm_m_item {
	int nr;
	const char *section; /* as written: "afspraak 3" */
	size_t line;         /* of its header */
	bool verwijderd;     /* status = verwijderd: kept, but no longer counts */
};

struct amm_probleem {
	struct amm_m_item item;
	struct amm_value type, tekst, status;
};
struct amm_stap {
	struct amm_m_item item;
	struct amm_value tekst, status, aangemaakt, afgerond, reden;
};
struct amm_afspraak {
	struct amm_m_item item;
	struct amm_value stap, wie, wat, wanneer, status, aangemaakt, afgerond;
};
struct amm_evaluatie {
	struct amm_m_item item;
	struct amm_value datum, stap, resultaat, werkte, nodig, perspectief_behaald;
};
struct amm_uitzondering {
	struct amm_m_item item;
	struct amm_value over, gewone_route, maatwerk, kosten_gewoon, kosten_maatwerk,
	    maatwerkcoach, legitimiteit, betrokkenheid, rendement, besluit, besluit_datum,
	    toelichting;
};
struct amm_lid {
	struct amm_m_item item;
	struct amm_value naam, rol, organisatie, status;
};

/* A value that failed validation, or a broken reference between records. */
struct amm_model_finding {
	const char *rule; /* a rule id of amm check: "ongeldige-datum" */
	enum amm_deel deel;
	size_t line;
	char *message; /* Dutch, without file and line */
};

struct amm_model {
	const struct amm_casus *casus; /* the documents it reads */
	struct amm_m_casus c;
	char *perspectief; /* its text ("" when empty) */
	bool perspectief_valid;
	struct amm_value spin[AMM_SPIN_FIELDS]; /* in the order of amm_spin_velden */
	struct amm_value gedeeld;               /* [analyse] gedeeld: a date */
	struct amm_probleem *problemen;
	size_t n_problemen;
	struct amm_stap *stappen;
	size_t n_stappen;
	struct amm_afspraak *afspraken;
	size_t n_afspraken;
	struct amm_evaluatie *evaluaties;
	size_t n_evaluaties;
	struct amm_uitzondering *uitzonderingen;
	size_t n_uitzonderingen;
	struct amm_lid *team;
	size_t n_team;
	struct amm_model_finding *findings;
	size_t n_findings;
	struct amm_strlist *sections; /* per part: the section names the items point at */
	struct amm_casus *owned;      /* amm_model_load: the casus it read, freed with the model */
};

/* The ids of the rules of the model's validation, for amm check's table. */
#define AMM_RULE_ONGELDIGE_DATUM  "ongeldige-datum"
#define AMM_RULE_ONGELDIG_BEDRAG  "ongeldig-bedrag"
#define AMM_RULE_ONGELDIG_GETAL   "ongeldig-getal"
#define AMM_RULE_ONBEKENDE_WAARDE "onbekende-waarde"
#define AMM_RULE_ONGELDIGE_TEKST  "ongeldige-tekst"
#define AMM_RULE_ONTBREEKT        "waarde-ontbreekt"
#define AMM_RULE_ONBEKENDE_STAP   "onbekende-stap"
#define AMM_RULE_DUBBEL_NUMMER    "dubbel-nummer"
#define AMM_RULE_AFSPRAAK_ONVOLL  "afspraak-onvolledig"

/* Stored dates lie in these years. */
#define AMM_MODEL_YEAR_MIN 1900
#define AMM_MODEL_YEAR_MAX 2199

/* Build the model of a casus (which must outlive it) and validate it. */
struct amm_model *amm_model_build(const struct amm_casus *casus);
/* Load a casus as amm_casus_load_parts does and build its model, which owns it. */
amm_error *amm_model_load(struct amm_model **out, struct amm_snap *snap, const char *id,
                          unsigned parts);
void amm_model_free(struct amm_model *m);

bool amm_model_is_open(const struct amm_model *m);
/* The step of that number, or NULL. */
const struct amm_stap *amm_model_stap(const struct amm_model *m, long nr);
/* An open agreement whose valid date lies before today. */
bool amm_model_afspraak_te_laat(const struct amm_afspraak *a, struct amm_date today);
/* How far the casus is through the six steps; only valid values count. */
void amm_model_voortgang(const struct amm_model *m, struct amm_date today,
                         struct amm_voortgang *out);

/*
 * The write path: the first finding in one of the parts of the mask (1 << deel) as
 * AMM_EXIT_INPUT with "path:line: message", or NULL.
 */
amm_error *amm_model_refuse(const struct amm_casus *casus, unsigned parts);

#endif
