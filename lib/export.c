#include "export.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bedrag.h"
#include "render.h"

/* The items of a kind that are not removed, in file order (caller frees). */
static int *
live_items(const struct amm_ini *ini, const char *kind, size_t *n)
{
	int *nrs;
	size_t all, k = 0;

	amm_items(ini, kind, &nrs, &all);
	for (size_t i = 0; i < all; i++) {
		char *sec = amm_asprintf("%s %d", kind, nrs[i]);

		if (strcmp(amm_ini_str(ini, sec, "status"), "verwijderd") != 0)
			nrs[k++] = nrs[i];
		free(sec);
	}
	*n = k;
	return nrs;
}

static bool
isalnum_or_hash(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '#';
}

static const char *const types[][2] = {{"persoonlijk", "Bij de Amsterdammer en het gezin"},
                                       {"professioneel", "Bij de professionals"},
                                       {"systeem", "In hoe de organisaties werken"}};

/* Markdown: control characters shown visibly, text that could be read as markup (also an
 * entity such as &#27;) escaped with a backslash. */
static void
md_text(struct amm_buf *out, const char *text)
{
	char *visible = amm_str_visible(text);

	for (const char *s = visible; *s; s++) {
		if (strchr("\\`*_[]<>#|!", *s) != NULL || (*s == '&' && isalnum_or_hash(s[1])))
			amm_buf_addc(out, '\\');
		if (*s == '\n')
			amm_buf_adds(out, "  \n");
		else
			amm_buf_addc(out, *s);
	}
	free(visible);
}

/* A link amm keeps: the web, mail, or a place in the document itself; no other scheme
 * (javascript:, vbscript:, data:, file:), no white space or control character in it. */
static bool
safe_url(const char *url)
{
	size_t scheme = strcspn(url, ":/?#");

	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return false;
	if (url[scheme] != ':')
		return true;
	return (scheme == 4 && strncasecmp(url, "http", 4) == 0) ||
	       (scheme == 5 && strncasecmp(url, "https", 5) == 0) ||
	       (scheme == 6 && strncasecmp(url, "mailto", 6) == 0);
}

static void
set_visible(cmark_node *node, const char *s, int (*set)(cmark_node *, const char *))
{
	char *visible;

	if (s == NULL)
		return;
	visible = amm_str_visible(s);
	set(node, visible);
	free(visible);
}

/*
 * The perspectief, parsed, made safe for both exports: control characters shown visibly
 * (also those an entity such as &#x202E; stands for), raw HTML left out, and a link or image
 * with a URL that is not safe replaced by its text. Caller frees with cmark_node_free.
 */
