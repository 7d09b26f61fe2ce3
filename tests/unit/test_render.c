/* Views of a casus: text, JSON and SVG. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
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

/* The text of one part of c (afspraken: the agreements by date), its marks in marks. */
static char *
part_text(const struct amm_casus *c, enum amm_deel deel, bool afspraken, struct amm_marks *marks)
{
	struct amm_model *m = amm_model_build(c);
	struct amm_doc *doc =
	    afspraken ? amm_doc_afspraken(m, today) : amm_doc_deel(m, deel, today);
	struct amm_buf buf = {0};

	amm_render_doc(doc, &buf, marks);
	amm_doc_free(doc);
	amm_model_free(m);
	return amm_buf_detach(&buf, NULL);
}

static void
test_text_views(void **state)
{
	struct amm_casus *c = th_casus(example);
	struct amm_marks late = {0};
	struct amm_buf buf = {0};
	char *s = part_text(c, AMM_DEEL_STAPPEN, true, &late);

	(void)state;
	/* By date, the overdue one first and marked. */
	assert_string_equal(s, "Wie doet wat: de afspraken op datum\n"
	                       "-----------------------------------\n"
	                       "    2  2026-11-20: Sanne zoekt op (stap 1) (te laat)\n"
	                       "    1  2026-12-15: Fatima belt (stap 1)\n");
	/* Where a terminal colours it: amm's word, not the text of the agreement. */
	assert_int_equal(late.n, 1);
	assert_int_equal(late.len[0], strlen("te laat"));
	assert_memory_equal(s + late.at[0], "te laat)\n    1", 14);
	amm_marks_free(&late);
	free(s);
	s = part_text(c, AMM_DEEL_ANALYSE, false, NULL);
	assert_non_null(strstr(s, "Nog niet gedeeld"));
	assert_non_null(strstr(s, "    1  In hoe de organisaties werken: Wachtlijst\n"));
	assert_null(strstr(s, "weg"));
	free(s);
	/* The casus itself with all its fields; the spin escapes nothing for the terminal. */
	s = part_text(c, AMM_DEEL_CASUS, false, NULL);
	assert_string_equal(s, "Casus 2026-001\n"
	                       "==============\n"
	                       "  Alias:              Fam. J.\n"
	                       "  Status:             open\n"
	                       "  Volgende evaluatie: 2026-12-22\n");
	free(s);
	s = part_text(c, AMM_DEEL_SPIN, false, NULL);
	assert_non_null(strstr(s, "<script>alert(1)</script> & meer\n"));
	assert_non_null(strstr(s, "nog niet ingevuld"));
	free(s);
	{ /* One field of the spin, as the part shows it. */
		struct amm_model *m = amm_model_build(c);
		struct amm_doc *doc = amm_doc_spin_veld(m, 1);

		amm_render_doc(doc, &buf, NULL);
		assert_string_equal(buf.data, "  Financiën: <script>alert(1)</script> & meer\n");
		amm_buf_free(&buf);
		amm_doc_free(doc);
		amm_model_free(m);
	}
	amm_render_plan(c, today, &buf, NULL);
	assert_non_null(strstr(buf.data, "Ik wil een dak boven mijn hoofd"));
	assert_non_null(strstr(buf.data, "We kijken weer samen hoe het gaat op 2026-12-22."));
	amm_buf_free(&buf);
	amm_casus_free(c);
}

/* A casus without agreements: nothing to sort, and each part says what is missing. */
static void
test_no_afspraken(void **state)
{
	static const char *const bare[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\n",
	};
	struct amm_casus *c = th_casus(bare);
	char *s = part_text(c, AMM_DEEL_STAPPEN, true, NULL);

	(void)state;
	assert_non_null(strstr(s, "\n  Nog geen afspraken.\n"));
	free(s);
	s = part_text(c, AMM_DEEL_UITZONDERINGEN, false, NULL);
	assert_string_equal(s, "Uitzonderingen\n--------------\n  Nog geen uitzonderingen.\n");
	free(s);
	s = part_text(c, AMM_DEEL_STAPPEN, false, NULL);
	assert_non_null(strstr(s, "Nog geen stappen."));
	free(s);
	amm_casus_free(c);
}

