/*
 * amm uitzondering [NR [--svg [-o BESTAND]]] [--json]
 * amm uitzondering nieuw --over T --gewone-route T --maatwerk T [--kosten-gewoon EUR]
 *                        [--kosten-maatwerk EUR] [--maatwerkcoach NAAM]
 * amm uitzondering NR VELD TEKST
 * amm uitzondering NR besluit akkoord|afgewezen [--toelichting T]
 */
#include <stdlib.h>
#include <string.h>

#include "bedrag.h"
#include "cmd.h"
#include "doc.h"
#include "msg.h"
#include "render.h"

struct uitzondering_opts {
	const char *over, *gewone_route, *maatwerk, *kosten_gewoon, *kosten_maatwerk;
	const char *maatwerkcoach, *toelichting;
	bool svg;
	const char *uitvoer;
};

const struct amm_option opts_uitzondering[] = {
    AMM_OPT_STRING("over", 0, "T", struct uitzondering_opts, over,
                   "met nieuw: de regel, uitleg of procedure waarvan wordt afgeweken"),
    AMM_OPT_STRING("gewone-route", 0, "T", struct uitzondering_opts, gewone_route,
                   "met nieuw: wat er zonder uitzondering gebeurt"),
    AMM_OPT_STRING("maatwerk", 0, "T", struct uitzondering_opts, maatwerk,
                   "met nieuw: de maatwerkoplossing"),
    AMM_OPT_STRING("kosten-gewoon", 0, "EUR", struct uitzondering_opts, kosten_gewoon,
                   "met nieuw: de kosten van de gewone route"),
    AMM_OPT_STRING("kosten-maatwerk", 0, "EUR", struct uitzondering_opts, kosten_maatwerk,
                   "met nieuw: de kosten van de maatwerkoplossing"),
    AMM_OPT_STRING("maatwerkcoach", 0, "NAAM", struct uitzondering_opts, maatwerkcoach,
                   "met nieuw: de maatwerkcoach (anders die van de casus)"),
    AMM_OPT_STRING("toelichting", 0, "T", struct uitzondering_opts, toelichting,
                   "met besluit: de toelichting bij het besluit"),
    AMM_OPT_FLAG("svg", 0, struct uitzondering_opts, svg,
                 "met NR: teken de waardendriehoek als SVG-afbeelding"),
    AMM_OPT_STRING("uitvoer", 'o', "BESTAND", struct uitzondering_opts, uitvoer,
                   "met --svg: schrijf naar BESTAND in plaats van de standaarduitvoer"),
    AMM_OPT_END(struct uitzondering_opts),
};

/* The fields `amm uitzondering NR VELD TEKST` sets; the first two are amounts. */
const char *const amm_uitzondering_velden[] = {
    "kosten-gewoon", "kosten-maatwerk", "legitimiteit",  "betrokkenheid", "rendement",
    "gewone-route",  "maatwerk",        "maatwerkcoach", "over",          NULL};

/* The keys of a new exception, in the order they stand in the file. */
static const char *const order[] = {
    "over",          "gewone-route", "maatwerk",      "kosten-gewoon", "kosten-maatwerk",
    "maatwerkcoach", "legitimiteit", "betrokkenheid", "rendement",     NULL};

struct field {
	const char *key;
	char *value;
};

struct uitz_op {
	const char *nr; /* NULL: a new exception */
	struct field fields[8];
	size_t nfields;
	const char *besluit; /* akkoord, afgewezen */
	char today[AMM_DATE_LEN];
	int made; /* out: number of the new exception */
};

static amm_error *
uitz_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct uitz_op *op = arg;
	struct amm_ini *ini = casus->ini[AMM_DEEL_UITZONDERINGEN];
	char *sec = NULL, *missing = NULL;
	amm_error *err = NULL;

	if (op->nr == NULL) {
		const char *coach = amm_casus_get(casus, "maatwerkcoach");

		op->made = amm_item_next(ini, "uitzondering");
		sec = amm_asprintf("uitzondering %d", op->made);
		/* All keys in one order, so every exception reads the same. */
		for (const char *const *k = order; *k != NULL && err == NULL; k++)
			err = amm_ini_set(ini, sec, *k, "");
		if (err == NULL && *coach != '\0')
			err = amm_ini_set(ini, sec, "maatwerkcoach", coach);
		amm_tx_message(tx, casus->id, "uitzonderingen", "uitzondering %d toegevoegd",
		               op->made);
	} else {
		err = amm_item_find(ini, "uitzondering", op->nr, &sec);
		if (err == NULL && op->besluit != NULL) {
			missing = amm_uitzondering_missing(ini, sec);
			if (*missing != '\0')
				err = amm_error_new(AMM_EXIT_INPUT, MSG_UITZ_INCOMPLETE, op->nr,
				                    missing);
			if (err == NULL)
				err = amm_ini_set(ini, sec, "besluit", op->besluit);
			if (err == NULL)
				err = amm_ini_set(ini, sec, "besluit-datum", op->today);
			amm_tx_message(tx, casus->id, "uitzonderingen", "uitzondering %s %s",
			               op->nr, op->besluit);
		} else if (err == NULL) {
			const char *old = amm_ini_get(ini, sec, op->fields[0].key);

			amm_tx_message(tx, casus->id, "uitzonderingen", "uitzondering %s: %s %s",
			               op->nr, op->fields[0].key,
			               old == NULL || *old == '\0' ? "ingevuld" : "gewijzigd");
		}
	}
	for (size_t i = 0; i < op->nfields && err == NULL; i++)
		err = amm_ini_set(ini, sec, op->fields[i].key, op->fields[i].value);
	free(missing);
	free(sec);
	return err;
}

