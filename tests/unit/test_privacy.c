/* BSN (elfproef) and IBAN (mod 97) in free text, and the check of a write. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "privacy.h"

static void
test_bsn(void **state)
{
	const char *found[] = {"123456782", "BSN: 123456782.", "1234.56.782", "123 456 782",
	                       "nummer 111222333 erbij"};
	const char *not_found[] = {"123456789", "1234567820", "0612345678", "Schuld 9.500 euro",
	                           "12345678",  "000000000",  "1123456782", "a123456782b"};
	size_t at, len;

	(void)state;
	for (size_t i = 0; i < sizeof(found) / sizeof(found[0]); i++)
		if (!amm_bsn_find(found[i], &at, &len))
			fail_msg("no BSN found in '%s'", found[i]);
	for (size_t i = 0; i < sizeof(not_found) / sizeof(not_found[0]); i++)
		if (amm_bsn_find(not_found[i], &at, &len))
			fail_msg("a BSN found in '%s'", not_found[i]);
	assert_true(amm_bsn_find("zie 1234.56.782 hier", &at, &len));
	assert_int_equal(at, 4);
	assert_int_equal(len, 11);
}

static void
test_iban(void **state)
{
	size_t at, len;

	(void)state;
	assert_true(amm_iban_find("rekening NL91ABNA0417164300", &at, &len));
	assert_int_equal(at, 9);
	assert_true(amm_iban_find("NL91 ABNA 0417 1643 00", &at, &len));
	assert_false(amm_iban_find("NL92ABNA0417164300", &at, &len));
	assert_false(amm_iban_find("geen rekening", &at, &len));
}

static void
test_check_write(void **state)
{
	const char *old = "[spin]\nnetwerk = broer, 123456782\nwonen =\n";
	amm_error *err;

	(void)state;
	/* A BSN that was there already is for amm check; a new one is refused. */
	assert_ok(amm_privacy_check_write("spin.ini", old,
	                                  "[spin]\nnetwerk = broer, 123456782\n"
	                                  "wonen = flat\n",
	                                  true));
	err = amm_privacy_check_write(
	    "spin.ini", old, "[spin]\nnetwerk = broer, 123456782\nwonen = flat 1234.56.782\n",
	    true);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	assert_true(amm_str_starts(err->msg, "spin.ini, [spin] wonen: deze tekst bevat een "
	                                     "burgerservicenummer"));
	amm_error_free(err);
	assert_err(amm_privacy_check_write("p.md", "", "Ik wil 123456782", false), AMM_EXIT_INPUT);
	assert_ok(amm_privacy_check_write("p.md", "", "Ik wil 123456789", false));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bsn),
	    cmocka_unit_test(test_iban),
	    cmocka_unit_test(test_check_write),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