/* Each part shows an invalid value marked, never as if it were valid. */
static void
test_part_invalid(void **state)
{
	static const char *const bad[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\nvolgende-evaluatie = "
	                       "2026-02-30\n",
	    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = a\n[afspraak 1]\nstap = 1\nwie = x\nwat = y\n"
	                         "wanneer = 2026-02-30\n",
	    [AMM_DEEL_EVALUATIES] = "[evaluatie 1]\ndatum = 2026-13-01\nresultaat = goed\n",
	    [AMM_DEEL_UITZONDERINGEN] = "[uitzondering 1]\nover = huur\nkosten-gewoon = veel\n",
	};
	struct amm_casus *c = th_casus(bad);
	struct amm_model *m = amm_model_build(c);
	struct amm_doc *doc = amm_doc_uitzondering(&m->uitzonderingen[0]);
	struct amm_buf buf = {0};
	char *s;

	(void)state;
	amm_render_doc(doc, &buf, NULL);
	assert_non_null(strstr(buf.data, "Uitzondering 1: huur\n"));
	assert_non_null(strstr(buf.data, "(ongeldig: veel)"));
	amm_buf_free(&buf);
	amm_doc_free(doc);
	amm_model_free(m);
	s = part_text(c, AMM_DEEL_CASUS, false, NULL);
	assert_non_null(strstr(s, "Volgende evaluatie: (ongeldig: 2026-02-30)"));
	free(s);
	s = part_text(c, AMM_DEEL_STAPPEN, false, NULL);
	assert_non_null(strstr(s, "(ongeldig: 2026-02-30): x y"));
	free(s);
	s = part_text(c, AMM_DEEL_STAPPEN, true, NULL);
	assert_non_null(strstr(s, "(ongeldig: 2026-02-30): x y (stap 1)"));
	free(s);
	s = part_text(c, AMM_DEEL_EVALUATIES, false, NULL);
	assert_non_null(strstr(s, "(ongeldig: 2026-13-01), (ongeldig: goed)"));
	assert_non_null(strstr(s, "hoe het gaat op (ongeldig: 2026-02-30)."));
	free(s);
	amm_casus_free(c);
}

/* A value that is not valid for its field is marked, never passed on as valid. */
static void
test_json_invalid(void **state)
{
	static const char *const bad[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\nvolgende-evaluatie = "
	                       "2026-02-30\n",
	    [AMM_DEEL_STAPPEN] = "[afspraak 1]\nstap = een\nwie = x\nwat = y\nwanneer = morgen\n",
	    [AMM_DEEL_UITZONDERINGEN] = "[uitzondering 1]\nkosten-gewoon = 9.500\n"
	                                "kosten-maatwerk = veel\nbesluit = misschien\n",
	};
	struct amm_casus *c = th_casus(bad);
	json_t *plan = amm_json_plan(c, today), *v;
	json_t *a =
	    json_array_get(json_object_get(json_object_get(plan, "stappen"), "afspraken"), 0);
	json_t *u = json_array_get(
	    json_object_get(json_object_get(plan, "uitzonderingen"), "uitzonderingen"), 0);

	(void)state;
	assert_string_equal(json_string_value(json_object_get(
	                        json_object_get(plan, "volgende_evaluatie"), "ongeldig")),
	                    "2026-02-30");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(a, "stap"), "ongeldig")), "een");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(a, "wanneer"), "ongeldig")),
	    "morgen");
	/* An amount in Dutch notation comes out in the stored form. */
	assert_string_equal(json_string_value(json_object_get(u, "kosten_gewoon")), "9500.00");
	assert_non_null(json_object_get(json_object_get(u, "kosten_maatwerk"), "ongeldig"));
	assert_non_null(json_object_get(json_object_get(u, "besluit"), "ongeldig"));
	json_decref(plan);
	amm_casus_free(c);
	/* Text that is not UTF-8 is shown visibly, never dropped or passed on raw. */
	v = amm_json_text_value("a\xff b");
	assert_string_equal(json_string_value(json_object_get(v, "ongeldig")), "a<0xFF> b");
	json_decref(v);
	v = amm_json_text_value("");
	assert_true(json_is_null(v));
	json_decref(v);
}