static cmark_node *
perspectief_parse(const char *text)
{
	char *visible = amm_str_visible(text);
	cmark_node *doc = cmark_parse_document(visible, strlen(visible), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	struct {
		cmark_node **items;
		size_t len;
	} drop = {0}, unwrap = {0};
	cmark_event_type ev;

	/* The tree changes after the walk: a node may only change as the walk leaves it. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);

		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			set_visible(node, cmark_node_get_literal(node), cmark_node_set_literal);
			break;
		case CMARK_NODE_CODE_BLOCK:
			set_visible(node, cmark_node_get_literal(node), cmark_node_set_literal);
			set_visible(node, cmark_node_get_fence_info(node),
			            cmark_node_set_fence_info);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			drop.items = amm_xrealloc(drop.items, (drop.len + 1) * sizeof(*drop.items));
			drop.items[drop.len++] = node;
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (ev != CMARK_EVENT_EXIT)
				break;
			set_visible(node, cmark_node_get_title(node), cmark_node_set_title);
			if (safe_url(cmark_node_get_url(node))) {
				set_visible(node, cmark_node_get_url(node), cmark_node_set_url);
			} else {
				unwrap.items = amm_xrealloc(
				    unwrap.items, (unwrap.len + 1) * sizeof(*unwrap.items));
				unwrap.items[unwrap.len++] = node;
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < drop.len; i++)
		cmark_node_free(drop.items[i]);
	/* Inner first: an image inside a link is unwrapped before the link. */
	for (size_t i = 0; i < unwrap.len; i++) {
		cmark_node *child;

		while ((child = cmark_node_first_child(unwrap.items[i])) != NULL)
			cmark_node_insert_before(unwrap.items[i], child);
		cmark_node_free(unwrap.items[i]);
	}
	free(drop.items);
	free(unwrap.items);
	free(visible);
	return doc;
}

/* The perspectief as Markdown, or as HTML; "" when there is none (caller frees). */
static char *
perspectief_render(const struct amm_casus *c, bool html)
{
	char *text = amm_casus_perspectief(c), *out;
	cmark_node *doc;

	if (*text == '\0')
		return text;
	doc = perspectief_parse(text);
	out = html ? cmark_render_html(doc, CMARK_OPT_DEFAULT)
	           : cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	free(text);
	return out;
}

char *
amm_export_md(const struct amm_casus *c, struct amm_date today)
{
	const struct amm_ini *st = c->ini[AMM_DEEL_STAPPEN], *an = c->ini[AMM_DEEL_ANALYSE];
	const struct amm_ini *ev = c->ini[AMM_DEEL_EVALUATIES];
	const struct amm_ini *ui = c->ini[AMM_DEEL_UITZONDERINGEN];
	char *persp = perspectief_render(c, false);
	struct amm_buf out = {0};
	int *nrs;
	size_t n;

	amm_buf_adds(&out, "# Plan van ");
	md_text(&out, *amm_casus_get(c, "alias") ? amm_casus_get(c, "alias") : c->id);
	amm_buf_adds(&out, "\n\nCasus ");
	md_text(&out, c->id);
	amm_buf_addf(&out, "\n\n## Mijn perspectief\n\n%s\n## Wat we weten\n\n",
	             *persp ? persp : "*Nog niet opgeschreven.*\n");
	for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
		const char *v = amm_ini_str(c->ini[AMM_DEEL_SPIN], "spin", amm_spin_velden[i].key);

		amm_buf_addf(&out, "- **%s**: ", amm_spin_velden[i].label);
		md_text(&out, *v ? v : "nog niet ingevuld");
		amm_buf_addc(&out, '\n');
	}
	amm_buf_adds(&out, "\n## Wat er aan de hand is\n\n");
	nrs = live_items(an, "probleem", &n);
	for (size_t t = 0; t < 3; t++)
		for (size_t i = 0; i < n; i++) {
			char *sec = amm_asprintf("probleem %d", nrs[i]);

			if (strcmp(amm_ini_str(an, sec, "type"), types[t][0]) == 0) {
				amm_buf_addf(&out, "- %s: ", types[t][1]);
				md_text(&out, amm_ini_str(an, sec, "tekst"));
				amm_buf_addc(&out, '\n');
			}
			free(sec);
		}
	free(nrs);
	amm_buf_adds(&out, "\n## De stappen en wie wat doet\n\n");
	nrs = live_items(st, "stap", &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("stap %d", nrs[i]);
		int *af;
		size_t na;

		amm_buf_addf(&out, "### Stap %d: ", nrs[i]);
		md_text(&out, amm_ini_str(st, sec, "tekst"));
		amm_buf_adds(&out, " (");
		md_text(&out,
		        *amm_ini_str(st, sec, "status") ? amm_ini_str(st, sec, "status") : "open");
		amm_buf_adds(&out, ")\n\n");
		af = live_items(st, "afspraak", &na);
		for (size_t k = 0; k < na; k++) {
			char *asec = amm_asprintf("afspraak %d", af[k]);

			if (atoi(amm_ini_str(st, asec, "stap")) == nrs[i]) {
				amm_buf_adds(&out, "- ");
				md_text(&out, amm_ini_str(st, asec, "wanneer"));
				amm_buf_adds(&out, ": **");
				md_text(&out, amm_ini_str(st, asec, "wie"));
				amm_buf_adds(&out, "** ");
				md_text(&out, amm_ini_str(st, asec, "wat"));
				amm_buf_addf(&out, "%s\n",
				             amm_afspraak_te_laat(st, asec, today) ? " (te laat)"
				             : strcmp(amm_ini_str(st, asec, "status"), "klaar") == 0
				                 ? " (klaar)"
				                 : "");
			}
			free(asec);
		}
		free(af);
		amm_buf_addc(&out, '\n');
		free(sec);
	}
	free(nrs);
	amm_buf_adds(&out, "## Hoe het gaat\n\n");
	nrs = live_items(ev, "evaluatie", &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("evaluatie %d", nrs[i]);

		amm_buf_adds(&out, "- ");
		md_text(&out, amm_ini_str(ev, sec, "datum"));
		amm_buf_adds(&out, ", ");
		md_text(&out, amm_ini_str(ev, sec, "resultaat"));
		amm_buf_adds(&out, ": ");
		md_text(&out, amm_ini_str(ev, sec, "werkte"));
		if (*amm_ini_str(ev, sec, "nodig")) {
			amm_buf_adds(&out, " Nog nodig: ");
			md_text(&out, amm_ini_str(ev, sec, "nodig"));
		}
		amm_buf_addc(&out, '\n');
		free(sec);
	}
	free(nrs);
	if (*amm_casus_get(c, "volgende-evaluatie")) {
		amm_buf_adds(&out, "\nWe kijken weer samen hoe het gaat op ");
		md_text(&out, amm_casus_get(c, "volgende-evaluatie"));
		amm_buf_adds(&out, ".\n");
	}
	nrs = live_items(ui, "uitzondering", &n);
	if (n > 0)
		amm_buf_adds(&out, "\n## Uitzonderingen\n\n");
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("uitzondering %d", nrs[i]);

		amm_buf_adds(&out, "- ");
		md_text(&out, amm_ini_str(ui, sec, "maatwerk"));
		amm_buf_adds(&out, " (");
		md_text(&out, *amm_ini_str(ui, sec, "besluit") ? amm_ini_str(ui, sec, "besluit")
		                                               : "in behandeling");
		amm_buf_adds(&out, ")\n");
		free(sec);
	}
	free(nrs);
	free(persp);
	return amm_buf_detach(&out, NULL);
}

