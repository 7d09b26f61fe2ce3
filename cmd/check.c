/* amm check [--alle] [--streng] [--herstel] [--json] | amm check --regels */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "model.h"
#include "msg.h"

struct check_opts {
	bool alle;
	bool streng;
	bool herstel;
	bool regels;
};

const struct amm_option opts_check[] = {
    AMM_OPT_FLAG("alle", 'a', struct check_opts, alle, "controleer elke open casus"),
    AMM_OPT_FLAG("streng", 0, struct check_opts, streng,
                 "eindig met code 1 bij elke bevinding, ook een waarschuwing"),
    AMM_OPT_FLAG(
        "herstel", 0, struct check_opts, herstel,
        "maak bestanden en mappen van de casus weer alleen voor jou toegankelijk (0600, 0700)"),
    AMM_OPT_FLAG("regels", 0, struct check_opts, regels,
                 "toon de regels met hun ernst en de reden uit de methode"),
    AMM_OPT_END(struct check_opts),
};

/* A severity as a terminal shows it: fout red, waarschuwing yellow. */
static const char *
ernst_color(enum amm_ernst ernst)
{
	return ernst == AMM_FOUT ? AMM_RED : AMM_YELLOW;
}

static amm_error *
print_rules(const struct amm_ctx *ctx, bool json)
{
	json_t *list = json_array();

	for (const struct amm_rule *r = amm_rules; r->id != NULL; r++) {
		if (json)
			json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "regel", r->id,
			                                      "ernst", amm_ernst_name(r->ernst),
			                                      "reden", r->reden));
		else {
			printf("%-28s ", r->id);
			amm_printfc(ctx, ernst_color(r->ernst), "%-12s", amm_ernst_name(r->ernst));
			printf(" %s\n", r->reden);
		}
	}
	if (json)
		return amm_print_json(json_pack("{s:o}", "regels", list));
	json_decref(list);
	return NULL;
}

/* The casus as committed, and the modes of its folder and files in the work tree. */
static amm_error *
check_casus(struct amm_ctx *ctx, const struct amm_model *m, const struct amm_ini *cfg, bool herstel,
            struct amm_findings *out)
{
	const struct amm_casus *casus = m->casus;
	char *dir = amm_casus_dir(casus->id);
	struct amm_loose *loose = NULL;
	size_t n = 0;
	amm_error *err;

	amm_check_casus(m, cfg, ctx->today, out);
	amm_check_bsn_names(ctx->head, casus, cfg, out);
	err = amm_worktree_loose(amm_store_workdir(ctx->store), dir, herstel, &loose, &n);
	for (size_t i = 0; err == NULL && herstel && i < n; i++)
		amm_printf(stderr, "amm: " MSG_CHECK_MODE_FIXED "\n", loose[i].path, loose[i].mode,
		           loose[i].folder ? 0700U : 0600U);
	if (err == NULL && !herstel)
		amm_check_loose(casus, loose, n, out);
	amm_loose_free(loose, n);
	free(dir);
	return err;
}

static amm_error *
check_one(struct amm_ctx *ctx, const char *id, const struct amm_ini *cfg, bool herstel,
          struct amm_findings *out)
{
	struct amm_casus *casus = NULL;
	struct amm_model *m = NULL;
	enum amm_deel bad;
	amm_error *err = amm_casus_load_dups(&casus, &bad, ctx->head, id);

	if (err == NULL)
		m = amm_model_build(casus);
	if (err == NULL)
		err = check_casus(ctx, m, cfg, herstel, out);
	amm_model_free(m);
	amm_casus_free(casus);
	return err;
}

amm_error *
cmd_check(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct check_opts *o = args->opts;
	bool json = ctx->json, herstel = o->herstel, fout = false;
	struct amm_findings found = {0};
	struct amm_strlist ids = {0}, checked = {0};
	struct amm_ini *cfg = NULL;
	char *id = NULL;
	amm_error *err;

	if (o->regels)
		return print_rules(ctx, json);
	err = amm_config_load(ctx->head, &cfg);
	if (err == NULL && o->alle)
		err = amm_casus_ids(ctx->head, &ids);
	else if (err == NULL)
		err =
		    amm_casus_select(ctx->head, ctx->casus_opt, getenv("AMM_CASUS"), ctx->cwd, &id);
	if (err == NULL && id != NULL)
		err = check_one(ctx, id, cfg, herstel, &found);
	if (err == NULL && id != NULL)
		amm_strlist_add(&checked, id);
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;
		struct amm_model *m = NULL;
		enum amm_deel bad;

		/* Every open casus: a closed one is history. One that cannot be read is a finding.
		 */
		err = amm_casus_load_dups(&casus, &bad, ctx->head, ids.items[i]);
		if (err == NULL)
			m = amm_model_build(casus);
		if (err != NULL && err->code == AMM_EXIT_INPUT) {
			amm_check_unreadable(ids.items[i], bad, err, &found);
			amm_error_free(err);
			err = NULL;
		} else if (err == NULL && amm_model_is_open(m)) {
			err = check_casus(ctx, m, cfg, herstel, &found);
			amm_strlist_add(&checked, ids.items[i]);
		}
		amm_model_free(m);
		amm_casus_free(casus);
	}
	if (err == NULL)
		err = amm_check_bsn_history(ctx->store, &checked, cfg, &found);
	if (err == NULL) {
		json_t *list = json_array();

		for (size_t i = 0; i < found.len; i++) {
			const struct amm_finding *f = &found.items[i];

			fout = fout || f->rule->ernst == AMM_FOUT || o->streng;
			if (json)
				json_array_append_new(
				    list,
				    json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "regel",
				              f->rule->id, "ernst", amm_ernst_name(f->rule->ernst),
				              "casus", f->casus, "bestand", f->bestand, "bericht",
				              amm_json_text_value(f->bericht), "reden",
				              f->rule->reden));
			else {
				printf("%s ", f->rule->id);
				amm_printfc(ctx, ernst_color(f->rule->ernst), "%s",
				            amm_ernst_name(f->rule->ernst));
				amm_printf(stdout, " %s %s", f->casus, f->bestand);
				if (f->regel > 0)
					printf(":%zu", f->regel);
				amm_printf(stdout, ": %s\n", f->bericht);
			}
		}
		if (json)
			err = amm_print_json(json_pack("{s:o}", "bevindingen", list));
		else
			json_decref(list);
	}
	if (err == NULL && fout)
		err = amm_error_new(AMM_EXIT_FINDINGS, MSG_CHECK_FOUND, found.len);
	amm_findings_free(&found);
	amm_strlist_free(&ids);
	amm_strlist_free(&checked);
	amm_ini_free(cfg);
	free(id);
	return err;
}
