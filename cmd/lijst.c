/* amm lijst [--status open|afgesloten|alle] [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

const struct amm_option opts_lijst[] = {
    {"status", 0, "S", "alleen casussen met status open of afgesloten, of alle (standaard)"},
    {"json", 0, NULL, "uitvoer als JSON (zie amm-lijst(1))"},
    {NULL, 0, NULL, NULL},
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
	static const char *const choices[] = {"open", "afgesloten", "alle", NULL};
	const char *status = amm_arg(args, "status");
	bool json = amm_flag(args, "json");
	struct amm_strlist ids = {0};
	json_t *list = json_array();
	amm_error *err = NULL;
	size_t unreadable = 0;

	if (status == NULL)
		status = "alle";
	err = amm_arg_choice(status, "--status", choices);
	if (err == NULL)
		err = amm_casus_ids(ctx->head, &ids);
	if (err == NULL && !json && ids.len > 0)
		printf("%-10s %-11s %-8s %-11s %s\n", "CASUS", "STATUS", "STAPPEN", "EVALUATIE",
		       "ALIAS");
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;
		struct amm_voortgang v;
		const char *st, *next;
		char steps[7];

		err = amm_casus_load(&casus, ctx->head, ids.items[i]);
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
		st = amm_casus_get(casus, "status");
		next = amm_casus_get(casus, "volgende-evaluatie");
		if (strcmp(status, "alle") == 0 || strcmp(status, st) == 0) {
			amm_casus_voortgang(casus, ctx->today, &v);
			if (json) {
				json_t *item = amm_json_casus(casus);

				json_object_set_new(item, "voortgang", amm_voortgang_json(&v));
				json_array_append_new(list, item);
			} else {
				steps_line(&v, steps);
				amm_printf(stdout, "%-10s %-11s %-8s %-11s %s\n", casus->id, st,
				           steps, *next ? next : "-",
				           amm_casus_get(casus, "alias"));
			}
		}
		amm_casus_free(casus);
	}
	amm_strlist_free(&ids);
	if (err == NULL && json)
		err = amm_print_json(json_pack("{s:o}", "casussen", list));
	else
		json_decref(list);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
