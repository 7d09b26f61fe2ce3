/* Amounts: whatever is accepted keeps its value through the stored and the shown form. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bedrag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size);
	long long cents, back;
	amm_error *err = amm_bedrag_parse(text, &cents);

	if (err == NULL) {
		char *canonical = amm_bedrag_canonical(cents);
		char *shown = amm_bedrag_format(cents);

		if (cents < 0 || amm_bedrag_parse(canonical, &back) != NULL || back != cents)
			abort();
		if (amm_bedrag_parse(shown, &back) != NULL || back != cents)
			abort();
		free(canonical);
		free(shown);
	}
	amm_error_free(err);
	free(text);
	return 0;
}
