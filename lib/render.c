#include "render.h"

#include "bedrag.h"
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A value, its later lines indented to column indent. */
static void
add_indented(struct amm_buf *out, const char *text, int indent)
{
	for (const char *p = text; *p != '\0'; p++) {
		amm_buf_addc(out, *p);
		if (*p == '\n')
			amm_buf_addf(out, "%*s", indent, "");
	}
}

static bool
removed(const struct amm_ini *ini, const char *section)
{
	return strcmp(amm_ini_str(ini, section, "status"), "verwijderd") == 0;
}

bool
amm_afspraak_te_laat(const struct amm_ini *stappen, const char *section, struct amm_date today)
{
	const char *status = amm_ini_str(stappen, section, "status");
	struct amm_date d;

	if (*status != '\0' && strcmp(status, "open") != 0)
		return false;
	return amm_date_stored(amm_ini_str(stappen, section, "wanneer"), &d) &&
	       amm_date_cmp(d, today) < 0;
}

static void
render_casus(const struct amm_casus *c, struct amm_buf *out)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_CASUS];
	static const char *const keys[] = {"alias",
	                                   "status",
	                                   "geopend",
	                                   "afgesloten",
	                                   "organisatie",
	                                   "casusinbrenger",
	                                   "procesbegeleider",
	                                   "maatwerkcoach",
	                                   "volgende-evaluatie",
	                                   NULL};

	amm_buf_addf(out, "Casus %s\n", c->id);
	for (const char *const *k = keys; *k != NULL; k++) {
		const char *v = amm_ini_str(ini, "casus", *k);

		if (*v != '\0' || strcmp(*k, "afgesloten") != 0)
			amm_buf_addf(out, "  %-20s %s\n", *k, *v ? v : "-");
	}
}

static void
render_perspectief(const struct amm_casus *c, struct amm_buf *out)
{
	char *body = amm_casus_perspectief(c);

	amm_buf_adds(out, "Perspectief van de Amsterdammer\n");
	if (*body == '\0') {
		amm_buf_adds(out, "  (nog leeg)\n");
	} else {
		amm_buf_adds(out, "  ");
		add_indented(out, body, 2);
		amm_buf_addc(out, '\n');
	}
	free(body);
}

static void
render_spin(const struct amm_casus *c, struct amm_buf *out)
{
	struct amm_voortgang v;

	amm_casus_voortgang(c, (struct amm_date){2000, 1, 1}, &v);
	amm_buf_addf(out, "De spin (feitelijke situatieschets): %d van %d velden ingevuld\n",
	             v.spin_gevuld, AMM_SPIN_FIELDS);
	for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
		const char *val =
		    amm_ini_str(c->ini[AMM_DEEL_SPIN], "spin", amm_spin_velden[i].key);

		amm_buf_addf(out, "  %-15s ", amm_spin_velden[i].key);
		if (*val == '\0')
			amm_buf_adds(out, "(leeg)");
		else
			add_indented(out, val, 18);
		amm_buf_addc(out, '\n');
	}
}

static void
render_analyse(const struct amm_casus *c, struct amm_buf *out)
{
	static const struct {
		const char *type, *title;
	} types[] = {{"persoonlijk", "Persoonlijke problemen"},
	             {"professioneel", "Professionele problemen"},
	             {"systeem", "Systeemproblemen"}};
	const struct amm_ini *ini = c->ini[AMM_DEEL_ANALYSE];
	const char *gedeeld = amm_ini_str(ini, "analyse", "gedeeld");
	int *nrs;
	size_t n;

	amm_buf_adds(out, "Wat is er aan de hand?\n");
	if (*gedeeld != '\0')
		amm_buf_addf(out, "  Gedeeld met de Amsterdammer op %s\n", gedeeld);
	else
		amm_buf_adds(out, "  Nog niet gedeeld met de Amsterdammer\n");
	amm_items(ini, "probleem", &nrs, &n);
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		bool any = false;

		amm_buf_addf(out, "  %s\n", types[t].title);
		for (size_t i = 0; i < n; i++) {
			char *sec = amm_asprintf("probleem %d", nrs[i]);

			if (!removed(ini, sec) &&
			    strcmp(amm_ini_str(ini, sec, "type"), types[t].type) == 0) {
				amm_buf_addf(out, "    %3d  ", nrs[i]);
				add_indented(out, amm_ini_str(ini, sec, "tekst"), 9);
				amm_buf_addc(out, '\n');
				any = true;
			}
			free(sec);
		}
		if (!any)
			amm_buf_adds(out, "         (geen)\n");
	}
	free(nrs);
}

void
amm_marks_free(struct amm_marks *m)
{
	free(m->at);
	free(m->len);
	free(m->style);
	memset(m, 0, sizeof(*m));
}

static void
mark(struct amm_marks *m, size_t at, size_t len, const char *style)
{
	if (m == NULL)
		return;
	m->at = amm_xrealloc(m->at, (m->n + 1) * sizeof(*m->at));
	m->len = amm_xrealloc(m->len, (m->n + 1) * sizeof(*m->len));
	m->style = amm_xrealloc(m->style, (m->n + 1) * sizeof(*m->style));
	m->at[m->n] = at;
	m->style[m->n] = style;
	m->len[m->n++] = len;
}

static void
render_afspraak(const struct amm_ini *ini, const char *sec, int nr, struct amm_date today,
                int indent, struct amm_buf *out, struct amm_marks *late_at)
{
	const char *status = amm_ini_str(ini, sec, "status");
	bool late = amm_afspraak_te_laat(ini, sec, today);

	amm_buf_addf(out, "%*s%3d  %-10s  stap %-3s  ", indent, "", nr,
	             amm_ini_str(ini, sec, "wanneer"), amm_ini_str(ini, sec, "stap"));
	if (late)
		mark(late_at, out->len, strlen("TE LAAT"), "te-laat");
	amm_buf_addf(out, "%-7s  %s: ", late ? "TE LAAT" : (*status ? status : "open"),
	             amm_ini_str(ini, sec, "wie"));
	add_indented(out, amm_ini_str(ini, sec, "wat"), indent + 40);
	amm_buf_addc(out, '\n');
}

