/*
 * amm lijst [--status open|afgesloten|alle] [--wie NAAM] [--inbrenger NAAM] [--coach NAAM]
 *           [--stap N] [--te-laat] [--json]
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "msg.h"
#include "summary.h"

static const char *const statussen[] = {"open", "afgesloten", "alle", NULL};
static const char *const stappen[] = {"1", "2", "3", "4", "5", "6", NULL};

struct lijst_opts {
	const char *status;
	const char *wie, *inbrenger, *coach;
	const char *stap;
	bool te_laat;
};

const struct amm_option opts_lijst[] = {
    AMM_OPT_CHOICE("status", 0, "S", struct lijst_opts, status, statussen,
                   "alleen casussen met status open of afgesloten, of alle (standaard)"),
    AMM_OPT_STRING("wie", 0, "NAAM", struct lijst_opts, wie,
                   "alleen casussen waarin NAAM casusinbrenger, maatwerkcoach, teamlid of wie "
                   "van een open afspraak is (hoofdletters tellen niet)"),
    AMM_OPT_STRING("inbrenger", 0, "NAAM", struct lijst_opts, inbrenger,
                   "alleen casussen waarvan NAAM de casusinbrenger is"),
    AMM_OPT_STRING("coach", 0, "NAAM", struct lijst_opts, coach,
                   "alleen casussen waarvan NAAM de maatwerkcoach is"),
    AMM_OPT_CHOICE("stap", 0, "N", struct lijst_opts, stap, stappen,
                   "alleen casussen waarin stap N (1 tot 6) van de methode iets bevat"),
    AMM_OPT_FLAG("te-laat", 0, struct lijst_opts, te_laat,
                 "alleen casussen met een open afspraak over de datum"),
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

static bool
named(const char *text, const char *naam)
{
	return naam == NULL || strcasestr(text, naam) != NULL;
}

/* Whether the casus passes the filters; one that cannot be read passes them all. */
static bool
keep(const struct amm_summary_casus *s, const struct lijst_opts *o)
{
	char steps[7];

	if (s->fout != NULL)
		return true;
	steps_line(&s->v, steps);
	return (o->status == NULL || strcmp(o->status, "alle") == 0 ||
	        strcmp(o->status, s->status) == 0) &&
	       (o->wie == NULL || amm_summary_noemt(s, o->wie)) &&
	       named(s->inbrenger, o->inbrenger) && named(s->coach, o->coach) &&
	       (o->stap == NULL || strchr(steps, *o->stap) != NULL) &&
	       (!o->te_laat || s->v.afspraken_te_laat > 0);
}

amm_error *
cmd_lijst(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct lijst_opts *o = args->opts;
	bool json = ctx->json;
	struct amm_summary sum = {0};
	json_t *list = json_array();
	amm_error *err;
	size_t unreadable = 0;

	err = amm_summary_read(&sum, ctx->store, ctx->head, ctx->today);
	if (err == NULL && !json && sum.len > 0)
		printf("%-10s %-11s %-8s %-11s %s\n", "CASUS", "STATUS", "STAPPEN", "EVALUATIE",
		       "ALIAS");
	for (size_t i = 0; i < sum.len && err == NULL; i++) {
		const struct amm_summary_casus *s = &sum.items[i];
		amm_error *bad = amm_summary_fout(s->fout);
		char steps[7];

		if (!keep(s, o)) {
			amm_error_free(bad);
			continue;
		}
		if (s->fout != NULL && json) {
			json_array_append_new(
			    list, json_pack("{s:s, s:s}", "casus", s->id, "fout", s->fout));
		} else if (s->fout != NULL) {
			amm_printf(stdout, "%-10s %-11s %-8s %-11s %s\n", s->id,
			           MSG_LIJST_UNREADABLE, "-", "-", s->fout);
		} else if (json) {
			json_t *item = json_deep_copy(s->casus);

			json_object_set_new(item, "voortgang", amm_voortgang_json(&s->v));
			json_array_append_new(list, item);
		} else {
			steps_line(&s->v, steps);
			/* The alias is shown visibly, whatever it holds. */
			amm_printf(stdout, "%-10s %-11s %-8s %-11s %s\n", s->id, s->status, steps,
			           *s->evaluatie ? s->evaluatie : "-", s->alias);
		}
		amm_load_skip(&bad, &unreadable);
	}
	amm_summary_free(&sum);
	if (err == NULL && json)
		err = amm_print_json(json_pack("{s:o}", "casussen", list));
	else
		json_decref(list);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
