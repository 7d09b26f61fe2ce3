/* The git store: one commit per write touching only its paths, CAS races, refusals. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "history.h"
#include "store.h"
#include "util.h"

struct write_spec {
	const char *path;
	const char *data; /* NULL: append a line "<tag>\n" to what is there */
	const char *tag;
	int calls;
	const char *race_dir; /* commit from outside on the first call */
};

static amm_error *
write_fn(struct amm_tx *tx, void *arg)
{
	struct write_spec *w = arg;
	char *old = NULL, *text;
	size_t len = 0;
	amm_error *err;

	w->calls++;
	if (w->race_dir != NULL && w->calls == 1 &&
	    th_sh("cd '%s' && echo buiten > buiten.txt && git add buiten.txt && "
	          "git commit -qm 'van buiten'",
	          w->race_dir) != 0)
		fail_msg("git commit from outside failed");
	if (w->data != NULL) {
		amm_tx_write(tx, w->path, w->data, strlen(w->data));
	} else {
		err = amm_snap_read(amm_tx_snap(tx), w->path, &old, &len);
		amm_error_free(err);
		text = amm_asprintf("%s%s\n", old ? old : "", w->tag);
		amm_tx_write(tx, w->path, text, strlen(text));
		free(text);
		free(old);
	}
	amm_tx_message(tx, "2026-001", "test", "schrijf %s", w->path);
	return NULL;
}

static int
commit_count(const char *dir)
{
	char *out = th_sh_out("git -C '%s' rev-list --count HEAD", dir);
	int n = atoi(out);

	free(out);
	return n;
}

static void
assert_sh_out(const char *want, const char *cmd)
{
	char *out = th_sh_out("%s", cmd);

	assert_string_equal(out, want);
	free(out);
}

static void
test_one_commit_per_write(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "casussen/2026/2026-001/spin.ini", .data = "[spin]\n"};
	bool committed;
	char *cmd;

	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_true(committed);
	assert_int_equal(commit_count(f->dir), 2);
	cmd =
	    amm_asprintf("git -C '%s' show --name-only --format='%%an <%%ae>%%n%%B' HEAD", f->dir);
	assert_sh_out("Sanne de Vries <sanne@example.org>\n"
	              "2026-001 test: schrijf casussen/2026/2026-001/spin.ini\n\n"
	              "AMM-Casus: 2026-001\nAMM-Onderdeel: test\n\n\n"
	              "casussen/2026/2026-001/spin.ini\n",
	              cmd);
	free(cmd);
	cmd = amm_asprintf("git -C '%s' status --porcelain", f->dir);
	assert_sh_out("", cmd);
	free(cmd);
	cmd = amm_asprintf("stat -c %%a '%s/casussen/2026/2026-001/spin.ini' "
	                   "'%s/casussen/2026/2026-001'",
	                   f->dir, f->dir);
	assert_sh_out("600\n700\n", cmd);
	free(cmd);
	/* The same content again: nothing to commit. */
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_false(committed);
	assert_int_equal(commit_count(f->dir), 2);
	assert_int_equal(th_sh("git -C '%s' fsck --strict >/dev/null 2>&1", f->dir), 0);
}

static void
test_read_snapshots(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "a/b.ini", .data = "versie 2\n"};
	struct amm_snap *snap = NULL;
	struct amm_strlist names = {0};
	bool committed;
	char *data;

	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	w.data = "versie 3\n";
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_ok(amm_snap_open(&snap, f->st, "HEAD~1"));
	assert_ok(amm_snap_read(snap, "a/b.ini", &data, NULL));
	assert_string_equal(data, "versie 2\n");
	free(data);
	assert_err(amm_snap_read(snap, "a/c.ini", &data, NULL), AMM_EXIT_NOTFOUND);
	assert_ok(amm_snap_list(snap, "", &names));
	assert_int_equal(names.len, 2);
	assert_string_equal(names.items[0], "a");
	assert_string_equal(names.items[1], "amm.ini");
	amm_strlist_free(&names);
	assert_ok(amm_snap_list(snap, "bestaat/niet", &names));
	assert_int_equal(names.len, 0);
	amm_snap_free(snap);
	assert_err(amm_snap_open(&snap, f->st, "geen-revisie"), AMM_EXIT_NOTFOUND);
	assert_null(snap);
}