static int
cmp_afspraak(const void *a, const void *b, void *ini_arg)
{
	const struct amm_ini *ini = ini_arg;
	char *sa = amm_asprintf("afspraak %d", *(const int *)a);
	char *sb = amm_asprintf("afspraak %d", *(const int *)b);
	int c = strcmp(amm_ini_str(ini, sa, "wanneer"), amm_ini_str(ini, sb, "wanneer"));

	if (c == 0)
		c = *(const int *)a - *(const int *)b;
	free(sa);
	free(sb);
	return c;
}

void
amm_render_afspraken(const struct amm_casus *c, struct amm_date today, struct amm_buf *out,
                     struct amm_marks *late)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_STAPPEN];
	int *nrs;
	size_t n;

	amm_items(ini, "afspraak", &nrs, &n);
	if (n > 1)
		qsort_r(nrs, n, sizeof(*nrs), cmp_afspraak, (void *)ini);
	amm_buf_adds(out, "Wie doet wat? Afspraken op datum\n");
	if (n == 0)
		amm_buf_adds(out, "  (nog geen afspraken)\n");
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("afspraak %d", nrs[i]);

		render_afspraak(ini, sec, nrs[i], today, 2, out, late);
		free(sec);
	}
	free(nrs);
}

static void
render_stappen(const struct amm_casus *c, struct amm_date today, struct amm_buf *out)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_STAPPEN];
	int *stappen, *afspraken;
	size_t ns, na;

	amm_items(ini, "stap", &stappen, &ns);
	amm_items(ini, "afspraak", &afspraken, &na);
	if (na > 1)
		qsort_r(afspraken, na, sizeof(*afspraken), cmp_afspraak, (void *)ini);
	amm_buf_adds(out, "De eerste stap(pen) en wie doet wat\n");
	if (ns == 0)
		amm_buf_adds(out, "  (nog geen stappen)\n");
	for (size_t i = 0; i < ns; i++) {
		char *sec = amm_asprintf("stap %d", stappen[i]);
		const char *status = amm_ini_str(ini, sec, "status");
		const char *reden = amm_ini_str(ini, sec, "reden");

		amm_buf_addf(out, "  stap %d  [%s]  ", stappen[i], *status ? status : "open");
		add_indented(out, amm_ini_str(ini, sec, "tekst"), 4);
		amm_buf_addc(out, '\n');
		if (*reden != '\0') {
			amm_buf_adds(out, "    reden: ");
			add_indented(out, reden, 11);
			amm_buf_addc(out, '\n');
		}
		for (size_t k = 0; k < na; k++) {
			char *asec = amm_asprintf("afspraak %d", afspraken[k]);

			if (atoi(amm_ini_str(ini, asec, "stap")) == stappen[i])
				render_afspraak(ini, asec, afspraken[k], today, 4, out, NULL);
			free(asec);
		}
		free(sec);
	}
	free(stappen);
	free(afspraken);
}

static void
render_evaluaties(const struct amm_casus *c, struct amm_buf *out)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_EVALUATIES];
	const char *next = amm_casus_get(c, "volgende-evaluatie");
	int *nrs;
	size_t n;

	amm_items(ini, "evaluatie", &nrs, &n);
	amm_buf_adds(out, "Evaluatie\n");
	if (n == 0)
		amm_buf_adds(out, "  (nog geen evaluaties)\n");
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("evaluatie %d", nrs[i]);
		const char *stap = amm_ini_str(ini, sec, "stap");
		static const char *const texts[] = {"werkte", "nodig", NULL};

		amm_buf_addf(out, "  %3d  %s  %s%s%sresultaat: %s%s\n", nrs[i],
		             amm_ini_str(ini, sec, "datum"), *stap ? "stap " : "", stap,
		             *stap ? "  " : "", amm_ini_str(ini, sec, "resultaat"),
		             strcmp(amm_ini_str(ini, sec, "perspectief-behaald"), "ja") == 0
		                 ? "  (perspectief behaald)"
		                 : "");
		for (const char *const *k = texts; *k != NULL; k++) {
			const char *v = amm_ini_str(ini, sec, *k);

			if (*v == '\0')
				continue;
			amm_buf_addf(out, "       %-7s ", *k);
			add_indented(out, v, 15);
			amm_buf_addc(out, '\n');
		}
		free(sec);
	}
	amm_buf_addf(out, "  Volgende evaluatie: %s\n", *next ? next : "niet gepland");
	free(nrs);
}

static void
render_team(const struct amm_casus *c, struct amm_buf *out)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_TEAM];
	int *nrs, shown = 0;
	size_t n;

	amm_items(ini, "lid", &nrs, &n);
	amm_buf_adds(out, "Casusteam\n");
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("lid %d", nrs[i]);
		const char *org = amm_ini_str(ini, sec, "organisatie");

		if (!removed(ini, sec)) {
			amm_buf_addf(out, "  %-24s %-17s %s\n", amm_ini_str(ini, sec, "naam"),
			             amm_ini_str(ini, sec, "rol"), *org ? org : "-");
			shown++;
		}
		free(sec);
	}
	if (shown == 0)
		amm_buf_adds(out, "  (nog niemand)\n");
	free(nrs);
}

/* The number of characters (code points) in s. */
static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* text in lines of at most width characters, broken at spaces where it can. */
static void
wrap(const char *text, size_t width, struct amm_strlist *out)
{
	const char *p = text;

	while (*p != '\0') {
		const char *line = p, *brk = NULL;
		size_t chars = 0;

		while (*p != '\0' && *p != '\n' && chars < width) {
			if (*p == ' ')
				brk = p;
			p++;
			while (((unsigned char)*p & 0xc0) == 0x80)
				p++;
			chars++;
		}
		if (*p != '\0' && *p != '\n' && *p != ' ' && brk != NULL)
			p = brk;
		amm_strlist_take(out, amm_xstrndup(line, (size_t)(p - line)));
		while (*p == ' ' || *p == '\n')
			if (*p++ == '\n')
				break;
	}
	if (out->len == 0)
		amm_strlist_add(out, "");
}

