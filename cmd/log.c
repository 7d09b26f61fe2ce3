/* amm log [--alle] [--onderdeel P] [--sinds DATUM] [--tot DATUM] [--auteur NAAM] [--json] */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "history.h"
#include "diff.h"
#include "msg.h"
#include "trailer.h"

struct log_opts {
	bool alle;
	const char *onderdeel;
	struct amm_date sinds;
	struct amm_date tot;
	const char *auteur;
};

const struct amm_option opts_log[] = {
    AMM_OPT_FLAG("alle", 'a', struct log_opts, alle, "de geschiedenis van alle casussen"),
    AMM_OPT_STRING("onderdeel", 0, "P", struct log_opts, onderdeel,
                   "alleen wijzigingen van dit onderdeel (spin, stappen, ...)"),
    AMM_OPT_DATE("sinds", 0, "DATUM", struct log_opts, sinds, "alleen wijzigingen op of na DATUM"),
    AMM_OPT_DATE("tot", 0, "DATUM", struct log_opts, tot, "alleen wijzigingen op of voor DATUM"),
    AMM_OPT_STRING("auteur", 0, "NAAM", struct log_opts, auteur,
                   "alleen wijzigingen van wie NAAM in de naam heeft"),
    AMM_OPT_END(struct log_opts),
};

struct entry {
	char *casus, *deel, *wat;
};

/* What a commit changed, in the method's terms. amm's own commits say it themselves; a
 * commit made with plain git is described from the fields it changed. */
static amm_error *
describe(struct amm_ctx *ctx, const struct amm_log_entry *e, const char *id, struct entry *out)
{
	char *subject = amm_xstrndup(e->message, strcspn(e->message, "\n"));
	struct amm_changes ch = {0};
	struct amm_snap *a = NULL, *b = NULL;
	struct amm_buf buf = {0};
	amm_error *err = NULL;

	err = amm_trailer_get(e->message, "AMM-Casus", &out->casus);
	if (err == NULL)
		err = amm_trailer_get(e->message, "AMM-Onderdeel", &out->deel);
	if (err != NULL) {
		free(subject);
		return err;
	}
	if (out->deel != NULL) {
		const char *s = subject;

		/* "2026-001 spin: financien ingevuld" -> "financien ingevuld" */
		if (out->casus != NULL && amm_str_starts(s, out->casus))
			s += strlen(out->casus) + 1;
		if (amm_str_starts(s, out->deel) && s[strlen(out->deel)] == ':')
			s += strlen(out->deel) + 2;
		out->wat = amm_xstrdup(s);
		free(subject);
		return NULL;
	}
	if (id == NULL) {
		out->wat = amm_asprintf("met git: %s", subject);
		free(subject);
		return NULL;
	}
	err = amm_snap_open(&b, ctx->store, e->id);
	if (err == NULL && !e->root) {
		char *parent = amm_asprintf("%s^", e->id);

		err = amm_snap_open(&a, ctx->store, parent);
		free(parent);
	}
	if (err == NULL)
		err = amm_diff_casus(a, b, id, &ch);
	amm_buf_adds(&buf, "met git:");
	for (size_t i = 0; i < ch.len && err == NULL; i++) {
		char *field = amm_field_name(&ch.items[i]);

		amm_buf_addf(&buf, "%s %s %s", i ? "," : "", field,
		             ch.items[i].old == NULL   ? "toegevoegd"
		             : ch.items[i].new == NULL ? "verwijderd"
		                                       : "gewijzigd");
		if (out->deel == NULL)
			out->deel = amm_xstrdup(ch.items[i].deel);
		free(field);
	}
	if (ch.len == 0)
		amm_buf_addf(&buf, " %s", subject);
	free(out->casus);
	out->casus = amm_xstrdup(id);
	out->wat = amm_buf_detach(&buf, NULL);
	amm_changes_free(&ch);
	amm_snap_free(a);
	amm_snap_free(b);
	free(subject);
	return err;
}

amm_error *
cmd_log(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct log_opts *o = args->opts;
	bool all = o->alle, json = ctx->json;
	const char *deel_arg = o->onderdeel, *auteur = o->auteur;
	struct amm_date since = o->sinds,
	                until = o->tot.y ? o->tot : (struct amm_date){9999, 12, 31};
	struct amm_log_entry *log = NULL;
	json_t *list = json_array();
	enum amm_deel deel = AMM_DEEL_COUNT;
	char *id = NULL, *path = NULL;
	size_t n = 0;
	amm_error *err = NULL;

	if (deel_arg != NULL && !amm_deel_find(deel_arg, &deel))
		err = amm_error_new(AMM_EXIT_USAGE, MSG_DEEL_UNKNOWN, deel_arg);
	if (err == NULL && !all)
		err =
		    amm_casus_select(ctx->head, ctx->casus_opt, getenv("AMM_CASUS"), ctx->cwd, &id);
	if (err == NULL) {
		path = all ? amm_xstrdup(AMM_CASUS_ROOT) : amm_casus_dir(id);
		err = amm_store_path_log(ctx->store, path, &log, &n);
	}
	for (size_t i = 0; i < n && err == NULL; i++) {
		struct amm_date d = amm_date_of_time(log[i].time, log[i].offset);
		struct entry e = {0};
		char date[AMM_DATE_LEN];

		if (amm_date_cmp(d, since) < 0 || amm_date_cmp(d, until) > 0 ||
		    (auteur != NULL && strcasestr(log[i].author, auteur) == NULL))
			continue;
		err = describe(ctx, &log[i], id, &e);
		amm_date_format(d, date);
		if (err == NULL &&
		    (deel == AMM_DEEL_COUNT ||
		     (e.deel != NULL && strcmp(e.deel, amm_delen[deel].name) == 0))) {
			if (json)
				json_array_append_new(
				    list, json_pack("{s:s, s:s, s:o, s:s?, s:s?, s:o}", "commit",
				                    log[i].id, "datum", date, "auteur",
				                    amm_json_text_value(log[i].author), "casus",
				                    e.casus, "onderdeel", e.deel, "bericht",
				                    amm_json_text_value(e.wat)));
			else {
				amm_printfc(ctx, AMM_YELLOW, "%s", date);
				printf("  ");
				amm_printfc(ctx, AMM_CYAN, "%-20s", log[i].author);
				amm_printf(stdout, " %s%s%s%s%s\n", all && e.casus ? e.casus : "",
				           all && e.casus ? " " : "", e.deel ? e.deel : "",
				           e.deel ? ": " : "", e.wat);
			}
		}
		free(e.casus);
		free(e.deel);
		free(e.wat);
	}
	if (err == NULL && json)
		err = amm_print_json(json_pack("{s:O}", "commits", list));
	json_decref(list);
	amm_log_free(log, n);
	free(path);
	free(id);
	return err;
}
