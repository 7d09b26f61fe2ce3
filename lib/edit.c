#include "edit.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "msg.h"
#include "privacy.h"
#include "util.h"

struct edit {
	const char *id;
	bool closed_ok;
	amm_casus_fn fn;
	void *arg;
};

static amm_error *
edit_change(struct amm_tx *tx, void *arg)
{
	struct edit *e = arg;
	struct amm_casus *casus = NULL;
	struct amm_ini *cfg = NULL;
	char *text[AMM_DEEL_COUNT] = {0};
	unsigned changed = 0;
	amm_error *err;

	err = amm_casus_load(&casus, amm_tx_snap(tx), e->id);
	if (err == NULL)
		err = amm_config_load(amm_tx_snap(tx), &cfg);
	if (err == NULL && !e->closed_ok && !amm_casus_is_open(casus))
		err = amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_CLOSED, e->id);
	if (err == NULL)
		err = e->fn(casus, tx, e->arg);
	for (int d = 0; d < AMM_DEEL_COUNT && err == NULL; d++) {
		size_t len;

		text[d] = d == AMM_DEEL_PERSPECTIEF ? amm_xstrdup(casus->perspectief)
		                                    : amm_ini_serialize(casus->ini[d], &len);
		if (strcmp(text[d], casus->raw[d]) != 0)
			changed |= 1u << d;
	}
	/* No amm path writes a value that the command line would refuse. */
	if (err == NULL && changed != 0)
		err = amm_model_refuse(casus, changed);
	for (int d = 0; d < AMM_DEEL_COUNT && err == NULL; d++) {
		char *path = amm_casus_path(casus->id, (enum amm_deel)d);

		if ((changed & (1u << d)) != 0) {
			if (!amm_bsn_allowed(cfg))
				err = amm_privacy_check_write(path, casus->raw[d], text[d],
				                              d != AMM_DEEL_PERSPECTIEF);
			if (err == NULL)
				amm_tx_write(tx, path, text[d], strlen(text[d]));
		}
		free(path);
	}
	for (int d = 0; d < AMM_DEEL_COUNT; d++)
		free(text[d]);
	if (err == NULL && changed != 0)
		err = amm_repo_id_store(tx);
	amm_ini_free(cfg);
	amm_casus_free(casus);
	return err;
}

amm_error *
amm_casus_edit(struct amm_store *st, const char *id, bool closed_ok, amm_casus_fn fn, void *arg,
               bool *committed)
{
	struct edit e = {id, closed_ok, fn, arg};

	return amm_store_update(st, edit_change, &e, committed);
}
