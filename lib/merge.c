#include "merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inidoc.h"
#include "msg.h"

#define MARK_MIJN "<<<<<<< mijn"
#define MARK_MID  "======="
#define MARK_HUN  ">>>>>>> hun"

void
amm_merge_state_clear(struct amm_merge_state *state)
{
	for (size_t i = 0; i < state->nrenum; i++)
		free(state->renum[i].kind);
	free(state->renum);
	amm_strlist_free(&state->notes);
	memset(state, 0, sizeof(*state));
}

char *
amm_conflict_section(const char *section, const char *key)
{
	return amm_asprintf(AMM_CONFLICT_PREFIX "%s.%s", section, key);
}

bool
amm_conflict_parse(const char *conflict, char **section, char **key)
{
	size_t plen = strlen(AMM_CONFLICT_PREFIX);
	const char *dot;

	if (strncmp(conflict, AMM_CONFLICT_PREFIX, plen) != 0)
		return false;
	dot = strrchr(conflict + plen, '.');
	if (dot == NULL || dot == conflict + plen || dot[1] == '\0')
		return false;
	*section = amm_xstrndup(conflict + plen, (size_t)(dot - conflict - (ptrdiff_t)plen));
	*key = amm_xstrdup(dot + 1);
	return true;
}

/* "afspraak 12": the kind and the number of an item section. */
static bool
item_parse(const char *section, char **kind, int *nr)
{
	const char *sp = strrchr(section, ' ');
	size_t digits;

	if (sp == NULL || sp == section ||
	    strncmp(section, AMM_CONFLICT_PREFIX, strlen(AMM_CONFLICT_PREFIX)) == 0)
		return false;
	digits = strspn(sp + 1, "0123456789");
	if (digits == 0 || digits > 6 || sp[1 + digits] != '\0')
		return false;
	*kind = amm_xstrndup(section, (size_t)(sp - section));
	*nr = atoi(sp + 1);
	return true;
}

static bool
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Every key of section in a, b and c (which may be NULL), in order of appearance. */
static void
all_keys(const struct amm_ini *a, const struct amm_ini *b, const struct amm_ini *c,
         const char *section, struct amm_strlist *keys)
{
	const struct amm_ini *docs[] = {a, b, c};

	for (size_t d = 0; d < 3; d++) {
		struct amm_strlist k = {0};

		if (docs[d] == NULL)
			continue;
		amm_ini_keys(docs[d], section, &k);
		for (size_t i = 0; i < k.len; i++)
			if (!amm_strlist_has(keys, k.items[i]))
				amm_strlist_add(keys, k.items[i]);
		amm_strlist_free(&k);
	}
}

/* Whether section differs between a and b (a key added, removed or changed). */
static bool
section_differs(const struct amm_ini *a, const char *sa, const struct amm_ini *b, const char *sb)
{
	struct amm_strlist keys = {0};
	bool differs = amm_ini_has_section(a, sa) != amm_ini_has_section(b, sb);

	amm_ini_keys(a, sa, &keys);
	amm_ini_keys(b, sb, &keys);
	for (size_t i = 0; i < keys.len && !differs; i++)
		differs =
		    !same(amm_ini_get(a, sa, keys.items[i]), amm_ini_get(b, sb, keys.items[i]));
	amm_strlist_free(&keys);
	return differs;
}

/* Copy section from src into dst under name (dst must not have it). */
static amm_error *
copy_section(struct amm_ini *dst, const char *name, const struct amm_ini *src, const char *section)
{
	struct amm_strlist keys = {0};
	amm_error *err = amm_ini_add_section(dst, name);

	amm_ini_keys(src, section, &keys);
	for (size_t i = 0; i < keys.len && err == NULL; i++)
		err =
		    amm_ini_set(dst, name, keys.items[i], amm_ini_get(src, section, keys.items[i]));
	amm_strlist_free(&keys);
	return err;
}

/* The highest number of kind in any of the documents. */
static int
max_item(const struct amm_ini *const *docs, size_t n, const char *kind)
{
	int max = 0;

	for (size_t d = 0; d < n; d++) {
		struct amm_strlist secs = {0};

		amm_ini_sections(docs[d], &secs);
		for (size_t i = 0; i < secs.len; i++) {
			char *k;
			int nr;

			if (item_parse(secs.items[i], &k, &nr)) {
				if (strcmp(k, kind) == 0 && nr > max)
					max = nr;
				free(k);
			}
		}
		amm_strlist_free(&secs);
	}
	return max;
}

struct merge {
	const char *name;
	struct amm_ini *b, *o, *t, *r;
	struct amm_strlist renamed; /* ours' sections that moved to a new number */
	struct amm_merge_state *state;
	struct amm_strlist conflicts; /* "section\nkey" */
};