static bool
amount(const struct amm_ini *ini, const char *section, const char *key, long long *cents)
{
	amm_error *err;
	const char *v = amm_ini_str(ini, section, key);

	if (*v == '\0')
		return false;
	err = amm_bedrag_parse(v, cents);
	amm_error_free(err);
	return err == NULL;
}

static const char *const waarden[] = {"legitimiteit", "betrokkenheid", "rendement", NULL};

char *
amm_uitzondering_missing(const struct amm_ini *ini, const char *section)
{
	static const struct {
		const char *key, *words;
	} needed[] = {{"maatwerkcoach", "een maatwerkcoach"}, {"legitimiteit", "legitimiteit"},
	              {"betrokkenheid", "betrokkenheid"},     {"rendement", "rendement"},
	              {"gewone-route", "de gewone route"},    {"maatwerk", "de maatwerkoplossing"}};
	struct amm_buf buf = {0};

	for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (*amm_ini_str(ini, section, needed[i].key) == '\0')
			amm_buf_addf(&buf, "%s%s", buf.len ? ", " : "", needed[i].words);
	return amm_buf_detach(&buf, NULL);
}

static const char *
besluit(const struct amm_ini *ini, const char *section)
{
	const char *b = amm_ini_str(ini, section, "besluit");

	return *b ? b : "in behandeling";
}

static void
render_uitzonderingen(const struct amm_casus *c, struct amm_buf *out)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_UITZONDERINGEN];
	int *nrs;
	size_t n;

	amm_items(ini, "uitzondering", &nrs, &n);
	amm_buf_adds(out, "Uitzonderingen\n");
	if (n == 0)
		amm_buf_adds(out, "  (geen)\n");
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("uitzondering %d", nrs[i]);
		int filled = 0;

		for (const char *const *w = waarden; *w != NULL; w++)
			filled += *amm_ini_str(ini, sec, *w) != '\0';
		amm_buf_addf(out, "  %3d  [%s]  waardendriehoek %d/3  maatwerkcoach: %s\n       ",
		             nrs[i], besluit(ini, sec), filled,
		             *amm_ini_str(ini, sec, "maatwerkcoach")
		                 ? amm_ini_str(ini, sec, "maatwerkcoach")
		                 : "-");
		add_indented(out, amm_ini_str(ini, sec, "over"), 7);
		amm_buf_addc(out, '\n');
		free(sec);
	}
	free(nrs);
}

void
amm_render_uitzondering(const struct amm_casus *c, const char *sec, struct amm_buf *out)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_UITZONDERINGEN];
	struct amm_strlist left = {0}, right = {0};
	long long gewoon = 0, maatwerk = 0;
	bool has_gewoon = amount(ini, sec, "kosten-gewoon", &gewoon);
	bool has_maatwerk = amount(ini, sec, "kosten-maatwerk", &maatwerk);
	const char *toelichting = amm_ini_str(ini, sec, "toelichting");

	amm_buf_addf(out, "%s  [%s]\n  Over: ", sec, besluit(ini, sec));
	add_indented(out, amm_ini_str(ini, sec, "over"), 8);
	amm_buf_addf(
	    out, "\n  Maatwerkcoach: %s\n\n",
	    *amm_ini_str(ini, sec, "maatwerkcoach") ? amm_ini_str(ini, sec, "maatwerkcoach") : "-");
	wrap(*amm_ini_str(ini, sec, "gewone-route") ? amm_ini_str(ini, sec, "gewone-route")
	                                            : "(nog niet beschreven)",
	     36, &left);
	wrap(*amm_ini_str(ini, sec, "maatwerk") ? amm_ini_str(ini, sec, "maatwerk")
	                                        : "(nog niet beschreven)",
	     36, &right);
	amm_buf_addf(out, "  %-36s   %s\n", "Gewone route", "Maatwerkoplossing");
	for (size_t i = 0; i < left.len || i < right.len; i++) {
		const char *l = i < left.len ? left.items[i] : "";
		const char *r = i < right.len ? right.items[i] : "";

		if (*r == '\0')
			amm_buf_addf(out, "  %s\n", l);
		else
			amm_buf_addf(out, "  %s%*s   %s\n", l, (int)(36 - utf8_len(l)), "", r);
	}
	{
		char *g = has_gewoon ? amm_bedrag_format(gewoon) : amm_xstrdup("-");
		char *m = has_maatwerk ? amm_bedrag_format(maatwerk) : amm_xstrdup("-");

		amm_buf_addf(out, "  Kosten: %s%*s   Kosten: %s\n", g, (int)(28 - utf8_len(g)), "",
		             m);
		free(g);
		free(m);
	}
	if (has_gewoon && has_maatwerk) {
		char *d =
		    amm_bedrag_format(gewoon >= maatwerk ? gewoon - maatwerk : maatwerk - gewoon);

		amm_buf_addf(out, "  Verschil: de maatwerkoplossing is %s %s\n", d,
		             gewoon >= maatwerk ? "goedkoper" : "duurder");
		free(d);
	}
	amm_buf_adds(out, "\n  Waardendriehoek\n");
	for (const char *const *w = waarden; *w != NULL; w++) {
		const char *v = amm_ini_str(ini, sec, *w);

		amm_buf_addf(out, "    %-14s ", *w);
		add_indented(out, *v ? v : "(leeg)", 19);
		amm_buf_addc(out, '\n');
	}
	if (*toelichting != '\0') {
		amm_buf_adds(out, "  Toelichting bij het besluit: ");
		add_indented(out, toelichting, 4);
		amm_buf_addc(out, '\n');
	}
	amm_strlist_free(&left);
	amm_strlist_free(&right);
}

