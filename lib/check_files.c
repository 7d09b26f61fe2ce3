/*
 * The checks around the files of a casus (check.h): a BSN in the names of its files and in
 * the messages of its history, and files that others may read.
 */
#include <stdlib.h>
#include <string.h>

#include "check_priv.h"
#include "history.h"
#include "privacy.h"

/* The names of the files and folders under dir, as paths relative to the casus folder. */
static amm_error *
bsn_names(struct amm_snap *snap, const struct amm_casus *c, const char *dir, const char *rel,
          int depth, struct amm_findings *out)
{
	struct amm_strlist names = {0};
	amm_error *err = amm_snap_list(snap, dir, &names);
	size_t at, len;

	for (size_t i = 0; i < names.len && err == NULL; i++) {
		char *path = amm_asprintf("%s/%s", dir, names.items[i]);
		char *name = amm_asprintf("%s%s%s", rel, *rel ? "/" : "", names.items[i]);

		if (amm_bsn_find(name, &at, &len))
			amm_check_add_at(
			    out, c, R_BSN, "bestandsnaam",
			    "de naam van een bestand of map bevat een burgerservicenummer");
		else if (depth < 8)
			err = bsn_names(snap, c, path, name, depth + 1, out);
		free(path);
		free(name);
	}
	amm_strlist_free(&names);
	return err;
}

void
amm_check_bsn_names(struct amm_snap *snap, const struct amm_casus *c, const struct amm_ini *cfg,
                    struct amm_findings *out)
{
	char *dir = amm_casus_dir(c->id);
	size_t at, len;

	if (!amm_bsn_allowed(cfg)) {
		if (amm_bsn_find(c->id, &at, &len))
			amm_check_add_at(out, c, R_BSN, "bestandsnaam",
			                 "het nummer van de casus is een burgerservicenummer");
		/* A folder that cannot be listed is for the other rules to notice. */
		amm_error_free(bsn_names(snap, c, dir, "", 0, out));
	}
	free(dir);
}

/* The history of one casus, read when a commit names no casus of ids (lazily, once). */
struct casus_log {
	struct amm_log_entry *log;
	size_t n;
	bool read;
};

/* Which casus of ids commit e changed: its AMM-Casus trailer, else their histories. */
static const char *
bsn_commit_casus(struct amm_store *st, const struct amm_strlist *ids, struct casus_log *logs,
                 const struct amm_log_entry *e)
{
	const char *t = strstr(e->message, "\nAMM-Casus: ");

	if (t != NULL) {
		t += strlen("\nAMM-Casus: ");
		for (size_t i = 0; i < ids->len; i++)
			if (strncmp(t, ids->items[i], strlen(ids->items[i])) == 0 &&
			    strchr("\n", t[strlen(ids->items[i])]) != NULL)
				return ids->items[i];
	}
	for (size_t i = 0; i < ids->len; i++) {
		if (!logs[i].read) {
			char *dir = amm_casus_dir(ids->items[i]);

			amm_error_free(amm_store_path_log(st, dir, &logs[i].log, &logs[i].n));
			logs[i].read = true;
			free(dir);
		}
		for (size_t k = 0; k < logs[i].n; k++)
			if (strcmp(logs[i].log[k].id, e->id) == 0)
				return ids->items[i];
	}
	return NULL;
}

amm_error *
amm_check_bsn_history(struct amm_store *st, const struct amm_strlist *ids,
                      const struct amm_ini *cfg, struct amm_findings *out)
{
	char *dir = ids->len == 1 ? amm_casus_dir(ids->items[0]) : amm_xstrdup(AMM_CASUS_ROOT);
	struct casus_log *logs = amm_xcalloc(ids->len + 1, sizeof(*logs));
	struct amm_log_entry *log = NULL;
	size_t n = 0, at, len;

	/*
	 * One walk: the history of the casus, or of all casussen at once. A history that cannot
	 * be read whole (a shallow clone) is not for this rule to refuse.
	 */
	if (!amm_bsn_allowed(cfg) && ids->len > 0)
		amm_error_free(amm_store_path_log(st, dir, &log, &n));
	for (size_t i = 0; i < n; i++) {
		const char *id;

		if (!amm_bsn_find(log[i].message, &at, &len))
			continue;
		id = ids->len == 1 ? ids->items[0] : bsn_commit_casus(st, ids, logs, &log[i]);
		if (id != NULL)
			amm_check_add_at(
			    out, &(struct amm_casus){.id = (char *)id}, R_BSN, "geschiedenis",
			    "het commitbericht van %.7s bevat een burgerservicenummer", log[i].id);
	}
	for (size_t i = 0; i < ids->len; i++)
		amm_log_free(logs[i].log, logs[i].n);
	free(logs);
	amm_log_free(log, n);
	free(dir);
	return NULL;
}

void
amm_check_loose(const struct amm_casus *c, const struct amm_loose *list, size_t n,
                struct amm_findings *out)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = strrchr(list[i].path, '/');
		const char *bestand = ".";

		name = name != NULL ? name + 1 : list[i].path;
		for (int d = 0; d < AMM_DEEL_COUNT && !list[i].folder; d++)
			if (strcmp(name, amm_delen[d].file) == 0)
				bestand = amm_delen[d].file;
		if (list[i].folder)
			amm_check_add(
			    out, c, R_BESTANDSRECHTEN, AMM_DEEL_CASUS,
			    "de map %s is toegankelijk voor groep of anderen (rechten %04o); 'amm "
			    "check --herstel' maakt haar 0700",
			    list[i].path, list[i].mode);
		else
			amm_check_add(
			    out, c, R_BESTANDSRECHTEN, AMM_DEEL_CASUS,
			    "%s is toegankelijk voor groep of anderen (rechten %04o); 'amm check "
			    "--herstel' maakt het 0600",
			    list[i].path, list[i].mode);
		/* The casus folder itself, or a file that is not one of the parts: ".". */
		out->items[out->len - 1].bestand = bestand;
	}
}