static void
test_uncommitted_edit_refused(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "s.ini", .data = "[s]\nk = 1\n"};
	bool committed;
	char *cmd;

	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_int_equal(th_sh("echo '# met de hand' >> '%s/s.ini'", f->dir), 0);
	w.data = "[s]\nk = 2\n";
	assert_err(amm_store_update(f->st, write_fn, &w, &committed), AMM_EXIT_CONFLICT);
	assert_false(committed);
	cmd = amm_asprintf("cat '%s/s.ini'", f->dir);
	assert_sh_out("[s]\nk = 1\n# met de hand\n", cmd);
	free(cmd);
	assert_int_equal(commit_count(f->dir), 2);
	/* Staged but not committed counts too. */
	assert_int_equal(th_sh("cd '%s' && git add s.ini && git checkout -q -- s.ini", f->dir), 0);
	assert_err(amm_store_update(f->st, write_fn, &w, &committed), AMM_EXIT_CONFLICT);
	/* Other files can still be written. */
	w.path = "t.ini";
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_true(committed);
	cmd = amm_asprintf("git -C '%s' status --porcelain", f->dir);
	assert_sh_out("M  s.ini\n", cmd);
	free(cmd);
}

static void
test_cas_race_loses_nothing(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "r.ini", .tag = "van amm", .race_dir = f->dir};
	bool committed;
	char *cmd;

	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_true(committed);
	assert_int_equal(w.calls, 2);
	assert_int_equal(commit_count(f->dir), 3);
	cmd = amm_asprintf("git -C '%s' log --format=%%s", f->dir);
	assert_sh_out(
	    "2026-001 test: schrijf r.ini\nvan buiten\namm.ini: casusrepository ingericht\n", cmd);
	free(cmd);
	cmd = amm_asprintf("git -C '%s' status --porcelain; cat '%s/r.ini' '%s/buiten.txt'", f->dir,
	                   f->dir, f->dir);
	assert_sh_out("van amm\nbuiten\n", cmd);
	free(cmd);
}

static void
test_concurrent_processes(void **state)
{
	struct th_repo *f = *state;
	enum { CHILDREN = 8, WRITES = 5 };
	pid_t pids[CHILDREN];
	char *cmd, *out;

	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0) {
			struct amm_store *st = NULL;
			int rc = 0;

			if (amm_store_open(&st, f->dir) != NULL)
				_exit(1);
			for (int i = 0; i < WRITES && rc == 0; i++) {
				char tag[32];
				struct write_spec w = {.path = "gedeeld.ini", .tag = tag};
				bool committed;
				amm_error *err;

				snprintf(tag, sizeof(tag), "kind %d schrijft %d", c, i);
				err = amm_store_update(st, write_fn, &w, &committed);
				rc = err != NULL || !committed;
				amm_error_free(err);
			}
			amm_store_free(st);
			_exit(rc);
		}
	}
	for (int c = 0; c < CHILDREN; c++) {
		int status;

		assert_int_equal(waitpid(pids[c], &status, 0), pids[c]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(commit_count(f->dir), 1 + CHILDREN * WRITES);
	cmd = amm_asprintf("sort '%s/gedeeld.ini' | uniq | wc -l", f->dir);
	out = th_sh_out("%s", cmd);
	assert_int_equal(atoi(out), CHILDREN * WRITES);
	free(out);
	free(cmd);
	cmd = amm_asprintf("git -C '%s' status --porcelain", f->dir);
	assert_sh_out("", cmd);
	free(cmd);
	assert_int_equal(th_sh("git -C '%s' fsck --strict >/dev/null 2>&1", f->dir), 0);
}

static void
test_identity_missing(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "x.ini", .data = "x\n"};
	bool committed;
	char *cmd;
	amm_error *err;

	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_COMMITTER_NAME");
	err = amm_store_update(f->st, write_fn, &w, &committed);
	th_env();
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	assert_non_null(strstr(err->msg, "git config --global user.name"));
	amm_error_free(err);
	assert_int_equal(commit_count(f->dir), 1);
	cmd = amm_asprintf("git -C '%s' status --porcelain", f->dir);
	assert_sh_out("", cmd);
	free(cmd);
}

static void
test_refused_states(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "x.ini", .data = "x\n"};
	struct amm_store *none = NULL;
	char *empty = th_tmpdir();
	bool committed;

	assert_int_equal(th_sh("git -C '%s' checkout -q --detach", f->dir), 0);
	assert_err(amm_store_update(f->st, write_fn, &w, &committed), AMM_EXIT_CONFLICT);
	assert_int_equal(th_sh("git -C '%s' checkout -q -", f->dir), 0);
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_err(amm_store_open(&none, empty), AMM_EXIT_NOTFOUND);
	assert_null(none);
	th_rm_rf(empty);
	free(empty);
}

