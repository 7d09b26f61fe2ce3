/* amm afsluiten [--reden T] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

const struct amm_option opts_afsluiten[] = {
    {"json", 0, NULL, "toon wat is vastgelegd als JSON (zie amm-json(7))"},
    {"reden", 0, "T", "waarom de casus wordt afgesloten"},
    {NULL, 0, NULL, NULL},
};

struct afsluiten {
	const char *reden;
	char today[AMM_DATE_LEN];
	struct amm_voortgang v; /* out: as it was closed */
};

static amm_error *
afsluiten_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct afsluiten *a = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_CASUS];
	amm_error *err = NULL;

	if (!amm_casus_is_open(casus))
		return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_ALREADY, casus->id, "afgesloten");
	amm_casus_voortgang(casus, (struct amm_date){2000, 1, 1}, &a->v);
	err = amm_ini_set(ini, "casus", "status", "afgesloten");
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "afgesloten", a->today);
	if (err == NULL && a->reden != NULL)
		err = amm_ini_set(ini, "casus", "reden-afsluiten", a->reden);
	amm_tx_message(tx, casus->id, "casus", "casus afgesloten");
	return err;
}

amm_error *
cmd_afsluiten(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct afsluiten a = {0};
	const char *reden = amm_arg(args, "reden");
	char *text = NULL;
	amm_error *err = NULL;

	amm_date_format(ctx->today, a.today);
	if (reden != NULL)
		err = amm_arg_text("--reden", reden, &text);
	a.reden = text;
	ctx->closed_ok = true;
	if (err == NULL)
		err = amm_commit(ctx, afsluiten_change, &a);
	if (err == NULL && a.v.evaluaties == 0)
		amm_warn(MSG_AFSLUITEN_NO_EVAL);
	if (err == NULL && a.v.afspraken_open > 0)
		amm_warn(MSG_AFSLUITEN_OPEN, a.v.afspraken_open);
	free(text);
	return err;
}
