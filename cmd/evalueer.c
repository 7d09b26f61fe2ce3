/* amm evalueer [--stap NR --resultaat behaald|deels|niet --werkte T --nodig T]
 *              [--volgende DATUM] [--perspectief-behaald] [--datum DATUM] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

const struct amm_option opts_evalueer[] = {
    {"resultaat", 'r', "R", "wat de activiteiten opleverden: behaald, deels of niet"},
    {"stap", 0, "NR", "de stap die geëvalueerd is"},
    {"werkte", 0, "T", "wat werkte"},
    {"nodig", 0, "T", "wat er nog nodig is"},
    {"perspectief-behaald", 0, NULL, "het perspectief van de Amsterdammer is bereikt"},
    {"datum", 0, "DATUM", "datum van de evaluatie (standaard vandaag)"},
    {"volgende", 0, "DATUM", "datum van de volgende evaluatie (in casus.ini)"},
    {"json", 0, NULL, "uitvoer als JSON (zie amm-evalueer(1))"},
    {NULL, 0, NULL, NULL},
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
	static const char *const results[] = {"behaald", "deels", "niet", NULL};
	static const char *const with_result[] = {"stap",  "werkte", "nodig", "perspectief-behaald",
	                                          "datum", NULL};
	struct eval_op op = {0};
	const char *next = amm_arg(args, "volgende");
	const char *werkte = amm_arg(args, "werkte"), *nodig = amm_arg(args, "nodig");
	amm_error *err = NULL;

	op.resultaat = amm_arg(args, "resultaat");
	if (op.resultaat == NULL) {
		for (const char *const *o = with_result; *o != NULL; o++)
			if (amm_arg(args, *o) != NULL)
				return amm_error_new(AMM_EXIT_USAGE, MSG_EVAL_NEEDS_RESULT);
		if (next == NULL)
			return amm_show(ctx, AMM_DEEL_EVALUATIES, amm_flag(args, "json"));
	}
	if (op.resultaat != NULL)
		err = amm_arg_choice(op.resultaat, "--resultaat", results);
	op.stap = amm_arg(args, "stap");
	op.behaald = amm_flag(args, "perspectief-behaald");
	if (err == NULL)
		err = amm_arg_date(ctx, amm_arg(args, "datum") ? amm_arg(args, "datum") : "vandaag",
		                   op.date);
	if (err == NULL && next != NULL)
		err = amm_arg_date(ctx, next, op.next);
	if (err == NULL && werkte != NULL)
		err = amm_arg_text("--werkte", werkte, &op.werkte);
	if (err == NULL && nodig != NULL)
		err = amm_arg_text("--nodig", nodig, &op.nodig);
	if (err == NULL)
		err = amm_commit(ctx, eval_change, &op);
	free(op.werkte);
	free(op.nodig);
	return err;
}
