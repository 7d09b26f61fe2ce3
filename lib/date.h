/* Calendar dates (YYYY-MM-DD) and the relative forms users type. */
#ifndef AMM_DATE_H
#define AMM_DATE_H

#include <stdbool.h>

#include "error.h"

struct amm_date {
	int y, m, d;
};

#define AMM_DATE_LEN 11 /* "YYYY-MM-DD" and its NUL */
/*
 * A "today" for counts that do not depend on the date (amm_casus_voortgang when only the
 * numbers of steps and agreements matter, not which are late): long before any casus.
 */
#define AMM_DATE_NO_TODAY ((struct amm_date){2000, 1, 1})

bool amm_date_valid(int y, int m, int d);
/*
 * Parse YYYY-MM-DD, vandaag, morgen, gisteren, +N / -N (days) or +Nw / -Nw (weeks) relative
 * to today. Impossible dates (2026-02-29, 2026-13-01) are refused with AMM_EXIT_INPUT.
 */
amm_error *amm_date_parse(struct amm_date *out, const char *text, struct amm_date today);
/* A date as amm stores it (YYYY-MM-DD, never "morgen"); false for anything else. */
bool amm_date_stored(const char *text, struct amm_date *out);
/* Today: $AMM_VANDAAG (YYYY-MM-DD) when set, else the local date. */
amm_error *amm_date_today(struct amm_date *out);
void amm_date_format(struct amm_date date, char out[AMM_DATE_LEN]);
/* Days since 1970-01-01, and back. */
long amm_date_to_days(struct amm_date date);
struct amm_date amm_date_from_days(long days);
int amm_date_cmp(struct amm_date a, struct amm_date b);
/* The calendar day of a moment (seconds since the epoch) in a zone (minutes east of UTC). */
struct amm_date amm_date_of_time(long long time, int offset);

#endif
