/* Amounts: Dutch notation in, one canonical form stored, nonsense refused. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "bedrag.h"

static void
expect_cents(const char *text, long long want)
{
	long long cents = -1;

	assert_ok(amm_bedrag_parse(text, &cents));
	assert_int_equal(cents, want);
}

static void
test_dutch_notation(void **state)
{
	(void)state;
	expect_cents("9500", 950000);
	expect_cents("9.500", 950000);
	expect_cents("9.500,50", 950050);
	expect_cents("€ 987", 98700);
	expect_cents("€987,5", 98750);
	expect_cents("EUR 12,00", 1200);
	expect_cents("1.234.567,89", 123456789);
	expect_cents("0,99", 99);
	expect_cents("25,-", 2500);
	expect_cents("9.500 euro", 950000);
	expect_cents("987 EUR", 98700);
	expect_cents("10.000.000", 1000000000); /* the highest amount */
	expect_cents("9500.50", 950050);        /* the stored form, in a file */
	expect_cents("9.50", 950);              /* in a file the stored form, never 9.500 */
}

/* What a user types is Dutch notation only: a dot never starts the cents. */
static void
test_input(void **state)
{
	long long cents = -1;
	amm_error *err;

	(void)state;
	assert_ok(amm_bedrag_parse_input("1.500", &cents));
	assert_int_equal(cents, 150000);
	assert_ok(amm_bedrag_parse_input("1.500,50 euro", &cents));
	assert_int_equal(cents, 150050);
	err = amm_bedrag_parse_input("1.50", &cents);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	assert_non_null(strstr(err->msg, "1,50"));
	amm_error_free(err);
	assert_err(amm_bedrag_parse_input("9500.50", &cents), AMM_EXIT_INPUT);
	err = amm_bedrag_parse_input("1.000.000.000", &cents);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "10.000.000"));
	amm_error_free(err);
	assert_err(amm_bedrag_parse_input("10.000.000,01", &cents), AMM_EXIT_INPUT);
}

static void
test_refused(void **state)
{
	const char *bad[] = {"",
	                     "€",
	                     "abc",
	                     "1234.567",
	                     "12,345",
	                     "9,5,5",
	                     "-100",
	                     "9 500",
	                     "1.2.3",
	                     "9.500,",
	                     "99999999999",
	                     "€ 1.00.0",
	                     "1,2a",
	                     "0x10",
	                     "9.500 euros",
	                     "euro",
	                     "10.000.001",
	                     "1.000.000.000",
	                     "100000000.00",
	                     "1000000000.00",
	                     "€ 1.000.000.000,00"};
	long long cents;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_err(amm_bedrag_parse(bad[i], &cents), AMM_EXIT_INPUT);
	/* Just under the limit of ten million. */
	assert_ok(amm_bedrag_parse("9.999.999,99", &cents));
	assert_true(cents == 999999999LL);
}

static void
test_forms(void **state)
{
	char *s;

	(void)state;
	s = amm_bedrag_canonical(950050);
	assert_string_equal(s, "9500.50");
	free(s);
	s = amm_bedrag_format(123456789);
	assert_string_equal(s, "€ 1.234.567,89");
	free(s);
	s = amm_bedrag_format(5);
	assert_string_equal(s, "€ 0,05");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dutch_notation),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_input),
	    cmocka_unit_test(test_forms),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
