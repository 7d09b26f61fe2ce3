/*
 * The last step of an erasure: an object store with only what the refs reach, in one pack, and
 * no reflog; here or in a server reached as a local path.
 */
#include "erase_priv.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/* Delete every pack but keep, and every loose object, and the files that name old commits. */
static amm_error *
drop_other_objects(git_repository *repo, const char *keep)
{
	const char *gitdir = git_repository_path(repo);
	char *packdir = amm_asprintf("%sobjects/pack", gitdir);
	struct amm_strlist gone = {0};
	amm_error *err = NULL;
	DIR *d = opendir(packdir);
	struct dirent *e;

	if (d == NULL) {
		err = amm_error_errno(MSG_STORE_WRITE, packdir);
		goto done;
	}
	while ((e = readdir(d)) != NULL)
		if (amm_str_starts(e->d_name, "pack-") && strstr(e->d_name, keep) == NULL)
			amm_strlist_take(&gone, amm_asprintf("%s/%s", packdir, e->d_name));
	closedir(d);
	for (int i = 0; i < 256; i++) {
		char *sub = amm_asprintf("%sobjects/%02x", gitdir, i);
		DIR *ld = opendir(sub);

		while (ld != NULL && (e = readdir(ld)) != NULL)
			if (e->d_name[0] != '.')
				amm_strlist_take(&gone, amm_asprintf("%s/%s", sub, e->d_name));
		if (ld != NULL)
			closedir(ld);
		amm_strlist_take(&gone, sub);
	}
	amm_strlist_take(&gone, amm_asprintf("%sobjects/info/commit-graph", gitdir));
	amm_strlist_take(&gone, amm_asprintf("%sORIG_HEAD", gitdir));
	amm_strlist_take(&gone, amm_asprintf("%sFETCH_HEAD", gitdir));
	for (size_t i = 0; i < gone.len; i++)
		if (remove(gone.items[i]) != 0 && errno != ENOENT && errno != ENOTEMPTY &&
		    errno != EEXIST && err == NULL)
			err = amm_error_errno(MSG_STORE_WRITE, gone.items[i]);
done:
	amm_strlist_free(&gone);
	free(packdir);
	return err;
}

amm_error *
amm_erase_prune_repo(git_repository *repo)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_odb *odb = NULL;
	struct amm_strlist refs = {0};
	amm_error *err = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int rc;

	rc = git_reference_foreach_name(repo, amm_erase_collect_ref, &refs);
	if (rc == 0)
		rc = git_revwalk_new(&walk, repo);
	for (size_t i = 0; i < refs.len && rc == 0; i++) {
		rc = git_revwalk_push_ref(walk, refs.items[i]);
		if (rc == 0)
			rc = git_reflog_delete(repo, refs.items[i]);
		if (rc == GIT_ENOTFOUND)
			rc = 0;
	}
	if (rc == 0)
		rc = git_reflog_delete(repo, "HEAD");
	if (rc == GIT_ENOTFOUND)
		rc = 0;
	if (rc == 0)
		rc = git_packbuilder_new(&pb, repo);
	if (rc == 0)
		rc = git_packbuilder_insert_walk(pb, walk);
	if (rc == 0)
		rc = git_packbuilder_write(pb, NULL, 0, NULL, NULL);
	if (rc < 0) {
		err = amm_git_fail(rc, "pack");
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), git_packbuilder_hash(pb));
	err = drop_other_objects(repo, hex);
	/* Every object is in the new pack now: the odb must look there. */
	rc = err == NULL ? git_repository_odb(&odb, repo) : 0;
	if (rc == 0 && odb != NULL)
		rc = git_odb_refresh(odb);
	if (rc < 0)
		err = amm_git_fail(rc, "objecten");
done:
	git_odb_free(odb);
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	amm_strlist_free(&refs);
	return err;
}

amm_error *
amm_erase_prune_local(const char *url)
{
	const char *path = amm_local_server(url);
	git_repository *repo = NULL;
	amm_error *err;
	int rc;

	if (path == NULL)
		return NULL; /* the server's own hook does it (amm init --gedeeld) */
	rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc < 0)
		return amm_git_fail(rc, path);
	err = amm_erase_prune_repo(repo);
	git_repository_free(repo);
	return err;
}
