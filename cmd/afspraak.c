/* amm afspraak [nieuw --stap NR --wie W --wat W --wanneer DATUM | klaar NR | verzet NR DATUM] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

struct afspraak_opts {
	long stap;
	const char *wie, *wat;
	struct amm_date wanneer;
};

const struct amm_option opts_afspraak[] = {
    AMM_OPT_NUMBER("stap", 0, "NR", struct afspraak_opts, stap,
                   "met nieuw: de stap waar de afspraak bij hoort"),
    AMM_OPT_STRING("wie", 0, "W", struct afspraak_opts, wie, "met nieuw: wie het doet"),
    AMM_OPT_STRING("wat", 0, "W", struct afspraak_opts, wat, "met nieuw: wat er gedaan wordt"),
    AMM_OPT_DATE("wanneer", 0, "DATUM", struct afspraak_opts, wanneer,
                 "met nieuw: wanneer het klaar is of besproken wordt"),
    AMM_OPT_END(struct afspraak_opts),
};

struct afspraak_op {
	const char *what; /* nieuw, klaar, verzet */
	const char *stap, *wie, *wat, *nr;
	char date[AMM_DATE_LEN];
	char today[AMM_DATE_LEN];
};

static amm_error *
nieuw(struct amm_casus *casus, struct amm_tx *tx, struct afspraak_op *op)
{
	struct amm_ini *ini = casus->ini[AMM_DEEL_STAPPEN];
	int nr = amm_item_next(ini, "afspraak");
	char *stap = NULL, *sec = amm_asprintf("afspraak %d", nr);
	amm_error *err = amm_item_find(ini, "stap", op->stap, &stap);

	if (err == NULL)
		err = amm_ini_set(ini, sec, "stap", stap + strlen("stap "));
	if (err == NULL)
		err = amm_ini_set(ini, sec, "wie", op->wie);
	if (err == NULL)
		err = amm_ini_set(ini, sec, "wat", op->wat);
	if (err == NULL)
		err = amm_ini_set(ini, sec, "wanneer", op->date);
	if (err == NULL)
		err = amm_ini_set(ini, sec, "status", "open");
	if (err == NULL)
		err = amm_ini_set(ini, sec, "aangemaakt", op->today);
	if (err == NULL)
		amm_tx_message(tx, casus->id, "stappen", "afspraak %d toegevoegd bij %s", nr, stap);
	free(stap);
	free(sec);
	return err;
}

static amm_error *
afspraak_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct afspraak_op *op = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_STAPPEN];
	char *sec = NULL, *old = NULL;
	amm_error *err;

	if (strcmp(op->what, "nieuw") == 0)
		return nieuw(casus, tx, op);
	err = amm_item_find(ini, "afspraak", op->nr, &sec);
	if (err == NULL && strcmp(op->what, "klaar") == 0) {
		const char *status = amm_ini_get(ini, sec, "status");

		if (status != NULL && strcmp(status, "klaar") == 0)
			err = amm_error_new(AMM_EXIT_INPUT, MSG_AFSPRAAK_NOT_OPEN, op->nr);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "status", "klaar");
		if (err == NULL)
			err = amm_ini_set(ini, sec, "afgerond", op->today);
		amm_tx_message(tx, casus->id, "stappen", "afspraak %s klaar", op->nr);
	} else if (err == NULL) {
		const char *was = amm_ini_get(ini, sec, "wanneer");

		old = amm_xstrdup(was ? was : "");
		err = amm_ini_set(ini, sec, "wanneer", op->date);
		/* Dates only: the history keeps the old one, the message names both. */
		amm_tx_message(tx, casus->id, "stappen", "afspraak %s verzet van %s naar %s",
		               op->nr, *old ? old : "(geen datum)", op->date);
	}
	free(old);
	free(sec);
	return err;
}

amm_error *
cmd_afspraak(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct afspraak_opts *o = args->opts;
	/* What only nieuw takes, in the order a missing one is named. */
	const bool given[] = {o->stap > 0, o->wie != NULL, o->wat != NULL, o->wanneer.y != 0};
	static const char *const nieuw_only[] = {"--stap", "--wie", "--wat", "--wanneer"};
	struct afspraak_op op = {0};
	char *wie = NULL, *wat = NULL, stap[24];
	amm_error *err = NULL;

	if (args->argc == 0) {
		ctx->show_afspraken = true;
		return amm_show(ctx, AMM_DEEL_STAPPEN, ctx->json);
	}
	op.what = args->argv[0];
	amm_date_format(ctx->today, op.today);
	if (strcmp(op.what, "nieuw") == 0) {
		if (args->argc != 1)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "afspraak", op.what,
			                     "afspraak");
		for (size_t i = 0; i < 4 && err == NULL; i++)
			if (!given[i])
				err = amm_error_new(AMM_EXIT_INPUT, MSG_AFSPRAAK_MISSING,
				                    nieuw_only[i]);
		snprintf(stap, sizeof(stap), "%ld", o->stap);
		op.stap = stap;
		if (err == NULL)
			err = amm_arg_text("--wie", o->wie, &wie);
		if (err == NULL)
			err = amm_arg_text("--wat", o->wat, &wat);
		amm_date_format(o->wanneer, op.date);
		op.wie = wie;
		op.wat = wat;
	} else if (strcmp(op.what, "klaar") == 0 || strcmp(op.what, "verzet") == 0) {
		for (size_t i = 0; i < 4; i++)
			if (given[i])
				return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "afspraak",
				                     op.what, "afspraak");
		if (args->argc != (strcmp(op.what, "klaar") == 0 ? 2 : 3))
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "afspraak", op.what,
			                     "afspraak");
		op.nr = args->argv[1];
		if (args->argc == 3)
			err = amm_arg_date(ctx, args->argv[2], op.date);
	} else {
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_BAD_SUB, op.what, "afspraak",
		                     "nieuw, klaar, verzet");
	}
	if (err == NULL)
		err = amm_commit(ctx, afspraak_change, &op);
	free(wie);
	free(wat);
	return err;
}
