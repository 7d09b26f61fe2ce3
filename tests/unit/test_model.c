/* The casus model: a rich casus loaded, each validation rule, lines, references, hostile text,
 * and the write path's refusal. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const rich[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = "# casus\n[casus]\nid = 2026-001\nalias = Fam. J.\nstatus = open\n"
                       "geopend = 2026-01-05\norganisatie = Buurtteam Noord\n"
                       "casusinbrenger = Sanne\nprocesbegeleider = Ahmed\nmaatwerkcoach = Els\n"
                       "volgende-evaluatie = 2026-12-22\n",
    [AMM_DEEL_PERSPECTIEF] = "# Perspectief\n\n<!-- amm:tekst -->\nIk wil een dak boven mijn "
                             "hoofd.\n<!-- /amm:tekst -->\n",
    [AMM_DEEL_SPIN] = "[spin]\nprofiel = moeder (34)\nfinancien = schuld 9.500 euro\n"
                      "netwerk = zus\n    buurvrouw\n",
    [AMM_DEEL_ANALYSE] = "[analyse]\ngedeeld = 2026-02-01\n[probleem 1]\ntype = systeem\n"
                         "tekst = Wachtlijst\n[probleem 2]\ntype = anders\ntekst = weg\n"
                         "status = verwijderd\n",
    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\nstatus = klaar\naangemaakt = 2026-02-02\n"
                         "afgerond = 2026-03-01\n[stap 2]\ntekst = Werk\nstatus = open\n"
                         "[afspraak 1]\nstap = 1\nwie = Fatima\nwat = belt\nwanneer = "
                         "2026-11-20\nstatus = open\n[afspraak 2]\nstap = 2\nwie = Sanne\n"
                         "wat = zoekt op\nwanneer = 2026-12-15\nstatus = klaar\n",
    [AMM_DEEL_EVALUATIES] = "[evaluatie 1]\ndatum = 2026-06-01\nstap = 1\nresultaat = deels\n"
                            "werkte = bellen\nnodig = meer tijd\n",
    [AMM_DEEL_UITZONDERINGEN] = "[uitzondering 1]\nover = wachttijd\ngewone-route = wachten\n"
                                "maatwerk = voorrang\nkosten-gewoon = 9500.00\n"
                                "kosten-maatwerk = 1.250,50\nmaatwerkcoach = Els\n"
                                "besluit = akkoord\nbesluit-datum = 2026-04-01\n",
    [AMM_DEEL_TEAM] = "[lid 1]\nnaam = Sanne\nrol = casusinbrenger\norganisatie = Buurtteam\n"
                      "[lid 2]\nnaam = Karim\nrol = lid\nstatus = verwijderd\n",
};

static const struct amm_date today = {2026, 11, 24};

static void
test_rich_casus(void **state)
{
	struct amm_casus *c = th_casus(rich);
	struct amm_model *m = amm_model_build(c);
	struct amm_voortgang v;

	(void)state;
	for (size_t i = 0; i < m->n_findings; i++)
		fail_msg("unexpected finding %s: %s", m->findings[i].rule, m->findings[i].message);
	assert_true(amm_model_is_open(m));
	assert_string_equal(m->c.alias.text, "Fam. J.");
	assert_string_equal(m->c.alias.file, "casus.ini");
	assert_int_equal(m->c.alias.line, 4);
	assert_int_equal(m->c.geopend.date.m, 1);
	assert_int_equal(m->c.volgende_evaluatie.date.d, 22);
	assert_string_equal(m->perspectief, "Ik wil een dak boven mijn hoofd.");
	assert_string_equal(m->spin[7].text, "zus\nbuurvrouw");
	assert_int_equal(m->spin[7].line, 4);
	assert_string_equal(m->spin[2].text, "");
	assert_int_equal(m->spin[2].line, 0);
	assert_true(amm_value_set(&m->gedeeld));
	assert_int_equal(m->n_problemen, 2);
	assert_true(m->problemen[1].item.verwijderd);
	assert_int_equal(m->n_stappen, 2);
	assert_int_equal(m->stappen[1].item.nr, 2);
	assert_int_equal(m->stappen[1].item.line, 6);
	assert_int_equal(m->n_afspraken, 2);
	assert_int_equal(m->afspraken[1].stap.num, 2);
	assert_int_equal(m->afspraken[0].wanneer.line, 13);
	assert_true(amm_model_afspraak_te_laat(&m->afspraken[0], today));
	assert_false(amm_model_afspraak_te_laat(&m->afspraken[1], today));
	assert_int_equal(m->evaluaties[0].stap.num, 1);
	assert_true(m->uitzonderingen[0].kosten_gewoon.num == 950000);
	assert_true(m->uitzonderingen[0].kosten_maatwerk.num == 125050);
	assert_string_equal(m->team[0].rol.text, "casusinbrenger");
	amm_model_voortgang(m, today, &v);
	assert_true(v.perspectief);
	assert_int_equal(v.spin_gevuld, 3);
	assert_int_equal(v.problemen, 1);
	assert_true(v.gedeeld);
	assert_int_equal(v.stappen, 2);
	assert_int_equal(v.stappen_open, 1);
	assert_int_equal(v.afspraken, 2);
	assert_int_equal(v.afspraken_open, 1);
	assert_int_equal(v.afspraken_te_laat, 1);
	assert_int_equal(v.evaluaties, 1);
	assert_int_equal(v.uitzonderingen, 1);
	assert_int_equal(v.teamleden, 1);
	amm_model_free(m);
	amm_casus_free(c);
}

/* One part replaced in the rich casus: exactly the findings expected, by rule and line. */
static void
expect(enum amm_deel deel, const char *text, const char *rule, size_t line)
{
	const char *texts[AMM_DEEL_COUNT];
	struct amm_casus *c;
	struct amm_model *m;

	memcpy(texts, rich, sizeof(texts));
	texts[deel] = text;
	c = th_casus(texts);
	m = amm_model_build(c);
	if (rule == NULL) {
		for (size_t i = 0; i < m->n_findings; i++)
			fail_msg("%s: unexpected %s: %s", text, m->findings[i].rule,
			         m->findings[i].message);
	} else {
		if (m->n_findings != 1)
			fail_msg("%s: %zu findings, expected one %s", text, m->n_findings, rule);
		assert_string_equal(m->findings[0].rule, rule);
		assert_int_equal(m->findings[0].deel, deel);
		assert_int_equal(m->findings[0].line, line);
		assert_non_null(m->findings[0].message);
	}
	amm_model_free(m);
	amm_casus_free(c);
}

