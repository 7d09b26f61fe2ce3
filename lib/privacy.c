#include "privacy.h"

#include <ctype.h>
#include <stdint.h>
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
 * The decimal digits of Unicode 15 (category Nd) and the characters NFKC folds to one digit
 * (superscripts, subscripts, circled, fullwidth, mathematical): first, last, value of first.
 */
static const struct {
	uint32_t lo, hi;
	int first;
} digit_ranges[] = {
    {0xB2, 0xB3, 2},       {0xB9, 0xB9, 1},       {0x660, 0x669, 0},     {0x6F0, 0x6F9, 0},
    {0x7C0, 0x7C9, 0},     {0x966, 0x96F, 0},     {0x9E6, 0x9EF, 0},     {0xA66, 0xA6F, 0},
    {0xAE6, 0xAEF, 0},     {0xB66, 0xB6F, 0},     {0xBE6, 0xBEF, 0},     {0xC66, 0xC6F, 0},
    {0xCE6, 0xCEF, 0},     {0xD66, 0xD6F, 0},     {0xDE6, 0xDEF, 0},     {0xE50, 0xE59, 0},
    {0xED0, 0xED9, 0},     {0xF20, 0xF29, 0},     {0x1040, 0x1049, 0},   {0x1090, 0x1099, 0},
    {0x17E0, 0x17E9, 0},   {0x1810, 0x1819, 0},   {0x1946, 0x194F, 0},   {0x19D0, 0x19D9, 0},
    {0x1A80, 0x1A89, 0},   {0x1A90, 0x1A99, 0},   {0x1B50, 0x1B59, 0},   {0x1BB0, 0x1BB9, 0},
    {0x1C40, 0x1C49, 0},   {0x1C50, 0x1C59, 0},   {0x2070, 0x2070, 0},   {0x2074, 0x2079, 4},
    {0x2080, 0x2089, 0},   {0x2460, 0x2468, 1},   {0x24EA, 0x24EA, 0},   {0xA620, 0xA629, 0},
    {0xA8D0, 0xA8D9, 0},   {0xA900, 0xA909, 0},   {0xA9D0, 0xA9D9, 0},   {0xA9F0, 0xA9F9, 0},
    {0xAA50, 0xAA59, 0},   {0xABF0, 0xABF9, 0},   {0xFF10, 0xFF19, 0},   {0x104A0, 0x104A9, 0},
    {0x10D30, 0x10D39, 0}, {0x11066, 0x1106F, 0}, {0x110F0, 0x110F9, 0}, {0x11136, 0x1113F, 0},
    {0x111D0, 0x111D9, 0}, {0x112F0, 0x112F9, 0}, {0x11450, 0x11459, 0}, {0x114D0, 0x114D9, 0},
    {0x11650, 0x11659, 0}, {0x116C0, 0x116C9, 0}, {0x11730, 0x11739, 0}, {0x118E0, 0x118E9, 0},
    {0x11950, 0x11959, 0}, {0x11C50, 0x11C59, 0}, {0x11D50, 0x11D59, 0}, {0x11DA0, 0x11DA9, 0},
    {0x11F50, 0x11F59, 0}, {0x16A60, 0x16A69, 0}, {0x16AC0, 0x16AC9, 0}, {0x16B50, 0x16B59, 0},
    {0x1D7CE, 0x1D7D7, 0}, {0x1D7D8, 0x1D7E1, 0}, {0x1D7E2, 0x1D7EB, 0}, {0x1D7EC, 0x1D7F5, 0},
    {0x1D7F6, 0x1D7FF, 0}, {0x1E140, 0x1E149, 0}, {0x1E2F0, 0x1E2F9, 0}, {0x1E4F0, 0x1E4F9, 0},
    {0x1E950, 0x1E959, 0}, {0x1FBF0, 0x1FBF9, 0},
};

