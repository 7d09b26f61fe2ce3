/* Views of a casus: text, JSON and SVG, and the rules a hand-edited part must keep. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "render.h"

static const char *const example[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias = Fam. J.\nstatus = open\n"
                       "volgende-evaluatie = 2026-12-22\n",
    [AMM_DEEL_PERSPECTIEF] = "<!-- amm:tekst -->\nIk wil een dak boven mijn hoofd\n"
                             "<!-- /amm:tekst -->\n",
    [AMM_DEEL_SPIN] = "[spin]\nfinancien = <script>alert(1)</script> & meer\nwonen =\n",
    [AMM_DEEL_ANALYSE] = "[analyse]\ngedeeld =\n[probleem 1]\ntype = systeem\ntekst = "
                         "Wachtlijst\n[probleem 2]\ntype = persoonlijk\ntekst = weg\n"
                         "status = verwijderd\n",
    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\nstatus = open\n[afspraak 1]\nstap = 1\n"
                         "wie = Fatima\nwat = belt\nwanneer = 2026-12-15\nstatus = open\n"
                         "[afspraak 2]\nstap = 1\nwie = Sanne\nwat = zoekt op\nwanneer = "
                         "2026-11-20\nstatus = open\n",
};

static const struct amm_date today = {2026, 11, 24};

static void
test_text_views(void **state)
{
	struct amm_casus *c = th_casus(example);
	struct amm_buf buf = {0};

	struct amm_marks late = {0};

	(void)state;
	amm_render_afspraken(c, today, &buf, &late);
	/* By date, the overdue one first and marked. */
	assert_string_equal(buf.data, "Wie doet wat? Afspraken op datum\n"
	                              "    2  2026-11-20  stap 1    TE LAAT  Sanne: zoekt op\n"
	                              "    1  2026-12-15  stap 1    open     Fatima: belt\n");
	/* Where a terminal colours it: amm's word, not the text of the agreement. */
	assert_int_equal(late.n, 1);
	assert_int_equal(late.len[0], 7);
	assert_memory_equal(buf.data + late.at[0], "TE LAAT  Sanne", 14);
	amm_marks_free(&late);
	amm_buf_free(&buf);
	amm_render_deel(c, AMM_DEEL_ANALYSE, today, &buf);
	assert_non_null(strstr(buf.data, "Nog niet gedeeld"));
	assert_non_null(strstr(buf.data, "      1  Wachtlijst\n"));
	assert_null(strstr(buf.data, "weg"));
	amm_buf_free(&buf);
	amm_render_plan(c, today, &buf);
	assert_non_null(strstr(buf.data, "Ik wil een dak boven mijn hoofd"));
	assert_non_null(strstr(buf.data, "1 van 9 velden ingevuld"));
	assert_non_null(strstr(buf.data, "Volgende evaluatie: 2026-12-22"));
	amm_buf_free(&buf);
	amm_casus_free(c);
}

/* A casus without agreements: nothing to sort, and no empty array handed to qsort_r. */
static void
test_no_afspraken(void **state)
{
	static const char *const bare[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\n",
	};
	struct amm_casus *c = th_casus(bare);
	struct amm_buf buf = {0};

	(void)state;
	amm_render_afspraken(c, today, &buf, NULL);
	assert_string_equal(buf.data, "Wie doet wat? Afspraken op datum\n  (nog geen afspraken)\n");
	amm_buf_free(&buf);
	amm_render_plan(c, today, &buf);
	assert_non_null(strstr(buf.data, "(nog geen stappen)"));
	amm_buf_free(&buf);
	amm_casus_free(c);
}

static void
test_json(void **state)
{
	struct amm_casus *c = th_casus(example);
	json_t *plan = amm_json_plan(c, today);
	json_t *afspraken = json_object_get(json_object_get(plan, "stappen"), "afspraken");

	(void)state;
	assert_string_equal(json_string_value(json_object_get(plan, "id")), "2026-001");
	assert_int_equal(json_array_size(afspraken), 2);
	assert_true(json_is_true(json_object_get(json_array_get(afspraken, 1), "te_laat")));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(afspraken, 0), "nr")),
	                 1);
	assert_int_equal(
	    json_array_size(json_object_get(json_object_get(plan, "analyse"), "problemen")), 1);
	assert_true(json_is_null(json_object_get(json_object_get(plan, "analyse"), "gedeeld")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(plan, "perspectief"), "tekst")),
	    "Ik wil een dak boven mijn hoofd");
	json_decref(plan);
	amm_casus_free(c);
}

