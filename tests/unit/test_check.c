/* amm check: every rule fires on a casus that breaks it, and none on one that keeps them. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"

static const struct amm_date today = {2026, 11, 24};

/* A casus that keeps every rule. */
static const char *const good[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = "[casus]\nstatus = open\ngeopend = 2026-10-01\n"
                       "volgende-evaluatie = 2026-12-22\n",
    [AMM_DEEL_PERSPECTIEF] = "<!-- amm:tekst -->\nIk wil een dak boven mijn hoofd\n"
                             "<!-- /amm:tekst -->\n",
    [AMM_DEEL_SPIN] = "[spin]\nprofiel = moeder (34), 2 kinderen\nfinancien = schuld 9.500 euro\n"
                      "wonen = huur 987 euro\nveiligheid = veilig\ndagbesteding = "
                      "vrijwilliger\nkrachten = zorgzaam\nsuccessen = diploma\nnetwerk = zus\n"
                      "bijzonderheden = geen\n",
    [AMM_DEEL_ANALYSE] = "[analyse]\ngedeeld = 2026-11-01\n[probleem 1]\ntype = systeem\n"
                         "tekst = wachtlijst\n",
    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = schuldhulp\nstatus = open\n[afspraak 1]\nstap = 1\n"
                         "wie = Fatima\nwat = belt\nwanneer = 2026-12-01\nstatus = open\n",
    [AMM_DEEL_UITZONDERINGEN] = "[uitzondering 1]\ngewone-route = wachten\nmaatwerk = direct\n"
                                "maatwerkcoach = Ahmed\nlegitimiteit = a\nbetrokkenheid = b\n"
                                "rendement = c\n",
    [AMM_DEEL_TEAM] = "[lid 1]\nnaam = Sanne\nrol = casusinbrenger\n",
};

static char *
findings_of(const char *const texts[AMM_DEEL_COUNT], const char *config)
{
	struct amm_casus *c = th_casus(texts);
	struct amm_findings f = {0};
	struct amm_ini *cfg = NULL;
	struct amm_buf buf = {0};

	if (config != NULL)
		assert_ok(amm_ini_parse(&cfg, "amm.ini", config, strlen(config)));
	struct amm_model *m = amm_model_build(c);

	amm_check_casus(m, cfg, today, &f);
	amm_model_free(m);
	for (size_t i = 0; i < f.len; i++)
		amm_buf_addf(&buf, "%s %s %s %s: %s\n", f.items[i].rule->id,
		             amm_ernst_name(f.items[i].rule->ernst), f.items[i].casus,
		             f.items[i].bestand, f.items[i].bericht);
	amm_findings_free(&f);
	amm_ini_free(cfg);
	amm_casus_free(c);
	if (buf.data == NULL)
		amm_buf_adds(&buf, "");
	return amm_buf_detach(&buf, NULL);
}

/* Replace one part of the good casus and expect exactly this finding line. */
static void
expect_only(enum amm_deel deel, const char *text, const char *want)
{
	const char *texts[AMM_DEEL_COUNT];
	char *got;

	memcpy(texts, good, sizeof(texts));
	texts[deel] = text;
	got = findings_of(texts, NULL);
	assert_string_equal(got, want);
	free(got);
}

static void
test_clean_casus(void **state)
{
	char *got = findings_of(good, NULL);

	(void)state;
	assert_string_equal(got, "");
	free(got);
}

