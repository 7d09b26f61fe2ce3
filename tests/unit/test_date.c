/* Dates: the forms users type, and impossible dates refused. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"

static const struct amm_date today = {2026, 11, 24};

static void
expect_date(const char *text, const char *want)
{
	struct amm_date d;
	char buf[AMM_DATE_LEN];

	assert_ok(amm_date_parse(&d, text, today));
	amm_date_format(d, buf);
	assert_string_equal(buf, want);
}

static void
test_forms(void **state)
{
	(void)state;
	expect_date("2026-12-01", "2026-12-01");
	expect_date("2028-02-29", "2028-02-29");
	expect_date("2000-02-29", "2000-02-29");
	expect_date("vandaag", "2026-11-24");
	expect_date("morgen", "2026-11-25");
	expect_date("gisteren", "2026-11-23");
	expect_date("+7", "2026-12-01");
	expect_date("+38", "2027-01-01");
	expect_date("+2w", "2026-12-08");
	expect_date("-24", "2026-10-31");
	expect_date("+0", "2026-11-24");
}

static void
test_refused(void **state)
{
	struct amm_date d;
	const char *bad[] = {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
	                     "1900-02-29", "2026-1-01",  "26-01-01",   "2026-01-01x",
	                     "",           "overmorgen", "+",          "+3d",
	                     "+99999999",  "++3",        "2026/01/01", "0000-01-01"};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_err(amm_date_parse(&d, bad[i], today), AMM_EXIT_INPUT);
}

static void
test_days_roundtrip(void **state)
{
	(void)state;
	for (long days = -30000; days < 60000; days += 17) {
		struct amm_date d = amm_date_from_days(days);

		assert_true(amm_date_valid(d.y, d.m, d.d) || d.y < 1900);
		assert_int_equal(amm_date_to_days(d), days);
	}
	assert_int_equal(amm_date_to_days((struct amm_date){1970, 1, 1}), 0);
	assert_true(amm_date_cmp((struct amm_date){2026, 12, 31}, (struct amm_date){2027, 1, 1}) <
	            0);
}

static void
test_today_from_env(void **state)
{
	struct amm_date d;

	(void)state;
	setenv("AMM_VANDAAG", "2027-01-05", 1);
	assert_ok(amm_date_today(&d));
	assert_int_equal(d.y, 2027);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 5);
	setenv("AMM_VANDAAG", "2027-02-30", 1);
	assert_err(amm_date_today(&d), AMM_EXIT_INPUT);
	setenv("AMM_VANDAAG", "2026-11-24", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_days_roundtrip),
	    cmocka_unit_test(test_today_from_env),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