static void
test_history(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "h.ini", .data = "een\n"};
	struct amm_log_entry *log = NULL;
	struct amm_snap *snap = NULL;
	struct amm_date d;
	char *data;
	size_t n;
	bool committed;

	/* Three commits on three days; one of them does not touch h.ini. */
	setenv("GIT_COMMITTER_DATE", "@1795600000 +0100", 1); /* 2026-11-25 */
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	setenv("GIT_COMMITTER_DATE", "@1795700000 +0100", 1); /* 2026-11-26 */
	w.path = "ander.ini";
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	setenv("GIT_COMMITTER_DATE", "@1795800000 +0100", 1); /* 2026-11-27 */
	w.path = "h.ini";
	w.data = "twee\n";
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	th_env();
	assert_ok(amm_store_path_log(f->st, "h.ini", &log, &n));
	assert_int_equal(n, 2);
	assert_string_equal(log[0].author, "Sanne de Vries");
	assert_int_equal(log[0].time, 1795800000);
	assert_int_equal(log[1].time, 1795600000);
	amm_log_free(log, n);
	/* The plan as it stood at the end of a day. */
	d = (struct amm_date){2026, 11, 26};
	assert_ok(amm_snap_open_date(&snap, f->st, d, NULL));
	assert_ok(amm_snap_read(snap, "h.ini", &data, NULL));
	assert_string_equal(data, "een\n");
	free(data);
	amm_snap_free(snap);
	/* As one path had it: the commit that last changed it by then. */
	assert_ok(amm_snap_open_date(&snap, f->st, d, "h.ini"));
	assert_ok(amm_snap_read(snap, "h.ini", &data, NULL));
	assert_string_equal(data, "een\n");
	assert_false(amm_snap_exists(snap, "ander.ini"));
	free(data);
	amm_snap_free(snap);
	d = (struct amm_date){2026, 11, 17}; /* before the first commit */
	assert_err(amm_snap_open_date(&snap, f->st, d, NULL), AMM_EXIT_NOTFOUND);
	assert_err(amm_snap_open_date(&snap, f->st, d, "h.ini"), AMM_EXIT_NOTFOUND);
}

/* The ids of the commits amm_store_path_log finds for path, oldest first, one a line. */
static char *
log_of(struct amm_store *st, const char *path)
{
	struct amm_log_entry *log = NULL;
	struct amm_buf buf = {0};
	size_t n;

	assert_ok(amm_store_path_log(st, path, &log, &n));
	for (size_t i = n; i-- > 0;)
		amm_buf_addf(&buf, "%s\n", log[i].id);
	amm_log_free(log, n);
	amm_buf_adds(&buf, "");
	return amm_buf_detach(&buf, NULL);
}

static void
test_history_index(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.tag = "x"};
	const char *one = "casussen/2026/2026-001/spin.ini",
	           *two = "casussen/2026/2026-002/spin.ini";
	char *got, *want, *index = amm_asprintf("%s/.git/amm-historie", f->dir);
	bool committed;

	for (int i = 0; i < 6; i++) {
		w.path = i % 3 == 2 ? two : one;
		assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	}
	/* What git log says, the first time (the index is made) and again (it is read). */
	want = th_sh_out("cd '%s' && git log --reverse --format=%%H -- casussen/2026/2026-001/",
	                 f->dir);
	got = log_of(f->st, "casussen/2026/2026-001");
	assert_string_equal(got, want);
	free(got);
	got = th_sh_out("stat -c %%a '%s' && head -c 14 '%s'", index, index);
	assert_string_equal(got, "600\namm-historie 1");
	free(got);
	got = log_of(f->st, "casussen/2026/2026-001");
	assert_string_equal(got, want);
	free(got);
	free(want);
	got = log_of(f->st, one);
	want = th_sh_out("cd '%s' && git log --reverse --format=%%H -- %s", f->dir, one);
	assert_string_equal(got, want);
	free(got);
	free(want);
	/* HEAD moved on: the new commit is found. */
	w.path = two;
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	got = log_of(f->st, "casussen/2026/2026-002");
	want = th_sh_out("cd '%s' && git log --reverse --format=%%H -- casussen/2026/2026-002/",
	                 f->dir);
	assert_string_equal(got, want);
	free(got);
	free(want);
	/* History rewritten: the index is built anew. */
	assert_int_equal(th_sh("cd '%s' && git reset -q --hard HEAD~3 && echo z >> %s && git "
	                       "commit -qam anders",
	                       f->dir, one),
	                 0);
	for (int round = 0; round < 2; round++) {
		got = log_of(f->st, "casussen/2026/2026-001");
		want = th_sh_out(
		    "cd '%s' && git log --reverse --format=%%H -- casussen/2026/2026-001/", f->dir);
		assert_string_equal(got, want);
		free(got);
		free(want);
		/* An index that is not one is made again. */
		assert_int_equal(th_sh("echo kapot > '%s'", index), 0);
	}
	got = log_of(f->st, "amm.ini");
	want = th_sh_out("cd '%s' && git log --reverse --format=%%H -- amm.ini", f->dir);
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(index);
}

