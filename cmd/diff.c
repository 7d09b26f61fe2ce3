/* amm diff [VAN [TOT]] [--alle] [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "history.h"
#include "render.h"
#include "diff.h"
#include "msg.h"

struct diff_opts {
	bool alle;
};

const struct amm_option opts_diff[] = {
    AMM_OPT_FLAG("alle", 'a', struct diff_opts, alle, "de verschillen van alle casussen"),
    AMM_OPT_END(struct diff_opts),
};

/* One field as a person reads it: spin.financien, stappen [afspraak 3] wanneer. */
char *
amm_field_name(const struct amm_change *c)
{
	if (*c->section == '\0')
		return amm_xstrdup(c->deel);
	if (strcmp(c->section, c->deel) == 0 || strcmp(c->section, "casus") == 0)
		return amm_asprintf("%s.%s", c->deel, c->key);
	return amm_asprintf("%s [%s] %s", c->deel, c->section, c->key);
}

/* A value on one line, each newline shown as " / "; removed red, added green. */
static void
print_value(const struct amm_ctx *ctx, const char *color, const char *v, const char *none)
{
	struct amm_buf line = {0};

	for (const char *p = v == NULL ? none : *v ? v : "(leeg)"; *p; p++) {
		if (*p == '\n')
			amm_buf_adds(&line, " / ");
		else
			amm_buf_addc(&line, *p);
	}
	amm_printfc(ctx, v == NULL ? AMM_DIM : color, "%s", line.data);
	amm_buf_free(&line);
}

json_t *
amm_changes_json(const struct amm_changes *ch)
{
	json_t *list = json_array();

	for (size_t i = 0; i < ch->len; i++) {
		const struct amm_change *c = &ch->items[i];

		/* Empty is null: a key that came or went without a value changed nothing. */
		if ((c->old == NULL || *c->old == '\0') && (c->new == NULL || *c->new == '\0'))
			continue;
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "casus",
		                                      c->casus, "onderdeel", c->deel, "sectie",
		                                      c->section, "sleutel", c->key, "oud",
		                                      amm_json_text_value(c->old), "nieuw",
		                                      amm_json_text_value(c->new)));
	}
	return list;
}

amm_error *
amm_print_changes(const struct amm_ctx *ctx, const struct amm_changes *ch, bool json)
{
	if (json)
		return amm_print_json(json_pack("{s:o}", "wijzigingen", amm_changes_json(ch)));
	for (size_t i = 0; i < ch->len; i++) {
		const struct amm_change *c = &ch->items[i];
		char *field = amm_field_name(c);

		amm_printf(stdout, "%s %s: ", c->casus, field);
		print_value(ctx, AMM_RED, c->old, "(nieuw)");
		printf(" → ");
		print_value(ctx, AMM_GREEN, c->new, "(weg)");
		printf("\n");
		free(field);
	}
	return NULL;
}

/* A date or a revision, as amm toon --op takes them; a date as the casus folder dir had it. */
static amm_error *
open_point(struct amm_ctx *ctx, const char *what, const char *dir, struct amm_snap **out)
{
	struct amm_date d;
	amm_error *err;

	if (strlen(what) == 10 && what[4] == '-' && what[7] == '-') {
		err = amm_date_parse(&d, what, ctx->today);
		return err ? err : amm_snap_open_date(out, ctx->store, d, dir);
	}
	return amm_snap_open(out, ctx->store, what);
}

amm_error *
cmd_diff(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct diff_opts *o = args->opts;
	bool all = o->alle;
	struct amm_snap *a = NULL, *b = NULL;
	struct amm_changes changes = {0};
	struct amm_strlist ids = {0};
	struct amm_log_entry *log = NULL;
	char *id = NULL, *path = NULL;
	size_t nlog = 0;
	amm_error *err = NULL;

	if (!all)
		err =
		    amm_casus_select(ctx->head, ctx->casus_opt, getenv("AMM_CASUS"), ctx->cwd, &id);
	if (err == NULL && args->argc == 0) {
		/* The last change: of the casus, or of any casus. */
		path = all ? amm_xstrdup(AMM_CASUS_ROOT) : amm_casus_dir(id);
		err = amm_store_path_log(ctx->store, path, &log, &nlog);
		if (err == NULL && nlog == 0)
			err = amm_error_new(AMM_EXIT_NOTFOUND, MSG_DIFF_NOTHING);
		if (err == NULL)
			err = amm_snap_open(&b, ctx->store, log[0].id);
		if (err == NULL && !log[0].root) {
			char *parent = amm_asprintf("%s^", log[0].id);

			err = amm_snap_open(&a, ctx->store, parent);
			free(parent);
		}
	} else if (err == NULL) {
		path = all ? NULL : amm_casus_dir(id);
		err = open_point(ctx, args->argv[0], path, &a);
		if (err == NULL)
			err = args->argc == 2 ? open_point(ctx, args->argv[1], path, &b)
			                      : amm_snap_open(&b, ctx->store, NULL);
	}
	if (err == NULL && all) {
		if (a != NULL)
			err = amm_casus_ids(a, &ids);
		if (err == NULL)
			err = amm_casus_ids(b, &ids);
		amm_strlist_sort(&ids);
	} else if (err == NULL) {
		amm_strlist_add(&ids, id);
	}
	for (size_t i = 0; i < ids.len && err == NULL; i++)
		if (i == 0 || strcmp(ids.items[i], ids.items[i - 1]) != 0)
			err = amm_diff_casus(a, b, ids.items[i], &changes);
	if (err == NULL)
		err = amm_print_changes(ctx, &changes, ctx->json);
	amm_changes_free(&changes);
	amm_strlist_free(&ids);
	amm_log_free(log, nlog);
	amm_snap_free(a);
	amm_snap_free(b);
	free(path);
	free(id);
	return err;
}