/* Items both sides added under one number, with different content: ours move up. */
static void
renumber(struct merge *m)
{
	const struct amm_ini *docs[] = {m->b, m->o, m->t};
	struct amm_strlist secs = {0};

	amm_ini_sections(m->o, &secs);
	for (size_t i = 0; i < secs.len; i++) {
		const char *s = secs.items[i];
		struct amm_merge_renum *rn;
		char *kind = NULL;
		int nr, next;

		if (amm_ini_has_section(m->b, s) || !amm_ini_has_section(m->t, s) ||
		    !item_parse(s, &kind, &nr))
			continue;
		if (!section_differs(m->o, s, m->t, s)) {
			free(kind);
			continue;
		}
		next = max_item(docs, 3, kind) + 1;
		for (size_t j = 0; j < m->state->nrenum; j++)
			if (strcmp(m->state->renum[j].kind, kind) == 0 &&
			    m->state->renum[j].to >= next)
				next = m->state->renum[j].to + 1;
		m->state->renum = amm_xrealloc(m->state->renum,
		                               (m->state->nrenum + 1) * sizeof(*m->state->renum));
		rn = &m->state->renum[m->state->nrenum++];
		rn->kind = kind;
		rn->from = nr;
		rn->to = next;
		amm_strlist_add(&m->renamed, s);
		amm_strlist_take(&m->state->notes,
		                 amm_asprintf("%s: %s (mijn) is nu %s %d", m->name, s, kind, next));
	}
	amm_strlist_free(&secs);
}

/* The new name of a section of ours that moved, or NULL. */
static char *
renamed_to(const struct merge *m, const char *s)
{
	char *kind, *to = NULL;
	int nr;

	if (!amm_strlist_has(&m->renamed, s) || !item_parse(s, &kind, &nr))
		return NULL;
	for (size_t j = 0; j < m->state->nrenum && to == NULL; j++)
		if (strcmp(m->state->renum[j].kind, kind) == 0 && m->state->renum[j].from == nr)
			to = amm_asprintf("%s %d", kind, m->state->renum[j].to);
	free(kind);
	return to;
}

/* Ours' moved items come after theirs, under their new numbers. */
static amm_error *
append_renamed(struct merge *m)
{
	amm_error *err = NULL;

	for (size_t i = 0; i < m->renamed.len && err == NULL; i++) {
		char *to = renamed_to(m, m->renamed.items[i]);

		err = copy_section(m->r, to, m->o, m->renamed.items[i]);
		free(to);
	}
	return err;
}

/* The stap references in the items ours added or changed follow the renumbered stappen. */
static amm_error *
follow_references(struct merge *m)
{
	struct amm_strlist secs = {0};
	amm_error *err = NULL;

	amm_ini_sections(m->o, &secs);
	for (size_t i = 0; i < secs.len && err == NULL; i++) {
		const char *s = secs.items[i];
		const char *v = amm_ini_get(m->o, s, "stap");
		char *now;

		if (v == NULL || !section_differs(m->b, s, m->o, s))
			continue;
		now = renamed_to(m, s);
		for (size_t j = 0; j < m->state->nrenum; j++) {
			const struct amm_merge_renum *rn = &m->state->renum[j];
			char *from = amm_asprintf("%d", rn->from);

			if (strcmp(rn->kind, "stap") == 0 && strcmp(v, from) == 0) {
				char *to = amm_asprintf("%d", rn->to);

				err = amm_ini_set(m->r, now ? now : s, "stap", to);
				free(to);
				free(from);
				break;
			}
			free(from);
		}
		free(now);
	}
	amm_strlist_free(&secs);
	return err;
}

/* Both sides have section: take each key from the side that changed it. */
static amm_error *
merge_keys(struct merge *m, const char *s)
{
	struct amm_strlist keys = {0};
	amm_error *err = NULL;

	all_keys(m->b, m->o, m->t, s, &keys);
	for (size_t i = 0; i < keys.len && err == NULL; i++) {
		const char *k = keys.items[i];
		const char *b = amm_ini_get(m->b, s, k);
		const char *o = amm_ini_get(m->o, s, k);
		const char *t = amm_ini_get(m->t, s, k);

		if (same(o, t) || same(t, b))
			continue;
		if (same(o, b)) {
			if (t != NULL)
				err = amm_ini_set(m->r, s, k, t);
			else
				amm_ini_remove(m->r, s, k);
		} else {
			amm_strlist_take(&m->conflicts, amm_asprintf("%s\n%s", s, k));
		}
	}
	amm_strlist_free(&keys);
	return err;
}

