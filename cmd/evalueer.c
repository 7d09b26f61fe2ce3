/* amm evalueer [--stap NR --resultaat behaald|deels|niet --werkte T --nodig T]
 *              [--volgende DATUM] [--perspectief-behaald] [--datum DATUM] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

static const char *const results[] = {"behaald", "deels", "niet", NULL};

struct evalueer_opts {
	const char *resultaat;
	long stap;
	const char *werkte, *nodig;
	bool perspectief_behaald;
	struct amm_date datum, volgende;
};

const struct amm_option opts_evalueer[] = {
    AMM_OPT_CHOICE("resultaat", 'r', "R", struct evalueer_opts, resultaat, results,
                   "wat de activiteiten opleverden: behaald, deels of niet"),
    AMM_OPT_NUMBER("stap", 0, "NR", struct evalueer_opts, stap, "de stap die geëvalueerd is"),
    AMM_OPT_STRING("werkte", 0, "T", struct evalueer_opts, werkte, "wat werkte"),
    AMM_OPT_STRING("nodig", 0, "T", struct evalueer_opts, nodig, "wat er nog nodig is"),
    AMM_OPT_FLAG("perspectief-behaald", 0, struct evalueer_opts, perspectief_behaald,
                 "het perspectief van de Amsterdammer is bereikt"),
    AMM_OPT_DATE("datum", 0, "DATUM", struct evalueer_opts, datum,
                 "datum van de evaluatie (standaard vandaag)"),
    AMM_OPT_DATE("volgende", 0, "DATUM", struct evalueer_opts, volgende,
                 "datum van de volgende evaluatie (in casus.ini)"),
    AMM_OPT_END(struct evalueer_opts),
};

struct eval_op {
	const char *resultaat, *stap;
	char *werkte, *nodig;
	bool behaald;
	char date[AMM_DATE_LEN];
	char next[AMM_DATE_LEN]; /* "" when not given */
};

static amm_error *
eval_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct eval_op *op = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_EVALUATIES];
	char *sec = NULL, *stap = NULL;
	amm_error *err = NULL;
	int nr = 0;

	if (op->resultaat != NULL) {
		nr = amm_item_next(ini, "evaluatie");
		sec = amm_asprintf("evaluatie %d", nr);
		if (op->stap != NULL)
			err = amm_item_find(casus->ini[AMM_DEEL_STAPPEN], "stap", op->stap, &stap);
		if (err == NULL)
			err = amm_ini_set(ini, sec, "datum", op->date);
		if (err == NULL && stap != NULL)
			err = amm_ini_set(ini, sec, "stap", stap + strlen("stap "));
		if (err == NULL)
			err = amm_ini_set(ini, sec, "resultaat", op->resultaat);
		if (err == NULL && op->werkte != NULL)
			err = amm_ini_set(ini, sec, "werkte", op->werkte);
		if (err == NULL && op->nodig != NULL)
			err = amm_ini_set(ini, sec, "nodig", op->nodig);
		if (err == NULL && op->behaald)
			err = amm_ini_set(ini, sec, "perspectief-behaald", "ja");
	}
	if (err == NULL && *op->next != '\0')
		err = amm_ini_set(casus->ini[AMM_DEEL_CASUS], "casus", "volgende-evaluatie",
		                  op->next);
	if (nr > 0 && *op->next != '\0')
		amm_tx_message(tx, casus->id, "evaluaties",
		               "evaluatie %d vastgelegd (%s); volgende evaluatie %s", nr,
		               op->resultaat, op->next);
	else if (nr > 0)
		amm_tx_message(tx, casus->id, "evaluaties", "evaluatie %d vastgelegd (%s)", nr,
		               op->resultaat);
	else
		amm_tx_message(tx, casus->id, "casus", "volgende evaluatie %s", op->next);
	free(sec);
	free(stap);
	return err;
}

amm_error *
cmd_evalueer(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct evalueer_opts *o = args->opts;
	struct eval_op op = {0};
	char stap[24];
	amm_error *err = NULL;

	op.resultaat = o->resultaat;
	if (op.resultaat == NULL) {
		if (o->stap || o->werkte || o->nodig || o->perspectief_behaald || o->datum.y)
			return amm_error_new(AMM_EXIT_USAGE, MSG_EVAL_NEEDS_RESULT);
		if (o->volgende.y == 0)
			return amm_show(ctx, AMM_DEEL_EVALUATIES, ctx->json);
	}
	if (o->stap > 0) {
		snprintf(stap, sizeof(stap), "%ld", o->stap);
		op.stap = stap;
	}
	op.behaald = o->perspectief_behaald;
	amm_date_format(o->datum.y ? o->datum : ctx->today, op.date);
	if (o->volgende.y)
		amm_date_format(o->volgende, op.next);
	if (o->werkte != NULL)
		err = amm_arg_text("--werkte", o->werkte, &op.werkte);
	if (err == NULL && o->nodig != NULL)
		err = amm_arg_text("--nodig", o->nodig, &op.nodig);
	if (err == NULL)
		err = amm_commit(ctx, eval_change, &op);
	free(op.werkte);
	free(op.nodig);
	return err;
}