/* amm's log of folder dir against git's, with the index made from scratch first if cold. */
static void
assert_log_like_git(struct th_repo *f, const char *dir, bool cold)
{
	char *got, *want;

	if (cold)
		assert_int_equal(th_sh("rm -f '%s/.git/amm-historie'", f->dir), 0);
	got = log_of(f->st, dir);
	want = th_sh_out("cd '%s' && git log --reverse --format=%%H -- %s/", f->dir, dir);
	assert_string_equal(got, want);
	assert_true(strlen(want) > 0);
	free(got);
	free(want);
}

/*
 * Casussen of two years, side branches and an octopus merge made with plain git: whichever
 * casus is asked for first (its year is then compared per casus, the other per year only),
 * every later query, and a query after HEAD moved on, find what git log finds.
 */
static void
test_history_index_merges(void **state)
{
	struct th_repo *f = *state;
	const char *dirs[] = {"casussen/2025/2025-001", "casussen/2026/2026-001",
	                      "casussen/2026/2026-002", "casussen/2026/2026-010"};
	size_t n = sizeof(dirs) / sizeof(*dirs);

	assert_int_equal(
	    th_sh(
	        "cd '%s' && t=1700000000 && "
	        "c() { t=$((t + 60)); GIT_COMMITTER_DATE=\"$t +0000\" GIT_AUTHOR_DATE=\"$t +0000\" "
	        "git commit -q \"$@\"; } && "
	        "e() { mkdir -p casussen/${1%%%%-*}/$1 && echo $2 >> "
	        "casussen/${1%%%%-*}/$1/${3:-spin.ini} "
	        "&& git add casussen; } && "
	        "for i in 1 2 3; do for id in 2025-001 2026-001 2026-002; do e $id $i && c -m "
	        "\"$id "
	        "$i\"; done; done && base=$(git rev-parse HEAD) && main=$(git branch "
	        "--show-current) && "
	        "git checkout -qb a && e 2025-001 a && c -m a1 && e 2026-001 a && c -m a2 && "
	        "git checkout -qb b $base && e 2026-002 b && c -m b1 && "
	        "git checkout -qb c $base && e 2026-001 c notities.md && c -m c1 && "
	        "git checkout -q a && GIT_COMMITTER_DATE=\"$((t + 60)) +0000\" "
	        "git merge -q --no-ff -m octopus b c >/dev/null && git checkout -q \"$main\" && "
	        "git merge -q --ff-only a && e 2026-010 x && c -m nieuw",
	        f->dir),
	    0);
	for (size_t first = 0; first < n; first++) {
		assert_log_like_git(f, dirs[first], true);
		for (size_t i = 0; i < n; i++)
			assert_log_like_git(f, dirs[i], false);
	}
	/* HEAD moves on past a merge: the new commits are added to the index. */
	assert_int_equal(
	    th_sh(
	        "cd '%s' && git checkout -qb d HEAD~2 && echo d >> casussen/2025/2025-001/spin.ini "
	        "&& git commit -qam d1 && git checkout -q - && git merge -q --no-ff -m samen d && "
	        "echo e >> casussen/2026/2026-002/spin.ini && git commit -qam e1",
	        f->dir),
	    0);
	for (size_t i = 0; i < n; i++)
		assert_log_like_git(f, dirs[i], false);
}