static amm_error *
merge_sections(struct merge *m)
{
	struct amm_strlist secs = {0};
	amm_error *err = NULL;

	amm_ini_sections(m->o, &secs);
	amm_ini_sections(m->t, &secs);
	amm_ini_sections(m->b, &secs);
	for (size_t i = 0; i < secs.len && err == NULL; i++) {
		const char *s = secs.items[i];
		bool in_o = amm_ini_has_section(m->o, s) && !amm_strlist_has(&m->renamed, s);
		bool in_t = amm_ini_has_section(m->t, s), in_b = amm_ini_has_section(m->b, s);

		if (in_o && in_t) {
			err = merge_keys(m, s);
		} else if (in_o && in_b) {
			/* Theirs removed it: gone, unless ours changed it. */
			if (!section_differs(m->b, s, m->o, s))
				amm_ini_remove_section(m->r, s);
		} else if (in_t && (!in_b || section_differs(m->b, s, m->t, s))) {
			/* Theirs added it, or changed what ours removed. */
			if (amm_ini_has_section(m->r, s))
				amm_ini_remove_section(m->r, s);
			err = copy_section(m->r, s, m->t, s);
		}
	}
	amm_strlist_free(&secs);
	return err;
}

static amm_error *
record_conflicts(struct merge *m)
{
	amm_error *err = NULL;

	for (size_t i = 0; i < m->conflicts.len && err == NULL; i++) {
		char *s = amm_xstrdup(m->conflicts.items[i]);
		char *k = strchr(s, '\n');
		char *sec;
		const char *o, *t;

		*k++ = '\0';
		o = amm_ini_get(m->o, s, k);
		t = amm_ini_get(m->t, s, k);
		sec = amm_conflict_section(s, k);
		amm_ini_remove_section(m->r, sec);
		/* A record amm could not read back is no record: such a name is refused. */
		err = *k == '\0' || strchr(k, '.') != NULL
		          ? amm_error_new(AMM_EXIT_INPUT, MSG_INI_BAD_NAME, k)
		          : amm_ini_add_section(m->r, sec);
		if (err == NULL)
			err = amm_ini_set(m->r, sec, "mijn", o ? o : "");
		if (err == NULL)
			err = amm_ini_set(m->r, sec, "hun", t ? t : "");
		amm_strlist_take(&m->state->notes,
		                 amm_asprintf("%s: conflict in [%s] %s", m->name, s, k));
		m->state->conflicts++;
		free(sec);
		free(s);
	}
	return err;
}

amm_error *
amm_merge_ini(const char *name, const char *base, size_t blen, const char *ours, size_t olen,
              const char *theirs, size_t tlen, struct amm_merge_state *state, char **out,
              size_t *outlen)
{
	struct merge m = {.name = name, .state = state};
	amm_error *err;

	*out = NULL;
	err = amm_ini_parse(&m.b, name, base ? base : "", base ? blen : 0);
	if (err == NULL)
		err = amm_ini_parse(&m.o, name, ours, olen);
	if (err == NULL)
		err = amm_ini_parse(&m.t, name, theirs, tlen);
	if (err == NULL)
		err = amm_ini_parse(&m.r, name, ours, olen);
	if (err == NULL) {
		renumber(&m);
		/* Ours' moved items leave their place to theirs, and come back at the end. */
		for (size_t i = 0; i < m.renamed.len; i++)
			amm_ini_remove_section(m.r, m.renamed.items[i]);
		err = merge_sections(&m);
	}
	if (err == NULL)
		err = append_renamed(&m);
	if (err == NULL)
		err = follow_references(&m);
	if (err == NULL)
		err = record_conflicts(&m);
	if (err == NULL)
		*out = amm_ini_serialize(m.r, outlen);
	amm_ini_free(m.b);
	amm_ini_free(m.o);
	amm_ini_free(m.t);
	amm_ini_free(m.r);
	amm_strlist_free(&m.renamed);
	amm_strlist_free(&m.conflicts);
	return err;
}

void
amm_conflicts_free(struct amm_conflict *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].what);
		free(list[i].mijn);
		free(list[i].hun);
	}
	free(list);
}

static bool
is_markdown(const char *name)
{
	size_t n = strlen(name);

	return n >= 3 && strcmp(name + n - 3, ".md") == 0;
}

static void
conflict_add(struct amm_conflict **list, size_t *n, char *what, char *mijn, char *hun)
{
	*list = amm_xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = (struct amm_conflict){NULL, what, mijn, hun};
}

/* A line of text: [*p, end of line), *p moved past its newline. */
static bool
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*len = (size_t)((nl ? nl : end) - *p);
	*p = nl ? nl + 1 : end;
	return true;
}

static bool
line_is(const char *line, size_t len, const char *mark)
{
	size_t m = strlen(mark);

	return len >= m && memcmp(line, mark, m) == 0 &&
	       (len == m || (strcmp(mark, MARK_MID) != 0 && line[m] == ' '));
}

