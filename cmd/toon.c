/* amm toon [ONDERDEEL] [--op DATUM|REV] [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "history.h"
#include "msg.h"
#include "render.h"

struct toon_opts {
	const char *op;
};

const struct amm_option opts_toon[] = {
    AMM_OPT_STRING("op", 0, "DATUM|REV", struct toon_opts, op,
                   "toon het plan zoals het er op die datum of in die revisie uitzag"),
    AMM_OPT_END(struct toon_opts),
};

/* Does text look like one of the date forms (so it is never taken for a revision)? */
static bool
looks_like_date(const char *s)
{
	return (strlen(s) == 10 && s[4] == '-' && s[7] == '-') || strcmp(s, "vandaag") == 0 ||
	       strcmp(s, "gisteren") == 0 || strcmp(s, "morgen") == 0 ||
	       ((s[0] == '+' || s[0] == '-') && s[1] >= '0' && s[1] <= '9');
}

/* The snapshot --op names: the end of a day, or a revision. */
static amm_error *
open_op(struct amm_ctx *ctx, const char *op, struct amm_snap **out)
{
	struct amm_date d;
	amm_error *err;

	if (!looks_like_date(op))
		return amm_snap_open(out, ctx->store, op);
	err = amm_date_parse(&d, op, ctx->today);
	if (err == NULL) {
		char *dir = amm_casus_dir(ctx->casus);

		err = amm_snap_open_date(out, ctx->store, d, dir);
		free(dir);
	}
	return err;
}

amm_error *
cmd_toon(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct toon_opts *o = args->opts;
	const char *op = o->op;
	bool json = ctx->json;
	struct amm_casus *casus = NULL;
	struct amm_buf buf = {0};
	struct amm_marks marks = {0};
	enum amm_deel deel = AMM_DEEL_COUNT;
	amm_error *err = NULL;

	if (args->argc == 1 && !amm_deel_find(args->argv[0], &deel))
		return amm_error_new(AMM_EXIT_USAGE, MSG_DEEL_UNKNOWN, args->argv[0]);
	if (op != NULL) {
		struct amm_snap *snap = NULL;

		err = open_op(ctx, op, &snap);
		if (err != NULL)
			return err;
		amm_snap_free(ctx->head);
		ctx->head = snap;
	}
	if (deel != AMM_DEEL_COUNT)
		return amm_show(ctx, deel, json);
	err = amm_load(ctx, &casus);
	if (err == NULL && json) {
		json_t *plan = amm_json_plan(casus, ctx->today);

		json_object_set_new(plan, "commit", json_string(amm_snap_id(ctx->head)));
		err = amm_print_json(plan);
	} else if (err == NULL) {
		if (op != NULL)
			amm_buf_addf(&buf, "Zoals het plan er stond op %s (commit %.12s)\n\n", op,
			             amm_snap_id(ctx->head));
		amm_render_plan(casus, ctx->today, &buf, &marks);
		amm_print_marked(ctx, buf.data, &marks);
	}
	amm_marks_free(&marks);
	amm_buf_free(&buf);
	amm_casus_free(casus);
	return err;
}