void
amm_render_deel(const struct amm_casus *c, enum amm_deel deel, struct amm_date today,
                struct amm_buf *out)
{
	switch (deel) {
	case AMM_DEEL_CASUS:
		render_casus(c, out);
		break;
	case AMM_DEEL_PERSPECTIEF:
		render_perspectief(c, out);
		break;
	case AMM_DEEL_SPIN:
		render_spin(c, out);
		break;
	case AMM_DEEL_ANALYSE:
		render_analyse(c, out);
		break;
	case AMM_DEEL_STAPPEN:
		render_stappen(c, today, out);
		break;
	case AMM_DEEL_EVALUATIES:
		render_evaluaties(c, out);
		break;
	case AMM_DEEL_UITZONDERINGEN:
		render_uitzonderingen(c, out);
		break;
	case AMM_DEEL_TEAM:
		render_team(c, out);
		break;
	case AMM_DEEL_COUNT:
		break;
	}
}

/* Terminal text of a document's inline runs: what came from a file shown visibly; the words of
 * a state go in marks, at base + where they stand in out. */
static void
text_inlines(struct amm_buf *out, const struct amm_doc *d, struct amm_marks *marks, size_t base)
{
	for (size_t i = 0; i < d->n_kids; i++) {
		const struct amm_doc *k = d->kids[i];

		switch (k->kind) {
		case AMM_DOC_WORDS:
			if (k->style != NULL && strcmp(k->style, "leeg") != 0)
				mark(marks, base + out->len, strlen(k->text), k->style);
			amm_buf_adds(out, k->text);
			break;
		case AMM_DOC_VALUE:
			if (k->invalid)
				amm_buf_adds(out, "(ongeldig: ");
			amm_buf_add_visible(out, k->text, strlen(k->text), AMM_NOTATION_TEXT);
			if (k->invalid)
				amm_buf_addc(out, ')');
			break;
		case AMM_DOC_STRONG:
			text_inlines(out, k, marks, base);
			break;
		default:
			break;
		}
	}
}

/* A line of text at indent, its later lines at indent + more (an empty line stays empty). */
static void
text_line(struct amm_buf *out, const char *text, int indent, int more)
{
	amm_buf_addf(out, "%*s", indent, "");
	for (const char *p = text; *p != '\0'; p++) {
		amm_buf_addc(out, *p);
		if (*p == '\n' && p[1] != '\n')
			amm_buf_addf(out, "%*s", indent + more, "");
	}
	amm_buf_addc(out, '\n');
}

/* The width of the widest label of a list's fields, to line their values up. */
static size_t
label_width(const struct amm_doc *list)
{
	size_t w = 0;

	for (size_t i = 0; i < list->n_kids; i++)
		if (list->kids[i]->kind == AMM_DOC_FIELD && utf8_len(list->kids[i]->text) > w)
			w = utf8_len(list->kids[i]->text);
	return w;
}

/* One block: its inline runs, as one line at indent, its later lines at indent + more; its
 * marks moved to where they stand once indented. */
static void
text_block(struct amm_buf *out, const struct amm_doc *d, const char *prefix, int indent, int more,
           struct amm_marks *marks)
{
	struct amm_buf line = {0};
	size_t start = out->len, first = marks ? marks->n : 0;
	char *s;

	amm_buf_adds(&line, prefix);
	text_inlines(&line, d, marks, 0);
	s = amm_buf_detach(&line, NULL);
	text_line(out, s, indent, more);
	for (size_t i = first; marks != NULL && i < marks->n; i++) {
		size_t at = start + (size_t)indent + marks->at[i];

		for (size_t k = 0; k < marks->at[i]; k++)
			if (s[k] == '\n' && s[k + 1] != '\n')
				at += (size_t)(indent + more);
		marks->at[i] = at;
	}
	free(s);
}

void
amm_render_doc(const struct amm_doc *d, struct amm_buf *out, struct amm_marks *marks)
{
	struct amm_buf line = {0};
	size_t width;
	char *s;

	switch (d->kind) {
	case AMM_DOC_ROOT:
	case AMM_DOC_SECTION:
		for (size_t i = 0; i < d->n_kids; i++)
			amm_render_doc(d->kids[i], out, marks);
		break;
	case AMM_DOC_HEADING:
		if (d->level > 1)
			amm_buf_addc(out, '\n');
		text_inlines(&line, d, NULL, 0);
		width = utf8_len(line.data ? line.data : "");
		amm_buf_free(&line);
		text_block(out, d, "", 0, 2, marks);
		/* Underlined: = for the whole, - for a part. */
		for (size_t i = 0; d->level < 3 && i < width; i++)
			amm_buf_addc(out, d->level == 1 ? '=' : '-');
		if (d->level < 3)
			amm_buf_addc(out, '\n');
		break;
	case AMM_DOC_PARA:
		text_block(out, d, "", 2, 0, marks);
		break;
	case AMM_DOC_LIST:
		width = label_width(d);
		for (size_t i = 0; i < d->n_kids; i++) {
			const struct amm_doc *k = d->kids[i];

			if (k->kind == AMM_DOC_FIELD) {
				s = amm_asprintf("%s:%*s", k->text,
				                 (int)(width + 1 - utf8_len(k->text)), "");
				text_block(out, k, s, 2, (int)width + 2, marks);
				free(s);
			} else if (k->nr > 0) { /* its number, to name it in a command */
				s = amm_asprintf("%3d  ", k->nr);
				text_block(out, k, s, 2, 5, marks);
				free(s);
			} else {
				text_block(out, k, "- ", 2, 2, marks);
			}
		}
		break;
	case AMM_DOC_MARKDOWN:
		amm_buf_add_visible(&line, d->text, strlen(d->text), AMM_NOTATION_TEXT);
		s = amm_buf_detach(&line, NULL);
		text_line(out, s, 2, 0);
		free(s);
		break;
	default: /* the drawings and the signatures are for the page */
		break;
	}
}