static void
test_dates(void **state)
{
	const char *good[] = {"2026-02-28", "2024-02-29", "1900-01-01", "2199-12-31"};
	const char *bad[] = {"2026-02-30", "2026-02-29", "2026-13-01", "2026-1-01",
	                     "morgen",     "+7",         "+000000007", "1899-12-31",
	                     "2200-01-01", "9999-12-31", "2026-12-01x"};
	char text[128];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), "[evaluatie 1]\ndatum = %s\nresultaat = niet\n",
		         good[i]);
		expect(AMM_DEEL_EVALUATIES, text, NULL, 0);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "[evaluatie 1]\ndatum = %s\nresultaat = niet\n",
		         bad[i]);
		expect(AMM_DEEL_EVALUATIES, text, AMM_RULE_ONGELDIGE_DATUM, 2);
	}
	/* The date shortcut of the command line is no stored date (issue 18). */
	expect(
	    AMM_DEEL_STAPPEN,
	    "[stap 1]\n[stap 2]\n[afspraak 1]\nstap = 1\nwie = a\nwat = b\nwanneer = +000000007\n",
	    AMM_RULE_ONGELDIGE_DATUM, 7);
	expect(AMM_DEEL_CASUS, "[casus]\nstatus = open\nvolgende-evaluatie = 2026-02-30\n",
	       AMM_RULE_ONGELDIGE_DATUM, 3);
	expect(AMM_DEEL_ANALYSE, "[analyse]\ngedeeld = ja\n[probleem 1]\ntype = systeem\n",
	       AMM_RULE_ONGELDIGE_DATUM, 2);
}