static void
test_each_rule(void **state)
{
	(void)state;
	expect_only(AMM_DEEL_TEAM,
	            "[lid 1]\nnaam = Sanne\nrol = casusinbrenger\n\n[lid 1]\nnaam = Sanne\n"
	            "rol = casusinbrenger\n",
	            "dubbele-sectie fout 2026-001 team.ini: regel 5: sectie [lid 1] staat er twee "
	            "keer (eerder op regel 1)\n");
	expect_only(AMM_DEEL_TEAM, "[lid 1]\nnaam = Sanne\nrol = casusinbrenger\nnaam = Ahmed\n",
	            "dubbele-sleutel fout 2026-001 team.ini: regel 4: sleutel naam staat twee keer "
	            "in sectie [lid 1] (eerder op regel 2)\n");
	expect_only(AMM_DEEL_PERSPECTIEF, "",
	            "perspectief-ontbreekt fout 2026-001 perspectief.md: er is nog geen "
	            "perspectief van de Amsterdammer\n");
	expect_only(AMM_DEEL_PERSPECTIEF, "Fatima wil een dak boven haar hoofd",
	            "perspectief-ik-vorm waarschuwing 2026-001 perspectief.md: het perspectief "
	            "staat niet in de ik-vorm: de methode vraagt om het perspectief in de eigen "
	            "woorden van de Amsterdammer, in de ik-vorm\n");
	expect_only(AMM_DEEL_PERSPECTIEF, "Ik wil geen schulden",
	            "perspectief-negatief waarschuwing 2026-001 perspectief.md: het perspectief "
	            "lijkt negatief geformuleerd ('geen'): een goed perspectief is energiegevend "
	            "en positief geformuleerd\n");
	expect_only(AMM_DEEL_PERSPECTIEF, "Ik wil piloot bij de KLM worden",
	            "perspectief-oplossing waarschuwing 2026-001 perspectief.md: het perspectief "
	            "noemt één concrete oplossing ('bij KLM') in plaats van een richting: een "
	            "goed perspectief is bij voorkeur op meerdere manieren te bereiken\n");
	expect_only(
	    AMM_DEEL_CASUS,
	    "[casus]\nstatus = open\ngeopend = 2025-10-01\nvolgende-evaluatie = 2026-12-22\n",
	    "perspectief-oud waarschuwing 2026-001 perspectief.md: de casus loopt langer "
	    "dan een jaar en er is het afgelopen jaar niet geëvalueerd of het perspectief "
	    "nog klopt\n");
	expect_only(AMM_DEEL_SPIN, "[spin]\nprofiel = moeder\nfinancien = 12 euro\n",
	            "spin-leeg waarschuwing 2026-001 spin.ini: 7 van de 9 velden zijn leeg: wonen, "
	            "veiligheid, dagbesteding, krachten, successen, netwerk, bijzonderheden\n");
	expect_only(
	    AMM_DEEL_SPIN,
	    "[spin]\nprofiel = a\nfinancien = er zijn schulden\nwonen = b\nveiligheid = c\n"
	    "dagbesteding = d\nkrachten = e\nsuccessen = f\nnetwerk = g\nbijzonderheden = "
	    "h\n",
	    "spin-vaag waarschuwing 2026-001 spin.ini: financien noemt geen bedrag: schrijf "
	    "feiten met getallen (inkomen, lasten, schulden)\n");
	expect_only(AMM_DEEL_ANALYSE, "[analyse]\ngedeeld = 2026-11-01\n",
	            "analyse-ontbreekt waarschuwing 2026-001 analyse.ini: er is nog geen probleem "
	            "benoemd\n");
	expect_only(AMM_DEEL_ANALYSE, "[probleem 1]\ntype = systeem\n",
	            "analyse-niet-gedeeld waarschuwing 2026-001 analyse.ini: de analyse is nog "
	            "niet met de Amsterdammer besproken\n");
	expect_only(AMM_DEEL_STAPPEN, "",
	            "stap-ontbreekt waarschuwing 2026-001 stappen.ini: er is een analyse, maar nog "
	            "geen eerste stap\n");
	expect_only(AMM_DEEL_STAPPEN,
	            "[stap 1]\n[stap 2]\n[stap 3]\n[stap 4]\n[afspraak 1]\n"
	            "stap = 1\nwie = a\nwat = b\nwanneer = 2026-12-01\n"
	            "[afspraak 2]\nstap = 2\nwie = a\nwat = b\nwanneer = "
	            "2026-12-01\n[afspraak 3]\nstap = 3\nwie = a\nwat = b\n"
	            "wanneer = 2026-12-01\n[afspraak 4]\nstap = 4\nwie = a\nwat = "
	            "b\nwanneer = 2026-12-01\n",
	            "stappen-te-veel waarschuwing 2026-001 stappen.ini: 4 stappen staan tegelijk "
	            "open (hoogstens 3)\n");
	expect_only(AMM_DEEL_STAPPEN, "[stap 1]\nstatus = open\n",
	            "stap-zonder-afspraak waarschuwing 2026-001 stappen.ini: stap 1 heeft nog geen "
	            "afspraken\n");
	expect_only(AMM_DEEL_STAPPEN,
	            "[stap 1]\n[afspraak 1]\nstap = 1\nwie = a\nwanneer = "
	            "2026-12-01\n",
	            "afspraak-onvolledig fout 2026-001 stappen.ini: afspraak 1: wat ontbreekt\n");
	expect_only(AMM_DEEL_STAPPEN,
	            "[stap 1]\n[afspraak 1]\nstap = 1\nwie = a\nwat = b\n"
	            "wanneer = 2026-11-01\n",
	            "afspraak-te-laat waarschuwing 2026-001 stappen.ini: afspraak 1 is over de "
	            "datum (2026-11-01)\n");
	expect_only(AMM_DEEL_CASUS, "[casus]\nstatus = open\ngeopend = 2026-10-01\n",
	            "evaluatie-niet-gepland waarschuwing 2026-001 casus.ini: er is geen volgende "
	            "evaluatie gepland (amm evalueer --volgende DATUM)\n");
	expect_only(
	    AMM_DEEL_CASUS,
	    "[casus]\nstatus = open\ngeopend = 2026-10-01\nvolgende-evaluatie = 2026-11-01\n",
	    "evaluatie-te-laat fout 2026-001 casus.ini: de evaluatie van 2026-11-01 is "
	    "verstreken\n");
	expect_only(AMM_DEEL_UITZONDERINGEN,
	            "[uitzondering 1]\ngewone-route = a\nmaatwerk = b\nlegitimiteit = a\n"
	            "betrokkenheid = b\nrendement = c\n",
	            "uitzondering-maatwerkcoach fout 2026-001 uitzonderingen.ini: uitzondering 1 "
	            "heeft geen maatwerkcoach\n");
	expect_only(
	    AMM_DEEL_UITZONDERINGEN,
	    "[uitzondering 1]\ngewone-route = a\nmaatwerk = b\nmaatwerkcoach = c\n"
	    "legitimiteit = a\n",
	    "uitzondering-waardendriehoek fout 2026-001 uitzonderingen.ini: uitzondering 1: "
	    "1 van de 3 waarden van de waardendriehoek zijn onderbouwd\n");
	expect_only(
	    AMM_DEEL_UITZONDERINGEN,
	    "[uitzondering 1]\nmaatwerk = b\nmaatwerkcoach = c\nlegitimiteit = a\n"
	    "betrokkenheid = b\nrendement = c\n",
	    "uitzondering-routes fout 2026-001 uitzonderingen.ini: uitzondering 1 beschrijft "
	    "niet zowel de gewone route als de maatwerkoplossing\n");
	expect_only(AMM_DEEL_TEAM,
	            "[lid 1]\nnaam = a\n[lid 2]\nnaam = b\n[lid 3]\nnaam = c\n[lid 4]\nnaam = d\n"
	            "[lid 5]\nnaam = e\n[lid 6]\nnaam = f\n[lid 7]\nnaam = g\n",
	            "team-te-groot waarschuwing 2026-001 team.ini: het casusteam telt 7 leden "
	            "(hoogstens 6)\n");
	/* A value of two lines stays on the finding's one line. */
	expect_only(AMM_DEEL_TEAM,
	            "[lid 1]\nnaam = a\n\n[conflict lid 1.naam]\nmijn = a\nhun = b\\nc\n",
	            "sync-conflict fout 2026-001 team.ini: conflict in [lid 1] naam: mijn 'a', hun "
	            "'b\\nc'\n");
}

