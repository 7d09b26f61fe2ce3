#include "bedrag.h"

#include <stdbool.h>

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

#define MAX_CENTS 100000000000LL /* a billion euros, refused: far beyond any casus */

static const char *
skip_currency(const char *p)
{
	while (*p == ' ')
		p++;
	if (strncmp(p, "€", strlen("€")) == 0)
		p += strlen("€");
	else if (strncmp(p, "EUR", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	return p;
}

/* The stored form "9500.50": digits, a dot, two digits. */
static bool
canonical(const char *p, long long *cents)
{
	size_t n = strspn(p, "0123456789");

	if (n == 0 || n > 12 || p[n] != '.' || strspn(p + n + 1, "0123456789") != 2 || p[n + 3])
		return false;
	*cents = strtoll(p, NULL, 10) * 100 + strtoll(p + n + 1, NULL, 10);
	return *cents < MAX_CENTS;
}

amm_error *
amm_bedrag_parse(const char *text, long long *cents)
{
	const char *p = skip_currency(text);
	long long euros = 0, frac = 0;
	int digits = 0, group = -1, decimals = 0;

	*cents = 0;
	if (canonical(p, cents))
		return NULL;
	for (; *p >= '0' && *p <= '9'; p++) {
		euros = euros * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
		if (euros * 100 >= MAX_CENTS)
			return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
		/* A dot groups thousands: exactly three digits follow it. */
		if (p[1] == '.') {
			if (group >= 0 && group != 3)
				return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
			if (group < 0 && digits > 3)
				return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
			group = 0;
			p++;
		}
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
	if (strcmp(p, ",-") == 0)
		p += 2;
	else if (*p == ',') {
		for (p++; *p >= '0' && *p <= '9' && decimals < 3; p++, decimals++)
			frac = frac * 10 + (*p - '0');
		if (decimals == 0 || decimals > 2)
			return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
		if (decimals == 1)
			frac *= 10;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
	if (euros * 100 + frac >= MAX_CENTS)
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
	*cents = euros * 100 + frac;
	return NULL;
}

char *
amm_bedrag_canonical(long long cents)
{
	return amm_asprintf("%lld.%02lld", cents / 100, cents % 100);
}

char *
amm_bedrag_format(long long cents)
{
	struct amm_buf buf = {0};
	char *digits = amm_asprintf("%lld", cents / 100);
	size_t n = strlen(digits);

	amm_buf_adds(&buf, "€ ");
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			amm_buf_addc(&buf, '.');
		amm_buf_addc(&buf, digits[i]);
	}
	amm_buf_addf(&buf, ",%02lld", cents % 100);
	free(digits);
	return amm_buf_detach(&buf, NULL);
}
