/* amm bewaartermijn [--json|--csv] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "erase.h"
#include "msg.h"

struct bewaartermijn_opts {
	bool csv;
};

const struct amm_option opts_bewaartermijn[] = {
    AMM_OPT_FLAG("csv", 0, struct bewaartermijn_opts, csv,
                 "de vernietigingslijst als CSV, voor de archiefbeheerder en amm vergeet --lijst"),
    AMM_OPT_END(struct bewaartermijn_opts),
};

amm_error *
cmd_bewaartermijn(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct bewaartermijn_opts *o = args->opts;
	bool json = ctx->json, csv = o->csv;
	struct amm_strlist unreadable = {0};
	struct amm_due *due = NULL;
	json_t *list = json_array();
	amm_error *err;
	size_t n = 0;

	if (json && csv)
		err = amm_error_new(AMM_EXIT_USAGE, MSG_BEWAAR_FORMATS);
	else
		err = amm_erase_due(ctx->head, ctx->today, &due, &n, &unreadable);
	if (err == NULL && csv)
		printf("id,afgesloten,bewaren_tot\n");
	for (size_t i = 0; i < n && err == NULL; i++) {
		const struct amm_due *d = &due[i];

		if (json) {
			char *cmd = amm_asprintf(
			    "amm vergeet %s --bevestig %s --grond bewaartermijn", d->id, d->id);

			json_array_append_new(list,
			                      json_pack("{s:s, s:s, s:s, s:s}", "casus", d->id,
			                                "afgesloten", d->afgesloten, "bewaren_tot",
			                                d->bewaren_tot, "opdracht", cmd));
			free(cmd);
		} else if (csv)
			printf("%s,%s,%s\n", d->id, d->afgesloten, d->bewaren_tot);
		else
			amm_printf(stdout, "%s  afgesloten %s, bewaren tot %s\n", d->id,
			           d->afgesloten, d->bewaren_tot);
	}
	if (err == NULL && n > 0 && !json && !csv)
		printf("\nWis ze met: amm bewaartermijn --csv > lijst.csv && amm vergeet --lijst "
		       "lijst.csv\n");
	if (err == NULL && json)
		err = amm_print_json(json_pack("{s:O}", "vernietigingslijst", list));
	for (size_t i = 0; i < unreadable.len; i++)
		amm_printf(stderr, "amm: %s\n", unreadable.items[i]);
	if (err == NULL)
		err = amm_load_skipped(unreadable.len);
	amm_strlist_free(&unreadable);
	json_decref(list);
	free(due);
	return err;
}
