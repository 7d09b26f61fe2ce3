/* amm export [--formaat md|html|json] [-o BESTAND] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "msg.h"
#include "render.h"

const struct amm_option opts_export[] = {
    {"formaat", 'f', "F", "md (standaard), html of json"},
    {"uitvoer", 'o', "BESTAND", "schrijf naar BESTAND in plaats van de standaarduitvoer"},
    {NULL, 0, NULL, NULL},
};

amm_error *
cmd_export(struct amm_ctx *ctx, const struct amm_args *args)
{
	static const char *const formats[] = {"md", "html", "json", NULL};
	const char *format = amm_arg(args, "formaat") ? amm_arg(args, "formaat") : "md";
	const char *file = amm_arg(args, "uitvoer");
	struct amm_casus *casus = NULL;
	char *text = NULL;
	amm_error *err;
	FILE *f;
	bool ok;

	err = amm_arg_choice(format, "--formaat", formats);
	if (err == NULL)
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
	f = text == NULL ? NULL : file ? fopen(file, "w") : stdout;
	/* Written as it is: each format shows control characters visibly or escapes them. */
	ok = f != NULL && fputs(text, f) != EOF;
	if (f != NULL && file != NULL && fclose(f) != 0)
		ok = false;
	if (!ok)
		err = amm_error_errno(MSG_CLI_WRITE_FILE, file ? file : "-");
	free(text);
	amm_casus_free(casus);
	return err;
}
