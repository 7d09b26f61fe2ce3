#include "bedrag.h"

#include <stdbool.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "util.h"

/* Ten million euros: far beyond the costs of any route in a casus (amm-uitzondering(1)). */
#define MAX_EUROS 10000000LL
#define MAX_CENTS (MAX_EUROS * 100)

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

/* After the amount: nothing, or " euro", "EUR" or "€" with optional spaces. */
static bool
at_end(const char *p)
{
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "euro", 4) == 0 || strncmp(p, "EUR", 3) == 0)
		p += p[3] == 'o' || p[3] == 'O' ? 4 : 3;
	else if (strncmp(p, "€", strlen("€")) == 0)
		p += strlen("€");
	while (*p == ' ')
		p++;
	return *p == '\0';
}

/* The stored form "9500.50": digits, a dot, two digits. */
static bool
canonical(const char *p, long long *cents)
{
	size_t n = strspn(p, "0123456789");

	if (n == 0 || n > 12 || p[n] != '.' || strspn(p + n + 1, "0123456789") != 2 || p[n + 3])
		return false;
	*cents = strtoll(p, NULL, 10) * 100 + strtoll(p + n + 1, NULL, 10);
	return *cents <= MAX_CENTS;
}

/* Dutch notation, as amm_bedrag_parse_input() describes it. */
static amm_error *
parse_dutch(const char *text, long long *cents)
{
	const char *p = skip_currency(text);
	long long euros = 0, frac = 0;
	int digits = 0, group = -1, decimals = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		euros = euros * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
		if (euros > MAX_EUROS)
			return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_TE_HOOG, text);
		/* A dot groups thousands: exactly three digits follow it. */
		if (p[1] == '.') {
			if ((group >= 0 && group != 3) || (group < 0 && digits > 3))
				return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
			group = 0;
			p++;
		}
	}
	if (digits > 0 && group >= 1 && group <= 2 && !(*p >= '0' && *p <= '9') && at_end(p))
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_PUNT, text);
	if (digits == 0 || (group >= 0 && group != 3))
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
	if (strncmp(p, ",-", 2) == 0)
		p += 2;
	else if (*p == ',') {
		for (p++; *p >= '0' && *p <= '9' && decimals < 3; p++, decimals++)
			frac = frac * 10 + (*p - '0');
		if (decimals == 0 || decimals > 2)
			return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
		if (decimals == 1)
			frac *= 10;
	}
	if (!at_end(p))
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_BAD, text);
	if (euros * 100 + frac > MAX_CENTS)
		return amm_error_new(AMM_EXIT_INPUT, MSG_BEDRAG_TE_HOOG, text);
	*cents = euros * 100 + frac;
	return NULL;
}

amm_error *
amm_bedrag_parse(const char *text, long long *cents)
{
	*cents = 0;
	if (canonical(skip_currency(text), cents))
		return NULL;
	return parse_dutch(text, cents);
}

amm_error *
amm_bedrag_parse_input(const char *text, long long *cents)
{
	*cents = 0;
	return parse_dutch(text, cents);
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
