/*
 * Three-way INI merges of hostile files: the input is base, ours and theirs separated by lines
 * "=====". A merge of files that parse succeeds, or refuses a name amm would not write, and
 * its result parses with every conflict it counted; resolving them leaves none; a merge of
 * two equal sides gives that side back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inidoc.h"
#include "merge.h"

#define SEP "\n=====\n"

static size_t
conflicts_in(const char *text, size_t len)
{
	struct amm_conflict *list = NULL;
	size_t n = 0;

	if (amm_conflicts_find("f.ini", text, len, &list, &n) != NULL)
		abort();
	amm_conflicts_free(list, n);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *input = strndup((const char *)data, size);
	char *parts[3] = {input, NULL, NULL};
	struct amm_ini *docs[3] = {NULL, NULL, NULL};
	struct amm_merge_state state = {0};
	char *out = NULL, *resolved = NULL;
	size_t len, rlen;
	amm_error *err = NULL;

	for (int i = 1; i < 3 && parts[i - 1] != NULL; i++) {
		char *sep = strstr(parts[i - 1], SEP);

		if (sep != NULL) {
			*sep = '\0';
			parts[i] = sep + strlen(SEP);
		}
	}
	for (int i = 0; i < 3 && err == NULL; i++)
		err = parts[i] ? amm_ini_parse(&docs[i], "f.ini", parts[i], strlen(parts[i]))
		               : amm_error_new(AMM_EXIT_INPUT, "x");
	if (err == NULL) {
		amm_error *merr =
		    amm_merge_ini("f.ini", parts[0], strlen(parts[0]), parts[1], strlen(parts[1]),
		                  parts[2], strlen(parts[2]), &state, &out, &len);

		if (merr != NULL && merr->code != AMM_EXIT_INPUT)
			abort();
		if (merr == NULL && conflicts_in(out, len) < state.conflicts)
			abort();
		if (merr == NULL) {
			amm_error *rerr =
			    amm_conflicts_resolve("f.ini", out, len, true, &resolved, &rlen);

			if (rerr == NULL && conflicts_in(resolved, rlen) != 0)
				abort();
			amm_error_free(rerr);
		}
		amm_error_free(merr);
		free(out);
		free(resolved);
		amm_merge_state_clear(&state);
		/* Both sides alike: nothing to merge. */
		if (amm_merge_ini("f.ini", parts[0], strlen(parts[0]), parts[1], strlen(parts[1]),
		                  parts[1], strlen(parts[1]), &state, &out, &len) != NULL ||
		    len != strlen(parts[1]) || memcmp(out, parts[1], len) != 0)
			abort();
		free(out);
	}
	amm_error_free(err);
	amm_merge_state_clear(&state);
	for (int i = 0; i < 3; i++)
		amm_ini_free(docs[i]);
	free(input);
	return 0;
}