/* Text a person typed, escaped for the page. */
static void
html_text(struct amm_buf *out, const char *s)
{
	amm_html_escape(out, s, SIZE_MAX, "<br>");
}

/* On screen a column of text; on paper A4 with the page number in the footer. Only small
 * blocks (a row, an item, a drawing, the signatures) are kept whole, so a page fills up. */
static const char css[] =
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#1a1a1a;"
    "line-height:1.5}h1{color:#ec0000}h2{border-bottom:2px solid #ec0000;padding-bottom:.2em;"
    "margin-top:1.6em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;"
    "padding:.3em .5em;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}"
    ".datum{white-space:nowrap}"
    ".te-laat{color:#b00000;font-weight:bold}svg{max-width:100%;height:auto}.leeg{color:#767676}"
    "#spin th{width:12em}.handtekeningen td{width:40%;height:2em}.handtekeningen tr:last-child "
    "td{height:4em}"
    "@media print{@page{size:A4;margin:15mm 16mm 18mm;@bottom-center{content:\"Pagina \" "
    "counter(page) \" van \" counter(pages);font-family:sans-serif;font-size:9pt;color:#555}}"
    "body{margin:0;padding:0;max-width:none;font-size:10pt;line-height:1.35}"
    "h1{font-size:18pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.1em 0 .4em}"
    "h3{font-size:11pt;margin:.8em 0 .3em}h2,h3{break-after:avoid}p{orphans:3;widows:3}"
    "td,th{padding:.15em .4em}"
    "#spin svg{display:block;width:100%;margin:0 0 .5em}.uitzondering svg{display:block;"
    "width:60%;margin:0 auto}tr,li,svg,#handtekeningen{break-inside:avoid}}";

