#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msg.h"

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
amm_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

/* Howard Hinnant's days_from_civil. */
long
amm_date_to_days(struct amm_date date)
{
	long y = date.y - (date.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (date.m + (date.m > 2 ? -3 : 9)) + 2) / 5 + date.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct amm_date
amm_date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct amm_date date;

	date.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	date.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	date.y = (int)(yoe + era * 400 + (date.m <= 2));
	return date;
}

struct amm_date
amm_date_of_time(long long time, int offset)
{
	long long t = time + (long long)offset * 60;

	return amm_date_from_days((long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400)));
}

int
amm_date_cmp(struct amm_date a, struct amm_date b)
{
	long da = amm_date_to_days(a), db = amm_date_to_days(b);

	return da < db ? -1 : da > db;
}

void
amm_date_format(struct amm_date date, char out[AMM_DATE_LEN])
{
	unsigned y = (unsigned)date.y % 10000, m = (unsigned)date.m % 13, d = (unsigned)date.d % 32;

	snprintf(out, AMM_DATE_LEN, "%04u-%02u-%02u", y, m, d);
}

static bool
parse_iso(const char *s, struct amm_date *out)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	if (s[10] != '\0')
		return false;
	out->y = atoi(s);
	out->m = atoi(s + 5);
	out->d = atoi(s + 8);
	return true;
}

amm_error *
amm_date_parse(struct amm_date *out, const char *text, struct amm_date today)
{
	long offset = 0, n = 0;
	const char *p;

	if (parse_iso(text, out)) {
		if (!amm_date_valid(out->y, out->m, out->d))
			return amm_error_new(AMM_EXIT_INPUT, MSG_DATE_IMPOSSIBLE, text);
		return NULL;
	}
	if (strcmp(text, "vandaag") == 0)
		offset = 0;
	else if (strcmp(text, "morgen") == 0)
		offset = 1;
	else if (strcmp(text, "gisteren") == 0)
		offset = -1;
	else if ((text[0] == '+' || text[0] == '-') && text[1] >= '0' && text[1] <= '9') {
		for (p = text + 1; *p >= '0' && *p <= '9' && n < 100000; p++)
			n = n * 10 + (*p - '0');
		if (*p == 'w' && p[1] == '\0')
			n *= 7;
		else if (*p != '\0')
			return amm_error_new(AMM_EXIT_INPUT, MSG_DATE_BAD, text);
		if (n > 36600)
			return amm_error_new(AMM_EXIT_INPUT, MSG_DATE_BAD, text);
		offset = text[0] == '+' ? n : -n;
	} else {
		return amm_error_new(AMM_EXIT_INPUT, MSG_DATE_BAD, text);
	}
	*out = amm_date_from_days(amm_date_to_days(today) + offset);
	if (!amm_date_valid(out->y, out->m, out->d))
		return amm_error_new(AMM_EXIT_INPUT, MSG_DATE_BAD, text);
	return NULL;
}

bool
amm_date_stored(const char *text, struct amm_date *out)
{
	return parse_iso(text, out) && amm_date_valid(out->y, out->m, out->d);
}

amm_error *
amm_date_today(struct amm_date *out)
{
	const char *env = getenv("AMM_VANDAAG");
	time_t now;
	struct tm tm;

	if (env != NULL && *env != '\0') {
		if (!parse_iso(env, out) || !amm_date_valid(out->y, out->m, out->d))
			return amm_error_new(AMM_EXIT_INPUT, MSG_DATE_ENV, env);
		return NULL;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return amm_error_errno("localtime");
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	return NULL;
}
