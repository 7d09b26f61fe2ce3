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

const char *const amm_waarden[] = {"legitimiteit", "betrokkenheid", "rendement", NULL};

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

		for (const char *const *w = amm_waarden; *w != NULL; w++)
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
	for (const char *const *w = amm_waarden; *w != NULL; w++) {
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
