/* The plan as one document tree, and its renderers: terminal text, Markdown and HTML. */
#include "helpers.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "export.h"
#include "model.h"
#include "render.h"
#include "util.h"

static const struct amm_date today = {2026, 11, 24};

static const char *const rich[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias = Fam. J.\nstatus = open\n"
                       "casusinbrenger = Sanne\nvolgende-evaluatie = 2026-02-30\n"
                       "afgesloten = 2026-12-01\nreden-afsluiten = Perspectief bereikt\n",
    [AMM_DEEL_PERSPECTIEF] = "Ik wil een **dak** boven mijn hoofd.\n",
    [AMM_DEEL_SPIN] = "[spin]\nwonen = Flat\\n- **Financiële situatie**: geen schulden\\n"
                      "1. een\\n---\\n===\n",
    [AMM_DEEL_ANALYSE] = "[analyse]\ngedeeld = 2026-11-10\n[probleem 1]\ntype = systeem\n"
                         "tekst = Regels botsen\n[probleem 2]\ntype = persoonlijk\n"
                         "tekst = Schulden\n",
    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\n[afspraak 1]\nstap = 1\nwie = Fatima\n"
                         "wat = belt\nwanneer = 2026-11-20\n[afspraak 2]\nstap = 1\nwie = Ali\n"
                         "wat = schrijft\nwanneer = 2026-11-01\nstatus = klaar\n"
                         "[afspraak 3]\nstap = 1\nwie = Bo\nwat = zoekt\nwanneer = 2026-02-30\n",
    [AMM_DEEL_EVALUATIES] = "[evaluatie 1]\ndatum = 2026-11-10\nresultaat = deels\n"
                            "werkte = praten\nnodig = geld\n",
    [AMM_DEEL_UITZONDERINGEN] = "[uitzondering 1]\nover = huur\ngewone-route = wachten\n"
                                "maatwerk = direct\nkosten-gewoon = 100\nkosten-maatwerk = 40\n"
                                "legitimiteit = ja\nbesluit = akkoord\n",
    [AMM_DEEL_TEAM] = "[lid 1]\nnaam = Sanne\nrol = casusinbrenger\norganisatie = Wijkteam\n",
};

/* The first node of that kind whose text, or whose first kid's text, is text. */
static const struct amm_doc *
find(const struct amm_doc *d, enum amm_doc_kind kind, const char *text)
{
	if (d->kind == kind &&
	    ((d->text && strcmp(d->text, text) == 0) ||
	     (d->n_kids > 0 && d->kids[0]->text && strcmp(d->kids[0]->text, text) == 0)))
		return d;
	for (size_t i = 0; i < d->n_kids; i++) {
		const struct amm_doc *f = find(d->kids[i], kind, text);

		if (f != NULL)
			return f;
	}
	return NULL;
}

/* Headings from the top: one of level 1, first, and no level skipped. */
static void
assert_headings(const struct amm_doc *d, int *last, size_t *ones)
{
	if (d->kind == AMM_DOC_HEADING) {
		if (d->level > *last + 1)
			fail_msg("heading of level %d after one of level %d", d->level, *last);
		*ones += d->level == 1;
		*last = d->level;
	}
	for (size_t i = 0; i < d->n_kids; i++)
		assert_headings(d->kids[i], last, ones);
}

static void
test_plan_tree(void **state)
{
	struct amm_casus *c = th_casus(rich);
	struct amm_model *m = amm_model_build(c);
	struct amm_doc *doc = amm_doc_plan(m, today);
	const struct amm_doc *spin, *item;
	int last = 0;
	size_t ones = 0;

	(void)state;
	assert_headings(doc, &last, &ones);
	assert_int_equal(ones, 1);
	assert_int_equal(doc->kids[0]->kind, AMM_DOC_HEADING);
	/* The spin's nine fields, in the order of the method. */
	spin = find(doc, AMM_DOC_SECTION, "spin");
	assert_non_null(spin);
	assert_int_equal(amm_doc_count(spin, AMM_DOC_FIELD), AMM_SPIN_FIELDS);
	/* An impossible date is there, as written, marked. */
	item = find(doc, AMM_DOC_ITEM, "2026-02-30");
	assert_non_null(item);
	assert_true(item->kids[0]->invalid);
	assert_false(find(doc, AMM_DOC_ITEM, "2026-11-20")->kids[0]->invalid);
	/* Late and done marked, each agreement once. */
	assert_int_equal(amm_doc_count(find(doc, AMM_DOC_SECTION, "stappen"), AMM_DOC_ITEM), 3);
	assert_non_null(find(doc, AMM_DOC_WORDS, "te laat"));
	assert_non_null(find(doc, AMM_DOC_WORDS, "klaar"));
	/* Every part of the method has its section. */
	for (const char *const *s =
	         (const char *const[]){"perspectief", "spin", "analyse", "stappen", "evaluaties",
	                               "uitzonderingen", "casusteam", "afsluiting", NULL};
	     *s != NULL; s++)
		if (find(doc, AMM_DOC_SECTION, *s) == NULL)
			fail_msg("no section %s", *s);
	assert_non_null(find(doc, AMM_DOC_FIELD, "Kosten maatwerk"));
	assert_non_null(find(doc, AMM_DOC_FIELD, "Verschil"));
	assert_non_null(find(doc, AMM_DOC_FIELD, "Reden"));
	amm_doc_free(doc);
	amm_model_free(m);
	amm_casus_free(c);
}

