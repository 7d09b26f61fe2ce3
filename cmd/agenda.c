/* amm agenda [--tot DATUM] [--te-laat] [--wie NAAM] [--json | --ics [--details]] */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agenda.h"
#include "cmd.h"
#include "msg.h"

const struct amm_option opts_agenda[] = {
    {"tot", 0, "DATUM", "alleen wat op of voor DATUM valt"},
    {"te-laat", 0, NULL, "alleen wat over de datum is"},
    {"wie", 0, "NAAM", "alleen afspraken van wie NAAM noemt (hoofdletters tellen niet)"},
    {"json", 0, NULL, "uitvoer als JSON (zie amm-agenda(1))"},
    {"ics", 0, NULL, "uitvoer als iCalendar (RFC 5545) voor een agenda-programma"},
    {"details", 0, NULL,
     "met --ics: wie en wat van elke afspraak in de beschrijving (let op: een agenda wordt vaak "
     "gedeeld met telefoon en cloud)"},
    {NULL, 0, NULL, NULL},
};

static bool
keep(const struct amm_agenda_item *it, const struct amm_args *args, struct amm_date today,
     const struct amm_date *until)
{
	const char *wie = amm_arg(args, "wie");

	if (until != NULL && amm_date_cmp(it->date, *until) > 0)
		return false;
	if (amm_flag(args, "te-laat") && amm_date_cmp(it->date, today) >= 0)
		return false;
	return wie == NULL || strcasestr(it->wie, wie) != NULL;
}

amm_error *
cmd_agenda(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct amm_agenda all = {0}, shown = {0};
	struct amm_strlist ids = {0};
	struct amm_date until;
	struct amm_ini *cfg = NULL;
	char *repo_id = NULL;
	bool has_until = amm_arg(args, "tot") != NULL, ics = amm_flag(args, "ics");
	amm_error *err = NULL;
	size_t unreadable = 0;

	if (amm_flag(args, "json") && ics)
		return amm_error_new(AMM_EXIT_USAGE, MSG_AGENDA_FORMAT);
	if (amm_flag(args, "details") && !ics)
		return amm_error_new(AMM_EXIT_USAGE, MSG_AGENDA_DETAILS);
	if (has_until)
		err = amm_date_parse(&until, amm_arg(args, "tot"), ctx->today);
	if (err == NULL && ics)
		err = amm_config_load(ctx->head, &cfg);
	if (err == NULL && ics)
		err = amm_repo_id(ctx->head, cfg, &repo_id);
	if (err == NULL)
		err = amm_casus_ids(ctx->head, &ids);
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;
		struct amm_log_entry *log = NULL;
		size_t nlog = 0;

		/* What is due: casus.ini and the agreements of stappen.ini. */
		err = amm_casus_load_parts(&casus, ctx->head, ids.items[i], 1u << AMM_DEEL_STAPPEN);
		amm_load_skip(&err, &unreadable);
		if (casus != NULL && ics) {
			/* A calendar's SEQUENCE and DTSTAMP: the casus's commits, the newest. */
			char *dir = amm_casus_dir(casus->id);

			err = amm_store_path_log(ctx->store, dir, &log, &nlog);
			free(dir);
		}
		if (casus != NULL && err == NULL)
			amm_agenda_add(&all, casus, ics, (int)nlog, nlog > 0 ? log[0].time : 0);
		amm_log_free(log, nlog);
		amm_casus_free(casus);
	}
	amm_agenda_sort(&all);
	/* The kept items are borrowed from all, which owns them. */
	shown.items = amm_xcalloc(all.len ? all.len : 1, sizeof(*shown.items));
	for (size_t i = 0; i < all.len; i++)
		if (keep(&all.items[i], args, ctx->today, has_until ? &until : NULL))
			shown.items[shown.len++] = all.items[i];
	if (err == NULL && ics) {
		char *text = amm_agenda_ics(&shown, repo_id, amm_flag(args, "details"));

		fputs(text, stdout);
		free(text);
	} else if (err == NULL && amm_flag(args, "json")) {
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
