/* amm lijst [--status open|afgesloten|alle] [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model.h"
#include "msg.h"

static const char *const statussen[] = {"open", "afgesloten", "alle", NULL};

struct lijst_opts {
	const char *status;
};

const struct amm_option opts_lijst[] = {
    AMM_OPT_CHOICE("status", 0, "S", struct lijst_opts, status, statussen,
                   "alleen casussen met status open of afgesloten, of alle (standaard)"),
    AMM_OPT_END(struct lijst_opts),
};

/* "12-4--": the steps of the method that have something in them. */
static void
steps_line(const struct amm_voortgang *v, char out[7])
{
	bool done[6] = {v->perspectief, v->spin_gevuld > 0, v->problemen > 0,
	                v->stappen > 0, v->afspraken > 0,   v->evaluaties > 0};

	for (int i = 0; i < 6; i++)
		out[i] = done[i] ? (char)('1' + i) : '-';
	out[6] = '\0';
}

amm_error *
cmd_lijst(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct lijst_opts *o = args->opts;
	const char *status = o->status;
	bool json = ctx->json;
	struct amm_strlist ids = {0};
	json_t *list = json_array();
	amm_error *err = NULL;
	size_t unreadable = 0;

	if (status == NULL)
		status = "alle";
	err = amm_casus_ids(ctx->head, &ids);
	if (err == NULL && !json && ids.len > 0)
		printf("%-10s %-11s %-8s %-11s %s\n", "CASUS", "STATUS", "STAPPEN", "EVALUATIE",
		       "ALIAS");
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_model *m = NULL;
		struct amm_voortgang v;
		const char *st, *next, *alias;
		char steps[7];

		err = amm_model_load(&m, ctx->head, ids.items[i], ~0u);
		/* Its status is unknown: shown whatever --status asks. */
		if (err != NULL && err->code == AMM_EXIT_INPUT && json)
			json_array_append_new(
			    list, json_pack("{s:s, s:s}", "casus", ids.items[i], "fout", err->msg));
		else if (err != NULL && err->code == AMM_EXIT_INPUT)
			amm_printf(stdout, "%-10s %-11s %-8s %-11s %s\n", ids.items[i],
			           MSG_LIJST_UNREADABLE, "-", "-", err->msg);
		if (amm_load_skip(&err, &unreadable))
			continue;
		if (err != NULL)
			break;
		/* Only valid values count: amm check reports the others. */
		st = amm_value_str(&m->c.status);
		next = amm_value_str(&m->c.volgende_evaluatie);
		alias = m->c.alias.text; /* shown visibly, whatever it holds */
		if (strcmp(status, "alle") == 0 || strcmp(status, st) == 0) {
			amm_model_voortgang(m, ctx->today, &v);
			if (json) {
				json_t *item = amm_json_casus(m->casus);

				json_object_set_new(item, "voortgang", amm_voortgang_json(&v));
				json_array_append_new(list, item);
			} else {
				steps_line(&v, steps);
				amm_printf(stdout, "%-10s %-11s %-8s %-11s %s\n", ids.items[i], st,
				           steps, *next ? next : "-", alias);
			}
		}
		amm_model_free(m);
	}
	amm_strlist_free(&ids);
	if (err == NULL && json)
		err = amm_print_json(json_pack("{s:o}", "casussen", list));
	else
		json_decref(list);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
