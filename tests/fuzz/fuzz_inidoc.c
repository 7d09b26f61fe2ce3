/*
 * INI documents: parse -> serialise gives the same bytes; parse -> serialise -> parse gives
 * the same model; a value set from the input comes back exactly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inidoc.h"

static void
same_model(const struct amm_ini *a, const struct amm_ini *b)
{
	struct amm_strlist sections = {0};

	amm_ini_sections(a, &sections);
	amm_strlist_add(&sections, "");
	for (size_t s = 0; s < sections.len; s++) {
		struct amm_strlist keys = {0};

		amm_ini_keys(a, sections.items[s], &keys);
		for (size_t k = 0; k < keys.len; k++) {
			const char *va = amm_ini_get(a, sections.items[s], keys.items[k]);
			const char *vb = amm_ini_get(b, sections.items[s], keys.items[k]);

			if (vb == NULL || strcmp(va, vb) != 0)
				abort();
		}
		amm_strlist_free(&keys);
	}
	amm_strlist_free(&sections);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct amm_ini *ini = NULL, *again = NULL, *set = NULL;
	char *text, *value, *out;
	size_t len, olen;
	amm_error *err = amm_ini_parse(&ini, "fuzz.ini", (const char *)data, size);

	if (err == NULL) {
		text = amm_ini_serialize(ini, &len);
		if (len != size || memcmp(text, data, size) != 0)
			abort();
		if (amm_ini_parse(&again, "fuzz.ini", text, len) != NULL)
			abort();
		same_model(ini, again);
		same_model(again, ini);
		free(text);
	}
	amm_error_free(err);
	/* Any UTF-8 text without NUL is a value that must come back as it was. */
	value = strndup((const char *)data, size);
	if (amm_utf8_valid(value, strlen(value))) {
		err = amm_ini_parse(&set, "fuzz.ini", "[s]\nk = x\n", 10);
		if (err != NULL || amm_ini_set(set, "s", "k", value) != NULL ||
		    amm_ini_set(set, "s", "na", "y") != NULL)
			abort();
		out = amm_ini_serialize(set, &olen);
		amm_ini_free(set);
		set = NULL;
		if (amm_ini_parse(&set, "fuzz.ini", out, olen) != NULL ||
		    strcmp(amm_ini_get(set, "s", "k"), value) != 0 ||
		    strcmp(amm_ini_get(set, "s", "na"), "y") != 0)
			abort();
		free(out);
	}
	free(value);
	amm_ini_free(set);
	amm_ini_free(again);
	amm_ini_free(ini);
	return 0;
}
