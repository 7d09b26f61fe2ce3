#include "export.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "model.h"
#include "render.h"

static bool
isalnum_or_hash(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '#';
}

/* Where a line starts, text that would open a block (a list item, a numbered list, a rule,
 * a setext heading, a fence): its marker escaped. Returns where the text goes on. */
static const char *
md_line_start(struct amm_buf *out, const char *s)
{
	const char *d;

	while (*s == ' ' || *s == '\t')
		amm_buf_addc(out, *s++);
	if (*s != '\0' && strchr("-+=~", *s) != NULL) {
		amm_buf_addc(out, '\\');
		return s;
	}
	for (d = s; *d >= '0' && *d <= '9'; d++)
		;
	if (d > s && (*d == '.' || *d == ')')) {
		amm_buf_add(out, s, (size_t)(d - s));
		amm_buf_addc(out, '\\');
		return d;
	}
	return s;
}

/* Markdown: control characters shown visibly, text that could be read as markup (also an
 * entity such as &#27;) escaped with a backslash; a line break is a hard break, and the line
 * after it cannot open a block. at_start: the text begins a line or a list item. */
static void
md_text(struct amm_buf *out, const char *text, bool at_start)
{
	char *visible = amm_str_visible(text);
	const char *s = visible;

	if (at_start)
		s = md_line_start(out, s);
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|!", *s) != NULL || (*s == '&' && isalnum_or_hash(s[1])))
			amm_buf_addc(out, '\\');
		if (*s == '\n') {
			amm_buf_adds(out, "  \n");
			s = md_line_start(out, s + 1) - 1;
		} else {
			amm_buf_addc(out, *s);
		}
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
 * (also those an entity such as &#x202E; stands for), raw HTML left out, a link or image
 * with a URL that is not safe replaced by its text, and each heading made one of level 3.
 * Caller frees with cmark_node_free.
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
		case CMARK_NODE_HEADING:
			/* Under the plan's own h2: a heading the person wrote is an h3. */
			cmark_node_set_heading_level(node, 3);
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

/* The perspectief as Markdown, or as HTML. */
static void
perspectief_render(struct amm_buf *out, const char *text, bool html)
{
	cmark_node *doc = perspectief_parse(text);
	char *s = html ? cmark_render_html(doc, CMARK_OPT_DEFAULT)
	               : cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);

	amm_buf_adds(out, s);
	free(s);
	cmark_node_free(doc);
}

/* Does the next text begin a line or a list item's content? */
static bool
md_at_start(const struct amm_buf *out)
{
	const char *d = out->data;
	size_t n = out->len;

	return n == 0 || d[n - 1] == '\n' ||
	       (n >= 2 && d[n - 2] == '-' && d[n - 1] == ' ' && (n == 2 || d[n - 3] == '\n'));
}

static void
md_inlines(struct amm_buf *out, const struct amm_doc *d)
{
	for (size_t i = 0; i < d->n_kids; i++) {
		const struct amm_doc *k = d->kids[i];

		switch (k->kind) {
		case AMM_DOC_WORDS:
			amm_buf_addf(out, k->style && strcmp(k->style, "leeg") == 0 ? "*%s*" : "%s",
			             k->text);
			break;
		case AMM_DOC_VALUE:
			if (k->invalid)
				amm_buf_adds(out, "(ongeldig: ");
			md_text(out, k->text, !k->invalid && md_at_start(out));
			if (k->invalid)
				amm_buf_addc(out, ')');
			break;
		case AMM_DOC_STRONG:
			amm_buf_adds(out, "**");
			md_inlines(out, k);
			amm_buf_adds(out, "**");
			break;
		default:
			break;
		}
	}
}

static void
md_block(struct amm_buf *out, const struct amm_doc *d)
{
	struct amm_buf line = {0};

	switch (d->kind) {
	case AMM_DOC_ROOT:
	case AMM_DOC_SECTION:
		for (size_t i = 0; i < d->n_kids; i++)
			md_block(out, d->kids[i]);
		break;
	case AMM_DOC_HEADING:
		/* A heading is one line: a line break in it is a space. */
		amm_buf_addf(&line, "%.*s ", d->level, "######");
		md_inlines(&line, d);
		for (size_t i = 0; i < line.len; i++)
			if (line.data[i] == '\n')
				line.data[i] = ' ';
		amm_buf_add(out, line.data, line.len);
		amm_buf_adds(out, "\n\n");
		amm_buf_free(&line);
		break;
	case AMM_DOC_PARA:
		md_inlines(out, d);
		amm_buf_adds(out, "\n\n");
		break;
	case AMM_DOC_LIST:
		for (size_t i = 0; i < d->n_kids; i++) {
			amm_buf_adds(out, "- ");
			if (d->kids[i]->kind == AMM_DOC_FIELD)
				amm_buf_addf(out, "**%s**: ", d->kids[i]->text);
			md_inlines(out, d->kids[i]);
			amm_buf_addc(out, '\n');
		}
		amm_buf_addc(out, '\n');
		break;
	case AMM_DOC_MARKDOWN:
		perspectief_render(out, d->text, false);
		amm_buf_addc(out, '\n');
		break;
	default: /* the drawings and the signatures are for the page */
		break;
	}
}

char *
amm_export_md(const struct amm_casus *c, struct amm_date today)
{
	struct amm_model *m = amm_model_build(c);
	struct amm_doc *doc = amm_doc_plan(m, today);
	struct amm_buf out = {0};

	md_block(&out, doc);
	/* One newline at the end. */
	while (out.len > 1 && out.data[out.len - 1] == '\n' && out.data[out.len - 2] == '\n')
		out.data[--out.len] = '\0';
	amm_doc_free(doc);
	amm_model_free(m);
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
    ".te-laat,.ongeldig{color:#b00000;font-weight:bold}svg{max-width:100%;height:auto}"
    ".leeg{color:#767676}"
    "#spin th{width:12em}.handtekeningen td{width:40%;height:2em}.handtekeningen tr:last-child "
    "td{height:4em}"
    "@media print{@page{size:A4;margin:15mm 16mm 18mm;@bottom-center{content:\"Pagina \" "
    "counter(page) \" van \" counter(pages);font-family:sans-serif;font-size:9pt;color:#555}}"
    "body{margin:0;padding:0;max-width:none;font-size:10pt;line-height:1.35}"
    "h1{font-size:18pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.1em 0 .4em}"
    "h3{font-size:11pt;margin:.8em 0 .3em}h2,h3{break-after:avoid}p{orphans:3;widows:3}"
    "td,th{padding:.15em .4em}"
    "#spin svg{display:block;width:100%;margin:0 0 .5em}#uitzonderingen svg{display:block;"
    "width:60%;margin:0 auto}tr,li,svg,#handtekeningen{break-inside:avoid}}";

/* Inline runs; plain: text only, for the title. */
static void
html_inlines(struct amm_buf *out, const struct amm_doc *d, bool plain)
{
	for (size_t i = 0; i < d->n_kids; i++) {
		const struct amm_doc *k = d->kids[i];
		const char *style = k->invalid ? "ongeldig" : k->style;

		if (style != NULL && !plain)
			amm_buf_addf(out, "<span class=\"%s\">", style);
		switch (k->kind) {
		case AMM_DOC_WORDS:
			html_text(out, k->text);
			break;
		case AMM_DOC_VALUE:
			if (k->invalid)
				amm_buf_adds(out, "(ongeldig: ");
			html_text(out, k->text);
			if (k->invalid)
				amm_buf_addc(out, ')');
			break;
		case AMM_DOC_STRONG:
			amm_buf_adds(out, plain ? "" : "<strong>");
			html_inlines(out, k, plain);
			amm_buf_adds(out, plain ? "" : "</strong>");
			break;
		default:
			break;
		}
		if (style != NULL && !plain)
			amm_buf_adds(out, "</span>");
	}
}

static void
html_block(struct amm_buf *out, const struct amm_doc *d, const struct amm_casus *c)
{
	char *svg;

	switch (d->kind) {
	case AMM_DOC_ROOT:
	case AMM_DOC_SECTION:
		if (d->kind == AMM_DOC_SECTION)
			amm_buf_addf(out, "<section id=\"%s\">\n", d->text);
		for (size_t i = 0; i < d->n_kids; i++)
			html_block(out, d->kids[i], c);
		if (d->kind == AMM_DOC_SECTION)
			amm_buf_adds(out, "</section>\n");
		break;
	case AMM_DOC_HEADING:
		amm_buf_addf(out, "<h%d>", d->level);
		html_inlines(out, d, false);
		amm_buf_addf(out, "</h%d>\n", d->level);
		break;
	case AMM_DOC_PARA:
		amm_buf_adds(out, "<p>");
		html_inlines(out, d, false);
		amm_buf_adds(out, "</p>\n");
		break;
	case AMM_DOC_LIST:
		/* Label and value in rows of a table; items in a list. */
		amm_buf_adds(out, d->n_kids > 0 && d->kids[0]->kind == AMM_DOC_FIELD ? "<table>\n"
		                                                                     : "<ul>\n");
		for (size_t i = 0; i < d->n_kids; i++) {
			if (d->kids[i]->kind == AMM_DOC_FIELD) {
				amm_buf_adds(out, "<tr><th scope=\"row\">");
				html_text(out, d->kids[i]->text);
				amm_buf_adds(out, "</th><td>");
				html_inlines(out, d->kids[i], false);
				amm_buf_adds(out, "</td></tr>\n");
			} else {
				amm_buf_adds(out, "<li>");
				html_inlines(out, d->kids[i], false);
				amm_buf_adds(out, "</li>\n");
			}
		}
		amm_buf_adds(out, d->n_kids > 0 && d->kids[0]->kind == AMM_DOC_FIELD ? "</table>\n"
		                                                                     : "</ul>\n");
		break;
	case AMM_DOC_MARKDOWN:
		perspectief_render(out, d->text, true);
		break;
	case AMM_DOC_FIGURE:
		svg = d->text ? amm_svg_waardendriehoek(c, d->text) : amm_svg_spin(c);
		amm_buf_adds(out, svg);
		free(svg);
		break;
	case AMM_DOC_SIGNATURES:
		/* Room to sign: the Amsterdammer's name is not kept, so it is written. */
		amm_buf_adds(out,
		             "<section id=\"handtekeningen\">\n<h2>Handtekeningen</h2>\n"
		             "<table class=\"handtekeningen\">\n<tr><td></td><th scope=\"col\">De "
		             "Amsterdammer</th><th scope=\"col\">De casusinbrenger</th></tr>\n"
		             "<tr><th scope=\"row\">Naam</th><td></td><td>");
		html_inlines(out, d, false);
		amm_buf_adds(out, "</td></tr>\n<tr><th scope=\"row\">Datum</th><td></td><td></td>"
		                  "</tr>\n<tr><th scope=\"row\">Handtekening</th><td></td><td></td>"
		                  "</tr>\n</table>\n</section>\n");
		break;
	default:
		break;
	}
}

char *
amm_export_html(const struct amm_casus *c, struct amm_date today)
{
	struct amm_model *m = amm_model_build(c);
	struct amm_doc *doc = amm_doc_plan(m, today);
	struct amm_buf out = {0};

	amm_buf_adds(&out,
	             "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
	             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	             "<title>");
	/* The title is the first heading, the plan's one h1. */
	html_inlines(&out, doc->kids[0], true);
	amm_buf_addf(&out, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	html_block(&out, doc, c);
	amm_buf_adds(&out, "</body>\n</html>\n");
	amm_doc_free(doc);
	amm_model_free(m);
	return amm_buf_detach(&out, NULL);
}