/* One code point of UTF-8 at s (n > 0 bytes left); a broken sequence reads as one byte. */
static uint32_t
utf8_next(const unsigned char *s, size_t n, size_t *used)
{
	int more = s[0] >= 0xF0 ? 3 : s[0] >= 0xE0 ? 2 : s[0] >= 0xC0 ? 1 : 0;
	uint32_t cp = more == 0 ? s[0] : s[0] & (0x3F >> more);

	*used = 1;
	if (s[0] >= 0x80 && (more == 0 || s[0] >= 0xF8 || (size_t)more >= n))
		return 0xFFFD;
	for (int i = 1; i <= more; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	*used = (size_t)more + 1;
	return cp;
}

/*
 * A code point as the BSN scanner sees it: an ASCII character, a digit or separator folded to
 * ASCII, '#' for anything else, or 0 for a character that is not seen at all (zero-width,
 * soft hyphen, direction marks, combining marks).
 */
static char
bsn_fold(uint32_t cp)
{
	if (cp < 0x80)
		return (char)cp;
	for (size_t i = 0; i < sizeof(digit_ranges) / sizeof(digit_ranges[0]); i++)
		if (cp >= digit_ranges[i].lo && cp <= digit_ranges[i].hi)
			return (char)('0' + digit_ranges[i].first + (int)(cp - digit_ranges[i].lo));
	if (cp >= 0xFF01 && cp <= 0xFF5E) /* fullwidth ASCII */
		return (char)(cp - 0xFEE0);
	if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return ' ';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63)
		return '-';
	if (cp == 0xB7 || cp == 0x2024 || cp == 0x2027 || cp == 0xFE52)
		return '.';
	if (cp == 0xFE50)
		return ',';
	if (cp == 0x2044 || cp == 0x2215)
		return '/';
	if (cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x180E ||
	    (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0x300 && cp <= 0x36F) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F))
		return 0;
	return '#';
}

/* One to three white-space characters, or exactly one of - _ / , . join two digit groups. */
static bool
bsn_space(char c)
{
	return c != '\0' && strchr(" \t\n\r\v\f", c) != NULL;
}

struct group {
	size_t at, end; /* bytes of the text: the first digit, after the last */
	size_t len;     /* digits */
	char d[9];      /* the first nine */
	bool next_to_a; /* touches a letter: part of a code like "a123456782b" or an IBAN */
	char link;      /* the separator to the next group (' ' for white space), 0 if none */
};

/* Groups i..j as a BSN: nine digits, none touching a letter, passing the elfproef. */
static void
try_bsn(const struct group *g, size_t i, size_t j, struct amm_bsn **out, size_t *n)
{
	char d[9];
	size_t k = 0;

	for (size_t x = i; x <= j; x++) {
		if (g[x].next_to_a || k + g[x].len > 9)
			return;
		memcpy(d + k, g[x].d, g[x].len);
		k += g[x].len;
	}
	if (k != 9 || !amm_bsn_valid(d))
		return;
	*out = amm_xrealloc(*out, (*n + 1) * sizeof(**out));
	(*out)[*n].at = g[i].at;
	(*out)[*n].len = g[j].end - g[i].at;
	memcpy((*out)[*n].digits, d, 9);
	(*out)[*n].digits[9] = '\0';
	(*n)++;
}

size_t
amm_bsn_find_all(const char *text, struct amm_bsn **out)
{
	size_t len = strlen(text), used, ng = 0, cap = 0, n = 0, gap = 0;
	struct group *g = NULL;
	char prev = '\0', kind = '\0';
	bool in_group = false;

	*out = NULL;
	/* Digit groups of the folded text, with what stands between them. */
	for (size_t i = 0; i < len; i += used) {
		char c = bsn_fold(utf8_next((const unsigned char *)text + i, len - i, &used));

		if (c == '\0')
			continue;
		if (isdigit((unsigned char)c)) {
			if (!in_group) {
				if (ng == cap) {
					cap = cap ? 2 * cap : 16;
					g = amm_xrealloc(g, cap * sizeof(*g));
				}
				if (ng > 0)
					g[ng - 1].link =
					    (kind == ' ' && gap <= 3) || (kind != ' ' && gap == 1)
					        ? kind
					        : '\0';
				g[ng++] = (struct group){.at = i,
				                         .next_to_a = isalpha((unsigned char)prev)};
				in_group = true;
			}
			if (g[ng - 1].len < 9)
				g[ng - 1].d[g[ng - 1].len] = c;
			g[ng - 1].len++;
			g[ng - 1].end = i + used;
		} else if (in_group) {
			g[ng - 1].next_to_a = g[ng - 1].next_to_a || isalpha((unsigned char)c);
			in_group = false;
			gap = 1;
			kind = bsn_space(c) ? ' ' : strchr("-_/,.", c) != NULL ? c : '\0';
		} else {
			gap++;
			if (kind != ' ' || !bsn_space(c))
				kind = '\0';
		}
		prev = c;
	}
	/*
	 * A BSN is one group of nine digits, or a whole chain of groups joined by separators of
	 * one kind ("111-222-333", "1234.56.782", "11 12 22 333"): never part of a longer chain.
	 */
	for (size_t i = 0; i < ng; i++) {
		size_t j = i;

		if (g[i].len == 9)
			try_bsn(g, i, i, out, &n);
		if (g[i].link == '\0' || (i > 0 && g[i - 1].link == g[i].link))
			continue;
		while (j + 1 < ng && g[j].link == g[i].link)
			j++;
		try_bsn(g, i, j, out, &n);
	}
	free(g);
	return n;
}

