/*
 * The names a user types for the parts of a casus, the fields of the spin and the numbered
 * items of a file, and the text a user asks amm to write: see casus.h.
 */
#include "casus.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"

const struct amm_spin_veld amm_spin_velden[AMM_SPIN_FIELDS] = {
    {"profiel", "Profiel"},
    {"financien", "Financiën"},
    {"wonen", "Woonsituatie"},
    {"veiligheid", "Veiligheid"},
    {"dagbesteding", "Werk, hobby's en dagbesteding"},
    {"krachten", "Krachten en talenten"},
    {"successen", "Successen in het verleden"},
    {"netwerk", "Netwerk (formeel en informeel)"},
    {"bijzonderheden", "Bijzonderheden"},
};

void
amm_items(const struct amm_ini *ini, const char *kind, int **nrs, size_t *n)
{
	struct amm_strlist sections = {0};
	size_t klen = strlen(kind);

	*nrs = NULL;
	*n = 0;
	amm_ini_sections(ini, &sections);
	for (size_t i = 0; i < sections.len; i++) {
		const char *s = sections.items[i];

		if (strncmp(s, kind, klen) != 0 || s[klen] != ' ' ||
		    !amm_str_digits(s + klen + 1, strlen(s + klen + 1)) || strlen(s + klen + 1) > 6)
			continue;
		*nrs = amm_xrealloc(*nrs, (*n + 1) * sizeof(**nrs));
		(*nrs)[(*n)++] = atoi(s + klen + 1);
	}
	amm_strlist_free(&sections);
}

amm_error *
amm_text_check(const char *what, const char *text, size_t len)
{
	if (!amm_utf8_valid(text, len))
		return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_TEXT_UTF8, what);
	for (size_t i = 0, n; i < len; i += n) {
		unsigned long cp;

		n = amm_utf8_char(text + i, len - i, &cp);
		if (amm_char_control(cp))
			return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_TEXT_CTRL, what);
	}
	return NULL;
}

int
amm_item_next(const struct amm_ini *ini, const char *kind)
{
	int *nrs, max = 0;
	size_t n;

	amm_items(ini, kind, &nrs, &n);
	for (size_t i = 0; i < n; i++)
		if (nrs[i] > max)
			max = nrs[i];
	free(nrs);
	return max + 1;
}

amm_error *
amm_item_find(const struct amm_ini *ini, const char *kind, const char *nr, char **section)
{
	size_t len = strlen(nr);

	*section = NULL;
	if (len == 0 || len > 6 || !amm_str_digits(nr, len))
		return amm_error_new(AMM_EXIT_USAGE, MSG_ITEM_BAD_NR, nr, kind);
	*section = amm_asprintf("%s %d", kind, atoi(nr));
	if (!amm_ini_has_section(ini, *section)) {
		free(*section);
		*section = NULL;
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_ITEM_NOT_FOUND, kind, nr);
	}
	return NULL;
}

/* Lower-case ASCII and fold the Dutch diacritics a user may type (ë, é, ï, ...). */
static char *
fold_name(const char *name)
{
	struct amm_buf buf = {0};

	for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
		if (p[0] == 0xc3 && p[1] >= 0xa0 && p[1] <= 0xbf) {
			static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuypy";

			amm_buf_addc(&buf, map[p[1] - 0xa0]);
			p++;
		} else if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9f) {
			static const char map[] = "aaaaaaaceeeeiiiidnooooox0uuuuyps";

			amm_buf_addc(&buf, map[p[1] - 0x80]);
			p++;
		} else if (*p >= 'A' && *p <= 'Z') {
			amm_buf_addc(&buf, (char)(*p - 'A' + 'a'));
		} else if (*p == '_' || *p == ' ') {
			amm_buf_addc(&buf, '-');
		} else if (*p != '\'') {
			amm_buf_addc(&buf, (char)*p);
		}
	}
	return amm_buf_detach(&buf, NULL);
}

bool
amm_deel_find(const char *name, enum amm_deel *out)
{
	static const struct {
		const char *name;
		enum amm_deel deel;
	} names[] = {
	    {"casus", AMM_DEEL_CASUS},
	    {"perspectief", AMM_DEEL_PERSPECTIEF},
	    {"spin", AMM_DEEL_SPIN},
	    {"situatieschets", AMM_DEEL_SPIN},
	    {"analyse", AMM_DEEL_ANALYSE},
	    {"problemen", AMM_DEEL_ANALYSE},
	    {"stappen", AMM_DEEL_STAPPEN},
	    {"stap", AMM_DEEL_STAPPEN},
	    {"afspraken", AMM_DEEL_STAPPEN},
	    {"afspraak", AMM_DEEL_STAPPEN},
	    {"evaluaties", AMM_DEEL_EVALUATIES},
	    {"evaluatie", AMM_DEEL_EVALUATIES},
	    {"uitzonderingen", AMM_DEEL_UITZONDERINGEN},
	    {"uitzondering", AMM_DEEL_UITZONDERINGEN},
	    {"team", AMM_DEEL_TEAM},
	    {"casusteam", AMM_DEEL_TEAM},
	};
	char *folded = fold_name(name);
	bool found = false;

	/* The file name works too: spin.ini, perspectief.md. */
	for (int d = 0; d < AMM_DEEL_COUNT && !found; d++)
		if (strcmp(folded, amm_delen[d].file) == 0)
			*out = (enum amm_deel)d, found = true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !found; i++)
		if (strcmp(folded, names[i].name) == 0)
			*out = names[i].deel, found = true;
	free(folded);
	return found;
}

const struct amm_spin_veld *
amm_spin_veld_find(const char *name)
{
	static const struct {
		const char *alias;
		const char *key;
	} aliases[] = {
	    {"huishouden", "profiel"},
	    {"gezin", "profiel"},
	    {"geld", "financien"},
	    {"inkomen", "financien"},
	    {"schulden", "financien"},
	    {"bestaanszekerheid", "financien"},
	    {"woonsituatie", "wonen"},
	    {"huisvesting", "wonen"},
	    {"woning", "wonen"},
	    {"werk", "dagbesteding"},
	    {"hobby", "dagbesteding"},
	    {"hobbys", "dagbesteding"},
	    {"vrije-tijd", "dagbesteding"},
	    {"vrijetijdsbesteding", "dagbesteding"},
	    {"dagvulling", "dagbesteding"},
	    {"kracht", "krachten"},
	    {"talenten", "krachten"},
	    {"krachten-en-talenten", "krachten"},
	    {"succes", "successen"},
	    {"successen-in-het-verleden", "successen"},
	    {"netwerk-formeel", "netwerk"},
	    {"netwerk-informeel", "netwerk"},
	    {"formeel", "netwerk"},
	    {"informeel", "netwerk"},
	    {"bijzonder", "bijzonderheden"},
	};
	char *folded = fold_name(name);
	const char *key = folded;
	const struct amm_spin_veld *found = NULL;

	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(folded, aliases[i].alias) == 0)
			key = aliases[i].key;
	for (int i = 0; i < AMM_SPIN_FIELDS && found == NULL; i++)
		if (strcmp(key, amm_spin_velden[i].key) == 0)
			found = &amm_spin_velden[i];
	free(folded);
	return found;
}
