/* The exports: nothing from a file becomes markup, an unsafe link or a control character. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "util.h"

static const char *const hostile[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias = Fam. \x1b[31mJ.\nstatus = open\n",
    [AMM_DEEL_PERSPECTIEF] =
        "Ik wil **een dak** en [hulp](https://example.org/hulp).\n\n"
        "<script>alert(1)</script>\n\n<iframe src=\"https://example.org\"></iframe>\n\n"
        "[klik](javascript:alert(1)) [hier](JAVASCRIPT:x) [of](vbscript:x) "
        "[daar](data:text/html,x) ![foto](data:image/png;base64,AA) <javascript:alert(2)> "
        "[tab](java&#9;script:x) <b onclick=\"x\">vet</b> &#x1b;[2J &#x202e; \xc2\x9b \xff\n\n"
        "[omgekeerd](https://example.org/\xe2\x80\xaegpj.exe \"titel\x1b[2J\")\n",
    [AMM_DEEL_SPIN] = "[spin]\nwonen = <img src=x> & &#x1b; rlo\xe2\x80\xae\n",
    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\n[afspraak 1]\nstap = 1\nwie = Fatima\n"
                         "wat = belt\nwanneer = <script>x</script>\n",
};

static const struct amm_date today = {2026, 11, 24};

/* None of bad in text; in Markdown, one behind a backslash is text, not markup. */
static void
assert_absent(const char *text, const char *const *bad, bool markdown)
{
	for (; *bad != NULL; bad++)
		for (const char *p = text; (p = strstr(p, *bad)) != NULL; p++)
			if (!markdown || p == text || p[-1] != '\\')
				fail_msg("'%s' in:\n%s", *bad, text);
}

static void
assert_no_control(const char *text)
{
	size_t len = strlen(text);

	assert_true(amm_utf8_valid(text, len));
	for (size_t i = 0, n; i < len; i += n) {
		unsigned long cp;

		n = amm_utf8_char(text + i, len - i, &cp);
		if (amm_char_control(cp))
			fail_msg("U+%04lX at %zu", cp, i);
	}
}

static void
test_markdown(void **state)
{
	static const char *const bad[] = {
	    "<script",       "<iframe",     "<img",    "<b ",          "](javascript:",
	    "](JAVASCRIPT:", "](vbscript:", "](data:", "<javascript:", "](java",
	    "&#x1b;",        "&#9;",        NULL};
	struct amm_casus *c = th_casus(hostile);
	char *md = amm_export_md(c, today);

	(void)state;
	assert_absent(md, bad, true);
	assert_no_control(md);
	/* Markdown the person wrote stays, and so does a link to the web. */
	assert_non_null(strstr(md, "Ik wil **een dak** en [hulp](https://example.org/hulp)."));
	assert_non_null(strstr(md, "klik hier of daar foto javascript:alert(2) tab vet"));
	assert_non_null(strstr(md, "\\<U+001B\\>\\[2J \\<U+202E\\> \\<U+009B\\> \\<0xFF\\>"));
	assert_non_null(strstr(md, "[omgekeerd](https://example.org/\\<U+202E\\>gpj.exe"));
	assert_non_null(strstr(md, "# Plan van (ongeldig: Fam. \\<U+001B\\>\\[31mJ.)"));
	assert_non_null(strstr(
	    md, "**Woonsituatie**: (ongeldig: \\<img src=x\\> & \\&\\#x1b; rlo\\<U+202E\\>)"));
	assert_non_null(strstr(md, "- (ongeldig: \\<script\\>x\\</script\\>): **Fatima** belt"));
	free(md);
	amm_casus_free(c);
}