bool
amm_bsn_find(const char *text, size_t *at, size_t *len)
{
	struct amm_bsn *list;
	size_t n = amm_bsn_find_all(text, &list);

	if (n > 0) {
		*at = list[0].at;
		*len = list[0].len;
	}
	free(list);
	return n > 0;
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

/* Does text have a BSN that old (NULL: none) does not have? *at and *len give where. */
static bool
bsn_new(const char *old, const char *text, size_t *at, size_t *len)
{
	struct amm_bsn *was = NULL, *now = NULL;
	size_t nwas = old ? amm_bsn_find_all(old, &was) : 0;
	size_t nnow = amm_bsn_find_all(text, &now);
	bool found = false;

	for (size_t i = 0; i < nnow && !found; i++) {
		found = true;
		for (size_t k = 0; k < nwas && found; k++)
			found = strcmp(now[i].digits, was[k].digits) != 0;
		*at = now[i].at;
		*len = now[i].len;
	}
	free(was);
	free(now);
	return found;
}

/* A value in the values of a document read one after the other. */
struct field {
	const char *sec;
	char *key;
	size_t at;    /* where it begins in the joined text */
	bool changed; /* differs from the old document */
};

/*
 * The values of ini in file order, each followed by a newline, so that digits split over two
 * fields read as one number. With fields: where each value lies and whether it changed.
 */
static char *
join_values(const struct amm_ini *ini, const struct amm_strlist *sections,
            const struct amm_ini *old, struct field **fields, size_t *n)
{
	struct amm_buf buf = {0};

	for (size_t s = 0; s < sections->len; s++) {
		struct amm_strlist keys = {0};

		amm_ini_keys(ini, sections->items[s], &keys);
		for (size_t k = 0; k < keys.len; k++) {
			const char *v = amm_ini_get(ini, sections->items[s], keys.items[k]);
			const char *was =
			    old ? amm_ini_get(old, sections->items[s], keys.items[k]) : NULL;

			if (fields != NULL) {
				*fields = amm_xrealloc(*fields, (*n + 1) * sizeof(**fields));
				(*fields)[*n] =
				    (struct field){sections->items[s], amm_xstrdup(keys.items[k]),
				                   buf.len, was == NULL || strcmp(was, v) != 0};
				(*n)++;
			}
			amm_buf_adds(&buf, v);
			amm_buf_addc(&buf, '\n');
		}
		amm_strlist_free(&keys);
	}
	return amm_buf_detach(&buf, NULL);
}

amm_error *
amm_privacy_check_write(const char *path, const char *old, const char *new_text, bool ini)
{
	struct amm_ini *a = NULL, *b = NULL;
	struct amm_strlist sections = {0}, old_sections = {0};
	struct field *fields = NULL;
	char *joined = NULL, *old_joined = NULL;
	amm_error *err = NULL;
	size_t at, len, nfields = 0;

	if (!ini) {
		if (bsn_new(old, new_text, &at, &len))
			return amm_error_new(AMM_EXIT_INPUT, MSG_BSN_TEXT, path);
		return NULL;
	}
	/* Unreadable texts are for the parser to refuse, not for this check. */
	err = amm_ini_parse(&b, path, new_text, strlen(new_text));
	if (err != NULL) {
		amm_error_free(err);
		err = NULL;
		goto done;
	}
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
	if (err != NULL)
		goto done;
	/* Digits split over two fields: named by a changed field the number lies in. */
	joined = join_values(b, &sections, a, &fields, &nfields);
	if (a != NULL) {
		amm_ini_sections(a, &old_sections);
		amm_strlist_add(&old_sections, "");
		old_joined = join_values(a, &old_sections, NULL, NULL, NULL);
	}
	if (bsn_new(old_joined, joined, &at, &len)) {
		size_t f = 0, named = 0;

		for (; f < nfields && fields[f].at < at + len; f++)
			if (fields[f].changed || fields[f].at <= at)
				named = f;
		err = amm_error_new(AMM_EXIT_INPUT, MSG_BSN_FIELD, path, fields[named].sec,
		                    fields[named].key);
		goto done;
	}
	/* Section names and comments are text too. */
	if (bsn_new(old, new_text, &at, &len))
		err = amm_error_new(AMM_EXIT_INPUT, MSG_BSN_TEXT, path);
done:
	for (size_t f = 0; f < nfields; f++)
		free(fields[f].key);
	free(fields);
	free(joined);
	free(old_joined);
	amm_strlist_free(&sections);
	amm_strlist_free(&old_sections);
	amm_ini_free(a);
	amm_ini_free(b);
	return err;
}

amm_error *
amm_privacy_check_message(const char *message)
{
	size_t at, len;

	if (amm_bsn_find(message, &at, &len))
		return amm_error_new(AMM_EXIT_INPUT, MSG_BSN_MESSAGE);
	return NULL;
}

/* Is there a BSN of these digits in places[0..n)? */
static bool
place_has(const struct amm_bsn_place *places, size_t n, const char *digits)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(places[i].digits, digits) == 0)
			return true;
	return false;
}

