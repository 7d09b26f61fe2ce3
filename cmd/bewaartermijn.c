/* amm bewaartermijn [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

const struct amm_option opts_bewaartermijn[] = {
    {"json", 0, NULL, "uitvoer als JSON (zie amm-bewaartermijn(1))"},
    {NULL, 0, NULL, NULL},
};

amm_error *
cmd_bewaartermijn(struct amm_ctx *ctx, const struct amm_args *args)
{
	bool json = amm_flag(args, "json");
	struct amm_strlist ids = {0};
	struct amm_ini *cfg = NULL;
	json_t *list = json_array();
	amm_error *err;
	size_t unreadable = 0;
	long years;

	err = amm_config_load(ctx->head, &cfg);
	years = amm_config_number(cfg, "privacy", "bewaartermijn", 7);
	if (err == NULL)
		err = amm_casus_ids(ctx->head, &ids);
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;
		const char *closed;
		struct amm_date d, until;
		char until_s[AMM_DATE_LEN];

		err = amm_casus_load(&casus, ctx->head, ids.items[i]);
		amm_load_skip(&err, &unreadable);
		closed = casus != NULL ? amm_casus_get(casus, "afgesloten") : "";
		if (casus != NULL && !amm_casus_is_open(casus) && amm_date_stored(closed, &d)) {
			/* The same day, years later; 29 February becomes 28 February. */
			until = (struct amm_date){d.y + (int)years, d.m, d.d};
			if (!amm_date_valid(until.y, until.m, until.d))
				until.d--;
			amm_date_format(until, until_s);
			if (amm_date_cmp(until, ctx->today) <= 0) {
				char *cmd = amm_asprintf("amm vergeet %s --bevestig %s", casus->id,
				                         casus->id);

				if (json)
					json_array_append_new(
					    list, json_pack("{s:s, s:s, s:s, s:s}", "id", casus->id,
					                    "afgesloten", closed, "bewaren_tot",
					                    until_s, "opdracht", cmd));
				else
					amm_printf(stdout,
					           "%s  afgesloten %s, bewaren tot %s:  %s\n",
					           casus->id, closed, until_s, cmd);
				free(cmd);
			}
		}
		amm_casus_free(casus);
	}
	if (err == NULL && json)
		err = amm_print_json(json_incref(list));
	json_decref(list);
	amm_strlist_free(&ids);
	amm_ini_free(cfg);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
