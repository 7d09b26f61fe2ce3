#include "agenda.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct amm_agenda_item *
add_item(struct amm_agenda *a, const struct amm_model *m, struct amm_date d, bool klaar,
         bool vervallen, int sequence, long long stamp)
{
	struct amm_agenda_item *it;

	a->items = amm_xrealloc(a->items, (a->len + 1) * sizeof(*a->items));
	it = &a->items[a->len++];
	memset(it, 0, sizeof(*it));
	it->date = d;
	it->casus = amm_xstrdup(m->casus->id);
	it->alias = amm_xstrdup(m->c.alias.text);
	it->klaar = klaar;
	it->vervallen = vervallen && !klaar;
	it->sequence = sequence;
	it->stamp = stamp;
	return it;
}

void
amm_agenda_add(struct amm_agenda *a, const struct amm_model *m, bool all, int sequence,
               long long stamp)
{
	bool closed = !amm_model_is_open(m);

	if (closed && !all)
		return;
	/*
	 * Only valid dates: an impossible one is for amm check to report. Texts as they are:
	 * every output shows a control character visibly.
	 */
	for (size_t i = 0; i < m->n_afspraken; i++) {
		const struct amm_afspraak *af = &m->afspraken[i];
		const struct amm_value *status = &af->status;
		bool open = *status->text == '\0' || strcmp(amm_value_str(status), "open") == 0;

		if ((open || all) && amm_value_set(&af->wanneer)) {
			struct amm_agenda_item *it =
			    add_item(a, m, af->wanneer.date, !open, closed, sequence, stamp);

			it->nr = af->item.nr;
			it->stap = amm_value_set(&af->stap) ? (int)af->stap.num : 0;
			it->wie = amm_xstrdup(af->wie.text);
			it->wat = amm_xstrdup(af->wat.text);
		}
	}
	if (amm_value_set(&m->c.volgende_evaluatie)) {
		struct amm_agenda_item *it =
		    add_item(a, m, m->c.volgende_evaluatie.date, false, closed, sequence, stamp);

		it->evaluatie = true;
		it->wie = amm_xstrdup(m->c.casusinbrenger.text);
		it->wat = amm_xstrdup("evaluatie met de Amsterdammer");
	}
}

static int
cmp_item(const void *pa, const void *pb)
{
	const struct amm_agenda_item *a = pa, *b = pb;
	int c = amm_date_cmp(a->date, b->date);

	if (c == 0)
		c = strcmp(a->casus, b->casus);
	if (c == 0)
		c = a->nr - b->nr;
	return c;
}

void
amm_agenda_sort(struct amm_agenda *a)
{
	if (a->len > 1)
		qsort(a->items, a->len, sizeof(*a->items), cmp_item);
}

void
amm_agenda_free(struct amm_agenda *a)
{
	for (size_t i = 0; i < a->len; i++) {
		free(a->items[i].casus);
		free(a->items[i].alias);
		free(a->items[i].wie);
		free(a->items[i].wat);
	}
	free(a->items);
	a->items = NULL;
	a->len = 0;
}

/*
 * RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped; controls shown visibly,
 * a tab as a space. one_line: a newline as a space too (a SUMMARY is one line).
 */
static void
ics_text(struct amm_buf *out, const char *text, bool one_line)
{
	char *visible = amm_str_visible(text);

	for (const char *s = visible; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			amm_buf_addc(out, '\\');
			amm_buf_addc(out, *s);
		} else if (*s == '\n')
			amm_buf_adds(out, one_line ? " " : "\\n");
		else
			amm_buf_addc(out, *s == '\t' ? ' ' : *s);
	}
	free(visible);
}

