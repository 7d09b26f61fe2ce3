/* amm export [--formaat md|html|json] [-o BESTAND] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "msg.h"
#include "render.h"

static const char *const formats[] = {"md", "html", "json", NULL};

struct export_opts {
	const char *formaat;
	const char *uitvoer;
};

const struct amm_option opts_export[] = {
    AMM_OPT_CHOICE("formaat", 'f', "F", struct export_opts, formaat, formats,
                   "md (standaard), html of json"),
    AMM_OPT_STRING("uitvoer", 'o', "BESTAND", struct export_opts, uitvoer,
                   "schrijf naar BESTAND in plaats van de standaarduitvoer"),
    AMM_OPT_END(struct export_opts),
};

amm_error *
cmd_export(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct export_opts *o = args->opts;
	const char *format = o->formaat ? o->formaat : "md";
	const char *file = o->uitvoer;
	struct amm_casus *casus = NULL;
	char *text = NULL;
	amm_error *err;

	err = amm_load(ctx, &casus);
	if (err != NULL)
		return err;
	if (strcmp(format, "json") == 0) {
		json_t *plan = amm_json_plan(casus, ctx->today);

		text = amm_json_text(plan);
		json_decref(plan);
	} else if (strcmp(format, "html") == 0) {
		text = amm_export_html(casus, ctx->today);
	} else {
		text = amm_export_md(casus, ctx->today);
	}
	/* Written as it is: each format shows control characters visibly or escapes them. */
	err = amm_write_output(file, text);
	free(text);
	amm_casus_free(casus);
	return err;
}
