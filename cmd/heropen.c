/* amm heropen [--reden T] */
#include <stdlib.h>

#include "cmd.h"
#include "msg.h"

struct heropen_opts {
	const char *reden;
};

const struct amm_option opts_heropen[] = {
    AMM_OPT_STRING("reden", 0, "T", struct heropen_opts, reden, "waarom de casus weer open gaat"),
    AMM_OPT_END(struct heropen_opts),
};

struct heropen {
	const char *reden; /* or NULL */
	char today[AMM_DATE_LEN];
};

static amm_error *
heropen_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct heropen *h = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_CASUS];
	const char *closed = amm_ini_str(ini, "casus", "afgesloten");
	const char *why = amm_ini_str(ini, "casus", "reden-afsluiten");
	char *note;
	amm_error *err;

	if (amm_casus_is_open(casus))
		return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_ALREADY, casus->id, "open");
	/* The file says what holds now; the commit keeps the closing it undoes. */
	note = amm_asprintf(MSG_HEROPEN_AFSLUITING, *closed ? closed : "?",
	                    *why ? why : "geen reden vastgelegd");
	amm_tx_note(tx, note);
	free(note);
	if (h->reden != NULL) {
		note = amm_asprintf(MSG_HEROPEN_REDEN, h->reden);
		amm_tx_note(tx, note);
		free(note);
	}
	amm_ini_remove(ini, "casus", "afgesloten");
	amm_ini_remove(ini, "casus", "reden-afsluiten");
	amm_ini_remove(ini, "casus", "reden-heropenen");
	err = amm_ini_set(ini, "casus", "status", "open");
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "heropend", h->today);
	if (err == NULL && h->reden != NULL)
		err = amm_ini_set(ini, "casus", "reden-heropenen", h->reden);
	amm_tx_message(tx, casus->id, "casus", "casus heropend");
	return err;
}

amm_error *
cmd_heropen(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct heropen_opts *o = args->opts;
	struct heropen h = {0};
	char *text = NULL;
	amm_error *err = NULL;

	amm_date_format(ctx->today, h.today);
	if (o->reden != NULL)
		err = amm_arg_text("--reden", o->reden, &text);
	h.reden = text;
	ctx->closed_ok = true;
	if (err == NULL)
		err = amm_commit(ctx, heropen_change, &h);
	free(text);
	return err;
}
