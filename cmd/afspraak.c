/* amm afspraak [nieuw --stap NR --wie W --wat W --wanneer DATUM | klaar NR | verzet NR DATUM] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

const struct amm_option opts_afspraak[] = {
    {"stap", 0, "NR", "met nieuw: de stap waar de afspraak bij hoort"},
    {"wie", 0, "W", "met nieuw: wie het doet"},
    {"wat", 0, "W", "met nieuw: wat er gedaan wordt"},
    {"wanneer", 0, "DATUM", "met nieuw: wanneer het klaar is of besproken wordt"},
    {"json", 0, NULL, "uitvoer als JSON (zie amm-afspraak(1))"},
    {NULL, 0, NULL, NULL},
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
	static const char *const nieuw_only[] = {"stap", "wie", "wat", "wanneer", NULL};
	struct afspraak_op op = {0};
	char *wie = NULL, *wat = NULL;
	amm_error *err = NULL;

	if (args->argc == 0) {
		ctx->show_afspraken = true;
		return amm_show(ctx, AMM_DEEL_STAPPEN, amm_flag(args, "json"));
	}
	op.what = args->argv[0];
	amm_date_format(ctx->today, op.today);
	if (strcmp(op.what, "nieuw") == 0) {
		if (args->argc != 1)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "afspraak", op.what,
			                     "afspraak");
		for (const char *const *o = nieuw_only; *o != NULL && err == NULL; o++)
			if (amm_arg(args, *o) == NULL) {
				char *name = amm_asprintf("--%s", *o);

				err = amm_error_new(AMM_EXIT_INPUT, MSG_AFSPRAAK_MISSING, name);
				free(name);
			}
		op.stap = amm_arg(args, "stap");
		if (err == NULL)
			err = amm_arg_text("--wie", amm_arg(args, "wie"), &wie);
		if (err == NULL)
			err = amm_arg_text("--wat", amm_arg(args, "wat"), &wat);
		if (err == NULL)
			err = amm_arg_date(ctx, amm_arg(args, "wanneer"), op.date);
		op.wie = wie;
		op.wat = wat;
	} else if (strcmp(op.what, "klaar") == 0 || strcmp(op.what, "verzet") == 0) {
		for (const char *const *o = nieuw_only; *o != NULL; o++)
			if (amm_arg(args, *o) != NULL)
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
