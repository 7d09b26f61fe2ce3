/* The exports: nothing from a file becomes markup, an unsafe link or a control character. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"

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
	assert_non_null(strstr(md, "# Plan van Fam. \\<U+001B\\>\\[31mJ."));
	assert_non_null(
	    strstr(md, "**Woonsituatie**: \\<img src=x\\> & \\&\\#x1b; rlo\\<U+202E\\>"));
	assert_non_null(strstr(md, "- \\<script\\>x\\</script\\>: **Fatima** belt"));
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
	assert_non_null(strstr(html, "<title>Plan van Fam. &lt;U+001B&gt;[31mJ.</title>"));
	assert_non_null(strstr(html, "<td class=\"datum\">&lt;script&gt;x&lt;/script&gt;</td>"));
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
	assert_non_null(strstr(html, "<td class=\"datum\">2026-12-01</td>"));
	assert_non_null(strstr(html, "<li><span class=\"datum\">2026-11-10</span>, deels"));
	assert_non_null(strstr(html, "op <span class=\"datum\">2026-12-22</span>."));
	assert_non_null(strstr(html, "<th>De casusinbrenger</th>"));
	assert_non_null(strstr(html, "<td>Sanne &lt;de&gt; Vries</td>"));
	assert_non_null(strstr(html, "<th>Handtekening</th>"));
	/* The signatures come last. */
	sig = strstr(html, "<section id=\"handtekeningen\">");
	assert_non_null(sig);
	assert_null(strstr(sig + 1, "<section"));
	free(html);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markdown),
	    cmocka_unit_test(test_html),
	    cmocka_unit_test(test_html_print),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
