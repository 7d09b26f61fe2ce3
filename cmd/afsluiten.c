/* amm afsluiten [--reden T] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

struct afsluiten_opts {
	const char *reden;
};

const struct amm_option opts_afsluiten[] = {
    AMM_OPT_STRING("reden", 0, "T", struct afsluiten_opts, reden,
                   "waarom de casus wordt afgesloten"),
    AMM_OPT_END(struct afsluiten_opts),
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
	amm_casus_voortgang(casus, AMM_DATE_NO_TODAY, &a->v);
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
	const struct afsluiten_opts *o = args->opts;
	struct afsluiten a = {0};
	const char *reden = o->reden;
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