/* The items of the first list in the Markdown after heading, as cmark parses it. */
static size_t
md_items_after(const char *md, const char *heading)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	size_t n = 0;
	bool seen = false;

	for (cmark_node *b = cmark_node_first_child(doc); b != NULL; b = cmark_node_next(b)) {
		if (cmark_node_get_type(b) == CMARK_NODE_HEADING) {
			cmark_node *t = cmark_node_first_child(b);

			seen = t && cmark_node_get_literal(t) &&
			       strcmp(cmark_node_get_literal(t), heading) == 0;
		} else if (seen && cmark_node_get_type(b) == CMARK_NODE_LIST) {
			for (cmark_node *i = cmark_node_first_child(b); i; i = cmark_node_next(i))
				n++;
			break;
		}
	}
	cmark_node_free(doc);
	return n;
}

/* A line break in a field cannot open a list item, a numbered list, a rule or a heading. */
static void
test_markdown(void **state)
{
	struct amm_casus *c = th_casus(rich);
	char *md = amm_export_md(c, today);

	(void)state;
	assert_int_equal(md_items_after(md, "Wat we weten"), AMM_SPIN_FIELDS);
	assert_non_null(strstr(md,
	                       "- **Woonsituatie**: Flat  \n\\- \\*\\*Financiële situatie\\*\\*: "
	                       "geen schulden  \n1\\. een  \n\\---  \n\\===\n"));
	assert_non_null(strstr(md, "- (ongeldig: 2026-02-30): **Bo** zoekt\n"));
	assert_non_null(strstr(md, "- 2026-11-20: **Fatima** belt (te laat)\n"));
	assert_non_null(strstr(md, "- 2026-11-01: **Ali** schrijft (klaar)\n"));
	assert_non_null(strstr(md, "We kijken weer samen hoe het gaat op (ongeldig: 2026-02-30)."));
	assert_non_null(strstr(md, "Wat werkte: praten. Nog nodig: geld"));
	assert_non_null(strstr(md, "- **Verschil**: de maatwerkoplossing is € 60,00 goedkoper\n"));
	assert_non_null(strstr(md, "- **Sanne**, casusinbrenger, bereikbaar via Wijkteam\n"));
	assert_int_equal(md[strlen(md) - 1], '\n');
	assert_int_not_equal(md[strlen(md) - 2], '\n');
	free(md);
	amm_casus_free(c);
}

static void
test_html(void **state)
{
	struct amm_casus *c = th_casus(rich);
	char *html = amm_export_html(c, today);
	const char *h1 = strstr(html, "<h1>");

	(void)state;
	assert_non_null(strstr(html, "<html lang=\"nl\">"));
	assert_non_null(h1);
	assert_null(strstr(h1 + 1, "<h1>"));
	assert_non_null(strstr(html, "<li><span class=\"ongeldig\">(ongeldig: 2026-02-30)</span>: "
	                             "<strong>Bo</strong> zoekt</li>"));
	assert_non_null(strstr(html, "(<span class=\"te-laat\">te laat</span>)"));
	assert_non_null(strstr(html, "(<span class=\"klaar\">klaar</span>)"));
	assert_non_null(strstr(html, "<tr><th scope=\"row\">Woonsituatie</th><td>Flat<br>- "
	                             "**Financiële situatie**: geen schulden<br>1. een<br>---<br>"
	                             "===</td></tr>"));
	assert_non_null(strstr(html, "<h3>Uitzondering 1: huur</h3>"));
	assert_non_null(strstr(html, "<tr><th scope=\"row\">Besluit</th><td>akkoord</td></tr>"));
	free(html);
	amm_casus_free(c);
}

/* One escaping function for the page: markup, quotes, control characters, a cut. */
static void
test_html_escape(void **state)
{
	struct amm_buf b = {0};

	(void)state;
	amm_html_escape(&b, "<img src=x onerror=\"a('1')\"> & \x1b[2J \xe2\x80\xae\nx", SIZE_MAX,
	                "<br>");
	assert_string_equal(b.data, "&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt; &amp; "
	                            "&lt;U+001B&gt;[2J &lt;U+202E&gt;<br>x");
	amm_buf_free(&b);
	amm_html_escape(&b, "abcdef", 3, " ");
	assert_string_equal(b.data, "abc…");
	amm_buf_free(&b);
}