/* A field's value as stored: amounts canonical, texts checked. */
static amm_error *
field_value(const char *key, const char *text, char **out)
{
	long long cents;
	amm_error *err;

	if (strncmp(key, "kosten-", 7) != 0)
		return amm_arg_text(key, text, out);
	err = amm_bedrag_parse_input(text, &cents);
	if (err == NULL)
		*out = amm_bedrag_canonical(cents);
	return err;
}

static amm_error *
show_one(struct amm_ctx *ctx, const char *nr, const struct amm_args *args)
{
	const struct uitzondering_opts *o = args->opts;
	struct amm_casus *casus = NULL;
	struct amm_buf buf = {0};
	char *sec = NULL;
	amm_error *err = amm_load(ctx, &casus);

	if (err == NULL)
		err = amm_item_find(casus->ini[AMM_DEEL_UITZONDERINGEN], "uitzondering", nr, &sec);
	if (err == NULL && o->svg) {
		char *svg = amm_svg_waardendriehoek(casus, sec);

		err = amm_write_output(o->uitvoer, svg);
		free(svg);
	} else if (err == NULL && ctx->json) {
		err = amm_print_json(
		    amm_json_item(casus->ini[AMM_DEEL_UITZONDERINGEN], "uitzondering",
		                  atoi(sec + strlen("uitzondering ")), ctx->today));
	} else if (err == NULL) {
		struct amm_model *m = amm_model_build(casus);

		for (size_t i = 0; i < m->n_uitzonderingen; i++)
			if (strcmp(m->uitzonderingen[i].item.section, sec) == 0) {
				struct amm_doc *doc = amm_doc_uitzondering(&m->uitzonderingen[i]);

				amm_render_doc(doc, &buf, NULL);
				amm_doc_free(doc);
			}
		amm_print(stdout, buf.data ? buf.data : "");
		amm_model_free(m);
	}
	amm_buf_free(&buf);
	free(sec);
	amm_casus_free(casus);
	return err;
}

amm_error *
cmd_uitzondering(struct amm_ctx *ctx, const struct amm_args *args)
{
	static const char *const besluiten[] = {"akkoord", "afgewezen", NULL};
	const struct uitzondering_opts *o = args->opts;
	/* The fields of nieuw: key (as the option is called) and value; the first three needed. */
	const struct {
		const char *key, *value;
	} nieuw[] = {{"over", o->over},
	             {"gewone-route", o->gewone_route},
	             {"maatwerk", o->maatwerk},
	             {"kosten-gewoon", o->kosten_gewoon},
	             {"kosten-maatwerk", o->kosten_maatwerk},
	             {"maatwerkcoach", o->maatwerkcoach}};
	struct uitz_op op = {0};
	amm_error *err = NULL;

	amm_date_format(ctx->today, op.today);
	if (args->argc == 0)
		return amm_show(ctx, AMM_DEEL_UITZONDERINGEN, ctx->json);
	if (strcmp(args->argv[0], "nieuw") == 0) {
		if (args->argc != 1)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "uitzondering", "nieuw",
			                     "uitzondering");
		for (size_t i = 0; i < 3; i++)
			if (nieuw[i].value == NULL)
				return amm_error_new(AMM_EXIT_INPUT, MSG_UITZ_NEEDS, nieuw[i].key);
		for (size_t i = 0; i < sizeof(nieuw) / sizeof(nieuw[0]) && err == NULL; i++) {
			if (nieuw[i].value == NULL)
				continue;
			op.fields[op.nfields].key = nieuw[i].key;
			err =
			    field_value(nieuw[i].key, nieuw[i].value, &op.fields[op.nfields].value);
			op.nfields++;
		}
	} else if (args->argc == 1) {
		return show_one(ctx, args->argv[0], args);
	} else if (args->argc == 3 && strcmp(args->argv[1], "besluit") == 0) {
		op.nr = args->argv[0];
		op.besluit = args->argv[2];
		err = amm_arg_choice(op.besluit, "besluit", besluiten);
		if (err == NULL && o->toelichting != NULL) {
			op.fields[0].key = "toelichting";
			err = amm_arg_text("--toelichting", o->toelichting, &op.fields[0].value);
			op.nfields = 1;
		}
	} else if (args->argc == 3) {
		op.nr = args->argv[0];
		err = amm_arg_choice(args->argv[1], "VELD", amm_uitzondering_velden);
		if (err == NULL) {
			op.fields[0].key = args->argv[1];
			err = field_value(args->argv[1], args->argv[2], &op.fields[0].value);
			op.nfields = 1;
		}
	} else {
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "uitzondering", args->argv[0],
		                     "uitzondering");
	}
	if (err == NULL)
		err = amm_commit(ctx, uitz_change, &op);
	for (size_t i = 0; i < op.nfields; i++)
		free(op.fields[i].value);
	return err;
}
