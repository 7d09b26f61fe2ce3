/* perspectief.md: amm changes only the text between its markers. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"

static void
test_body_between_markers(void **state)
{
	const char *text = "# Perspectief\n\n<!-- uitleg -->\nNotitie van Sanne.\n\n" AMM_MD_BEGIN
	                   "\n\nIk wil een dak boven mijn hoofd.\n\n" AMM_MD_END "\n\nNog iets.\n";
	char *body = amm_md_body(text);
	char *out;

	(void)state;
	assert_string_equal(body, "Ik wil een dak boven mijn hoofd.");
	free(body);
	out = amm_md_set_body(text, "Ik wil zelf mijn geld verdienen.\nEn gezond blijven.");
	assert_string_equal(out,
	                    "# Perspectief\n\n<!-- uitleg -->\nNotitie van Sanne.\n\n" AMM_MD_BEGIN
	                    "\nIk wil zelf mijn geld verdienen.\nEn gezond blijven.\n" AMM_MD_END
	                    "\n\nNog iets.\n");
	body = amm_md_body(out);
	assert_string_equal(body, "Ik wil zelf mijn geld verdienen.\nEn gezond blijven.");
	free(body);
	free(out);
}

static void
test_empty_and_unmarked(void **state)
{
	char *body, *out;

	(void)state;
	body = amm_md_body("# Perspectief\n" AMM_MD_BEGIN "\n" AMM_MD_END "\n");
	assert_string_equal(body, "");
	free(body);
	body = amm_md_body("# Perspectief\n<!--\nuitleg\n-->\n\nIk wil werk.\n");
	assert_string_equal(body, "Ik wil werk.");
	free(body);
	out = amm_md_set_body("Ik wil werk.\n", "Ik wil een baan.");
	assert_string_equal(out,
	                    "Ik wil werk.\n\n" AMM_MD_BEGIN "\nIk wil een baan.\n" AMM_MD_END "\n");
	body = amm_md_body(out);
	assert_string_equal(body, "Ik wil een baan.");
	free(body);
	free(out);
	out = amm_md_set_body("", "");
	assert_string_equal(out, AMM_MD_BEGIN "\n" AMM_MD_END "\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_body_between_markers),
	    cmocka_unit_test(test_empty_and_unmarked),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
