/*
 * The summary of every casus, for the commands that read across casussen (amm lijst, amm rapport,
 * amm agenda): per casus what they show and filter on, made from its model and kept in a derived
 * file under .git (AMM_SUMMARY_FILE, never committed). Each summary is keyed by the git tree id of
 * its casus folder (and its id), so it holds for exactly that content: a read lists the casus trees
 * of HEAD, takes every summary whose tree is unchanged and loads through the model only the
 * casussen whose tree changed. A file that is absent, of another format version, truncated or
 * damaged (its checksum) is never trusted: it is built anew.
 */
#ifndef AMM_SUMMARY_H
#define AMM_SUMMARY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "casus.h"
#include "date.h"
#include "error.h"
#include "store.h"

#define AMM_SUMMARY_FILE    "amm-overzicht"
#define AMM_SUMMARY_VERSION 1

/* One casus; the texts are borrowed from the summary. */
struct amm_summary_casus {
	const char *id;
	const char *fout;   /* it cannot be read (AMM_EXIT_INPUT): why; the rest is empty */
	const char *status; /* valid, else "" */
	bool open;
	const char *alias;     /* as the file holds it */
	const char *evaluatie; /* the next evaluation, valid, else "" */
	const char *inbrenger, *coach;
	struct amm_voortgang v;  /* afspraken_te_laat: as of the day of the read */
	json_t *team;            /* the names of the team members, strings */
	json_t *afspraken;       /* per agreement [wie, date it is late after or "", open] */
	json_t *casus;           /* the casus as amm_json_casus gives it */
	json_t *systeem;         /* the texts of its system problems */
	json_t *agenda;          /* what is due, for amm_summary_agenda (NULL: see agenda_fout) */
	const char *agenda_fout; /* casus.ini or stappen.ini cannot be read: why */
	json_t *uitzonderingen;  /* per uitzondering [besluit: 0 in behandeling, 1 akkoord,
	                          * 2 afgewezen, kosten gewone route, kosten maatwerk (cents)] */
};

struct amm_summary {
	struct amm_summary_casus *items; /* in the order of amm_casus_ids */
	size_t len;
	size_t loaded; /* how many were loaded through the model (the rest reused) */
	json_t *records;
};

/* The summary of every casus of head (a snapshot of HEAD of st), updating the file. */
amm_error *amm_summary_read(struct amm_summary *out, struct amm_store *st, struct amm_snap *head,
                            struct amm_date today);
void amm_summary_free(struct amm_summary *s);

struct amm_agenda;
/* Add what is due of the casus, as amm_agenda_add without all adds it. */
void amm_summary_agenda(const struct amm_summary_casus *s, struct amm_agenda *a);

/* Why the casus cannot be read (fout or agenda_fout) as its load said it (AMM_EXIT_INPUT), or
 * NULL when why is NULL. */
amm_error *amm_summary_fout(const char *why);

/* Whether naam (case does not count) is in its inbrenger, coach, a team member or the wie of
 * an open agreement. */
bool amm_summary_noemt(const struct amm_summary_casus *s, const char *naam);

/* Remove the file (amm vergeet: it may hold the casus that is erased). */
void amm_summary_remove(struct amm_store *st);

#endif