static void
test_html(void **state)
{
	static const char *const bad[] = {
	    "<script",     "<iframe",         "<img",        "<b ", "href=\"java",
	    "href=\"JAVA", "href=\"vbscript", "href=\"data", NULL};
	struct amm_casus *c = th_casus(hostile);
	char *html = amm_export_html(c, today);

	(void)state;
	assert_absent(html, bad, false);
	assert_no_control(html);
	assert_non_null(strstr(html, "<strong>een dak</strong>"));
	assert_non_null(strstr(html, "<a href=\"https://example.org/hulp\">hulp</a>"));
	assert_non_null(strstr(html, "klik hier of daar foto javascript:alert(2) tab vet"));
	assert_non_null(
	    strstr(html, "&lt;U+001B&gt;[2J &lt;U+202E&gt; &lt;U+009B&gt; &lt;0xFF&gt;"));
	assert_non_null(
	    strstr(html, "<title>Plan van (ongeldig: Fam. &lt;U+001B&gt;[31mJ.)</title>"));
	assert_non_null(strstr(
	    html, "<li><span class=\"ongeldig\">(ongeldig: &lt;script&gt;x&lt;/script&gt;)</span>: "
	          "<strong>Fatima</strong> belt</li>"));
	free(html);
	amm_casus_free(c);
}

/* The printed plan: A4 with page numbers, dates kept on one line, a place to sign. */
static void
test_html_print(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\ncasusinbrenger = Sanne "
	                       "<de> Vries\nvolgende-evaluatie = 2026-12-22\n",
	    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\n[afspraak 1]\nstap = 1\nwie = "
	                         "Fatima\nwat = belt\nwanneer = 2026-12-01\n",
	    [AMM_DEEL_EVALUATIES] = "[evaluatie 1]\ndatum = 2026-11-10\nresultaat = deels\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *html = amm_export_html(c, today);
	const char *sig;

	(void)state;
	assert_non_null(strstr(html, "@page{size:A4;"));
	assert_non_null(strstr(html, "counter(page) \" van \" counter(pages)"));
	assert_non_null(strstr(html, ".datum{white-space:nowrap}"));
	/* Only small blocks are kept whole: a section may run over a page break. */
	assert_null(strstr(html, "section{break-inside:avoid"));
	assert_null(strstr(html, "section,"));
	assert_non_null(
	    strstr(html, "<li><span class=\"datum\">2026-12-01</span>: <strong>Fatima</strong>"));
	assert_non_null(strstr(html, "<li><span class=\"datum\">2026-11-10</span>, deels</li>"));
	assert_non_null(strstr(html, "op <span class=\"datum\">2026-12-22</span>.</p>"));
	assert_non_null(strstr(html, "<th scope=\"col\">De casusinbrenger</th>"));
	assert_non_null(strstr(html, "<td>Sanne &lt;de&gt; Vries</td>"));
	assert_non_null(strstr(html, "<th scope=\"row\">Handtekening</th>"));
	/* The signatures come last. */
	sig = strstr(html, "<section id=\"handtekeningen\">");
	assert_non_null(sig);
	assert_null(strstr(sig + 1, "<section"));
	free(html);
	amm_casus_free(c);
}

