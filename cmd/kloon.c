/* amm kloon URL [PAD] */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "msg.h"
#include "sync.h"

struct kloon_opts {
	bool stil;
};

const struct amm_option opts_kloon[] = {
    AMM_OPT_FLAG("stil", 'q', struct kloon_opts, stil,
                 "toon geen voortgang, ook niet op een terminal"),
    AMM_OPT_END(struct kloon_opts),
};

/* git's choice of folder: the last part of the URL, without a trailing / and .git. */
static char *
folder_of(const char *url)
{
	size_t n = strlen(url);
	const char *start;
	char *dir;

	while (n > 1 && url[n - 1] == '/')
		n--;
	if (n >= 4 && strncmp(url + n - 4, ".git", 4) == 0)
		n -= 4;
	start = url + n;
	while (start > url && start[-1] != '/' && start[-1] != ':')
		start--;
	dir = amm_xstrndup(start, (size_t)(url + n - start));
	if (*dir == '\0') {
		free(dir);
		dir = amm_xstrdup("casussen");
	}
	return dir;
}

amm_error *
cmd_kloon(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct kloon_opts *o = args->opts;
	struct amm_store *st = NULL;
	struct amm_snap *head = NULL;
	struct amm_strlist ids = {0};
	amm_error *err;
	mode_t old;
	char *path;

	(void)ctx;
	if (args->argc < 1 || *args->argv[0] == '\0' || (args->argc > 1 && *args->argv[1] == '\0'))
		return amm_error_new(AMM_EXIT_USAGE, MSG_KLOON_USAGE);
	path = args->argc > 1 ? amm_xstrdup(args->argv[1]) : folder_of(args->argv[0]);
	old = umask(077);
	err = amm_sync_clone(&st, args->argv[0], path, amm_transfer_progress(o->stil));
	umask(old);
	if (err == NULL)
		err = amm_snap_open(&head, st, NULL);
	if (err == NULL && !amm_snap_exists(head, AMM_CONFIG_FILE))
		err = amm_error_new(AMM_EXIT_INPUT, MSG_KLOON_NOT_AMM, path);
	if (err == NULL)
		err = amm_register_merge(st);
	if (err == NULL)
		err = amm_casus_ids(head, &ids);
	if (err == NULL)
		amm_printf(stdout,
		           "Gekloond naar %s: %zu casus(sen). 'amm sync' deelt je wijzigingen "
		           "met het team.\n",
		           amm_store_workdir(st), ids.len);
	amm_strlist_free(&ids);
	amm_snap_free(head);
	amm_store_free(st);
	free(path);
	return err;
}
