/* amm init [PAD] */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"
#include "sync.h"
#include "template.h"

struct init_opts {
	const char *remote;
	bool gedeeld;
	bool stil;
};

const struct amm_option opts_init[] = {
    AMM_OPT_STRING(
        "remote", 0, "URL", struct init_opts, remote,
        "deel de casusrepository via de (lege) git-repository op URL, als remote origin"),
    AMM_OPT_FLAG("gedeeld", 0, struct init_opts, gedeeld,
                 "maak van PAD de gedeelde server (een kale repository) met de hooks van amm die "
                 "gewiste casussen weigeren"),
    AMM_OPT_FLAG("stil", 'q', struct init_opts, stil,
                 "met --remote: toon geen voortgang, ook niet op een terminal"),
    AMM_OPT_END(struct init_opts),
};

/* amm.ini, and the lines of .gitattributes that make git merge casus files as amm does. */
static amm_error *
init_change(struct amm_tx *tx, void *ctx)
{
	const struct amm_template *t = amm_template_get(AMM_CONFIG_FILE);
	struct amm_snap *snap = amm_tx_snap(tx);
	struct amm_ini *cfg = NULL;
	char id[33], *attr = NULL, *text = NULL;
	size_t len = 0;
	amm_error *err = NULL;

	(void)ctx;
	if (amm_snap_exists(snap, AMM_ATTRIBUTES_FILE))
		err = amm_snap_read(snap, AMM_ATTRIBUTES_FILE, &attr, &len);
	if (err == NULL && (attr == NULL || strstr(attr, "merge=amm") == NULL)) {
		struct amm_buf buf = {0};

		amm_buf_add(&buf, attr ? attr : "", len);
		if (len > 0 && attr[len - 1] != '\n')
			amm_buf_addc(&buf, '\n');
		amm_buf_adds(&buf, amm_sync_attributes);
		amm_tx_write(tx, AMM_ATTRIBUTES_FILE, buf.data, buf.len);
		amm_tx_message(tx, NULL, AMM_ATTRIBUTES_FILE,
		               "git voegt casusbestanden samen zoals amm sync");
		amm_buf_free(&buf);
	}
	if (err == NULL && !amm_snap_exists(snap, AMM_CONFIG_FILE)) {
		/* The repository's identity (amm.ini(5)): random, so no two repositories share it.
		 */
		err = amm_repo_id_new(id);
		if (err == NULL)
			err = amm_ini_parse(&cfg, AMM_CONFIG_FILE, t->data, t->len);
		if (err == NULL)
			err = amm_ini_set(cfg, "amm", "id", id);
		if (err == NULL) {
			text = amm_ini_serialize(cfg, &len);
			amm_tx_write(tx, AMM_CONFIG_FILE, text, len);
			amm_tx_message(tx, NULL, "amm.ini", "casusrepository ingericht");
		}
	}
	free(text);
	free(attr);
	amm_ini_free(cfg);
	return err;
}

amm_error *
cmd_init(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct init_opts *o = args->opts;
	const char *path = args->argc > 0 ? args->argv[0] : ".";
	const char *url = o->remote;
	struct amm_store *st = NULL;
	bool created = false, committed = false;
	amm_error *err;

	(void)ctx;
	if (o->gedeeld) {
		bool changed;

		if (url != NULL)
			return amm_error_new(AMM_EXIT_USAGE, MSG_INIT_SHARED_REMOTE);
		err = amm_sync_init_server(path, &created, &changed);
		if (err == NULL && created)
			amm_printf(stdout,
			           "Gedeelde server gemaakt in %s; hij weigert elke push met een "
			           "gewiste casus.\n",
			           path);
		else if (err == NULL && changed)
			amm_printf(
			    stdout,
			    "De hooks van amm staan nu in %s; de server weigert elke push met "
			    "een gewiste casus.\n",
			    path);
		else if (err == NULL)
			amm_printf(stdout,
			           "%s is al een gedeelde server van amm; er is niets "
			           "veranderd\n",
			           path);
		return err;
	}
	err = amm_store_init(&st, path, &created);
	if (err == NULL)
		err = amm_store_update(st, init_change, NULL, &committed);
	if (err == NULL)
		err = amm_register_merge(st);
	if (err == NULL) {
		const char *where = amm_store_workdir(st);

		if (created)
			amm_printf(stdout, "Nieuwe casusrepository gemaakt in %s\n", where);
		else if (committed)
			amm_printf(stdout,
			           "Bestaande git-repository ingericht als casusrepository: %s\n",
			           where);
		else
			amm_printf(stdout, "%s is al een casusrepository; er is niets veranderd\n",
			           where);
	}
	if (err == NULL && url != NULL) {
		struct amm_sync_report r = {0};

		err = amm_sync_set_remote(st, "origin", url);
		if (err == NULL)
			err = amm_sync(st, "origin", amm_transfer_progress(o->stil), &r);
		if (err == NULL)
			amm_printf(stdout,
			           "Gedeeld via %s; teamleden halen een kopie met 'amm kloon "
			           "%s'.\n",
			           url, url);
		else if (err->code == AMM_EXIT_SYSTEM)
			err = amm_error_wrap(err, MSG_INIT_REMOTE_LATER, url);
		else
			err = amm_error_wrap(err, MSG_INIT_REMOTE, url);
		amm_sync_report_free(&r);
	}
	amm_store_free(st);
	return err;
}