static void
test_personal_numbers(void **state)
{
	const char *texts[AMM_DEEL_COUNT];
	char *got;

	(void)state;
	memcpy(texts, good, sizeof(texts));
	texts[AMM_DEEL_TEAM] = "[lid 1]\nnaam = Sanne\n# bsn van de vader: 1234.56.782\n"
	                       "# rekening NL91 ABNA 0417 1643 00\n";
	got = findings_of(texts, NULL);
	assert_string_equal(got,
	                    "bsn fout 2026-001 team.ini: regel 3 bevat een burgerservicenummer\n"
	                    "iban waarschuwing 2026-001 team.ini: regel 4 bevat een IBAN\n");
	free(got);
	got = findings_of(texts, "[privacy]\nbsn = toestaan\n");
	assert_string_equal(got, "iban waarschuwing 2026-001 team.ini: regel 4 bevat een IBAN\n");
	free(got);
}

static void
test_thresholds_from_config(void **state)
{
	const char *texts[AMM_DEEL_COUNT];
	char *got;

	(void)state;
	memcpy(texts, good, sizeof(texts));
	texts[AMM_DEEL_TEAM] = "[lid 1]\nnaam = a\n[lid 2]\nnaam = b\n[lid 3]\nnaam = c\n";
	got = findings_of(texts, "[check]\nmax-teamleden = 2\n");
	assert_string_equal(got, "team-te-groot waarschuwing 2026-001 team.ini: het casusteam telt "
	                         "3 leden (hoogstens 2)\n");
	free(got);
}