/* One content line, folded at 75 octets without splitting a UTF-8 character. */
static void
ics_line(struct amm_buf *out, const char *line)
{
	size_t n = strlen(line), col = 0;

	for (size_t i = 0; i < n; i++) {
		size_t clen = 1;

		while (i + clen < n && ((unsigned char)line[i + clen] & 0xc0) == 0x80)
			clen++;
		if (col + clen > 75) {
			amm_buf_adds(out, "\r\n ");
			col = 1;
		}
		amm_buf_add(out, line + i, clen);
		col += clen;
		i += clen - 1;
	}
	amm_buf_adds(out, "\r\n");
}

/* Build one content line in line (from empty), then fold it into out. */
static void
ics_put(struct amm_buf *out, struct amm_buf *line)
{
	ics_line(out, line->data);
	amm_buf_free(line);
}

static void
ics_event(struct amm_buf *out, const struct amm_agenda_item *it, const char *repo_id, bool details)
{
	struct amm_date next = amm_date_from_days(amm_date_to_days(it->date) + 1);
	time_t when = (time_t)it->stamp;
	struct amm_buf line = {0};
	struct tm tm;

	ics_line(out, "BEGIN:VEVENT");
	if (it->evaluatie)
		amm_buf_addf(&line, "UID:evaluatie-%s@", it->casus);
	else
		amm_buf_addf(&line, "UID:afspraak-%s-%d@", it->casus, it->nr);
	ics_text(&line, repo_id, true);
	amm_buf_adds(&line, ".amm");
	ics_put(out, &line);
	if (gmtime_r(&when, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	amm_buf_addf(&line, "DTSTAMP:%04d%02d%02dT%02d%02d%02dZ", (tm.tm_year + 1900) % 10000,
	             (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
	             tm.tm_sec % 100);
	ics_put(out, &line);
	amm_buf_addf(&line, "DTSTART;VALUE=DATE:%04d%02d%02d", it->date.y, it->date.m, it->date.d);
	ics_put(out, &line);
	amm_buf_addf(&line, "DTEND;VALUE=DATE:%04d%02d%02d", next.y, next.m, next.d);
	ics_put(out, &line);
	amm_buf_addf(&line, "SEQUENCE:%d", it->sequence);
	ics_put(out, &line);
	ics_line(out, it->klaar || it->vervallen ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
	/* A reminder of a day, not a meeting: it does not make anyone busy. */
	ics_line(out, "TRANSP:TRANSPARENT");
	if (it->evaluatie)
		amm_buf_addf(&line, "SUMMARY:Evaluatie %s", it->casus);
	else
		amm_buf_addf(&line, "SUMMARY:Afspraak %d van %s", it->nr, it->casus);
	if (*it->alias != '\0') {
		amm_buf_adds(&line, " (");
		ics_text(&line, it->alias, true);
		amm_buf_adds(&line, ")");
	}
	if (!it->evaluatie)
		amm_buf_addf(&line, ": stap %d", it->stap);
	if (it->klaar || it->vervallen)
		amm_buf_adds(&line, it->klaar ? " (klaar)" : " (vervallen)");
	ics_put(out, &line);
	if (details) {
		amm_buf_adds(&line, "DESCRIPTION:Wie: ");
		ics_text(&line, it->wie, false);
		amm_buf_adds(&line, "\\nWat: ");
		ics_text(&line, it->wat, false);
		ics_put(out, &line);
	}
	ics_line(out, "END:VEVENT");
}

char *
amm_agenda_ics(const struct amm_agenda *a, const char *repo_id, bool details)
{
	struct amm_buf out = {0};

	ics_line(&out, "BEGIN:VCALENDAR");
	ics_line(&out, "VERSION:2.0");
	ics_line(&out, "PRODID:-//amm//Amsterdamse Maatwerk Methode//NL");
	ics_line(&out, "CALSCALE:GREGORIAN");
	for (size_t i = 0; i < a->len; i++)
		ics_event(&out, &a->items[i], repo_id, details);
	ics_line(&out, "END:VCALENDAR");
	return amm_buf_detach(&out, NULL);
}
