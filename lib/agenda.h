/* What is due across casussen: open agreements and planned evaluations, by date. */
#ifndef AMM_AGENDA_H
#define AMM_AGENDA_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "model.h"

struct amm_agenda_item {
	struct amm_date date;
	char *casus;
	char *alias;
	bool evaluatie; /* else an afspraak */
	/* Cancelled in a calendar: done, or not done but its casus is closed. */
	bool klaar, vervallen;
	int nr; /* afspraak number; 0 for an evaluation */
	int stap;
	char *wie;
	char *wat;
	int sequence;    /* how often its casus changed (commits): the calendar's SEQUENCE */
	long long stamp; /* when its casus last changed (seconds since the epoch, UTC) */
};

struct amm_agenda {
	struct amm_agenda_item *items;
	size_t len;
};

/*
 * Add the open agreements and the next evaluation of one open casus, those with a valid date. With
 * all, also the agreements that are done (klaar) and, of a closed casus, everything (vervallen if
 * not done): what a calendar needs to cancel their events. sequence and stamp describe the casus's
 * history.
 */
void amm_agenda_add(struct amm_agenda *a, const struct amm_model *m, bool all, int sequence,
                    long long stamp);
/* Sort by date, then casus, then number. */
void amm_agenda_sort(struct amm_agenda *a);
void amm_agenda_free(struct amm_agenda *a);
/*
 * An RFC 5545 calendar: one all-day VEVENT per item, CONFIRMED, or CANCELLED when klaar or
 * vervallen, with a UID made of kind, casus, number and the repository's id
 * (afspraak-2026-001-3@<id>.amm), so it is the same on every run and in no other repository;
 * SEQUENCE and DTSTAMP from the item. The SUMMARY is one line with the casus's alias and no other
 * personal detail; with details, the DESCRIPTION has wie and wat. Text escaped, lines folded at 75
 * octets, CRLF.
 */
char *amm_agenda_ics(const struct amm_agenda *a, const char *repo_id, bool details);

#endif