static void
test_json(void **state)
{
	struct amm_casus *c = th_casus(example);
	json_t *plan = amm_json_plan(c, today);
	json_t *afspraken = json_object_get(json_object_get(plan, "stappen"), "afspraken");

	(void)state;
	assert_string_equal(json_string_value(json_object_get(plan, "casus")), "2026-001");
	/* Typed as the schema has them: a step number is a number, empty is null. */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(afspraken, 0), "stap")),
	                 1);
	assert_true(json_is_null(json_object_get(plan, "procesbegeleider")));
	assert_string_equal(json_string_value(json_object_get(plan, "volgende_evaluatie")),
	                    "2026-12-22");
	assert_true(json_is_null(
	    json_object_get(json_object_get(json_object_get(plan, "spin"), "velden"), "wonen")));
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

/* Every line of lines no wider than width, none empty. */
static void
assert_lines_fit(const struct amm_strlist *lines, double width, double size, bool bold)
{
	for (size_t i = 0; i < lines->len; i++) {
		const char *l = lines->items[i];

		assert_true(*l != '\0' && l[0] != ' ' && l[strlen(l) - 1] != ' ');
		if (amm_svg_text_width(l, strlen(l), size, bold) > width)
			fail_msg("line %zu '%s' wider than %g", i, l, width);
	}
}

static void
test_svg_wrap(void **state)
{
	struct amm_strlist lines = {0};

	(void)state;
	/* Short text stays one line; white space of any kind is one space. */
	amm_svg_wrap(&lines, "  Schuld\n 9.500\teuro ", 194, 12, false, 3);
	assert_int_equal(lines.len, 1);
	assert_string_equal(lines.items[0], "Schuld 9.500 euro");
	amm_strlist_free(&lines);
	/* Split on word boundaries, in order, nothing lost. */
	amm_svg_wrap(&lines, "Netwerk (formeel en informeel)", 194, 14, true, 2);
	assert_int_equal(lines.len, 2);
	assert_string_equal(lines.items[0], "Netwerk (formeel en");
	assert_string_equal(lines.items[1], "informeel)");
	assert_lines_fit(&lines, 194, 14, true);
	amm_strlist_free(&lines);
	/* A word longer than a line is split; capitals and wide letters take more room. */
	amm_svg_wrap(&lines, "Arbeidsongeschiktheidsverzekeringsmaatschappij WWWWWWWWWWWWWWWWWWWW",
	             194, 12, false, 5);
	assert_lines_fit(&lines, 194, 12, false);
	assert_true(lines.len >= 3);
	assert_true(amm_str_starts(lines.items[0], "Arbeidsongeschiktheids"));
	assert_true(strlen(lines.items[lines.len - 1]) < 20);
	amm_strlist_free(&lines);
	/* Too much text: the last line allowed ends in an ellipsis and still fits. */
	amm_svg_wrap(&lines,
	             "Zus, buurvrouw, de mentor van de oudste op school, wijkteam Noord, "
	             "schuldhulpverlening en de huisarts van de hele familie",
	             194, 12, false, 3);
	assert_int_equal(lines.len, 3);
	assert_lines_fit(&lines, 194, 12, false);
	assert_true(strstr(lines.items[2], "…") ==
	            lines.items[2] + strlen(lines.items[2]) - strlen("…"));
	amm_strlist_free(&lines);
	/* A control character shown visibly; multi-byte characters never cut in half. */
	amm_svg_wrap(&lines, "\x1b[2J ééééééééééééééééééééééééééééééééééééééé", 100, 12, false, 2);
	assert_string_equal(lines.items[0], "<U+001B>[2J");
	assert_true(amm_utf8_valid(lines.items[1], strlen(lines.items[1])));
	assert_lines_fit(&lines, 100, 12, false);
	amm_strlist_free(&lines);
	/* Empty text: no line. */
	amm_svg_wrap(&lines, " \n", 100, 12, false, 2);
	assert_int_equal(lines.len, 0);
}