/* A casus with nothing filled in: both exports say so, and the id stands in for the alias. */
static void
test_empty_casus(void **state)
{
	struct amm_casus *c = th_casus(
	    (const char *const[AMM_DEEL_COUNT]){[AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n"});
	char *md = amm_export_md(c, today), *html = amm_export_html(c, today);
	const char *p = md;
	size_t n = 0;

	(void)state;
	assert_true(amm_str_starts(md, "# Plan van 2026-001\n\nCasus 2026-001\n\n"));
	assert_non_null(strstr(md, "## Mijn perspectief\n\n*Nog niet opgeschreven.*\n"));
	while ((p = strstr(p, ": *nog niet ingevuld*\n")) != NULL && ++n)
		p++;
	assert_int_equal(n, AMM_SPIN_FIELDS);
	assert_null(strstr(md, "Uitzondering"));
	assert_null(strstr(md, "We kijken weer"));
	assert_non_null(strstr(html, "<title>Plan van 2026-001</title>"));
	assert_non_null(strstr(html, "<p><span class=\"leeg\">Nog niet opgeschreven.</span></p>"));
	assert_non_null(strstr(html, "<td><span class=\"leeg\">nog niet ingevuld</span></td>"));
	assert_null(strstr(html, "id=\"uitzonderingen\""));
	assert_true(strlen(html) > 0 && strstr(html, "</html>\n") == html + strlen(html) - 8);
	free(md);
	free(html);
	amm_casus_free(c);
}

/* Problems by type, the Amsterdammer's own first, whatever the file's order; an item removed
 * is left out, one of no known type comes last with its type marked as invalid. */
static void
test_problems_by_type(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n",
	    [AMM_DEEL_ANALYSE] =
	        "[probleem 1]\ntype = systeem\ntekst = Regels botsen\n"
	        "[probleem 2]\ntype = persoonlijk\ntekst = Schulden *groot*\n"
	        "[probleem 3]\ntype = professioneel\ntekst = Geen regie\n"
	        "[probleem 4]\ntype = persoonlijk\ntekst = Weg\nstatus = verwijderd\n"
	        "[probleem 5]\ntype = anders\ntekst = Onbekend soort\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *md = amm_export_md(c, today), *html = amm_export_html(c, today);

	(void)state;
	assert_non_null(strstr(md, "## Wat er aan de hand is\n\n"
	                           "*Nog niet gedeeld met de Amsterdammer.*\n\n"
	                           "- Bij de Amsterdammer en het gezin: Schulden \\*groot\\*\n"
	                           "- Bij de professionals: Geen regie\n"
	                           "- In hoe de organisaties werken: Regels botsen\n"
	                           "- Soort (ongeldig: anders): Onbekend soort\n\n"));
	assert_non_null(strstr(html,
	                       "<ul>\n<li>Bij de Amsterdammer en het gezin: Schulden *groot*"
	                       "</li>\n<li>Bij de professionals: Geen regie</li>\n"
	                       "<li>In hoe de organisaties werken: Regels botsen</li>\n"
	                       "<li>Soort <span class=\"ongeldig\">(ongeldig: anders)</span>: "
	                       "Onbekend soort</li>\n</ul>"));
	assert_null(strstr(md, "Weg"));
	assert_null(strstr(html, "Weg"));
	free(md);
	free(html);
	amm_casus_free(c);
}

/* Agreements under their step, late or done marked; a removed step or agreement is not on the
 * plan, one of a step that does not exist is, apart; an exception without a decision is
 * pending. */
static void
test_steps_and_exceptions(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n",
	    [AMM_DEEL_STAPPEN] =
	        "[stap 1]\ntekst = Schuldhulp\n[stap 2]\ntekst = Weg\nstatus = verwijderd\n"
	        "[afspraak 1]\nstap = 1\nwie = Fatima\nwat = belt\nwanneer = 2026-11-20\n"
	        "[afspraak 2]\nstap = 1\nwie = Sanne\nwat = schrijft\nwanneer = 2026-11-01\n"
	        "status = klaar\n[afspraak 3]\nstap = 1\nwie = Ali\nwat = vergeten\nwanneer = "
	        "2026-12-01\nstatus = verwijderd\n[afspraak 4]\nstap = 2\nwie = Bob\nwat = weg\n"
	        "wanneer = 2026-12-01\n[afspraak 5]\nstap = 9\nwie = Cor\nwat = nergens\n",
	    [AMM_DEEL_UITZONDERINGEN] = "[uitzondering 1]\nmaatwerk = Huur <later>\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *md = amm_export_md(c, today), *html = amm_export_html(c, today);

	(void)state;
	assert_non_null(strstr(md, "### Stap 1: Schuldhulp (open)\n\n"
	                           "- 2026-11-20: **Fatima** belt (te laat)\n"
	                           "- 2026-11-01: **Sanne** schrijft (klaar)\n\n"
	                           "### Afspraken zonder bestaande stap\n\n"
	                           "- *geen datum*: **Cor** nergens\n\n## Hoe het gaat"));
	assert_non_null(strstr(md, "## Uitzonderingen\n\n### Uitzondering 1\n\n"));
	assert_non_null(strstr(md, "- **Maatwerkoplossing**: Huur \\<later\\>\n"));
	assert_non_null(strstr(md, "- **Besluit**: in behandeling\n"));
	assert_non_null(strstr(html,
	                       "<li><span class=\"datum\">2026-11-20</span>: <strong>Fatima"
	                       "</strong> belt (<span class=\"te-laat\">te laat</span>)</li>"));
	assert_non_null(strstr(html, "<h3>Uitzondering 1</h3>\n"));
	assert_non_null(strstr(html, "<tr><th scope=\"row\">Maatwerkoplossing</th><td>Huur "
	                             "&lt;later&gt;</td></tr>"));
	for (const char *const *w = (const char *const[]){"Stap 2", "vergeten", "Bob", NULL};
	     *w != NULL; w++) {
		if (strstr(md, *w) != NULL || strstr(html, *w) != NULL)
			fail_msg("'%s' is on the plan", *w);
	}
	free(md);
	free(html);
	amm_casus_free(c);
}

/* A line break in a field is a line break, not the start of a heading or a quote. */
static void
test_newline_in_a_field(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n",
	    [AMM_DEEL_SPIN] = "[spin]\nwonen = Flat\\n# Kop\\n> citaat\\n<b>vet</b>\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *md = amm_export_md(c, today), *html = amm_export_html(c, today);

	(void)state;
	assert_non_null(strstr(md, "Flat  \n\\# Kop  \n\\> citaat  \n\\<b\\>vet\\</b\\>\n"));
	assert_non_null(
	    strstr(html, "Flat<br># Kop<br>&gt; citaat<br>&lt;b&gt;vet&lt;/b&gt;</td>"));
	free(md);
	free(html);
	amm_casus_free(c);
}

/* Links: the web (any case), mail and a place in the plan stay; a file or another scheme, or a
 * URL with white space, becomes its text. */
static void
test_links(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n",
	    [AMM_DEEL_PERSPECTIEF] =
	        "[web](HTTPS://example.org/a) [mail](mailto:zus@example.org) "
	        "[hier](#stappen) [bestand](file:///etc/passwd) "
	        "[spatie](<https://example.org/a b>) [ftp](ftp://example.org)\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *html = amm_export_html(c, today), *md = amm_export_md(c, today);

	(void)state;
	assert_non_null(strstr(html, "<a href=\"HTTPS://example.org/a\">web</a> "
	                             "<a href=\"mailto:zus@example.org\">mail</a> "
	                             "<a href=\"#stappen\">hier</a> bestand spatie ftp</p>"));
	assert_non_null(strstr(md, "[web](HTTPS://example.org/a) [mail](mailto:zus@example.org) "
	                           "[hier](#stappen) bestand spatie ftp\n"));
	free(html);
	free(md);
	amm_casus_free(c);
}

/* A code block in the perspectief: its text and its info string shown visibly, as text. */
static void
test_code_block(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\n",
	    [AMM_DEEL_PERSPECTIEF] = "```\x1b[31m\n<script>x</script> \x1b[2J\n```\n",
	};
	struct amm_casus *c = th_casus(texts);
	char *html = amm_export_html(c, today), *md = amm_export_md(c, today);

	(void)state;
	assert_no_control(html);
	assert_no_control(md);
	assert_non_null(strstr(html,
	                       "<pre><code class=\"language-&lt;U+001B&gt;[31m\">"
	                       "&lt;script&gt;x&lt;/script&gt; &lt;U+001B&gt;[2J\n</code></pre>"));
	assert_null(strstr(html, "<script"));
	free(html);
	free(md);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markdown),           cmocka_unit_test(test_html),
	    cmocka_unit_test(test_html_print),         cmocka_unit_test(test_empty_casus),
	    cmocka_unit_test(test_problems_by_type),   cmocka_unit_test(test_steps_and_exceptions),
	    cmocka_unit_test(test_newline_in_a_field), cmocka_unit_test(test_links),
	    cmocka_unit_test(test_code_block),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