static void
place_add(struct amm_bsn_place **out, size_t *n, const char *digits, int line, const char *sec,
          const char *key, bool split)
{
	*out = amm_xrealloc(*out, (*n + 1) * sizeof(**out));
	(*out)[*n] = (struct amm_bsn_place){.line = line,
	                                    .section = sec ? amm_xstrdup(sec) : NULL,
	                                    .key = key ? amm_xstrdup(key) : NULL,
	                                    .split = split};
	memcpy((*out)[*n].digits, digits, sizeof((*out)[*n].digits));
	(*n)++;
}

size_t
amm_bsn_places(const char *text, const struct amm_ini *ini, struct amm_bsn_place **out)
{
	struct amm_strlist sections = {0};
	struct amm_bsn *list = NULL;
	struct field *fields = NULL;
	size_t n = 0, nlist, nfields = 0;
	char *joined;
	int line = 1, last_line = 0;
	const char *p = text;

	*out = NULL;
	nlist = amm_bsn_find_all(text, &list);
	for (size_t i = 0; i < nlist; i++) {
		for (; p < text + list[i].at; p++)
			line += *p == '\n';
		if (line != last_line)
			place_add(out, &n, list[i].digits, line, NULL, NULL, false);
		last_line = line;
	}
	free(list);
	if (ini == NULL)
		return n;
	amm_ini_sections(ini, &sections);
	amm_strlist_add(&sections, "");
	joined = join_values(ini, &sections, NULL, &fields, &nfields);
	/* A value with its escapes decoded (\n), then values read one after the other. */
	for (size_t f = 0; f < nfields; f++) {
		const char *v = amm_ini_get(ini, fields[f].sec, fields[f].key);

		nlist = amm_bsn_find_all(v, &list);
		for (size_t i = 0; i < nlist; i++)
			if (!place_has(*out, n, list[i].digits))
				place_add(out, &n, list[i].digits, 0, fields[f].sec, fields[f].key,
				          false);
		free(list);
	}
	nlist = amm_bsn_find_all(joined, &list);
	for (size_t i = 0; i < nlist; i++) {
		size_t f = 0;

		while (f + 1 < nfields && fields[f + 1].at <= list[i].at)
			f++;
		if (!place_has(*out, n, list[i].digits))
			place_add(out, &n, list[i].digits, 0, fields[f].sec, fields[f].key, true);
	}
	free(list);
	for (size_t f = 0; f < nfields; f++)
		free(fields[f].key);
	free(fields);
	free(joined);
	amm_strlist_free(&sections);
	return n;
}

void
amm_bsn_places_free(struct amm_bsn_place *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].section);
		free(list[i].key);
	}
	free(list);
}
