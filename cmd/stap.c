/* amm stap [nieuw TEKST | klaar NR | gestopt NR [--reden T]] */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "msg.h"

struct stap_opts {
	const char *reden;
};

const struct amm_option opts_stap[] = {
    AMM_OPT_STRING("reden", 0, "T", struct stap_opts, reden,
                   "met gestopt: waarom de stap gestopt is"),
    AMM_OPT_END(struct stap_opts),
};

struct stap_op {
	const char *what; /* nieuw, klaar, gestopt */
	const char *text, *nr, *reden;
	char today[AMM_DATE_LEN];
	int open; /* out: open steps afterwards */
};

static amm_error *
stap_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct stap_op *op = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_STAPPEN];
	struct amm_voortgang v;
	char *sec = NULL;
	amm_error *err = NULL;

	if (strcmp(op->what, "nieuw") == 0) {
		int nr = amm_item_next(ini, "stap");

		sec = amm_asprintf("stap %d", nr);
		err = amm_ini_set(ini, sec, "tekst", op->text);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "status", "open");
		if (err == NULL)
			err = amm_ini_set(ini, sec, "aangemaakt", op->today);
		amm_tx_message(tx, casus->id, "stappen", "stap %d toegevoegd", nr);
	} else {
		const char *status;

		err = amm_item_find(ini, "stap", op->nr, &sec);
		status = err == NULL ? amm_ini_get(ini, sec, "status") : NULL;
		if (err == NULL && status != NULL && strcmp(status, "open") != 0 && *status)
			err = amm_error_new(AMM_EXIT_INPUT, MSG_STAP_NOT_OPEN, op->nr, status);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "status", op->what);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "afgerond", op->today);
		if (err == NULL && op->reden != NULL)
			err = amm_ini_set(ini, sec, "reden", op->reden);
		amm_tx_message(tx, casus->id, "stappen", "stap %s %s", op->nr, op->what);
	}
	amm_casus_voortgang(casus, AMM_DATE_NO_TODAY, &v);
	op->open = v.stappen_open;
	free(sec);
	return err;
}

amm_error *
cmd_stap(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct stap_opts *o = args->opts;
	struct stap_op op = {0};
	struct amm_ini *cfg = NULL;
	const char *reden = o->reden;
	char *text = NULL, *why = NULL;
	amm_error *err = NULL;
	long max;

	if (args->argc == 0)
		return amm_show(ctx, AMM_DEEL_STAPPEN, ctx->json);
	op.what = args->argv[0];
	if (strcmp(op.what, "nieuw") != 0 && strcmp(op.what, "klaar") != 0 &&
	    strcmp(op.what, "gestopt") != 0)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_BAD_SUB, op.what, "stap",
		                     "nieuw, klaar, gestopt");
	if (args->argc != 2 || (reden != NULL && strcmp(op.what, "gestopt") != 0))
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "stap", op.what, "stap");
	amm_date_format(ctx->today, op.today);
	if (strcmp(op.what, "nieuw") == 0) {
		err = amm_arg_text("stap", args->argv[1], &text);
		op.text = text;
	} else {
		op.nr = args->argv[1];
	}
	if (err == NULL && reden != NULL)
		err = amm_arg_text("--reden", reden, &why);
	op.reden = why;
	if (err == NULL)
		err = amm_commit(ctx, stap_change, &op);
	if (err == NULL)
		err = amm_config_load(ctx->head, &cfg);
	max = amm_config_number(cfg, "check", "max-open-stappen", AMM_MAX_OPEN_STAPPEN);
	if (err == NULL && op.open > max)
		amm_warn(MSG_STAP_TOO_MANY, op.open, max);
	amm_ini_free(cfg);
	free(text);
	free(why);
	return err;
}