static char *
git_out(const char *dir, const char *args)
{
	char *out = th_sh_out("git -C '%s' %s", dir, args);
	size_t n = strlen(out);

	if (n > 0 && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return out;
}

/* The marker of a write of spin.ini from "a" to "b" (commit) that was killed half-way. */
static void
killed_write(struct th_repo *f, bool ref_moved)
{
	struct write_spec w = {.path = "casussen/2026/2026-001/spin.ini", .data = "a\n"};
	char *old, *new, *tip, *commit, *marker, *path;
	bool committed;
	FILE *m;

	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	old = git_out(f->dir, "rev-parse HEAD:casussen/2026/2026-001/spin.ini");
	tip = git_out(f->dir, "rev-parse HEAD");
	w.data = "b\n";
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	new = git_out(f->dir, "rev-parse HEAD:casussen/2026/2026-001/spin.ini");
	commit = git_out(f->dir, "rev-parse HEAD");
	if (ref_moved) /* killed before the work tree and the index were written */
		assert_int_equal(th_sh("git -C '%s' checkout -q HEAD~1 -- casussen", f->dir), 0);
	else /* killed after the file was renamed into place, before the branch moved */
		assert_int_equal(th_sh("git -C '%s' reset -q HEAD~1", f->dir), 0);
	marker = amm_asprintf("amm-write 1\n%s %s\n%s %s casussen/2026/2026-001/spin.ini\n", tip,
	                      commit, old, new);
	path = amm_asprintf("%s/.git/amm-write", f->dir);
	m = fopen(path, "w");
	assert_non_null(m);
	fputs(marker, m);
	fclose(m);
	free(path);
	free(marker);
	free(old);
	free(new);
	free(tip);
	free(commit);
}

static void
test_killed_write_settled(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "ander.ini", .data = "x\n"};
	const struct amm_strlist *notices = amm_store_notices(f->st);
	char *cmd = amm_asprintf("cd '%s' && git status --porcelain && cat casussen/2026/2026-001/"
	                         "spin.ini && ls .git/amm-write 2>/dev/null; cat .git/amm.lock",
	                         f->dir);
	bool committed;

	/* Not committed: taken back to "a". */
	killed_write(f, false);
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_true(committed);
	assert_int_equal(notices->len, 1);
	assert_non_null(strstr(notices->items[0], "niet vastgelegd"));
	assert_sh_out("a\n", cmd);
	/* Committed: finished, "b" in the work tree and the index. */
	killed_write(f, true);
	w.data = "y\n";
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_int_equal(notices->len, 2);
	assert_non_null(strstr(notices->items[1], "al vastgelegd"));
	assert_sh_out("b\n", cmd);
	/* A hand edit over a marker is not amm's: refused, left as it is. */
	killed_write(f, false);
	assert_int_equal(th_sh("echo hand >> '%s/casussen/2026/2026-001/spin.ini'", f->dir), 0);
	w.path = "casussen/2026/2026-001/spin.ini";
	w.data = "c\n";
	assert_err(amm_store_update(f->st, write_fn, &w, &committed), AMM_EXIT_CONFLICT);
	assert_int_equal(notices->len, 2);
	assert_sh_out(" M casussen/2026/2026-001/spin.ini\nb\nhand\n", cmd);
	free(cmd);
}

static void
test_stale_lock_removed(void **state)
{
	struct th_repo *f = *state;
	struct write_spec w = {.path = "x.ini", .data = "x\n"};
	const struct amm_strlist *notices = amm_store_notices(f->st);
	bool committed;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	/* An amm that died taking refs/heads/main.lock, and the lock it left. */
	assert_int_equal(th_sh("cd '%s/.git' && echo '%ld 0 '$(cat /proc/sys/kernel/random/boot_id)"
	                       "' refs/heads/main' > amm.lock && : > refs/heads/main.lock",
	                       f->dir, (long)pid),
	                 0);
	assert_ok(amm_store_update(f->st, write_fn, &w, &committed));
	assert_true(committed);
	assert_int_equal(notices->len, 1);
	assert_non_null(strstr(notices->items[0], "refs/heads/main.lock' bleef achter"));
	assert_int_equal(th_sh("test ! -e '%s/.git/refs/heads/main.lock' && test ! -s "
	                       "'%s/.git/amm.lock'",
	                       f->dir, f->dir),
	                 0);
	/* Without a dead amm behind it the same lock is a git at work: left and named. */
	assert_int_equal(th_sh(": > '%s/.git/refs/heads/main.lock'", f->dir), 0);
	w.data = "y\n";
	assert_err(amm_store_update(f->st, write_fn, &w, &committed), AMM_EXIT_CONFLICT);
	assert_int_equal(th_sh("rm '%s/.git/refs/heads/main.lock'", f->dir), 0);
	assert_int_equal(notices->len, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_one_commit_per_write, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_read_snapshots, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_uncommitted_edit_refused, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_cas_race_loses_nothing, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_concurrent_processes, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_identity_missing, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_refused_states, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_history, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_history_index, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_history_index_merges, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_killed_write_settled, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_stale_lock_removed, th_repo_setup,
	                                    th_repo_teardown),
	};
	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