char *
amm_export_html(const struct amm_casus *c, struct amm_date today)
{
	const struct amm_ini *st = c->ini[AMM_DEEL_STAPPEN], *an = c->ini[AMM_DEEL_ANALYSE];
	const struct amm_ini *ev = c->ini[AMM_DEEL_EVALUATIES];
	const struct amm_ini *ui = c->ini[AMM_DEEL_UITZONDERINGEN];
	char *persp = perspectief_render(c, true), *svg;
	const char *alias = *amm_casus_get(c, "alias") ? amm_casus_get(c, "alias") : c->id;
	struct amm_buf out = {0};
	int *nrs;
	size_t n;

	amm_buf_adds(&out,
	             "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
	             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	             "<title>Plan van ");
	html_text(&out, alias);
	amm_buf_addf(&out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Plan van ", css);
	html_text(&out, alias);
	amm_buf_adds(&out, "</h1>\n<p>Casus ");
	html_text(&out, c->id);
	amm_buf_adds(&out, "</p>\n<section id=\"perspectief\">\n<h2>Mijn perspectief</h2>\n");
	if (*persp) {
		amm_buf_adds(&out, persp);
	} else {
		amm_buf_adds(&out, "<p class=\"leeg\">Nog niet opgeschreven.</p>\n");
	}
	amm_buf_adds(&out, "</section>\n<section id=\"spin\">\n<h2>Wat we weten</h2>\n");
	svg = amm_svg_spin(c);
	amm_buf_adds(&out, svg);
	free(svg);
	amm_buf_adds(&out, "<table>\n");
	for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
		const char *v = amm_ini_str(c->ini[AMM_DEEL_SPIN], "spin", amm_spin_velden[i].key);

		amm_buf_adds(&out, "<tr><th>");
		html_text(&out, amm_spin_velden[i].label);
		amm_buf_addf(&out, "</th><td%s>", *v ? "" : " class=\"leeg\"");
		html_text(&out, *v ? v : "nog niet ingevuld");
		amm_buf_adds(&out, "</td></tr>\n");
	}
	amm_buf_adds(&out, "</table>\n</section>\n<section id=\"analyse\">\n<h2>Wat er aan de hand "
	                   "is</h2>\n<ul>\n");
	nrs = live_items(an, "probleem", &n);
	for (size_t t = 0; t < 3; t++)
		for (size_t i = 0; i < n; i++) {
			char *sec = amm_asprintf("probleem %d", nrs[i]);

			if (strcmp(amm_ini_str(an, sec, "type"), types[t][0]) == 0) {
				amm_buf_addf(&out, "<li>%s: ", types[t][1]);
				html_text(&out, amm_ini_str(an, sec, "tekst"));
				amm_buf_adds(&out, "</li>\n");
			}
			free(sec);
		}
	free(nrs);
	amm_buf_adds(&out, "</ul>\n</section>\n<section id=\"stappen\">\n<h2>De stappen en wie wat "
	                   "doet</h2>\n");
	nrs = live_items(st, "stap", &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("stap %d", nrs[i]);
		int *af;
		size_t na;

		amm_buf_addf(&out, "<h3>Stap %d: ", nrs[i]);
		html_text(&out, amm_ini_str(st, sec, "tekst"));
		amm_buf_adds(&out, "</h3>\n<table class=\"afspraken\">\n<tr><th>Wanneer</th><th>Wie"
		                   "</th><th>Wat</th></tr>\n");
		af = live_items(st, "afspraak", &na);
		for (size_t k = 0; k < na; k++) {
			char *asec = amm_asprintf("afspraak %d", af[k]);
			bool late = amm_afspraak_te_laat(st, asec, today);

			if (atoi(amm_ini_str(st, asec, "stap")) == nrs[i]) {
				amm_buf_addf(&out, "<tr class=\"afspraak%s\">",
				             late ? " te-laat" : "");
				amm_buf_adds(&out, "<td class=\"datum\">");
				html_text(&out, amm_ini_str(st, asec, "wanneer"));
				amm_buf_addf(&out, "%s</td><td>", late ? " (te laat)" : "");
				html_text(&out, amm_ini_str(st, asec, "wie"));
				amm_buf_adds(&out, "</td><td>");
				html_text(&out, amm_ini_str(st, asec, "wat"));
				amm_buf_adds(&out, "</td></tr>\n");
			}
			free(asec);
		}
		free(af);
		amm_buf_adds(&out, "</table>\n");
		free(sec);
	}
	free(nrs);
	amm_buf_adds(&out,
	             "</section>\n<section id=\"evaluaties\">\n<h2>Hoe het gaat</h2>\n<ul>\n");
	nrs = live_items(ev, "evaluatie", &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("evaluatie %d", nrs[i]);

		amm_buf_adds(&out, "<li><span class=\"datum\">");
		html_text(&out, amm_ini_str(ev, sec, "datum"));
		amm_buf_adds(&out, "</span>, ");
		html_text(&out, amm_ini_str(ev, sec, "resultaat"));
		amm_buf_adds(&out, ": ");
		html_text(&out, amm_ini_str(ev, sec, "werkte"));
		if (*amm_ini_str(ev, sec, "nodig")) {
			amm_buf_adds(&out, " Nog nodig: ");
			html_text(&out, amm_ini_str(ev, sec, "nodig"));
		}
		amm_buf_adds(&out, "</li>\n");
		free(sec);
	}
	free(nrs);
	amm_buf_adds(&out, "</ul>\n");
	if (*amm_casus_get(c, "volgende-evaluatie")) {
		amm_buf_adds(&out,
		             "<p>We kijken weer samen hoe het gaat op <span class=\"datum\">");
		html_text(&out, amm_casus_get(c, "volgende-evaluatie"));
		amm_buf_adds(&out, "</span>.</p>\n");
	}
	amm_buf_adds(&out, "</section>\n");
	nrs = live_items(ui, "uitzondering", &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("uitzondering %d", nrs[i]);

		amm_buf_addf(&out,
		             "<section class=\"uitzondering\">\n<h2>Uitzondering %d</h2>\n<p>",
		             nrs[i]);
		html_text(&out, amm_ini_str(ui, sec, "maatwerk"));
		amm_buf_adds(&out, "</p>\n");
		svg = amm_svg_waardendriehoek(c, sec);
		amm_buf_adds(&out, svg);
		free(svg);
		amm_buf_adds(&out, "</section>\n");
		free(sec);
	}
	free(nrs);
	/* Room to sign the printed plan: the Amsterdammer's name is not kept, so it is written. */
	amm_buf_adds(&out, "<section id=\"handtekeningen\">\n<h2>Handtekeningen</h2>\n"
	                   "<table class=\"handtekeningen\">\n<tr><th></th><th>De Amsterdammer</th>"
	                   "<th>De casusinbrenger</th></tr>\n<tr><th>Naam</th><td></td><td>");
	html_text(&out, amm_casus_get(c, "casusinbrenger"));
	amm_buf_adds(&out,
	             "</td></tr>\n<tr><th>Datum</th><td></td><td></td></tr>\n"
	             "<tr><th>Handtekening</th><td></td><td></td></tr>\n</table>\n</section>\n"
	             "</body>\n</html>\n");
	free(persp);
	return amm_buf_detach(&out, NULL);
}