/* The lines of one side of a block, without the last newline. */
static char *
lines_of(struct amm_buf *side)
{
	size_t len;
	char *text;

	amm_buf_adds(side, "");
	text = amm_buf_detach(side, &len);
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	return text;
}

/*
 * Walk the Markdown conflict blocks: each becomes a conflict in *list (when list is not NULL),
 * and out (when not NULL) gets the text with each block replaced by one side.
 */
static void
markdown_blocks(const char *text, size_t len, bool mijn, struct amm_buf *out,
                struct amm_conflict **list, size_t *n)
{
	const char *p = text, *end = text + len, *line;
	struct amm_buf side[2] = {{0}, {0}};
	size_t ll, nr = 0, start = 0;
	int state = 0; /* 0 outside, 1 in mijn, 2 in hun */

	while (next_line(&p, end, &line, &ll)) {
		bool nl = line + ll < end;

		nr++;
		if (state == 0 && line_is(line, ll, MARK_MIJN)) {
			state = 1;
			start = nr;
		} else if (state == 1 && line_is(line, ll, MARK_MID)) {
			state = 2;
		} else if (state == 2 && line_is(line, ll, MARK_HUN)) {
			if (list != NULL)
				conflict_add(list, n, amm_asprintf("regel %zu", start),
				             lines_of(&side[0]), lines_of(&side[1]));
			else if (out != NULL)
				amm_buf_add(out,
				            side[mijn ? 0 : 1].data ? side[mijn ? 0 : 1].data : "",
				            side[mijn ? 0 : 1].len);
			amm_buf_free(&side[0]);
			amm_buf_free(&side[1]);
			state = 0;
		} else if (state != 0) {
			amm_buf_add(&side[state - 1], line, ll);
			amm_buf_adds(&side[state - 1], "\n");
		} else if (out != NULL) {
			amm_buf_add(out, line, ll);
			if (nl)
				amm_buf_adds(out, "\n");
		}
	}
	/* An unfinished block is not a conflict: its lines stay as they are. */
	if (state != 0 && out != NULL) {
		const char *q = text;

		for (size_t i = 1; i < start && next_line(&q, end, &line, &ll); i++)
			;
		amm_buf_add(out, q, (size_t)(end - q));
	}
	amm_buf_free(&side[0]);
	amm_buf_free(&side[1]);
}

amm_error *
amm_conflicts_find(const char *name, const char *text, size_t len, struct amm_conflict **list,
                   size_t *n)
{
	struct amm_strlist secs = {0};
	struct amm_ini *ini = NULL;
	amm_error *err;

	if (is_markdown(name)) {
		markdown_blocks(text, len, true, NULL, list, n);
		return NULL;
	}
	err = amm_ini_parse(&ini, name, text, len);
	if (err != NULL)
		return err;
	amm_ini_sections(ini, &secs);
	for (size_t i = 0; i < secs.len; i++) {
		char *s, *k;

		if (!amm_conflict_parse(secs.items[i], &s, &k))
			continue;
		conflict_add(list, n, amm_asprintf("[%s] %s", s, k),
		             amm_xstrdup(amm_ini_str(ini, secs.items[i], "mijn")),
		             amm_xstrdup(amm_ini_str(ini, secs.items[i], "hun")));
		free(s);
		free(k);
	}
	amm_strlist_free(&secs);
	amm_ini_free(ini);
	return NULL;
}

amm_error *
amm_conflicts_resolve(const char *name, const char *text, size_t len, bool mijn, char **out,
                      size_t *outlen)
{
	struct amm_strlist secs = {0};
	struct amm_ini *ini = NULL;
	amm_error *err;

	*out = NULL;
	if (is_markdown(name)) {
		struct amm_buf buf = {0};

		markdown_blocks(text, len, mijn, &buf, NULL, NULL);
		amm_buf_adds(&buf, "");
		*out = amm_buf_detach(&buf, outlen);
		return NULL;
	}
	err = amm_ini_parse(&ini, name, text, len);
	if (err != NULL)
		return err;
	amm_ini_sections(ini, &secs);
	/* Last first: a conflict on a record (both sides kept one) is settled before the record. */
	for (size_t i = secs.len; i-- > 0 && err == NULL;) {
		char *s, *k;

		if (!amm_conflict_parse(secs.items[i], &s, &k))
			continue;
		err =
		    amm_ini_set(ini, s, k, amm_ini_str(ini, secs.items[i], mijn ? "mijn" : "hun"));
		amm_ini_remove_section(ini, secs.items[i]);
		free(s);
		free(k);
	}
	if (err == NULL)
		*out = amm_ini_serialize(ini, outlen);
	amm_strlist_free(&secs);
	amm_ini_free(ini);
	return err;
}