static void
test_amounts_numbers_values(void **state)
{
	const char *good[] = {"9500.00", "9.500", "€ 9.500,50", "9.999.999,99", ""};
	const char *bad[] = {"1.000.000.000", "10.000.000,01", "9,5,5", "veel", "-5",
	                     "1000000000.00"};
	char text[128];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), "[uitzondering 1]\nkosten-gewoon = %s\n", good[i]);
		expect(AMM_DEEL_UITZONDERINGEN, text, NULL, 0);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "[uitzondering 1]\nover = x\nkosten-maatwerk = %s\n",
		         bad[i]);
		expect(AMM_DEEL_UITZONDERINGEN, text, AMM_RULE_ONGELDIG_BEDRAG, 3);
	}
	expect(AMM_DEEL_EVALUATIES,
	       "[evaluatie 1]\ndatum = 2026-06-01\nstap = een\nresultaat = niet\n",
	       AMM_RULE_ONGELDIG_GETAL, 3);
	expect(AMM_DEEL_EVALUATIES,
	       "[evaluatie 1]\ndatum = 2026-06-01\nstap = 0\nresultaat = niet\n",
	       AMM_RULE_ONGELDIG_GETAL, 3);
	expect(AMM_DEEL_CASUS, "[casus]\nstatus = open\nid = 2026-002\n", AMM_RULE_ONBEKENDE_WAARDE,
	       3);
	expect(AMM_DEEL_ANALYSE, "[probleem 1]\ntype = anders\n", AMM_RULE_ONBEKENDE_WAARDE, 2);
	expect(AMM_DEEL_ANALYSE, "[probleem 1]\ntekst = x\n", AMM_RULE_ONTBREEKT, 1);
	expect(AMM_DEEL_EVALUATIES, "[evaluatie 1]\ndatum = 2026-06-01\nresultaat = prima\n",
	       AMM_RULE_ONBEKENDE_WAARDE, 3);
	expect(AMM_DEEL_UITZONDERINGEN, "[uitzondering 1]\nbesluit = misschien\n",
	       AMM_RULE_ONBEKENDE_WAARDE, 2);
	expect(AMM_DEEL_TEAM, "[lid 1]\nnaam = a\nrol = baas\n", AMM_RULE_ONBEKENDE_WAARDE, 3);
	expect(AMM_DEEL_STAPPEN, "[stap 1]\nstatus = bezig\n[stap 2]\n", AMM_RULE_ONBEKENDE_WAARDE,
	       2);
	expect(AMM_DEEL_STAPPEN,
	       "[stap 1]\n[stap 2]\n[afspraak 1]\nstap = 1\nwat = b\nwanneer = "
	       "2026-12-01\n",
	       AMM_RULE_AFSPRAAK_ONVOLL, 3);
	/* A removed item keeps whatever it had. */
	expect(AMM_DEEL_ANALYSE, "[probleem 1]\ntype = anders\nstatus = verwijderd\n", NULL, 0);
}

static void
test_references(void **state)
{
	(void)state;
	expect(AMM_DEEL_STAPPEN,
	       "[stap 1]\n[stap 2]\n[afspraak 1]\nstap = 3\nwie = a\nwat = b\n"
	       "wanneer = 2026-12-01\n",
	       AMM_RULE_ONBEKENDE_STAP, 4);
	expect(AMM_DEEL_EVALUATIES,
	       "[evaluatie 1]\ndatum = 2026-06-01\nstap = 9\nresultaat = niet\n",
	       AMM_RULE_ONBEKENDE_STAP, 3);
	/* [stap 01] is stap 1 again: the second one is a finding and does not count. */
	expect(AMM_DEEL_STAPPEN, "[stap 1]\ntekst = a\n[stap 2]\n\n[stap 01]\ntekst = b\n",
	       AMM_RULE_DUBBEL_NUMMER, 5);
	expect(AMM_DEEL_TEAM, "[lid 1]\nnaam = a\n[lid 001]\nnaam = b\n", AMM_RULE_DUBBEL_NUMMER,
	       3);
	/* The same number of another kind is no duplicate. */
	expect(AMM_DEEL_STAPPEN,
	       "[stap 1]\n[stap 2]\n[afspraak 1]\nstap = 1\nwie = a\nwat = b\n"
	       "wanneer = 2026-12-01\n",
	       NULL, 0);
}

