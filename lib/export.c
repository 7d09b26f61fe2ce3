#include "export.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static const char *const types[][2] = {{"persoonlijk", "Bij de Amsterdammer en het gezin"},
                                       {"professioneel", "Bij de professionals"},
                                       {"systeem", "In hoe de organisaties werken"}};

/* Markdown: text that could be read as markup is escaped with a backslash. */
static void
md_text(struct amm_buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|!", *s) != NULL)
			amm_buf_addc(out, '\\');
		if (*s == '\n')
			amm_buf_adds(out, "  \n");
		else
			amm_buf_addc(out, *s);
	}
}

char *
amm_export_md(const struct amm_casus *c, struct amm_date today)
{
	const struct amm_ini *st = c->ini[AMM_DEEL_STAPPEN], *an = c->ini[AMM_DEEL_ANALYSE];
	const struct amm_ini *ev = c->ini[AMM_DEEL_EVALUATIES];
	const struct amm_ini *ui = c->ini[AMM_DEEL_UITZONDERINGEN];
	char *persp = amm_casus_perspectief(c);
	struct amm_buf out = {0};
	int *nrs;
	size_t n;

	amm_buf_adds(&out, "# Plan van ");
	md_text(&out, *amm_casus_get(c, "alias") ? amm_casus_get(c, "alias") : c->id);
	amm_buf_addf(&out, "\n\nCasus %s\n\n## Mijn perspectief\n\n%s\n\n## Wat we weten\n\n",
	             c->id, *persp ? persp : "*Nog niet opgeschreven.*");
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
		amm_buf_addf(&out, " (%s)\n\n",
		             *amm_ini_str(st, sec, "status") ? amm_ini_str(st, sec, "status")
		                                             : "open");
		af = live_items(st, "afspraak", &na);
		for (size_t k = 0; k < na; k++) {
			char *asec = amm_asprintf("afspraak %d", af[k]);

			if (atoi(amm_ini_str(st, asec, "stap")) == nrs[i]) {
				amm_buf_addf(&out, "- %s: **", amm_ini_str(st, asec, "wanneer"));
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

		amm_buf_addf(&out, "- %s, %s: ", amm_ini_str(ev, sec, "datum"),
		             amm_ini_str(ev, sec, "resultaat"));
		md_text(&out, amm_ini_str(ev, sec, "werkte"));
		if (*amm_ini_str(ev, sec, "nodig")) {
			amm_buf_adds(&out, " Nog nodig: ");
			md_text(&out, amm_ini_str(ev, sec, "nodig"));
		}
		amm_buf_addc(&out, '\n');
		free(sec);
	}
	free(nrs);
	if (*amm_casus_get(c, "volgende-evaluatie"))
		amm_buf_addf(&out, "\nWe kijken weer samen hoe het gaat op %s.\n",
		             amm_casus_get(c, "volgende-evaluatie"));
	nrs = live_items(ui, "uitzondering", &n);
	if (n > 0)
		amm_buf_adds(&out, "\n## Uitzonderingen\n\n");
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("uitzondering %d", nrs[i]);

		amm_buf_adds(&out, "- ");
		md_text(&out, amm_ini_str(ui, sec, "maatwerk"));
		amm_buf_addf(&out, " (%s)\n",
		             *amm_ini_str(ui, sec, "besluit") ? amm_ini_str(ui, sec, "besluit")
		                                              : "in behandeling");
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

static const char css[] =
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#1a1a1a;"
    "line-height:1.5}h1{color:#ec0000}h2{border-bottom:2px solid #ec0000;padding-bottom:.2em;"
    "margin-top:1.6em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;"
    "padding:.3em .5em;text-align:left;vertical-align:top}.te-laat{color:#b00000;"
    "font-weight:bold}svg{max-width:100%;height:auto}.leeg{color:#767676}"
    "@media print{@page{size:A4;margin:18mm}body{margin:0;max-width:none;font-size:11pt}"
    "h2{break-after:avoid}table,svg,section{break-inside:avoid}}";

char *
amm_export_html(const struct amm_casus *c, struct amm_date today)
{
	const struct amm_ini *st = c->ini[AMM_DEEL_STAPPEN], *an = c->ini[AMM_DEEL_ANALYSE];
	const struct amm_ini *ev = c->ini[AMM_DEEL_EVALUATIES];
	const struct amm_ini *ui = c->ini[AMM_DEEL_UITZONDERINGEN];
	char *persp = amm_casus_perspectief(c), *svg;
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
	amm_buf_addf(&out,
	             "</h1>\n<p>Casus %s</p>\n<section id=\"perspectief\">\n<h2>Mijn "
	             "perspectief</h2>\n",
	             c->id);
	if (*persp) {
		/* cmark leaves raw HTML and unsafe links out unless told otherwise. */
		char *html = cmark_markdown_to_html(persp, strlen(persp), CMARK_OPT_DEFAULT);

		amm_buf_adds(&out, html);
		free(html);
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
				amm_buf_addf(&out, "<tr class=\"afspraak%s\"><td>%s%s</td><td>",
				             late ? " te-laat" : "",
				             amm_ini_str(st, asec, "wanneer"),
				             late ? " (te laat)" : "");
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

		amm_buf_addf(&out, "<li>%s, %s: ", amm_ini_str(ev, sec, "datum"),
		             amm_ini_str(ev, sec, "resultaat"));
		html_text(&out, amm_ini_str(ev, sec, "werkte"));
		amm_buf_adds(&out, " ");
		html_text(&out, amm_ini_str(ev, sec, "nodig"));
		amm_buf_adds(&out, "</li>\n");
		free(sec);
	}
	free(nrs);
	amm_buf_adds(&out, "</ul>\n</section>\n");
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
	amm_buf_adds(&out, "</body>\n</html>\n");
	free(persp);
	return amm_buf_detach(&out, NULL);
}
