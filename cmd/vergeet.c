/* amm vergeet ID --bevestig ID */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

const struct amm_option opts_vergeet[] = {
    {"bevestig", 0, "ID", "herhaal het casusnummer: wissen kan niet ongedaan worden gemaakt"},
    {NULL, 0, NULL, NULL},
};

amm_error *
cmd_vergeet(struct amm_ctx *ctx, const struct amm_args *args)
{
	const char *confirm = amm_arg(args, "bevestig");
	struct amm_forget_report r = {0};
	char *dir;
	amm_error *err;

	if (args->argc != 1 || confirm == NULL)
		return amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_USAGE);
	if (strcmp(args->argv[0], confirm) != 0)
		return amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_CONFIRM, args->argv[0], confirm);
	err = amm_casus_exists(ctx->head, args->argv[0]);
	if (err != NULL)
		return err;
	dir = amm_casus_dir(args->argv[0]);
	err = amm_store_forget(ctx->store, dir, &r);
	free(dir);
	if (err == NULL) {
		printf("Casus %s is gewist uit de hele geschiedenis: %zu commits herschreven, %zu "
		       "vervallen.\n",
		       args->argv[0], r.rewritten, r.dropped);
		if (r.remotes.len > 0)
			printf("\nDe casus staat nog op elke server en in elke kloon. Doe nu:\n");
		for (size_t i = 0; i < r.remotes.len; i++)
			for (size_t b = 0; b < r.branches.len; b++)
				amm_printf(stdout, "  git push --force %s %s\n", r.remotes.items[i],
				           r.branches.items[b]);
		if (r.remotes.len > 0)
			printf("en laat iedereen met een kloon die weggooien en opnieuw klonen "
			       "(git clone "
			       "URL). Laat de beheerder van de server daar ook opruimen (git gc "
			       "--prune=now), anders blijven oude objecten bewaard.\n");
	}
	amm_forget_report_free(&r);
	return err;
}