static void
test_hostile_text(void **state)
{
	const char *texts[AMM_DEEL_COUNT];
	struct amm_casus *c;
	struct amm_model *m;

	(void)state;
	/* Markup is text; escaping it is for the views. */
	expect(AMM_DEEL_SPIN, "[spin]\nwonen = <script>alert(1)</script>\n", NULL, 0);
	expect(AMM_DEEL_SPIN, "[spin]\nwonen = huur\\x1b[31m rood\n", AMM_RULE_ONGELDIGE_TEKST, 2);
	expect(AMM_DEEL_SPIN,
	       "[spin]\nprofiel = a\nwonen = \xe2\x80\xae"
	       "draai\n",
	       AMM_RULE_ONGELDIGE_TEKST, 3);
	expect(AMM_DEEL_SPIN, "[spin]\nwonen = tab\\tnieuwe\\nregel\n", NULL, 0);
	expect(AMM_DEEL_STAPPEN,
	       "[stap 1]\n[stap 2]\n[afspraak 1]\nstap = 1\nwie = \\x07\nwat = b\n"
	       "wanneer = 2026-12-01\n",
	       AMM_RULE_ONGELDIGE_TEKST, 5);
	expect(AMM_DEEL_PERSPECTIEF, "Ik wil\n\x1b]0;titel\x07 wonen\n", AMM_RULE_ONGELDIGE_TEKST,
	       2);
	expect(AMM_DEEL_PERSPECTIEF, "Ik wil \xff\xfe wonen\n", AMM_RULE_ONGELDIGE_TEKST, 1);
	/* A NUL in the file: the bytes as read count, not the string before it. */
	memcpy(texts, rich, sizeof(texts));
	c = th_casus(texts);
	free(c->raw[AMM_DEEL_PERSPECTIEF]);
	free(c->perspectief);
	c->raw[AMM_DEEL_PERSPECTIEF] = amm_xstrdup("Ik wil\n");
	c->perspectief = amm_xstrdup("Ik wil\n");
	c->raw_len[AMM_DEEL_PERSPECTIEF] = 12; /* "Ik wil\n\0 nog" */
	c->raw[AMM_DEEL_PERSPECTIEF] = amm_xrealloc(c->raw[AMM_DEEL_PERSPECTIEF], 13);
	memcpy(c->raw[AMM_DEEL_PERSPECTIEF], "Ik wil\n\0 nog", 13);
	m = amm_model_build(c);
	assert_int_equal(m->n_findings, 1);
	assert_string_equal(m->findings[0].rule, AMM_RULE_ONGELDIGE_TEKST);
	assert_int_equal(m->findings[0].line, 2);
	assert_false(m->perspectief_valid);
	amm_model_free(m);
	amm_casus_free(c);
}

/* An invalid value is kept, marked, and never counts as a value. */
static void
test_invalid_never_counts(void **state)
{
	const char *texts[AMM_DEEL_COUNT];
	struct amm_casus *c;
	struct amm_model *m;
	struct amm_voortgang v;

	(void)state;
	memcpy(texts, rich, sizeof(texts));
	texts[AMM_DEEL_STAPPEN] = "[stap 1]\n[afspraak 1]\nstap = 1\nwie = a\nwat = b\n"
	                          "wanneer = 2026-02-30\nstatus = open\n";
	texts[AMM_DEEL_ANALYSE] = "[analyse]\ngedeeld = 2026-02-30\n[probleem 1]\ntype = systeem\n";
	c = th_casus(texts);
	m = amm_model_build(c);
	assert_false(m->afspraken[0].wanneer.valid);
	assert_string_equal(m->afspraken[0].wanneer.text, "2026-02-30");
	assert_string_equal(amm_value_str(&m->afspraken[0].wanneer), "");
	assert_false(amm_model_afspraak_te_laat(&m->afspraken[0], today));
	amm_model_voortgang(m, today, &v);
	assert_int_equal(v.afspraken_te_laat, 0);
	assert_false(v.gedeeld);
	amm_model_free(m);
	amm_casus_free(c);
}

/* The write path refuses a finding in a part it changes, naming path and line. */
static void
test_refuse(void **state)
{
	const char *texts[AMM_DEEL_COUNT];
	struct amm_casus *c;
	amm_error *err;

	(void)state;
	memcpy(texts, rich, sizeof(texts));
	texts[AMM_DEEL_TEAM] = "[lid 1]\nnaam = a\nrol = baas\n";
	c = th_casus(texts);
	assert_ok(amm_model_refuse(c, 1u << AMM_DEEL_STAPPEN));
	err = amm_model_refuse(c, 1u << AMM_DEEL_TEAM | 1u << AMM_DEEL_SPIN);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	assert_string_equal(err->msg, "casussen/2026/2026-001/team.ini:3: [lid 1] rol: 'baas' is "
	                              "geen geldige waarde; kies casusinbrenger, "
	                              "procesbegeleider, maatwerkcoach of lid");
	amm_error_free(err);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rich_casus),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_amounts_numbers_values),
	    cmocka_unit_test(test_references),
	    cmocka_unit_test(test_hostile_text),
	    cmocka_unit_test(test_invalid_never_counts),
	    cmocka_unit_test(test_refuse),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