void
amm_render_plan(const struct amm_casus *c, struct amm_date today, struct amm_buf *out,
                struct amm_marks *marks)
{
	struct amm_model *m = amm_model_build(c);
	struct amm_doc *doc = amm_doc_plan(m, today);

	amm_render_doc(doc, out, marks);
	amm_doc_free(doc);
	amm_model_free(m);
}

/* JSON: the documented schema amm/1 (amm-json(7), docs/amm.schema.json). */

json_t *
amm_json_text_value(const char *s)
{
	char *visible;
	json_t *j;

	if (s == NULL || *s == '\0')
		return json_null();
	if (amm_utf8_valid(s, strlen(s)) && (j = json_string(s)) != NULL)
		return j;
	visible = amm_str_visible(s);
	j = json_pack("{s:s}", "ongeldig", visible);
	free(visible);
	return j;
}

/* What a file holds, typed as the schema has it. */
enum json_kind { JSON_TEXT, JSON_DATE, JSON_NR, JSON_BEDRAG, JSON_JA, JSON_KEUZE };

struct json_field {
	const char *key; /* in the file; in JSON with '_' for '-' */
	enum json_kind kind;
	const char *const *choices; /* JSON_KEUZE */
};

static bool
is_nr(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && n <= 9 && s[n] == '\0' && s[0] != '0';
}

static bool
is_choice(const char *s, const char *const *choices)
{
	for (size_t i = 0; choices[i] != NULL; i++)
		if (strcmp(s, choices[i]) == 0)
			return true;
	return false;
}

/* A value as its kind: null when empty, {"ongeldig": text} when it is not valid. */
static json_t *
json_value(const char *v, const struct json_field *f)
{
	struct amm_date d;
	long long cents;
	amm_error *err;
	json_t *j = NULL;

	if (*v == '\0')
		return f->kind == JSON_JA ? json_false() : json_null();
	switch (f->kind) {
	case JSON_TEXT:
		return amm_json_text_value(v);
	case JSON_DATE:
		if (amm_date_stored(v, &d))
			j = json_string(v);
		break;
	case JSON_NR:
		if (is_nr(v))
			j = json_integer(atol(v));
		break;
	case JSON_BEDRAG:
		err = amm_bedrag_parse(v, &cents);
		if (err == NULL) {
			char *s = amm_bedrag_canonical(cents);

			j = json_string(s);
			free(s);
		}
		amm_error_free(err);
		break;
	case JSON_JA:
		if (strcmp(v, "ja") == 0)
			j = json_true();
		break;
	case JSON_KEUZE:
		if (is_choice(v, f->choices))
			j = json_string(v);
		break;
	}
	if (j == NULL) {
		char *visible = amm_str_visible(v);

		j = json_pack("{s:s}", "ongeldig", visible);
		free(visible);
	}
	return j;
}

/* The fields of a section, in the order of the table, each one there (null when empty). */
static void
json_fields(json_t *obj, const struct amm_ini *ini, const char *section,
            const struct json_field *fields)
{
	for (const struct json_field *f = fields; f->key != NULL; f++) {
		char *name = amm_xstrdup(f->key);

		for (char *p = name; *p != '\0'; p++)
			if (*p == '-')
				*p = '_';
		json_object_set_new(obj, name, json_value(amm_ini_str(ini, section, f->key), f));
		free(name);
	}
}

static const char *const status_casus[] = {"open", "afgesloten", NULL};
static const char *const types[] = {"persoonlijk", "professioneel", "systeem", NULL};
static const char *const status_stap[] = {"open", "klaar", "gestopt", NULL};
static const char *const status_afspraak[] = {"open", "klaar", NULL};
static const char *const resultaten[] = {"behaald", "deels", "niet", NULL};
static const char *const besluiten[] = {"akkoord", "afgewezen", NULL};
static const char *const rollen[] = {"casusinbrenger", "procesbegeleider", "maatwerkcoach", "lid",
                                     NULL};

static const struct json_field casus_fields[] = {
    {"alias", JSON_TEXT, NULL},          {"status", JSON_KEUZE, status_casus},
    {"geopend", JSON_DATE, NULL},        {"organisatie", JSON_TEXT, NULL},
    {"casusinbrenger", JSON_TEXT, NULL}, {"procesbegeleider", JSON_TEXT, NULL},
    {"maatwerkcoach", JSON_TEXT, NULL},  {"volgende-evaluatie", JSON_DATE, NULL},
    {"afgesloten", JSON_DATE, NULL},     {"reden-afsluiten", JSON_TEXT, NULL},
    {"heropend", JSON_DATE, NULL},       {NULL, JSON_TEXT, NULL},
};

