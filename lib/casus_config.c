/* The repository's configuration (amm.ini) and its identity: see casus.h. */
#include "casus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "msg.h"

amm_error *
amm_repo_check(struct amm_snap *snap, const char *where)
{
	if (!amm_snap_exists(snap, AMM_CONFIG_FILE))
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_CASUS_NOT_REPO, where);
	return NULL;
}

amm_error *
amm_config_load(struct amm_snap *snap, struct amm_ini **out)
{
	char *data = NULL;
	size_t len = 0;
	amm_error *err;

	*out = NULL;
	err = amm_snap_read(snap, AMM_CONFIG_FILE, &data, &len);
	if (err == NULL)
		err = amm_ini_parse(out, AMM_CONFIG_FILE, data, len);
	free(data);
	return err;
}

long
amm_config_number(const struct amm_ini *cfg, const char *section, const char *key, long def)
{
	const char *v = cfg ? amm_ini_get(cfg, section, key) : NULL;
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 ? n : def;
}

amm_error *
amm_repo_id(struct amm_snap *snap, const struct amm_ini *cfg, char **out)
{
	char root[41];
	amm_error *err;

	*out = amm_xstrdup(amm_ini_str(cfg, "amm", "id"));
	if (**out != '\0')
		return NULL;
	free(*out);
	*out = NULL;
	err = amm_snap_root_id(snap, root);
	if (err == NULL)
		*out = amm_xstrndup(root, 32);
	return err;
}

amm_error *
amm_repo_id_new(char out[33])
{
	unsigned char bytes[16];
	ssize_t n;

	do
		n = getrandom(bytes, sizeof(bytes), 0);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(bytes))
		return amm_error_errno(MSG_CONFIG_ID_RANDOM);
	for (size_t i = 0; i < sizeof(bytes); i++)
		snprintf(out + 2 * i, 3, "%02x", bytes[i]);
	return NULL;
}

amm_error *
amm_repo_id_store(struct amm_tx *tx)
{
	struct amm_snap *snap = amm_tx_snap(tx);
	struct amm_ini *cfg = NULL;
	char *id = NULL, *text = NULL;
	size_t len;
	amm_error *err;

	bool clean = false;

	err = amm_config_load(snap, &cfg);
	if (err == NULL && *amm_ini_str(cfg, "amm", "id") == '\0')
		err = amm_tx_clean(tx, AMM_CONFIG_FILE, &clean);
	/* Unreadable, or changed by hand and not committed: left for a later write. */
	if (err != NULL || !clean) {
		amm_error_free(err);
		err = NULL;
		goto done;
	}
	err = amm_repo_id(snap, cfg, &id);
	if (err == NULL && *id != '\0')
		err = amm_ini_set(cfg, "amm", "id", id);
	if (err == NULL && *id != '\0') {
		text = amm_ini_serialize(cfg, &len);
		amm_tx_write(tx, AMM_CONFIG_FILE, text, len);
		amm_tx_note(tx, MSG_CONFIG_ID_NOTE);
	}
done:
	free(text);
	free(id);
	amm_ini_free(cfg);
	return err;
}
