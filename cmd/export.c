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

	err = amm_arg_choice(format, "--formaat", formats);
	if (err == NULL)
		err = amm_load(ctx, &casus);
	if (err != NULL)
		return err;
	if (strcmp(format, "json") == 0) {
		json_t *plan = amm_json_plan(casus, ctx->today);

		text = json_dumps(plan, JSON_INDENT(2));
		json_decref(plan);
	} else if (strcmp(format, "html") == 0) {
		text = amm_export_html(casus, ctx->today);
	} else {
		text = amm_export_md(casus, ctx->today);
	}
	f = file ? fopen(file, "w") : stdout;
	/* The file is written as it is: the HTML escapes what it must, JSON and Markdown are data.
	 */
	if (f == NULL || fputs(text, f) == EOF ||
	    (strcmp(format, "json") == 0 && fputc('\n', f) == EOF) || (file && fclose(f) != 0))
		err = amm_error_errno(MSG_CLI_WRITE_FILE, file ? file : "-");
	free(text);
	amm_casus_free(casus);
	return err;
}
