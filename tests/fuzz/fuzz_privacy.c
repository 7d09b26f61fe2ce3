/* The BSN and IBAN scanners: what they find lies inside the text and passes its check. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size);
	size_t n = strlen(text), at, len, found;
	struct amm_bsn *list;
	struct amm_bsn_place *places;

	found = amm_bsn_find_all(text, &list);
	for (size_t i = 0; i < found; i++) {
		/* In the text, in order, nine digits (folded) that pass the elfproef. */
		if (list[i].len == 0 || list[i].at + list[i].len > n ||
		    (i > 0 && list[i].at < list[i - 1].at) || strlen(list[i].digits) != 9 ||
		    !amm_bsn_valid(list[i].digits))
			abort();
	}
	if (amm_bsn_find(text, &at, &len) != (found > 0) || (found > 0 && at != list[0].at))
		abort();
	free(list);
	found = amm_bsn_places(text, NULL, &places);
	amm_bsn_places_free(places, found);
	amm_error_free(amm_privacy_check_write("f.ini", NULL, text, true));
	if (amm_iban_find(text, &at, &len) && at + len > n)
		abort();
	free(text);
	return 0;
}
