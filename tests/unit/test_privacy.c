/* BSN (elfproef) and IBAN (mod 97) in free text, and the check of a write. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "privacy.h"

/* Characters written by their UTF-8 bytes. */
#define FW(d)  "\xef\xbc" d /* fullwidth digit: FW("\x91") is 1 */
#define AR(d)  "\xd9" d     /* Arabic-Indic digit: AR("\xa1") is 1 */
#define DEV1   "\xe0\xa5\xa7"
#define MATH1  "\xf0\x9d\x9f\x8f"
#define SUP1   "\xc2\xb9"
#define ZWSP   "\xe2\x80\x8b"
#define ZWNJ   "\xe2\x80\x8c"
#define ZWJ    "\xe2\x80\x8d"
#define WJ     "\xe2\x81\xa0"
#define SHY    "\xc2\xad"
#define BOM    "\xef\xbb\xbf"
#define NBSP   "\xc2\xa0"
#define THIN   "\xe2\x80\x89"
#define NNBSP  "\xe2\x80\xaf"
#define HYPHEN "\xe2\x80\x90"
#define ENDASH "\xe2\x80\x93"
#define FWDASH "\xef\xbc\x8d"
#define COMB   "\xcc\xb2" /* combining low line */

/* Every spelling of a BSN that must be found, and numbers that must not be taken for one. */
static const char *const bsn_found[] = {
    "123456782",
    "BSN: 123456782.",
    "1234.56.782",
    "123 456 782",
    "nummer 111222333 erbij",
    "111-222-333",
    "111_222_333",
    "111/222/333",
    "111,222,333",
    "11-12-22-333",
    "111\t222\t333",
    "111  222  333",
    "111\n222\n333",
    "111\r\n222\r\n333",
    "Broer\n111 222\n333 erbij",
    FW("\x91") FW("\x91") FW("\x91") FW("\x92") FW("\x92") FW("\x92") FW("\x93") FW("\x93")
        FW("\x93"),
    AR("\xa1") AR("\xa1") AR("\xa1") AR("\xa2") AR("\xa2") AR("\xa2") AR("\xa3") AR("\xa3")
        AR("\xa3"),
    DEV1 DEV1 DEV1 "222333",
    MATH1 MATH1 MATH1 "222333",
    SUP1 SUP1 SUP1 "222333",
    "111" ZWSP "222" ZWSP "333",
    "1" ZWJ "1" ZWNJ "1" WJ "222" SHY "333",
    BOM "111222333",
    "111" NBSP "222" NBSP "333",
    "111" THIN "222" THIN "333",
    "111" NNBSP "222" NNBSP "333",
    "111" HYPHEN "222" HYPHEN "333",
    "111" ENDASH "222" ENDASH "333",
    "111" FWDASH "222" FWDASH "333",
    "1" COMB "11222333",
    "op 2026-11-24 111-222-333",
    "tel. 020 123456782",
    "123456782 en 111222333",
};
static const char *const bsn_not_found[] = {
    "123456789",
    "1234567820",
    "0612345678",
    "06-12345678",
    "06 1234 5678",
    "020-1234567",
    "020 123 4567",
    "+31 20 123 4567",
    "NL91ABNA0417164300",
    "NL91 ABNA 0417 1643 00",
    "1011 AB",
    "1011AB 12",
    "Schuld 9.500 euro",
    "1.500,50",
    "1.500,50, 12.300,00, 45,50",
    "1.234.567.890",
    "2026-11-24",
    "24-11-2026 t/m 01-12-2026",
    "2026-11-24 14:30",
    "09.30-11.00 uur",
    "14:30:45",
    "3 kinderen, 2 honden en 111 euro",
    "1, 2, 3, 4, 5, 6, 7, 8, 9",
    "111--222--333",
    "111 :222: 333",
    "111    222    333",
    "111-222 333",
    "12345678",
    "000000000",
    "1123456782",
    "a123456782b",
    "ref123456782",
    FW("\x91") FW("\x92") FW("\x93") FW("\x94") FW("\x95") FW("\x96") FW("\x97") FW("\x98")
        FW("\x99"),
    ("\xff\xfe"
     "123\xc3"), /* invalid UTF-8 */
};

