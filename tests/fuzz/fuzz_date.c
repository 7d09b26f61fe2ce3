/* Dates: whatever is accepted is a real date, and its written form reads back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct amm_date today = {2026, 11, 24};
	char *text = strndup((const char *)data, size);
	struct amm_date d, back;
	char buf[AMM_DATE_LEN];
	amm_error *err = amm_date_parse(&d, text, today);

	if (err == NULL) {
		if (!amm_date_valid(d.y, d.m, d.d))
			abort();
		amm_date_format(d, buf);
		if (amm_date_parse(&back, buf, today) != NULL || amm_date_cmp(d, back) != 0)
			abort();
		if (amm_date_cmp(amm_date_from_days(amm_date_to_days(d)), d) != 0)
			abort();
	}
	amm_error_free(err);
	free(text);
	return 0;
}
