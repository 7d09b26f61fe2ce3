/* amm nieuw [--alias A] [--inbrenger N] [--organisatie O] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "privacy.h"
#include "template.h"

struct nieuw_opts {
	const char *alias;
	const char *inbrenger;
	const char *organisatie;
};

const struct amm_option opts_nieuw[] = {
    AMM_OPT_STRING(
        "alias", 0, "A", struct nieuw_opts, alias,
        "bijnaam (pseudoniem) van de casus, bijvoorbeeld \"Fam. J.\"; nooit een echte naam"),
    AMM_OPT_STRING("inbrenger", 0, "N", struct nieuw_opts, inbrenger,
                   "de casusinbrenger: de professional die de casus inbrengt"),
    AMM_OPT_STRING("organisatie", 0, "O", struct nieuw_opts, organisatie,
                   "organisatie van de casusinbrenger (anders die uit amm.ini)"),
    AMM_OPT_END(struct nieuw_opts),
};

struct nieuw {
	struct amm_date today;
	char *alias, *inbrenger, *organisatie;
	char *id; /* out */
};

static amm_error *
fill_casus_ini(struct nieuw *n, const struct amm_ini *cfg, const struct amm_template *t, char **out,
               size_t *len)
{
	struct amm_ini *ini = NULL;
	const char *org = n->organisatie ? n->organisatie : amm_ini_get(cfg, "organisatie", "naam");
	char today[AMM_DATE_LEN];
	amm_error *err;

	amm_date_format(n->today, today);
	err = amm_ini_parse(&ini, "sjabloon casus.ini", t->data, t->len);
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "id", n->id);
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "alias", n->alias ? n->alias : "");
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "status", "open");
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "geopend", today);
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "organisatie", org ? org : "");
	if (err == NULL)
		err = amm_ini_set(ini, "casus", "casusinbrenger", n->inbrenger ? n->inbrenger : "");
	if (err == NULL)
		*out = amm_ini_serialize(ini, len);
	amm_ini_free(ini);
	return err;
}

static amm_error *
nieuw_change(struct amm_tx *tx, void *arg)
{
	struct nieuw *n = arg;
	struct amm_ini *cfg = NULL;
	amm_error *err;

	free(n->id);
	n->id = NULL;
	err = amm_config_load(amm_tx_snap(tx), &cfg);
	if (err == NULL)
		err = amm_casus_next_id(amm_tx_snap(tx), n->today.y, &n->id);
	for (int d = 0; d < AMM_DEEL_COUNT && err == NULL; d++) {
		const struct amm_template *t = amm_template_get(amm_delen[d].file);
		char *path = amm_casus_path(n->id, (enum amm_deel)d);

		if (d == AMM_DEEL_CASUS) {
			char *data = NULL;
			size_t len = 0;

			err = fill_casus_ini(n, cfg, t, &data, &len);
			if (err == NULL && !amm_bsn_allowed(cfg))
				err = amm_privacy_check_write(path, t->data, data, true);
			if (err == NULL)
				amm_tx_write(tx, path, data, len);
			free(data);
		} else {
			amm_tx_write(tx, path, t->data, t->len);
		}
		free(path);
	}
	if (err == NULL)
		err = amm_repo_id_store(tx);
	if (err == NULL)
		amm_tx_message(tx, n->id, "casus", "nieuwe casus");
	amm_ini_free(cfg);
	return err;
}

amm_error *
cmd_nieuw(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct nieuw_opts *o = args->opts;
	struct nieuw n = {.today = ctx->today};
	const char *alias = o->alias, *inbrenger = o->inbrenger;
	const char *org = o->organisatie;
	bool committed = false;
	amm_error *err = NULL;

	if (alias != NULL)
		err = amm_arg_text("--alias", alias, &n.alias);
	if (err == NULL && inbrenger != NULL)
		err = amm_arg_text("--inbrenger", inbrenger, &n.inbrenger);
	if (err == NULL && org != NULL)
		err = amm_arg_text("--organisatie", org, &n.organisatie);
	if (err == NULL)
		err = amm_store_update(ctx->store, nieuw_change, &n, &committed);
	if (err == NULL && ctx->json)
		err = amm_print_written(ctx, n.id, committed);
	else if (err == NULL)
		printf("%s\n", n.id);
	free(n.id);
	free(n.alias);
	free(n.inbrenger);
	free(n.organisatie);
	return err;
}
