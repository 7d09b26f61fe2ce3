/*
 * Between the files of amm check (check.c, check_files.c): the rules by index into amm_rules,
 * and adding a finding.
 */
#ifndef AMM_CHECK_PRIV_H
#define AMM_CHECK_PRIV_H

#include "check.h"

enum {
	R_ONLEESBAAR,
	R_DUBBELE_SECTIE,
	R_DUBBELE_SLEUTEL,
	R_DUBBEL_NUMMER,
	R_ONGELDIGE_TEKST,
	R_ONGELDIGE_DATUM,
	R_ONGELDIG_BEDRAG,
	R_ONGELDIG_GETAL,
	R_ONBEKENDE_WAARDE,
	R_WAARDE_ONTBREEKT,
	R_ONBEKENDE_STAP,
	R_PERSPECTIEF_ONTBREEKT,
	R_PERSPECTIEF_IK_VORM,
	R_PERSPECTIEF_NEGATIEF,
	R_PERSPECTIEF_OPLOSSING,
	R_PERSPECTIEF_OUD,
	R_SPIN_LEEG,
	R_SPIN_VAAG,
	R_ANALYSE_ONTBREEKT,
	R_ANALYSE_NIET_GEDEELD,
	R_STAP_ONTBREEKT,
	R_STAPPEN_TE_VEEL,
	R_STAP_ZONDER_AFSPRAAK,
	R_AFSPRAAK_ONVOLLEDIG,
	R_AFSPRAAK_TE_LAAT,
	R_EVALUATIE_NIET_GEPLAND,
	R_EVALUATIE_TE_LAAT,
	R_UITZONDERING_MAATWERKCOACH,
	R_UITZONDERING_WAARDENDRIEHOEK,
	R_UITZONDERING_ROUTES,
	R_BSN,
	R_IBAN,
	R_TEAM_TE_GROOT,
	R_SYNC_CONFLICT,
	R_BESTANDSRECHTEN,
};

/* A finding of rule about the part deel of casus c. */
void amm_check_add(struct amm_findings *out, const struct amm_casus *c, int rule,
                   enum amm_deel deel, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A finding about what lies around the files (bestand a fixed word such as "geschiedenis"). */
void amm_check_add_at(struct amm_findings *out, const struct amm_casus *c, int rule,
                      const char *bestand, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
