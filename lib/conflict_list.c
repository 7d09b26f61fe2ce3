/* The conflict list of sync: see conflict_list.h. */
#include "conflict_list.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "store_priv.h"

amm_error *
amm_conflict_list_read(struct amm_store *st, struct amm_strlist *paths)
{
	char *path = amm_store_git_path(st, AMM_CONFLICT_FILE);
	FILE *f = fopen(path, "r");
	amm_error *err = NULL;
	char *line = NULL;
	size_t size = 0;
	ssize_t n;

	if (f == NULL) {
		if (errno != ENOENT)
			err = amm_error_errno(MSG_SYNC_CONFLICTS_READ, path);
		free(path);
		return err;
	}
	while ((n = getline(&line, &size, f)) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (*line != '\0')
			amm_strlist_add(paths, line);
	}
	if (ferror(f))
		err = amm_error_errno(MSG_SYNC_CONFLICTS_READ, path);
	fclose(f);
	free(line);
	free(path);
	return err;
}

amm_error *
amm_conflict_list_write(struct amm_store *st, const struct amm_strlist *paths)
{
	struct amm_buf text = {0};
	amm_error *err = NULL;
	char *path;

	if (paths->len == 0) {
		path = amm_store_git_path(st, AMM_CONFLICT_FILE);
		if (unlink(path) != 0 && errno != ENOENT)
			err = amm_error_errno(MSG_STORE_WRITE, path);
		free(path);
		return err;
	}
	for (size_t i = 0; i < paths->len; i++)
		amm_buf_addf(&text, "%s\n", paths->items[i]);
	err = amm_store_git_replace(st, AMM_CONFLICT_FILE, text.data, text.len);
	amm_buf_free(&text);
	return err;
}