static void
test_bsn(void **state)
{
	size_t at, len;

	(void)state;
	for (size_t i = 0; i < sizeof(bsn_found) / sizeof(bsn_found[0]); i++)
		if (!amm_bsn_find(bsn_found[i], &at, &len))
			fail_msg("no BSN found in '%s' (%zu)", bsn_found[i], i);
	for (size_t i = 0; i < sizeof(bsn_not_found) / sizeof(bsn_not_found[0]); i++)
		if (amm_bsn_find(bsn_not_found[i], &at, &len))
			fail_msg("a BSN found in '%s' (%zu)", bsn_not_found[i], i);
	assert_true(amm_bsn_find("zie 1234.56.782 hier", &at, &len));
	assert_int_equal(at, 4);
	assert_int_equal(len, 11);
	/* Where, in bytes of the text as written: from the first digit to the last. */
	assert_true(amm_bsn_find("x " FW("\x91") ZWSP "11222333" ZWSP ".", &at, &len));
	assert_int_equal(at, 2);
	assert_int_equal(len, 14);
}

static void
test_bsn_all(void **state)
{
	struct amm_bsn *list;
	size_t n;

	(void)state;
	n = amm_bsn_find_all("eerst 111-222-333, dan 1234.56.782 en 123456789", &list);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].digits, "111222333");
	assert_int_equal(list[0].at, 6);
	assert_int_equal(list[0].len, 11);
	assert_string_equal(list[1].digits, "123456782");
	free(list);
	assert_int_equal(amm_bsn_find_all("geen nummer", &list), 0);
	assert_null(list);
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
	/* A text that had one BSN does not let a second one in. */
	assert_err(
	    amm_privacy_check_write("p.md", "oud 123456782", "oud 123456782, 111-222-333", false),
	    AMM_EXIT_INPUT);
	assert_ok(amm_privacy_check_write("p.md", "oud 123456782", "oud 123456782, nieuw", false));
}

static void
test_check_write_split(void **state)
{
	const char *old = "[spin]\nnetwerk = broer 111 222\nwerk =\nwonen = flat\n";
	amm_error *err;

	(void)state;
	/* Digits split over two fields that follow each other: named by the changed one. */
	err = amm_privacy_check_write("spin.ini", old,
	                              "[spin]\nnetwerk = broer 111 222\nwerk = 333\n"
	                              "wonen = flat\n",
	                              true);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	assert_true(amm_str_starts(err->msg, "spin.ini, [spin] werk: deze tekst bevat een "));
	amm_error_free(err);
	assert_ok(amm_privacy_check_write("spin.ini", old,
	                                  "[spin]\nnetwerk = broer 111 222\nwerk = 3 kinderen\n"
	                                  "wonen = flat\n",
	                                  true));
	/* A newline inside a value (amm spin --toevoegen), written as \n in the file. */
	assert_err(amm_privacy_check_write("spin.ini", old,
	                                   "[spin]\nnetwerk = broer 111 222\\n333\nwerk =\n"
	                                   "wonen = flat\n",
	                                   true),
	           AMM_EXIT_INPUT);
	/* A section name or a comment is text too. */
	err = amm_privacy_check_write("stappen.ini", "", "[stap 123456782]\ntekst = x\n", true);
	assert_non_null(err);
	assert_true(amm_str_starts(err->msg, "stappen.ini: deze tekst bevat een "));
	amm_error_free(err);
	assert_err(amm_privacy_check_write("team.ini", "", "# 111-222-333\n", true),
	           AMM_EXIT_INPUT);
	assert_ok(amm_privacy_check_write("team.ini", "# 111-222-333\n",
	                                  "# 111-222-333\n[lid 1]\nnaam = Sanne\n", true));
}

static void
test_check_message(void **state)
{
	(void)state;
	assert_ok(amm_privacy_check_message("2026-001 stappen: afspraak 3 verzet van 2026-11-24 "
	                                    "naar 2026-12-01\n\nAMM-Casus: 2026-001\n"));
	assert_err(amm_privacy_check_message("2026-001 stappen: stap 123456782 toegevoegd\n"),
	           AMM_EXIT_INPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bsn),
	    cmocka_unit_test(test_bsn_all),
	    cmocka_unit_test(test_iban),
	    cmocka_unit_test(test_check_write),
	    cmocka_unit_test(test_check_write_split),
	    cmocka_unit_test(test_check_message),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