/* The items of each kind, and the fields of each. */
static const struct {
	const char *kind;
	struct json_field fields[14];
} item_fields[] = {
    {"probleem", {{"type", JSON_KEUZE, types}, {"tekst", JSON_TEXT, NULL}, {NULL, 0, NULL}}},
    {"stap",
     {{"tekst", JSON_TEXT, NULL},
      {"status", JSON_KEUZE, status_stap},
      {"aangemaakt", JSON_DATE, NULL},
      {"afgerond", JSON_DATE, NULL},
      {"reden", JSON_TEXT, NULL},
      {NULL, 0, NULL}}},
    {"afspraak",
     {{"stap", JSON_NR, NULL},
      {"wie", JSON_TEXT, NULL},
      {"wat", JSON_TEXT, NULL},
      {"wanneer", JSON_DATE, NULL},
      {"status", JSON_KEUZE, status_afspraak},
      {"aangemaakt", JSON_DATE, NULL},
      {"afgerond", JSON_DATE, NULL},
      {NULL, 0, NULL}}},
    {"evaluatie",
     {{"datum", JSON_DATE, NULL},
      {"stap", JSON_NR, NULL},
      {"resultaat", JSON_KEUZE, resultaten},
      {"werkte", JSON_TEXT, NULL},
      {"nodig", JSON_TEXT, NULL},
      {"perspectief-behaald", JSON_JA, NULL},
      {NULL, 0, NULL}}},
    {"uitzondering",
     {{"over", JSON_TEXT, NULL},
      {"gewone-route", JSON_TEXT, NULL},
      {"maatwerk", JSON_TEXT, NULL},
      {"kosten-gewoon", JSON_BEDRAG, NULL},
      {"kosten-maatwerk", JSON_BEDRAG, NULL},
      {"maatwerkcoach", JSON_TEXT, NULL},
      {"legitimiteit", JSON_TEXT, NULL},
      {"betrokkenheid", JSON_TEXT, NULL},
      {"rendement", JSON_TEXT, NULL},
      {"besluit", JSON_KEUZE, besluiten},
      {"besluit-datum", JSON_DATE, NULL},
      {"toelichting", JSON_TEXT, NULL},
      {NULL, 0, NULL}}},
    {"lid",
     {{"naam", JSON_TEXT, NULL},
      {"rol", JSON_KEUZE, rollen},
      {"organisatie", JSON_TEXT, NULL},
      {NULL, 0, NULL}}},
};

json_t *
amm_json_item(const struct amm_ini *ini, const char *kind, int nr, struct amm_date today)
{
	char *sec = amm_asprintf("%s %d", kind, nr);
	json_t *obj = json_pack("{s:i}", "nr", nr);

	for (size_t k = 0; k < sizeof(item_fields) / sizeof(item_fields[0]); k++)
		if (strcmp(item_fields[k].kind, kind) == 0)
			json_fields(obj, ini, sec, item_fields[k].fields);
	if (strcmp(kind, "afspraak") == 0)
		json_object_set_new(obj, "te_laat",
		                    json_boolean(amm_afspraak_te_laat(ini, sec, today)));
	free(sec);
	return obj;
}

/* The items of a kind as objects; removed ones left out. */
static json_t *
json_items(const struct amm_ini *ini, const char *kind, struct amm_date today)
{
	json_t *list = json_array();
	int *nrs;
	size_t n;

	amm_items(ini, kind, &nrs, &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("%s %d", kind, nrs[i]);

		if (!removed(ini, sec))
			json_array_append_new(list, amm_json_item(ini, kind, nrs[i], today));
		free(sec);
	}
	free(nrs);
	return list;
}

json_t *
amm_json_casus(const struct amm_casus *c)
{
	json_t *obj = json_pack("{s:s}", "casus", c->id);

	json_fields(obj, c->ini[AMM_DEEL_CASUS], "casus", casus_fields);
	return obj;
}

json_t *
amm_json_deel(const struct amm_casus *c, enum amm_deel deel, struct amm_date today)
{
	static const struct json_field datum = {"", JSON_DATE, NULL};
	const struct amm_ini *ini = c->ini[deel];
	json_t *obj = NULL;

	switch (deel) {
	case AMM_DEEL_CASUS:
		obj = amm_json_casus(c);
		break;
	case AMM_DEEL_PERSPECTIEF: {
		char *body = amm_casus_perspectief(c);

		obj = json_pack("{s:o}", "tekst", amm_json_text_value(body));
		free(body);
		break;
	}
	case AMM_DEEL_SPIN: {
		static const struct json_field text = {"", JSON_TEXT, NULL};
		json_t *velden = json_object();
		int filled = 0;

		for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
			const char *v = amm_ini_str(ini, "spin", amm_spin_velden[i].key);

			filled += *v != '\0';
			json_object_set_new(velden, amm_spin_velden[i].key, json_value(v, &text));
		}
		obj = json_pack("{s:o, s:i, s:i}", "velden", velden, "ingevuld", filled, "totaal",
		                AMM_SPIN_FIELDS);
		break;
	}
	case AMM_DEEL_ANALYSE:
		obj = json_pack("{s:o, s:o}", "gedeeld",
		                json_value(amm_ini_str(ini, "analyse", "gedeeld"), &datum),
		                "problemen", json_items(ini, "probleem", today));
		break;
	case AMM_DEEL_STAPPEN:
		obj = json_pack("{s:o, s:o}", "stappen", json_items(ini, "stap", today),
		                "afspraken", json_items(ini, "afspraak", today));
		break;
	case AMM_DEEL_EVALUATIES:
		obj = json_pack("{s:o, s:o}", "evaluaties", json_items(ini, "evaluatie", today),
		                "volgende_evaluatie",
		                json_value(amm_casus_get(c, "volgende-evaluatie"), &datum));
		break;
	case AMM_DEEL_UITZONDERINGEN:
		obj = json_pack("{s:o}", "uitzonderingen", json_items(ini, "uitzondering", today));
		break;
	case AMM_DEEL_TEAM:
		obj = json_pack("{s:o}", "leden", json_items(ini, "lid", today));
		break;
	case AMM_DEEL_COUNT:
		break;
	}
	return obj;
}

json_t *
amm_json_plan(const struct amm_casus *c, struct amm_date today)
{
	json_t *plan = amm_json_casus(c);

	for (int d = AMM_DEEL_CASUS + 1; d < AMM_DEEL_COUNT; d++)
		json_object_set_new(plan, amm_delen[d].name,
		                    amm_json_deel(c, (enum amm_deel)d, today));
	return plan;
}

/* SVG */

