/* Commit trailers, read as git reads them: only the last paragraph, keys without regard to case. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "trailer.h"

static const struct {
	const char *what, *message, *key, *want; /* want NULL: no such trailer */
} cases[] = {
    {"amm's own commit",
     "2026-001 spin: wonen ingevuld\n\nAMM-Casus: 2026-001\nAMM-Onderdeel: spin\n", "AMM-Onderdeel",
     "spin"},
    {"the first key", "x\n\nAMM-Casus: 2026-001\nAMM-Onderdeel: spin\n", "AMM-Casus", "2026-001"},
    {"a key in other case", "x\n\namm-casus: 2026-002\n", "AMM-Casus", "2026-002"},
    {"spaces around the value", "x\n\nAMM-Onderdeel:   stappen  \n", "AMM-Onderdeel", "stappen"},
    {"not in the last paragraph", "x\n\nAMM-Onderdeel: spin\n\nzoals besproken\n", "AMM-Onderdeel",
     NULL},
    {"only a subject", "AMM-Onderdeel: spin\n", "AMM-Onderdeel", NULL},
    {"another key", "x\n\nSigned-off-by: Sanne <s@example.org>\n", "AMM-Casus", NULL},
    {"empty message", "", "AMM-Casus", NULL},
};

static void
test_trailers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = NULL;

		assert_ok(amm_trailer_get(cases[i].message, cases[i].key, &got));
		if ((got == NULL) != (cases[i].want == NULL) ||
		    (got != NULL && strcmp(got, cases[i].want) != 0))
			fail_msg("%s: '%s', expected '%s'", cases[i].what, got ? got : "(none)",
			         cases[i].want ? cases[i].want : "(none)");
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trailers),
	};
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