/* The terminal: the same items, what came from a file shown visibly, invalid marked. */
static void
test_text(void **state)
{
	static const char *const hostile[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias = Fam. \x1b[31mJ.\xe2\x80\xae\n",
	    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuld\\nhulp\n[afspraak 1]\nstap = 1\n"
	                         "wie = Fatima\nwat = belt\nwanneer = 2026-02-30\n",
	};
	struct amm_casus *c = th_casus(hostile);
	struct amm_buf b = {0};

	(void)state;
	amm_render_plan(c, today, &b, NULL);
	assert_null(strchr(b.data, '\x1b'));
	assert_null(strstr(b.data, "\xe2\x80\xae"));
	assert_non_null(strstr(b.data, "Plan van (ongeldig: Fam. <U+001B>[31mJ.<U+202E>)\n"));
	assert_non_null(strstr(b.data, "\nStap 1: Schuld\n  hulp (open)\n"));
	assert_non_null(strstr(b.data, "    1  (ongeldig: 2026-02-30): Fatima belt\n"));
	amm_buf_free(&b);
	amm_casus_free(c);
}

/* Where the terminal colours a state: on amm's words, also after a value of several lines. */
static void
test_marks(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n",
	    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\n[afspraak 1]\nstap = 1\n"
	                         "wie = Fatima\nwat = belt\\nen schrijft\nwanneer = 2026-11-20\n"
	                         "[afspraak 2]\nstap = 1\nwie = Ali\nwat = zoekt\n"
	                         "wanneer = 2026-11-01\nstatus = klaar\n",
	};
	struct amm_casus *c = th_casus(texts);
	struct amm_buf b = {0};
	struct amm_marks marks = {0};

	(void)state;
	amm_render_plan(c, today, &b, &marks);
	assert_non_null(
	    strstr(b.data, "    1  2026-11-20: Fatima belt\n       en schrijft (te laat)\n"));
	assert_int_equal(marks.n, 2);
	assert_string_equal(marks.style[0], "te-laat");
	assert_memory_equal(b.data + marks.at[0], "te laat)\n", 9);
	assert_int_equal(marks.len[0], strlen("te laat"));
	assert_string_equal(marks.style[1], "klaar");
	assert_memory_equal(b.data + marks.at[1], "klaar)\n", 7);
	amm_marks_free(&marks);
	amm_buf_free(&b);
	amm_casus_free(c);
}

/* amm status: the casus, the six steps with their state, the warnings; values from the model. */
static void
test_status(void **state)
{
	struct amm_casus *c = th_casus(rich);
	struct amm_model *m = amm_model_build(c);
	struct amm_strlist warn = {0};
	struct amm_voortgang v;
	struct amm_marks marks = {0};
	struct amm_buf b = {0};
	struct amm_doc *doc;
	int late = 0, spin = 0;

	(void)state;
	amm_model_voortgang(m, today, &v);
	amm_strlist_add(&warn, "stap 5: 1 afspraak/afspraken over de datum");
	doc = amm_doc_status(m, &v, 3, today, &warn);
	amm_render_doc(doc, &b, &marks);
	assert_true(amm_str_starts(b.data, "Casus 2026-001  Fam. J.  (open sinds -)\n"));
	assert_non_null(strstr(b.data, "  Casusinbrenger:   Sanne\n"));
	assert_non_null(strstr(b.data, "  1 Perspectief:           ingevuld\n"));
	/* The impossible date of the next evaluation: marked, and not counted as planned. */
	assert_non_null(strstr(b.data,
	                       "  6 Evaluatie:             1 evaluatie(s); volgende: (ongeldig: "
	                       "2026-02-30)\n"));
	assert_non_null(strstr(b.data, "Let op\n------\n  - stap 5: 1 afspraak"));
	/* Red for the late agreement, yellow for the spin not yet filled in. */
	for (size_t i = 0; i < marks.n; i++)
		late +=
		    amm_str_starts(b.data + marks.at[i], "3 afspra(a)k(en), 2 open, 1 te laat\n") &&
		    strcmp(marks.style[i], "te-laat") == 0;
	for (size_t i = 0; i < marks.n; i++)
		spin += amm_str_starts(b.data + marks.at[i], "1 van 9 velden ingevuld\n") &&
		        strcmp(marks.style[i], "bezig") == 0;
	assert_int_equal(late, 1);
	assert_int_equal(spin, 1);
	amm_marks_free(&marks);
	amm_buf_free(&b);
	amm_doc_free(doc);
	amm_strlist_free(&warn);
	amm_model_free(m);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_tree), cmocka_unit_test(test_markdown),
	    cmocka_unit_test(test_html),      cmocka_unit_test(test_html_escape),
	    cmocka_unit_test(test_text),      cmocka_unit_test(test_marks),
	    cmocka_unit_test(test_status),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
