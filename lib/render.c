#include "render.h"

#include "doc.h"

#include <stdlib.h>
#include <string.h>

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

/* The number of characters (code points) in s. */
static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
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
		if (d->level > 1 && out->len > 0) /* a part shown alone starts at once */
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
