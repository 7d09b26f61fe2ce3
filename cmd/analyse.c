/* amm analyse [nieuw persoonlijk|professioneel|systeem TEKST | verwijder NR | gedeeld [DATUM]] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

static const char *const types[] = {"persoonlijk", "professioneel", "systeem", NULL};

struct analyse_op {
	const char *what; /* nieuw, verwijder, gedeeld */
	const char *type, *text, *nr;
	char date[AMM_DATE_LEN];
};

static amm_error *
analyse_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct analyse_op *op = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_ANALYSE];
	char *sec = NULL;
	amm_error *err = NULL;

	if (strcmp(op->what, "nieuw") == 0) {
		int nr = amm_item_next(ini, "probleem");

		sec = amm_asprintf("probleem %d", nr);
		err = amm_ini_set(ini, sec, "type", op->type);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "tekst", op->text);
		amm_tx_message(tx, casus->id, "analyse", "probleem %d toegevoegd (%s)", nr,
		               op->type);
	} else if (strcmp(op->what, "verwijder") == 0) {
		err = amm_item_find(ini, "probleem", op->nr, &sec);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "status", "verwijderd");
		amm_tx_message(tx, casus->id, "analyse", "probleem %s verwijderd", op->nr);
	} else {
		err = amm_ini_set(ini, "analyse", "gedeeld", op->date);
		amm_tx_message(tx, casus->id, "analyse",
		               "analyse gedeeld met de Amsterdammer op %s", op->date);
	}
	free(sec);
	return err;
}

amm_error *
cmd_analyse(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct analyse_op op = {0};
	char *text = NULL;
	amm_error *err = NULL;
	int want;

	if (args->argc == 0)
		return amm_show(ctx, AMM_DEEL_ANALYSE, ctx->json);
	op.what = args->argv[0];
	want = strcmp(op.what, "nieuw") == 0       ? 3
	       : strcmp(op.what, "verwijder") == 0 ? 2
	       : strcmp(op.what, "gedeeld") == 0   ? -1
	                                           : 0;
	if (want == 0)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_BAD_SUB, op.what, "analyse",
		                     "nieuw, verwijder, gedeeld");
	if ((want > 0 && args->argc != want) || (want < 0 && args->argc > 2))
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "analyse", op.what, "analyse");
	if (want == 3) {
		op.type = args->argv[1];
		err = amm_arg_choice(op.type, "TYPE", types);
		if (err == NULL)
			err = amm_arg_text("probleem", args->argv[2], &text);
		op.text = text;
	} else if (want == 2) {
		op.nr = args->argv[1];
	} else {
		err = amm_arg_date(ctx, args->argc == 2 ? args->argv[1] : "vandaag", op.date);
	}
	if (err == NULL)
		err = amm_commit(ctx, analyse_change, &op);
	free(text);
	return err;
}
