/* Errors as values: the exit code category and the Dutch message, built, wrapped and freed. */
#include "helpers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void
test_new(void **state)
{
	amm_error *err;

	(void)state;
	err = amm_error_new(AMM_EXIT_NOTFOUND, "casus %s bestaat niet (%d)", "2026-007", 4);
	assert_int_equal(err->code, AMM_EXIT_NOTFOUND);
	assert_string_equal(err->msg, "casus 2026-007 bestaat niet (4)");
	amm_error_free(err);
	/* A message without format, and an empty one. */
	err = amm_error_new(AMM_EXIT_USAGE, "%s", "");
	assert_int_equal(err->code, AMM_EXIT_USAGE);
	assert_string_equal(err->msg, "");
	amm_error_free(err);
	amm_error_free(NULL);
}

/* Text from a casus in a message is copied as it is: a '%' in it is no format. */
static void
test_message_is_copied(void **state)
{
	char value[] = "100% zeker %s %n";
	amm_error *err;

	(void)state;
	err = amm_error_new(AMM_EXIT_INPUT, "ongeldige waarde '%s'", value);
	memset(value, 'x', sizeof(value) - 1);
	assert_string_equal(err->msg, "ongeldige waarde '100% zeker %s %n'");
	amm_error_free(err);
}

/* A long message is not cut off. */
static void
test_long_message(void **state)
{
	size_t n = 100000;
	char *big = amm_xmalloc(n + 1);
	amm_error *err;

	(void)state;
	memset(big, 'a', n);
	big[n] = '\0';
	err = amm_error_new(AMM_EXIT_SYSTEM, "<%s>", big);
	assert_int_equal(strlen(err->msg), n + 2);
	assert_int_equal(err->msg[0], '<');
	assert_int_equal(err->msg[n + 1], '>');
	amm_error_free(err);
	free(big);
}

/* A failed system call: always a system error, the context first, then the Dutch text of the
 * errno at the call, with the system's own text after it. */
static void
test_errno(void **state)
{
	static const struct {
		int errnum;
		const char *what, *starts;
	} cases[] = {
	    {ENOSPC, "schrijven van spin.ini", "schrijven van spin.ini: de schijf is vol ("},
	    {ENOENT, "", ": bestaat niet ("},
	    {EACCES, "100% %s", "100% %s: geen toegang ("},
	    {EOWNERDEAD, "x", "x: systeemfout ("},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		amm_error *err;

		errno = cases[i].errnum;
		err = amm_error_errno("%s", cases[i].what);
		assert_int_equal(err->code, AMM_EXIT_SYSTEM);
		if (!amm_str_starts(err->msg, cases[i].starts) ||
		    strstr(err->msg, strerror(cases[i].errnum)) == NULL)
			fail_msg("'%s' for %s", err->msg, strerror(cases[i].errnum));
		amm_error_free(err);
	}
}

/* Context goes in front; the code and the error itself stay. */
static void
test_wrap(void **state)
{
	amm_error *err, *wrapped;

	(void)state;
	err = amm_error_new(AMM_EXIT_INPUT, "regel %d: geen '='", 3);
	wrapped = amm_error_wrap(err, "casussen/2026/%s/spin.ini", "2026-001");
	assert_ptr_equal(wrapped, err);
	assert_int_equal(wrapped->code, AMM_EXIT_INPUT);
	assert_string_equal(wrapped->msg, "casussen/2026/2026-001/spin.ini: regel 3: geen '='");
	wrapped = amm_error_wrap(wrapped, "%s", "amm toon");
	assert_string_equal(wrapped->msg,
	                    "amm toon: casussen/2026/2026-001/spin.ini: regel 3: geen '='");
	amm_error_free(wrapped);
}

/* The categories are amm's documented exit codes (amm(1)). */
static void
test_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(AMM_EXIT_OK, 0);
	assert_int_equal(AMM_EXIT_FINDINGS, 1);
	assert_int_equal(AMM_EXIT_USAGE, 2);
	assert_int_equal(AMM_EXIT_INPUT, 3);
	assert_int_equal(AMM_EXIT_NOTFOUND, 4);
	assert_int_equal(AMM_EXIT_CONFLICT, 5);
	assert_int_equal(AMM_EXIT_SYSTEM, 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_new),          cmocka_unit_test(test_message_is_copied),
	    cmocka_unit_test(test_long_message), cmocka_unit_test(test_errno),
	    cmocka_unit_test(test_wrap),         cmocka_unit_test(test_exit_codes),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
