/* What is due across casussen: open agreements and planned evaluations, by date. */
#ifndef AMM_AGENDA_H
#define AMM_AGENDA_H

#include <stdbool.h>
#include <stddef.h>

#include "casus.h"
#include "date.h"

struct amm_agenda_item {
	struct amm_date date;
	char *casus;
	char *alias;
	bool evaluatie; /* else an afspraak */
	int nr;         /* afspraak number; 0 for an evaluation */
	int stap;
	char *wie;
	char *wat;
};

struct amm_agenda {
	struct amm_agenda_item *items;
	size_t len;
};

/* Add the open agreements and the next evaluation of one casus. */
void amm_agenda_add(struct amm_agenda *a, const struct amm_casus *c);
/* Sort by date, then casus, then number. */
void amm_agenda_sort(struct amm_agenda *a);
void amm_agenda_free(struct amm_agenda *a);
/*
 * An RFC 5545 calendar: one all-day VEVENT per item, UIDs stable across runs (casus, kind
 * and number), text escaped and lines folded at 75 octets. stamp is the DTSTAMP (UTC).
 */
char *amm_agenda_ics(const struct amm_agenda *a, const char *stamp);

#endif
