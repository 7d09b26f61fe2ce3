/* The BSN and IBAN scanners: what they find lies inside the text and passes its check. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size);
	size_t n = strlen(text), at, len;

	if (amm_bsn_find(text, &at, &len)) {
		char digits[9];
		size_t k = 0;

		if (at + len > n)
			abort();
		for (size_t i = at; i < at + len; i++)
			if (isdigit((unsigned char)text[i]) && k < 9)
				digits[k++] = text[i];
		if (k != 9 || !amm_bsn_valid(digits))
			abort();
	}
	if (amm_iban_find(text, &at, &len) && at + len > n)
		abort();
	free(text);
	return 0;
}
