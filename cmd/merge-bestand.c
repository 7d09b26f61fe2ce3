/*
 * amm merge-bestand BASIS MIJN HUN [PAD], amm merge-bestand --velden BESTAND: amm's merge and
 * field-level view of one casus file, for git's merge driver and diff textconv, which amm init
 * and amm kloon register (.gitattributes and the repository's config).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "inidoc.h"
#include "merge.h"
#include "msg.h"
#include "sync.h"
#include "worktree.h"

struct merge_bestand_opts {
	bool velden;
};

const struct amm_option opts_merge_bestand[] = {
    AMM_OPT_FLAG("velden", 0, struct merge_bestand_opts, velden,
                 "toon BESTAND veld voor veld, één regel per veld (voor git diff)"),
    AMM_OPT_END(struct merge_bestand_opts),
};

/* The folder and the name of a file given on the command line. */
static void
split_path(const char *file, char **dir, const char **name)
{
	const char *slash = strrchr(file, '/');

	*dir = slash == NULL ? amm_xstrdup(".")
	                     : amm_xstrndup(file, slash == file ? 1 : (size_t)(slash - file));
	*name = slash == NULL ? file : slash + 1;
}

static amm_error *
file_read(const char *file, char **data, size_t *len)
{
	const char *name;
	char *dir;
	bool present;
	amm_error *err;

	split_path(file, &dir, &name);
	err = amm_worktree_read(dir, name, data, len, &present);
	if (err == NULL && !present)
		err = amm_error_new(AMM_EXIT_NOTFOUND, MSG_CLI_READ, file);
	free(dir);
	return err;
}

static amm_error *
file_write(const char *file, const char *data, size_t len)
{
	const char *name;
	char *dir;
	amm_error *err;

	split_path(file, &dir, &name);
	err = amm_worktree_write(dir, name, data, len);
	free(dir);
	return err;
}

/* Every field of an INI file on a line of its own: "[afspraak 2] wanneer: 2026-12-01". */
static amm_error *
show_fields(const char *file)
{
	struct amm_strlist sections = {0};
	struct amm_ini *ini = NULL;
	amm_error *err, *bad = NULL;
	char *data = NULL;
	size_t len;

	err = file_read(file, &data, &len);
	if (err != NULL)
		goto done;
	bad = amm_ini_parse_dups(&ini, file, data, len);
	if (bad != NULL) {
		amm_print(stdout, data); /* not amm's INI: as it is */
		goto done;
	}
	amm_ini_sections(ini, &sections);
	for (size_t i = 0; i < sections.len; i++) {
		const char *section = sections.items[i];
		struct amm_strlist keys = {0};

		amm_ini_keys(ini, section, &keys);
		if (keys.len == 0)
			amm_printf(stdout, "[%s]\n", section);
		for (size_t k = 0; k < keys.len; k++) {
			const char *v = amm_ini_str(ini, section, keys.items[k]);
			struct amm_buf line = {0};

			amm_buf_addf(&line, "[%s] %s: ", section, keys.items[k]);
			for (const char *p = *v ? v : "(leeg)"; *p; p++)
				if (*p == '\n')
					amm_buf_adds(&line, " / ");
				else
					amm_buf_addc(&line, *p);
			amm_buf_addc(&line, '\n');
			amm_print(stdout, line.data);
			amm_buf_free(&line);
		}
		amm_strlist_free(&keys);
	}
done:
	amm_error_free(bad);
	amm_strlist_free(&sections);
	amm_ini_free(ini);
	free(data);
	return err;
}

amm_error *
cmd_merge_bestand(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct merge_bestand_opts *opts = args->opts;
	struct amm_merge_state state = {0};
	char *b = NULL, *o = NULL, *t = NULL, *out = NULL;
	size_t blen = 0, olen, tlen, outlen;
	const char *path;
	amm_error *err;

	(void)ctx;
	if (opts->velden) {
		if (args->argc != 1)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "merge-bestand", "",
			                     "merge-bestand");
		return show_fields(args->argv[0]);
	}
	if (args->argc < 3)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "merge-bestand", "",
		                     "merge-bestand");
	/* The name decides how it merges (INI or Markdown); git passes it as %P. */
	path = args->argc > 3 ? args->argv[3] : args->argv[1];
	err = file_read(args->argv[0], &b, &blen);
	if (err == NULL)
		err = file_read(args->argv[1], &o, &olen);
	if (err == NULL)
		err = file_read(args->argv[2], &t, &tlen);
	/* An empty base: the file is new on both sides. */
	if (err == NULL)
		err = amm_sync_merge_text(path, blen > 0 ? b : NULL, blen, o, olen, t, tlen, &state,
		                          &out, &outlen);
	if (err == NULL)
		err = file_write(args->argv[1], out, outlen);
	if (err == NULL && state.conflicts > 0) {
		struct amm_store *st = NULL;
		amm_error *none = args->argc > 3 ? amm_store_open(&st, ".") : NULL;

		/* The next amm sync waits for a choice, as after its own merge. */
		if (st != NULL)
			err = amm_sync_conflict_note(st, path);
		amm_error_free(none);
		amm_store_free(st);
		if (err == NULL)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_MERGE_BESTAND_CONFLICT,
			                    state.conflicts, path);
	}
	amm_merge_state_clear(&state);
	free(b);
	free(o);
	free(t);
	free(out);
	return err;
}

amm_error *
amm_register_merge(struct amm_store *st)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	/* The amm that registers it; "amm" on PATH where the system does not say. */
	if (n <= 0)
		return amm_sync_register_driver(st, "amm");
	exe[n] = '\0';
	return amm_sync_register_driver(st, exe);
}
