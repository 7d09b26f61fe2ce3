/* amm agenda [--tot DATUM] [--te-laat] [--wie NAAM] [--json | --ics [--details]] */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agenda.h"
#include "cmd.h"
#include "history.h"
#include "msg.h"
#include "summary.h"

struct agenda_opts {
	struct amm_date tot;
	bool te_laat;
	const char *wie;
	bool ics;
	bool details;
};

const struct amm_option opts_agenda[] = {
    AMM_OPT_DATE("tot", 0, "DATUM", struct agenda_opts, tot, "alleen wat op of voor DATUM valt"),
    AMM_OPT_FLAG("te-laat", 0, struct agenda_opts, te_laat, "alleen wat over de datum is"),
    AMM_OPT_STRING("wie", 0, "NAAM", struct agenda_opts, wie,
                   "alleen afspraken van wie NAAM noemt (hoofdletters tellen niet)"),
    AMM_OPT_FLAG("ics", 0, struct agenda_opts, ics,
                 "uitvoer als iCalendar (RFC 5545) voor een agenda-programma"),
    AMM_OPT_FLAG("details", 0, struct agenda_opts, details,
                 "met --ics: wie en wat van elke afspraak in de beschrijving (let op: een agenda "
                 "wordt vaak gedeeld met telefoon en cloud)"),
    AMM_OPT_END(struct agenda_opts),
};

static bool
keep(const struct amm_agenda_item *it, const struct amm_args *args, struct amm_date today,
     const struct amm_date *until)
{
	const struct agenda_opts *o = args->opts;
	const char *wie = o->wie;

	if (until != NULL && amm_date_cmp(it->date, *until) > 0)
		return false;
	if (o->te_laat && amm_date_cmp(it->date, today) >= 0)
		return false;
	return wie == NULL || strcasestr(it->wie, wie) != NULL;
}

/* What is due, from the summary of every casus: the calendar needs each casus's history. */
static amm_error *
from_summary(struct amm_ctx *ctx, struct amm_agenda *all, size_t *unreadable)
{
	struct amm_summary sum;
	amm_error *err = amm_summary_read(&sum, ctx->store, ctx->head, ctx->today);

	for (size_t i = 0; i < sum.len && err == NULL; i++) {
		const struct amm_summary_casus *s = &sum.items[i];
		amm_error *bad = amm_summary_fout(s->agenda_fout);

		if (!amm_load_skip(&bad, unreadable))
			amm_summary_agenda(s, all);
	}
	amm_summary_free(&sum);
	return err;
}

amm_error *
cmd_agenda(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct agenda_opts *o = args->opts;
	struct amm_agenda all = {0}, shown = {0};
	struct amm_strlist ids = {0};
	struct amm_date until;
	struct amm_ini *cfg = NULL;
	char *repo_id = NULL;
	bool has_until = o->tot.y != 0, ics = o->ics;
	amm_error *err = NULL;
	size_t unreadable = 0;

	if (ctx->json && ics)
		return amm_error_new(AMM_EXIT_USAGE, MSG_AGENDA_FORMAT);
	if (o->details && !ics)
		return amm_error_new(AMM_EXIT_USAGE, MSG_AGENDA_DETAILS);
	until = o->tot;
	if (ics)
		err = amm_config_load(ctx->head, &cfg);
	if (err == NULL && ics)
		err = amm_repo_id(ctx->head, cfg, &repo_id);
	if (err == NULL && ics)
		err = amm_casus_ids(ctx->head, &ids);
	else if (err == NULL)
		err = from_summary(ctx, &all, &unreadable);
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_model *m = NULL;
		struct amm_log_entry *log = NULL;
		size_t nlog = 0;

		/* What is due: casus.ini and the agreements of stappen.ini. */
		err = amm_model_load(&m, ctx->head, ids.items[i], 1u << AMM_DEEL_STAPPEN);
		amm_load_skip(&err, &unreadable);
		if (m != NULL && ics) {
			/* A calendar's SEQUENCE and DTSTAMP: the casus's commits, the newest. */
			char *dir = amm_casus_dir(ids.items[i]);

			err = amm_store_path_log(ctx->store, dir, &log, &nlog);
			free(dir);
		}
		if (m != NULL && err == NULL)
			amm_agenda_add(&all, m, ics, (int)nlog, nlog > 0 ? log[0].time : 0);
		amm_log_free(log, nlog);
		amm_model_free(m);
	}
	amm_agenda_sort(&all);
	/* The kept items are borrowed from all, which owns them. */
	shown.items = amm_xcalloc(all.len ? all.len : 1, sizeof(*shown.items));
	for (size_t i = 0; i < all.len; i++)
		if (keep(&all.items[i], args, ctx->today, has_until ? &until : NULL))
			shown.items[shown.len++] = all.items[i];
	if (err == NULL && ics) {
		char *text = amm_agenda_ics(&shown, repo_id, o->details);

		fputs(text, stdout);
		free(text);
	} else if (err == NULL && ctx->json) {
		json_t *list = json_array();

		for (size_t i = 0; i < shown.len; i++) {
			const struct amm_agenda_item *it = &shown.items[i];
			char d[AMM_DATE_LEN];

			amm_date_format(it->date, d);
			json_array_append_new(
			    list,
			    json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:b}", "datum", d,
			              "casus", it->casus, "alias", amm_json_text_value(it->alias),
			              "soort", it->evaluatie ? "evaluatie" : "afspraak", "nr",
			              it->nr ? json_integer(it->nr) : json_null(), "stap",
			              it->stap ? json_integer(it->stap) : json_null(), "wie",
			              amm_json_text_value(it->wie), "wat",
			              amm_json_text_value(it->wat), "te_laat",
			              amm_date_cmp(it->date, ctx->today) < 0));
		}
		err = amm_print_json(json_pack("{s:o}", "agenda", list));
	} else if (err == NULL) {
		for (size_t i = 0; i < shown.len; i++) {
			const struct amm_agenda_item *it = &shown.items[i];
			char d[AMM_DATE_LEN], *what;

			amm_date_format(it->date, d);
			what = it->evaluatie
			           ? amm_xstrdup("evaluatie")
			           : amm_asprintf("afspraak %d (stap %d)", it->nr, it->stap);
			amm_printf(stdout, "%s  %-9s %-21s %s%s%s", d, it->casus, what, it->wie,
			           it->evaluatie ? "" : ": ", it->evaluatie ? "" : it->wat);
			if (amm_date_cmp(it->date, ctx->today) < 0) {
				printf("  ");
				amm_printfc(ctx, AMM_RED, "TE LAAT");
			}
			printf("\n");
			free(what);
		}
	}
	free(shown.items);
	amm_agenda_free(&all);
	free(repo_id);
	amm_ini_free(cfg);
	amm_strlist_free(&ids);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
