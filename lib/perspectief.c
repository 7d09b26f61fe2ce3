#include "perspectief.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/* The words of text, lower-cased (ASCII only; other bytes stay as they are). */
static void
words(const char *text, struct amm_strlist *out, struct amm_strlist *original)
{
	const char *p = text;

	while (*p != '\0') {
		const char *start;

		while (*p != '\0' && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		start = p;
		while (*p != '\0' &&
		       (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80 || *p == '-'))
			p++;
		if (p > start) {
			char *w = amm_xstrndup(start, (size_t)(p - start));

			amm_strlist_add(original, w);
			for (char *c = w; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			amm_strlist_take(out, w);
		}
	}
}

static bool
is_one_of(const char *word, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(word, *list) == 0)
			return true;
	return false;
}

static bool
is_number(const char *w)
{
	size_t n = strspn(w, "0123456789");

	/* 333, 12a, 4-hoog */
	return n > 0 && n <= 4 &&
	       (w[n] == '\0' || (w[n + 1] == '\0' && isalpha((unsigned char)w[n])) || w[n] == '-');
}

static bool
ends_with(const char *w, const char *suffix)
{
	size_t n = strlen(w), s = strlen(suffix);

	return n > s && strcmp(w + n - s, suffix) == 0;
}

/* A street name: ends like one, or is followed by a house number. */
static bool
is_street(const char *w)
{
	static const char *const suffixes[] = {"straat",    "weg",  "laan",   "plein", "gracht",
	                                       "kade",      "dijk", "singel", "dreef", "steeg",
	                                       "plantsoen", "hof",  "markt",  NULL};

	for (const char *const *s = suffixes; *s != NULL; s++)
		if (ends_with(w, *s))
			return true;
	return false;
}

/* Words [from, to) joined by spaces. */
static char *
join_words(const struct amm_strlist *w, size_t from, size_t to)
{
	struct amm_buf buf = {0};

	for (size_t k = from; k < to && k < w->len; k++)
		amm_buf_addf(&buf, "%s%s", k > from ? " " : "", w->items[k]);
	return amm_buf_detach(&buf, NULL);
}

void
amm_perspectief_check(const char *text, struct amm_strlist *warnings)
{
	static const char *const ik[] = {"ik", "mij", "me",   "mijn", "wij",
	                                 "we", "ons", "onze", "m'n",  NULL};
	static const char *const negatief[] = {"niet",  "geen",   "nooit",   "niets",
	                                       "niks",  "zonder", "nergens", "stoppen",
	                                       "kwijt", "minder", NULL};
	struct amm_strlist w = {0}, orig = {0};
	const char *neg = NULL;
	char *concreet = NULL;
	bool first_person = false;

	words(text, &w, &orig);
	for (size_t i = 0; i < w.len; i++) {
		const char *next = i + 1 < w.len ? w.items[i + 1] : "";

		if (is_one_of(w.items[i], ik))
			first_person = true;
		if (neg == NULL && is_one_of(w.items[i], negatief))
			neg = w.items[i];
		if (concreet != NULL)
			continue;
		/* An address: a street, or a capitalised name, with a house number. */
		if ((is_street(w.items[i]) &&
		     (is_number(next) || isupper((unsigned char)orig.items[i][0]))) ||
		    (isupper((unsigned char)orig.items[i][0]) && is_number(next) && i > 0)) {
			size_t from = i;

			/* The whole name: "Czaar Peterstraat 333". */
			while (from > 1 && isupper((unsigned char)orig.items[from - 1][0]))
				from--;
			concreet = join_words(&orig, from, is_number(next) ? i + 2 : i + 1);
		}
		/* A postcode: 1234 AB. */
		else if (strlen(w.items[i]) == 4 && strspn(w.items[i], "0123456789") == 4 &&
		         i + 1 < w.len && strlen(next) == 2 &&
		         isupper((unsigned char)orig.items[i + 1][0]) &&
		         isupper((unsigned char)orig.items[i + 1][1]))
			concreet = amm_asprintf("%s %s", orig.items[i], orig.items[i + 1]);
		/* One named employer or organisation: "bij (de) KLM", "bij Albert Heijn". */
		else if (strcmp(w.items[i], "bij") == 0 && i + 1 < w.len) {
			size_t k = i + 1;

			if ((strcmp(w.items[k], "de") == 0 || strcmp(w.items[k], "het") == 0) &&
			    k + 1 < w.len)
				k++;
			if (isupper((unsigned char)orig.items[k][0]))
				concreet = amm_asprintf("bij %s", orig.items[k]);
		}
	}
	if (!first_person)
		amm_strlist_add(warnings, MSG_PERSPECTIEF_IK);
	if (neg != NULL)
		amm_strlist_take(warnings, amm_asprintf(MSG_PERSPECTIEF_NEGATIEF, neg));
	if (concreet != NULL) {
		char *c = amm_str_trim(concreet);

		amm_strlist_take(warnings, amm_asprintf(MSG_PERSPECTIEF_CONCREET, c));
		free(c);
	}
	free(concreet);
	amm_strlist_free(&w);
	amm_strlist_free(&orig);
}