void
amm_html_escape(struct amm_buf *out, const char *s, size_t max_chars, const char *newline)
{
	char *visible = amm_str_visible(s);
	size_t chars = 0;

	for (const char *p = visible; *p != '\0'; p++) {
		/* Count characters, not bytes: continuation bytes do not start one. */
		if (((unsigned char)*p & 0xc0) != 0x80 && ++chars > max_chars) {
			amm_buf_adds(out, "…");
			break;
		}
		switch (*p) {
		case '&':
			amm_buf_adds(out, "&amp;");
			break;
		case '<':
			amm_buf_adds(out, "&lt;");
			break;
		case '>':
			amm_buf_adds(out, "&gt;");
			break;
		case '"':
			amm_buf_adds(out, "&quot;");
			break;
		case '\'':
			amm_buf_adds(out, "&#39;");
			break;
		case '\n':
			amm_buf_adds(out, newline);
			break;
		case '\t':
			amm_buf_addc(out, ' ');
			break;
		default:
			amm_buf_addc(out, *p);
		}
	}
	free(visible);
}

double
amm_svg_text_width(const char *s, size_t len, double font_size, bool bold)
{
	double em = 0;

	for (size_t i = 0; i < len;) {
		unsigned long cp;
		size_t n = amm_utf8_char(s + i, len - i, &cp);

		if (n == 0)
			n = 1;
		i += n;
		/* Widths in em, at or above DejaVu Sans's (the widest common sans-serif). */
		if (cp < 0x80 && strchr(" .,:;'!|ilj", (int)cp) != NULL)
			em += 0.34;
		else if (cp < 0x80 && strchr("frt()[]{}-\"/", (int)cp) != NULL)
			em += 0.46;
		else if (cp < 0x80 && strchr("mwMW%@&", (int)cp) != NULL)
			em += 1.05;
		else if (cp >= 'A' && cp <= 'Z')
			em += 0.8;
		else if (cp < 0x80)
			em += 0.68;
		else if (cp < 0x1100)
			em += 0.82;
		else
			em += 1.3;
	}
	return em * font_size * (bold ? 1.12 : 1.0);
}

/* Append s (n bytes) to the line; a space between words. */
static void
line_add(struct amm_buf *line, const char *s, size_t n)
{
	if (line->len > 0)
		amm_buf_addc(line, ' ');
	amm_buf_add(line, s, n);
}

static bool
line_fits(const struct amm_buf *line, const char *word, size_t n, double width, double font_size,
          bool bold)
{
	double w = amm_svg_text_width(word, n, font_size, bold);

	if (line->len > 0)
		w += amm_svg_text_width(line->data, line->len, font_size, bold) +
		     amm_svg_text_width(" ", 1, font_size, bold);
	return w <= width;
}

/* The longest start of word (at least one character) that fits a line of its own. */
static size_t
word_prefix(const char *word, size_t n, double width, double font_size, bool bold)
{
	size_t fit = 0;

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t k = amm_utf8_char(word + i, n - i, &cp);

		i += k == 0 ? 1 : k;
		if (fit > 0 && amm_svg_text_width(word, i, font_size, bold) > width)
			break;
		fit = i;
	}
	return fit;
}

void
amm_svg_wrap(struct amm_strlist *lines, const char *text, double width, double font_size, bool bold,
             size_t max_lines)
{
	char *visible = amm_str_visible(text);
	struct amm_buf line = {0};
	const char *p = visible;
	size_t keep = lines->len + (max_lines > 0 ? max_lines : 1);

	for (;;) {
		size_t n;

		p += strspn(p, " \t\r\n");
		n = strcspn(p, " \t\r\n");
		if (n == 0)
			break;
		if (line_fits(&line, p, n, width, font_size, bold)) {
			line_add(&line, p, n);
			p += n;
			continue;
		}
		if (line.len == 0) {
			/* A word wider than a line: as much as fits, the rest on the next line. */
			size_t k = word_prefix(p, n, width, font_size, bold);

			amm_buf_add(&line, p, k);
			p += k;
		}
		amm_strlist_take(lines, amm_buf_detach(&line, NULL));
	}
	if (line.len > 0)
		amm_strlist_take(lines, amm_buf_detach(&line, NULL));
	if (lines->len > keep) {
		/* Text is left over: the last line kept ends in "…", shortened until it fits. */
		char *last = lines->items[keep - 1];
		size_t len = strlen(last);

		while (lines->len > keep)
			free(lines->items[--lines->len]);
		while (len > 0 && (last[len - 1] == ' ' ||
		                   amm_svg_text_width(last, len, font_size, bold) +
		                           amm_svg_text_width("…", strlen("…"), font_size, bold) >
		                       width)) {
			do
				len--;
			while (len > 0 && ((unsigned char)last[len] & 0xc0) == 0x80);
		}
		lines->items[keep - 1] = amm_asprintf("%.*s…", (int)len, last);
		free(last);
	}
	amm_buf_free(&line);
	free(visible);
}

/* Lines of text centred on x from baseline y, line_height apart, escaped. */
static void
svg_lines(struct amm_buf *out, const struct amm_strlist *lines, size_t from, size_t to, int x,
          int y, int line_height)
{
	for (size_t i = from; i < to; i++) {
		amm_buf_addf(out, "<tspan x=\"%d\" y=\"%d\">", x,
		             y + (int)(i - from) * line_height);
		amm_html_escape(out, lines->items[i], SIZE_MAX, " ");
		amm_buf_adds(out, "</tspan>");
	}
}

