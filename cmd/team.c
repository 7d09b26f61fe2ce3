/* amm team [nieuw NAAM --rol ROL [--organisatie O] | verwijder NAAM] [--json] */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "msg.h"

static const char *const rollen[] = {"casusinbrenger", "procesbegeleider", "maatwerkcoach", "lid",
                                     NULL};

struct team_opts {
	const char *rol;
	const char *organisatie;
};

const struct amm_option opts_team[] = {
    AMM_OPT_CHOICE("rol", 0, "ROL", struct team_opts, rol, rollen,
                   "met nieuw: casusinbrenger, procesbegeleider, maatwerkcoach of lid"),
    AMM_OPT_STRING("organisatie", 0, "O", struct team_opts, organisatie,
                   "met nieuw: de organisatie van het teamlid"),
    AMM_OPT_END(struct team_opts),
};

struct team_op {
	bool add;
	const char *naam, *rol, *organisatie;
	int size; /* out: members after the change */
};

/* The section of the member called naam (not removed), or NULL (caller frees). */
static char *
find_member(const struct amm_ini *ini, const char *naam)
{
	char *found = NULL;
	int *nrs;
	size_t n;

	amm_items(ini, "lid", &nrs, &n);
	for (size_t i = 0; i < n && found == NULL; i++) {
		char *sec = amm_asprintf("lid %d", nrs[i]);
		const char *name = amm_ini_get(ini, sec, "naam");
		const char *status = amm_ini_get(ini, sec, "status");

		if (name != NULL && strcmp(name, naam) == 0 &&
		    (status == NULL || strcmp(status, "verwijderd") != 0))
			found = sec;
		else
			free(sec);
	}
	free(nrs);
	return found;
}

static amm_error *
team_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct team_op *op = arg;
	struct amm_ini *team = casus->ini[AMM_DEEL_TEAM];
	struct amm_ini *ini = casus->ini[AMM_DEEL_CASUS];
	char *sec = find_member(team, op->naam);
	amm_error *err = NULL;

	if (op->add && sec != NULL) {
		err = amm_error_new(AMM_EXIT_INPUT, MSG_TEAM_EXISTS, op->naam);
	} else if (op->add) {
		int nr = amm_item_next(team, "lid");

		sec = amm_asprintf("lid %d", nr);
		err = amm_ini_set(team, sec, "naam", op->naam);
		if (err == NULL)
			err = amm_ini_set(team, sec, "rol", op->rol);
		if (err == NULL && op->organisatie != NULL)
			err = amm_ini_set(team, sec, "organisatie", op->organisatie);
		/* The casus names its casusinbrenger, procesbegeleider and maatwerkcoach. */
		if (err == NULL && strcmp(op->rol, "lid") != 0)
			err = amm_ini_set(ini, "casus", op->rol, op->naam);
		amm_tx_message(tx, casus->id, "team", "lid %d toegevoegd (%s)", nr, op->rol);
	} else if (sec == NULL) {
		err = amm_error_new(AMM_EXIT_NOTFOUND, MSG_TEAM_NOT_FOUND, op->naam);
	} else {
		const char *rol = amm_ini_get(team, sec, "rol");

		if (rol != NULL && strcmp(rol, "lid") != 0) {
			const char *named = amm_ini_get(ini, "casus", rol);

			if (named != NULL && strcmp(named, op->naam) == 0)
				err = amm_ini_set(ini, "casus", rol, "");
		}
		if (err == NULL)
			err = amm_ini_set(team, sec, "status", "verwijderd");
		amm_tx_message(tx, casus->id, "team", "%s verwijderd", sec);
	}
	if (err == NULL) {
		struct amm_voortgang v;

		amm_casus_voortgang(casus, AMM_DATE_NO_TODAY, &v);
		op->size = v.teamleden;
	}
	free(sec);
	return err;
}

amm_error *
cmd_team(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct team_opts *o = args->opts;
	struct team_op op = {0};
	struct amm_ini *cfg = NULL;
	char *naam = NULL, *org = NULL;
	amm_error *err = NULL;
	long max;

	if (args->argc == 0)
		return amm_show(ctx, AMM_DEEL_TEAM, ctx->json);
	op.add = strcmp(args->argv[0], "nieuw") == 0;
	if (!op.add && strcmp(args->argv[0], "verwijder") != 0)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_BAD_SUB, args->argv[0], "team",
		                     "nieuw, verwijder");
	if (args->argc != 2 || (!op.add && (o->rol || o->organisatie)))
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "team", args->argv[0], "team");
	op.rol = o->rol;
	if (op.add && op.rol == NULL)
		return amm_error_new(AMM_EXIT_USAGE, MSG_TEAM_NEEDS_ROLE);
	err = amm_arg_text("NAAM", args->argv[1], &naam);
	if (err == NULL && o->organisatie != NULL)
		err = amm_arg_text("--organisatie", o->organisatie, &org);
	op.naam = naam;
	op.organisatie = org;
	if (err == NULL)
		err = amm_commit(ctx, team_change, &op);
	if (err == NULL)
		err = amm_config_load(ctx->head, &cfg);
	max = amm_config_number(cfg, "check", "max-teamleden", AMM_MAX_TEAMLEDEN);
	if (err == NULL && op.add && op.size > max)
		amm_warn(MSG_TEAM_TOO_BIG, op.size, max);
	amm_ini_free(cfg);
	free(naam);
	free(org);
	return err;
}