static void
test_svg(void **state)
{
	struct amm_casus *c = th_casus(example);
	char *svg = amm_svg_spin(c);
	size_t gevuld = 0;

	(void)state;
	assert_true(amm_str_starts(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_null(strstr(svg, "<script"));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	for (const char *p = svg; (p = strstr(p, "class=\"veld gevuld\"")) != NULL; p++)
		gevuld++;
	assert_int_equal(gevuld, 1);
	assert_non_null(strstr(svg, "class=\"veld leeg\" data-veld=\"wonen\""));
	free(svg);
	amm_casus_free(c);
}

static void
expect_rule(const char *const texts[AMM_DEEL_COUNT], enum amm_deel deel, const char *msg)
{
	struct amm_casus *c = th_casus(texts);
	amm_error *err = amm_casus_check_deel(c, deel);

	if (msg == NULL) {
		if (err != NULL)
			fail_msg("unexpected: %s", err->msg);
	} else {
		assert_non_null(err);
		assert_int_equal(err->code, AMM_EXIT_INPUT);
		assert_string_equal(err->msg, msg);
		amm_error_free(err);
	}
	amm_casus_free(c);
}

static void
test_rules(void **state)
{
	const char *t[AMM_DEEL_COUNT] = {0};

	(void)state;
	for (int d = 0; d < AMM_DEEL_COUNT; d++)
		expect_rule(example, (enum amm_deel)d, NULL);
	t[AMM_DEEL_CASUS] = "[casus]\nstatus = dicht\n";
	expect_rule(t, AMM_DEEL_CASUS, "casus.ini, [casus] status: 'dicht' is geen geldige waarde");
	t[AMM_DEEL_CASUS] = "[casus]\nid = 2026-002\nstatus = open\n";
	expect_rule(t, AMM_DEEL_CASUS,
	            "casus.ini: id '2026-002' hoort bij een andere casus dan 2026-001");
	t[AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = a\n[afspraak 1]\nstap = 2\nwie = a\nwat = b\n"
	                      "wanneer = 2026-12-01\n";
	expect_rule(t, AMM_DEEL_STAPPEN, "stappen.ini, [afspraak 1]: stap 2 bestaat niet");
	t[AMM_DEEL_STAPPEN] = "[stap 1]\n[afspraak 1]\nstap = 1\nwat = b\nwanneer = 2026-12-01\n";
	expect_rule(t, AMM_DEEL_STAPPEN, "stappen.ini, [afspraak 1]: 'wie' ontbreekt of is leeg");
	t[AMM_DEEL_STAPPEN] = "[afspraak 1]\nwie = a\nwat = b\nwanneer = morgen\n";
	expect_rule(t, AMM_DEEL_STAPPEN,
	            "stappen.ini, [afspraak 1] wanneer: 'morgen' is geen datum: "
	            "gebruik JJJJ-MM-DD, vandaag, morgen, +N (dagen) of +Nw (weken)");
	t[AMM_DEEL_EVALUATIES] = "[evaluatie 1]\ndatum = 2026-11-24\nresultaat = prima\n";
	expect_rule(t, AMM_DEEL_EVALUATIES,
	            "evaluaties.ini, [evaluatie 1] resultaat: 'prima' is geen geldige waarde");
	t[AMM_DEEL_ANALYSE] = "[probleem 1]\ntype = anders\n";
	expect_rule(t, AMM_DEEL_ANALYSE,
	            "analyse.ini, [probleem 1] type: 'anders' is geen geldige waarde");
	/* A removed problem keeps whatever it had. */
	t[AMM_DEEL_ANALYSE] = "[probleem 1]\ntype = anders\nstatus = verwijderd\n";
	expect_rule(t, AMM_DEEL_ANALYSE, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_views), cmocka_unit_test(test_no_afspraken),
	    cmocka_unit_test(test_json),       cmocka_unit_test(test_svg),
	    cmocka_unit_test(test_rules),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
