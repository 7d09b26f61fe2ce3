/* The method's conditions for a perspectief, with the brochure's own examples. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "perspectief.h"

/* The warnings for text, joined by newlines (caller frees). */
static char *
warnings_of(const char *text)
{
	struct amm_strlist w = {0};
	struct amm_buf buf = {0};

	amm_perspectief_check(text, &w);
	for (size_t i = 0; i < w.len; i++)
		amm_buf_addf(&buf, "%s\n", w.items[i]);
	amm_strlist_free(&w);
	return amm_buf_detach(&buf, NULL);
}

static void
expect_clean(const char *text)
{
	char *w = warnings_of(text);

	if (*w != '\0')
		fail_msg("'%s' should give no warning, got: %s", text, w);
	free(w);
}

static void
expect_warning(const char *text, const char *part)
{
	char *w = warnings_of(text);

	if (strstr(w, part) == NULL)
		fail_msg("'%s' should warn with '%s', got: '%s'", text, part, w);
	free(w);
}

static void
test_brochure_examples(void **state)
{
	(void)state;
	/* The widest formulations leave room for several ways. */
	expect_clean("Ik wil een dak boven mijn hoofd");
	expect_clean("Ik wil in Amsterdam wonen");
	expect_clean("Ik wil een baan om zelf mijn geld te verdienen");
	expect_clean("Ik wil piloot worden");
	expect_clean("Over een jaar hebben wij een rustig huis en gaan onze kinderen naar school");
	/* One concrete solution: an address, one named employer. */
	expect_warning("Ik wil op Czaar Peterstraat 333 wonen", "Czaar Peterstraat 333");
	expect_warning("Ik wil piloot bij de KLM worden", "bij KLM");
	expect_warning("Ik wil werken bij Albert Heijn", "bij Albert");
	expect_warning("Ik wil wonen op Javaplein 12", "concrete oplossing");
	expect_warning("Ik wil een huis in 1093 AB", "1093 AB");
}

static void
test_ik_vorm_and_positive(void **state)
{
	(void)state;
	expect_warning("Fatima wil een dak boven haar hoofd", "ik-vorm");
	expect_warning("De familie wil rust", "ik-vorm");
	expect_warning("Ik wil geen schulden meer", "negatief geformuleerd ('geen')");
	expect_warning("Ik wil niet meer alleen zijn", "negatief geformuleerd ('niet')");
	expect_warning("Ik wil nooit meer dakloos zijn", "'nooit'");
	expect_clean("IK WIL MIJN EIGEN GELD VERDIENEN");
	/* Each warning carries the method's reason. */
	expect_warning("Ik wil geen schulden", "energiegevend en positief");
	expect_warning("Hij wil werk", "eigen woorden van de Amsterdammer");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_brochure_examples),
	    cmocka_unit_test(test_ik_vorm_and_positive),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
