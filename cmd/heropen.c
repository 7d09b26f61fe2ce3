/* amm heropen */
#include "cmd.h"
#include "msg.h"

const struct amm_option opts_heropen[] = {
    {"json", 0, NULL, "toon wat is vastgelegd als JSON (zie amm-json(7))"},
    {NULL, 0, NULL, NULL},
};

static amm_error *
heropen_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct amm_ini *ini = casus->ini[AMM_DEEL_CASUS];
	amm_error *err;

	if (amm_casus_is_open(casus))
		return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_ALREADY, casus->id, "open");
	/* The closing stays in the history; the file says what holds now. */
	amm_ini_remove(ini, "casus", "afgesloten");
	amm_ini_remove(ini, "casus", "reden-afsluiten");
	err = amm_ini_set(ini, "casus", "status", "open");
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "heropend", arg);
	amm_tx_message(tx, casus->id, "casus", "casus heropend");
	return err;
}

amm_error *
cmd_heropen(struct amm_ctx *ctx, const struct amm_args *args)
{
	char today[AMM_DATE_LEN];

	(void)args;
	amm_date_format(ctx->today, today);
	ctx->closed_ok = true;
	return amm_commit(ctx, heropen_change, today);
}
