#include "privacy.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

bool
amm_bsn_valid(const char d[9])
{
	int sum = 0;

	for (int i = 0; i < 8; i++)
		sum += (d[i] - '0') * (9 - i);
	sum -= d[8] - '0';
	return sum % 11 == 0 && sum != 0;
}

/*
 * Digits from s, allowing one '.' or ' ' between two digits; stops after max + 1 digits.
 * Returns the number of digits read and sets *end.
 */
static size_t
digit_run(const char *s, char *out, size_t max, const char **end)
{
	size_t n = 0;
	const char *p = s;

	while (isdigit((unsigned char)*p) && n <= max) {
		out[n++] = *p++;
		if ((*p == '.' || *p == ' ') && isdigit((unsigned char)p[1]))
			p++;
	}
	*end = p;
	return n;
}

bool
amm_bsn_find(const char *text, size_t *at, size_t *len)
{
	for (const char *p = text; *p != '\0'; p++) {
		char d[16];
		const char *end;
		size_t n;

		if (!isdigit((unsigned char)*p) || (p > text && isalnum((unsigned char)p[-1])))
			continue;
		n = digit_run(p, d, 9, &end);
		/* A number standing on its own, not part of a code like "a123456782b". */
		if (n == 9 && !isalnum((unsigned char)*end) && amm_bsn_valid(d)) {
			*at = (size_t)(p - text);
			*len = (size_t)(end - p);
			return true;
		}
		/* Nine digits of a longer run may still be one: "tel. 020 123456782" is not. */
		p = end - 1;
	}
	return false;
}

/* The mod-97 check of an IBAN without spaces, letters as numbers (A = 10). */
static bool
iban_valid(const char *s, size_t n)
{
	int rem = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[(i + 4) % n];
		int v = isdigit((unsigned char)c) ? c - '0' : toupper((unsigned char)c) - 'A' + 10;

		rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
	}
	return rem == 1;
}

bool
amm_iban_find(const char *text, size_t *at, size_t *len)
{
	for (const char *p = text; *p != '\0'; p++) {
		char buf[40];
		size_t n = 0;
		const char *q = p;

		if (!isupper((unsigned char)p[0]) || !isupper((unsigned char)p[1]) ||
		    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
		    (p > text && isalnum((unsigned char)p[-1])))
			continue;
		while (n < sizeof(buf) &&
		       (isalnum((unsigned char)*q) ||
		        (*q == ' ' && isalnum((unsigned char)q[1]) && n % 4 == 0))) {
			if (*q != ' ')
				buf[n++] = (char)toupper((unsigned char)*q);
			q++;
		}
		if (n >= 15 && n <= 34 && iban_valid(buf, n)) {
			*at = (size_t)(p - text);
			*len = (size_t)(q - p);
			return true;
		}
	}
	return false;
}

bool
amm_bsn_allowed(const struct amm_ini *cfg)
{
	const char *v = cfg ? amm_ini_get(cfg, "privacy", "bsn") : NULL;

	return v != NULL && strcmp(v, "toestaan") == 0;
}

amm_error *
amm_privacy_check_write(const char *path, const char *old, const char *new_text, bool ini)
{
	struct amm_ini *a = NULL, *b = NULL;
	struct amm_strlist sections = {0};
	amm_error *err = NULL;
	size_t at, len;

	if (!ini) {
		if (amm_bsn_find(new_text, &at, &len) &&
		    (old == NULL || !amm_bsn_find(old, &at, &len)))
			return amm_error_new(AMM_EXIT_INPUT, MSG_BSN_TEXT, path);
		return NULL;
	}
	/* Unreadable texts are for the parser to refuse, not for this check. */
	if (amm_ini_parse(&b, path, new_text, strlen(new_text)) != NULL)
		goto done;
	if (old != NULL)
		amm_error_free(amm_ini_parse(&a, path, old, strlen(old)));
	amm_ini_sections(b, &sections);
	amm_strlist_add(&sections, "");
	for (size_t s = 0; s < sections.len && err == NULL; s++) {
		struct amm_strlist keys = {0};

		amm_ini_keys(b, sections.items[s], &keys);
		for (size_t k = 0; k < keys.len && err == NULL; k++) {
			const char *v = amm_ini_get(b, sections.items[s], keys.items[k]);
			const char *was =
			    a ? amm_ini_get(a, sections.items[s], keys.items[k]) : NULL;

			if ((was == NULL || strcmp(was, v) != 0) && amm_bsn_find(v, &at, &len))
				err = amm_error_new(AMM_EXIT_INPUT, MSG_BSN_FIELD, path,
				                    sections.items[s], keys.items[k]);
		}
		amm_strlist_free(&keys);
	}
done:
	amm_strlist_free(&sections);
	amm_ini_free(a);
	amm_ini_free(b);
	return err;
}