char *
amm_svg_spin(const struct amm_casus *c)
{
	/* Nine positions on an ellipse around the middle, clockwise from the top. */
	static const int pos[AMM_SPIN_FIELDS][2] = {
	    {460, 78},  {675, 139}, {790, 294}, {750, 471}, {575, 586},
	    {345, 586}, {170, 471}, {130, 294}, {245, 139},
	};
	/* A field's box, and the width its text may take inside it. */
	enum { VELD = 210, VELD_TEKST = VELD - 16 };
	struct amm_buf out = {0}, spokes = {0}, fields = {0};
	int x0 = 460 - 110, y0 = 340 - 55, x1 = 460 + 110, y1 = 340 + 55;

	for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
		const char *v = amm_ini_str(c->ini[AMM_DEEL_SPIN], "spin", amm_spin_velden[i].key);
		bool filled = *v != '\0';
		struct amm_strlist label = {0};
		size_t nt;
		int x = pos[i][0], y, h;

		amm_svg_wrap(&label, amm_spin_velden[i].label, VELD_TEKST, 14, true, 2);
		nt = label.len;
		amm_svg_wrap(&label, filled ? v : "(leeg)", VELD_TEKST, 12, false, 3);
		h = 18 + (int)nt * 17 + (int)(label.len - nt) * 15;
		y = pos[i][1] - h / 2;
		x0 = x - VELD / 2 < x0 ? x - VELD / 2 : x0;
		x1 = x + VELD / 2 > x1 ? x + VELD / 2 : x1;
		y0 = y < y0 ? y : y0;
		y1 = y + h > y1 ? y + h : y1;
		amm_buf_addf(&spokes,
		             "<line x1=\"460\" y1=\"340\" x2=\"%d\" y2=\"%d\" stroke=\"#8a8a8a\" "
		             "stroke-width=\"2\"/>\n",
		             x, pos[i][1]);
		amm_buf_addf(&fields,
		             "<g class=\"veld %s\" data-veld=\"%s\">\n"
		             "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"10\" "
		             "fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s/>\n"
		             "<text text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" "
		             "fill=\"#1a1a1a\">",
		             filled ? "gevuld" : "leeg", amm_spin_velden[i].key, x - VELD / 2, y,
		             VELD, h, filled ? "#dbeefa" : "#ffffff",
		             filled ? "#004699" : "#9a9a9a",
		             filled ? "" : " stroke-dasharray=\"6 4\"");
		svg_lines(&fields, &label, 0, nt, x, y + 21, 17);
		amm_buf_addf(&fields,
		             "</text>\n<text text-anchor=\"middle\" font-size=\"12\" fill=\"%s\">",
		             filled ? "#1a1a1a" : "#767676");
		svg_lines(&fields, &label, nt, label.len, x, y + 8 + (int)nt * 17 + 15, 15);
		amm_buf_adds(&fields, "</text>\n</g>\n");
		amm_strlist_free(&label);
	}
	/* Room for every field as drawn, and a margin for the strokes. */
	x0 -= 10, y0 -= 10, x1 += 10, y1 += 10;
	amm_buf_addf(&out,
	             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%d %d %d %d\" "
	             "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"De spin\" "
	             "font-family=\"sans-serif\">\n"
	             "<title>De spin: feitelijke situatieschets</title>\n",
	             x0, y0, x1 - x0, y1 - y0, x1 - x0, y1 - y0);
	amm_buf_add(&out, spokes.data, spokes.len);
	amm_buf_adds(&out,
	             "<ellipse cx=\"460\" cy=\"340\" rx=\"110\" ry=\"55\" fill=\"#ec0000\"/>\n"
	             "<text x=\"460\" y=\"346\" text-anchor=\"middle\" font-size=\"18\" "
	             "font-weight=\"bold\" fill=\"#ffffff\">De Amsterdammer</text>\n");
	amm_buf_add(&out, fields.data, fields.len);
	amm_buf_adds(&out, "</svg>\n");
	amm_buf_free(&spokes);
	amm_buf_free(&fields);
	return amm_buf_detach(&out, NULL);
}

char *
amm_svg_waardendriehoek(const struct amm_casus *c, const char *sec)
{
	/* Legitimiteit at the top, betrokkenheid bottom left, rendement bottom right. */
	static const int corner[3][2] = {{300, 120}, {90, 400}, {510, 400}};
	static const int label[3][2] = {{300, 50}, {90, 440}, {510, 440}};
	/* Room for the text under each corner: wide at the top, two lines; three at the bottom. */
	static const int room[3][2] = {{300, 2}, {170, 3}, {170, 3}};
	const struct amm_ini *ini = c->ini[AMM_DEEL_UITZONDERINGEN];
	struct amm_buf out = {0};

	amm_buf_adds(&out,
	             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 500\" "
	             "width=\"600\" height=\"500\" role=\"img\" aria-label=\"Waardendriehoek\" "
	             "font-family=\"sans-serif\">\n<title>Waardendriehoek</title>\n"
	             "<polygon points=\"300,120 90,400 510,400\" fill=\"#f4f4f4\" "
	             "stroke=\"#004699\" stroke-width=\"3\"/>\n");
	for (int i = 0; i < 3; i++) {
		const char *v = amm_ini_str(ini, sec, waarden[i]);
		bool filled = *v != '\0';
		struct amm_strlist lines = {0};

		amm_buf_addf(&out,
		             "<g class=\"hoek %s\" data-waarde=\"%s\">\n<circle cx=\"%d\" "
		             "cy=\"%d\" r=\"22\" fill=\"%s\" stroke=\"#004699\" "
		             "stroke-width=\"3\"/>\n<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		             "font-size=\"18\" font-weight=\"bold\">%s</text>\n<text "
		             "text-anchor=\"middle\" font-size=\"12\" fill=\"#333333\">",
		             filled ? "gevuld" : "leeg", waarden[i], corner[i][0], corner[i][1],
		             filled ? "#004699" : "#ffffff", label[i][0], label[i][1],
		             i == 0 ? "Legitimiteit" : (i == 1 ? "Betrokkenheid" : "Rendement"));
		amm_svg_wrap(&lines, filled ? v : "(nog niet onderbouwd)", room[i][0], 12, false,
		             (size_t)room[i][1]);
		svg_lines(&out, &lines, 0, lines.len, label[i][0], label[i][1] + 20, 15);
		amm_buf_adds(&out, "</text>\n</g>\n");
		amm_strlist_free(&lines);
	}
	amm_buf_adds(&out, "<text x=\"300\" y=\"270\" text-anchor=\"middle\" font-size=\"14\">");
	amm_html_escape(&out, sec, 40, " ");
	amm_buf_adds(&out, "</text>\n</svg>\n");
	return amm_buf_detach(&out, NULL);
}