static void
test_rule_table(void **state)
{
	size_t n = 0;

	(void)state;
	for (const struct amm_rule *r = amm_rules; r->id != NULL; r++, n++) {
		assert_non_null(r->reden);
		for (const struct amm_rule *q = amm_rules; q != r; q++)
			assert_string_not_equal(q->id, r->id);
	}
	assert_int_equal(n, 35);
}

/* Loose modes become findings that name the path: a part's file, or "." for the rest. */
static void
test_loose_modes(void **state)
{
	struct amm_casus *c = th_casus(good);
	struct amm_loose list[] = {
	    {"casussen/2026/2026-001", 0755, true},
	    {"casussen/2026/2026-001/spin.ini", 0664, false},
	    {"casussen/2026/2026-001/notities.txt", 0644, false},
	};
	struct amm_findings f = {0};

	(void)state;
	amm_check_loose(c, list, 3, &f);
	assert_int_equal(f.len, 3);
	for (size_t i = 0; i < f.len; i++) {
		assert_string_equal(f.items[i].rule->id, "bestandsrechten");
		assert_int_equal(f.items[i].rule->ernst, AMM_WAARSCHUWING);
		assert_string_equal(f.items[i].casus, "2026-001");
	}
	assert_string_equal(f.items[0].bestand, ".");
	assert_string_equal(f.items[0].bericht,
	                    "de map casussen/2026/2026-001 is toegankelijk voor groep of anderen "
	                    "(rechten 0755); 'amm check --herstel' maakt haar 0700");
	assert_string_equal(f.items[1].bestand, "spin.ini");
	assert_string_equal(f.items[1].bericht,
	                    "casussen/2026/2026-001/spin.ini is toegankelijk voor groep of anderen "
	                    "(rechten 0664); 'amm check --herstel' maakt het 0600");
	assert_string_equal(f.items[2].bestand, ".");
	amm_findings_free(&f);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_casus),
	    cmocka_unit_test(test_each_rule),
	    cmocka_unit_test(test_thresholds_from_config),
	    cmocka_unit_test(test_personal_numbers),
	    cmocka_unit_test(test_rule_table),
	    cmocka_unit_test(test_loose_modes),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
