#include "agenda.h"

#include <stdlib.h>
#include <string.h>

static struct amm_agenda_item *
add_item(struct amm_agenda *a, const struct amm_casus *c, struct amm_date d)
{
	struct amm_agenda_item *it;

	a->items = amm_xrealloc(a->items, (a->len + 1) * sizeof(*a->items));
	it = &a->items[a->len++];
	memset(it, 0, sizeof(*it));
	it->date = d;
	it->casus = amm_xstrdup(c->id);
	it->alias = amm_xstrdup(amm_casus_get(c, "alias"));
	return it;
}

void
amm_agenda_add(struct amm_agenda *a, const struct amm_casus *c)
{
	const struct amm_ini *ini = c->ini[AMM_DEEL_STAPPEN];
	struct amm_date d;
	int *nrs;
	size_t n;

	amm_items(ini, "afspraak", &nrs, &n);
	for (size_t i = 0; i < n; i++) {
		char *sec = amm_asprintf("afspraak %d", nrs[i]);
		const char *status = amm_ini_str(ini, sec, "status");

		if ((*status == '\0' || strcmp(status, "open") == 0) &&
		    amm_date_stored(amm_ini_str(ini, sec, "wanneer"), &d)) {
			struct amm_agenda_item *it = add_item(a, c, d);

			it->nr = nrs[i];
			it->stap = atoi(amm_ini_str(ini, sec, "stap"));
			it->wie = amm_xstrdup(amm_ini_str(ini, sec, "wie"));
			it->wat = amm_xstrdup(amm_ini_str(ini, sec, "wat"));
		}
		free(sec);
	}
	free(nrs);
	if (amm_date_stored(amm_casus_get(c, "volgende-evaluatie"), &d)) {
		struct amm_agenda_item *it = add_item(a, c, d);

		it->evaluatie = true;
		it->wie = amm_xstrdup(amm_casus_get(c, "casusinbrenger"));
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

/* RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped; controls shown visibly,
 * a tab as a space. */
static void
ics_text(struct amm_buf *out, const char *text)
{
	char *visible = amm_str_visible(text);

	for (const char *s = visible; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			amm_buf_addc(out, '\\');
			amm_buf_addc(out, *s);
		} else if (*s == '\n')
			amm_buf_adds(out, "\\n");
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

char *
amm_agenda_ics(const struct amm_agenda *a, const char *stamp)
{
	struct amm_buf out = {0};

	ics_line(&out, "BEGIN:VCALENDAR");
	ics_line(&out, "VERSION:2.0");
	ics_line(&out, "PRODID:-//amm//Amsterdamse Maatwerk Methode//NL");
	ics_line(&out, "CALSCALE:GREGORIAN");
	for (size_t i = 0; i < a->len; i++) {
		const struct amm_agenda_item *it = &a->items[i];
		struct amm_date next = amm_date_from_days(amm_date_to_days(it->date) + 1);
		struct amm_buf line = {0};

		ics_line(&out, "BEGIN:VEVENT");
		if (it->evaluatie)
			amm_buf_addf(&line, "UID:%s-evaluatie@amm", it->casus);
		else
			amm_buf_addf(&line, "UID:%s-afspraak-%d@amm", it->casus, it->nr);
		ics_line(&out, line.data);
		amm_buf_free(&line);
		amm_buf_addf(&line, "DTSTAMP:%s", stamp);
		ics_line(&out, line.data);
		amm_buf_free(&line);
		amm_buf_addf(&line, "DTSTART;VALUE=DATE:%04d%02d%02d", it->date.y, it->date.m,
		             it->date.d);
		ics_line(&out, line.data);
		amm_buf_free(&line);
		amm_buf_addf(&line, "DTEND;VALUE=DATE:%04d%02d%02d", next.y, next.m, next.d);
		ics_line(&out, line.data);
		amm_buf_free(&line);
		amm_buf_addf(&line, "SUMMARY:%s ", it->casus);
		if (it->evaluatie)
			ics_text(&line, "evaluatie");
		else {
			ics_text(&line, it->wie);
			amm_buf_adds(&line, ": ");
			ics_text(&line, it->wat);
		}
		ics_line(&out, line.data);
		amm_buf_free(&line);
		amm_buf_adds(&line, "DESCRIPTION:");
		ics_text(&line, it->alias);
		if (!it->evaluatie)
			amm_buf_addf(&line, " - afspraak %d bij stap %d", it->nr, it->stap);
		ics_line(&out, line.data);
		amm_buf_free(&line);
		ics_line(&out, "END:VEVENT");
	}
	ics_line(&out, "END:VCALENDAR");
	return amm_buf_detach(&out, NULL);
}