/* Attribute name="..." of the element at p, as a number. */
static double
attr(const char *p, const char *name)
{
	char *key = amm_asprintf(" %s=\"", name);
	const char *at = strstr(p, key);
	double v;

	assert_non_null(at);
	v = strtod(at + strlen(key), NULL);
	free(key);
	return v;
}

/* The text of escaped SVG (n bytes at s), as drawn (caller frees). */
static char *
unescape(const char *s, size_t n)
{
	static const char *const ent[][2] = {
	    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	struct amm_buf out = {0};

	for (size_t i = 0; i < n; i++) {
		size_t e = 0;

		while (e < 5 && strncmp(s + i, ent[e][0], strlen(ent[e][0])) != 0)
			e++;
		if (e < 5) {
			amm_buf_adds(&out, ent[e][1]);
			i += strlen(ent[e][0]) - 1;
		} else {
			amm_buf_addc(&out, s[i]);
		}
	}
	return amm_buf_detach(&out, NULL);
}

/* Every field's text inside its box, and every box inside the viewBox, however long the text. */
static void
test_svg_labels_fit(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\n",
	    [AMM_DEEL_SPIN] =
	        "[spin]\nprofiel = Moeder van drie kinderen (4, 9 en 13 jaar), sinds 2019 in "
	        "Amsterdam-Noord, spreekt Nederlands en Arabisch en een beetje Engels\nnetwerk = "
	        "Arbeidsongeschiktheidsverzekeringsmaatschappijcorrespondentieafdelingshoofd\n"
	        "wonen = WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW\nfinancien = x\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *svg = amm_svg_spin(c);
	const char *vb = strstr(svg, "viewBox=\"");
	double vx, vy, vw, vh;
	size_t boxes = 0;

	(void)state;
	assert_non_null(vb);
	assert_int_equal(sscanf(vb, "viewBox=\"%lf %lf %lf %lf\"", &vx, &vy, &vw, &vh), 4);
	for (const char *g = strstr(svg, "<g class=\"veld"); g != NULL;
	     g = strstr(g + 1, "<g class=\"veld")) {
		const char *rect = strstr(g, "<rect"), *end = strstr(g, "</g>");
		double x = attr(rect, "x"), y = attr(rect, "y"), w = attr(rect, "width"),
		       h = attr(rect, "height");
		double size = 0;
		bool bold = false;

		assert_true(x >= vx && y >= vy && x + w <= vx + vw && y + h <= vy + vh);
		for (const char *t = strstr(g, "<t"); t != NULL && t < end;
		     t = strstr(t + 1, "<t")) {
			if (amm_str_starts(t, "<text")) {
				/* All text in lines placed one by one. */
				assert_true(amm_str_starts(strchr(t, '>'), "><tspan "));
				size = attr(t, "font-size");
				bold = strstr(t, "font-weight=\"bold\"") < strstr(t, ">");
			} else if (amm_str_starts(t, "<tspan")) {
				const char *s = strchr(t, '>') + 1;
				char *text = unescape(s, (size_t)(strstr(s, "</tspan>") - s));

				/* Within the box with room to spare, and above its bottom. */
				if (amm_svg_text_width(text, strlen(text), size, bold) > w - 16)
					fail_msg("'%s' wider than its box", text);
				assert_true(attr(t, "y") > y && attr(t, "y") < y + h - 4);
				free(text);
			}
		}
		boxes++;
	}
	assert_int_equal(boxes, AMM_SPIN_FIELDS);
	assert_non_null(strstr(svg, "…"));
	free(svg);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_views),   cmocka_unit_test(test_no_afspraken),
	    cmocka_unit_test(test_part_invalid), cmocka_unit_test(test_json),
	    cmocka_unit_test(test_json_invalid), cmocka_unit_test(test_svg),
	    cmocka_unit_test(test_svg_wrap),     cmocka_unit_test(test_svg_labels_fit),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
