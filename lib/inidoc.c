/* Lossless INI documents (inidoc.h): the value encoding, parsing, duplicates, writing. */
#include "inidoc_priv.h"

#include <ini.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

#define UTF8_BOM "\xef\xbb\xbf"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static const char *
skip_space(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

static char *
trim_copy(const char *s, const char *end)
{
	s = skip_space(s);
	while (end > s && is_space(end[-1]))
		end--;
	return amm_xstrndup(s, (size_t)(end - s));
}

static void
line_clear(struct ini_line *line)
{
	free(line->raw);
	free(line->name);
	free(line->value);
	memset(line, 0, sizeof(*line));
}

void
amm_ini_insert_line(struct amm_ini *ini, size_t at, char *raw, enum line_kind kind, char *name,
                    char *value)
{
	if (ini->len == ini->cap) {
		ini->cap = ini->cap ? ini->cap * 2 : 16;
		ini->lines = amm_xrealloc(ini->lines, ini->cap * sizeof(*ini->lines));
	}
	memmove(ini->lines + at + 1, ini->lines + at, (ini->len - at) * sizeof(*ini->lines));
	ini->lines[at] = (struct ini_line){raw, kind, name, value};
	ini->len++;
}

void
amm_ini_delete_lines(struct amm_ini *ini, size_t at, size_t n)
{
	for (size_t i = at; i < at + n; i++)
		line_clear(&ini->lines[i]);
	memmove(ini->lines + at, ini->lines + at + n, (ini->len - at - n) * sizeof(*ini->lines));
	ini->len -= n;
}

char *
amm_ini_value_encode(const char *value)
{
	struct amm_buf buf = {0};
	size_t n = strlen(value);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)value[i];

		if (c == '\\')
			amm_buf_adds(&buf, "\\\\");
		else if (c == '\n')
			amm_buf_adds(&buf, "\\n");
		else if (c == '\t')
			amm_buf_adds(&buf, "\\t");
		else if (c == '\r')
			amm_buf_adds(&buf, "\\r");
		else if (c < 0x20 || c == 0x7f)
			amm_buf_addf(&buf, "\\x%02x", c);
		else if (c == ' ' && (i == 0 || i == n - 1))
			amm_buf_adds(&buf, "\\s");
		else
			amm_buf_addc(&buf, (char)c);
	}
	return amm_buf_detach(&buf, NULL);
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
amm_ini_value_decode(const char *text)
{
	struct amm_buf buf = {0};

	for (const char *p = text; *p != '\0'; p++) {
		if (*p != '\\' || p[1] == '\0') {
			amm_buf_addc(&buf, *p);
			continue;
		}
		switch (p[1]) {
		case '\\':
			amm_buf_addc(&buf, '\\');
			break;
		case 'n':
			amm_buf_addc(&buf, '\n');
			break;
		case 't':
			amm_buf_addc(&buf, '\t');
			break;
		case 'r':
			amm_buf_addc(&buf, '\r');
			break;
		case 's':
			amm_buf_addc(&buf, ' ');
			break;
		case 'x': {
			int hi = hex_digit(p[2]), lo = hi < 0 ? -1 : hex_digit(p[3]);
			int c = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;

			/* Only control characters: other bytes stand for themselves. */
			if (c > 0 && (c < 0x20 || c == 0x7f)) {
				amm_buf_addc(&buf, (char)c);
				p += 2;
				break;
			}
			amm_buf_addc(&buf, '\\');
			continue;
		}
		default:
			/* Not an escape: the backslash is text written by hand. */
			amm_buf_addc(&buf, '\\');
			continue;
		}
		p++;
	}
	return amm_buf_detach(&buf, NULL);
}

/* Parsing: the reader hands inih one kept line at a time and remembers which one it is. */
struct parse_state {
	struct amm_ini *ini;
	size_t next;     /* index of the line the reader gives next */
	size_t cur;      /* index of the line inih is working on */
	size_t last_key; /* index of the last key line, for continuations */
	int error_line;  /* first line our own checks refused (1-based) */
};

static char *
parse_reader(char *buf, int size, void *stream)
{
	struct parse_state *st = stream;
	const char *raw;
	size_t n, max;

	if (st->next >= st->ini->len)
		return NULL;
	st->cur = st->next++;
	raw = st->ini->lines[st->cur].raw;
	n = strlen(raw);
	/*
	 * inih reads at most size - 1 bytes of a line. A longer line is handed over cut: its
	 * structure (comment, section, name and separator) stands in the first bytes, and the
	 * value is taken from the kept line, never from inih.
	 */
	max = (size_t)size - 2;
	if (n > max)
		n = max;
	memcpy(buf, raw, n);
	buf[n] = '\n';
	buf[n + 1] = '\0';
	return buf;
}

static int
parse_handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;
	struct ini_line *line = &st->ini->lines[st->cur];

	(void)section;
	(void)name;
	(void)value;
	/* inih and our own classification must agree on what this line is. */
	if (line->kind != LINE_KEY && line->kind != LINE_CONT) {
		if (st->error_line == 0)
			st->error_line = (int)st->cur + 1;
		return 0;
	}
	return 1;
}

/* Classify each kept line as inih will, and take names and values from the kept text. */
static void
classify(struct amm_ini *ini, int *bad_line)
{
	bool have_key = false;
	size_t key_at = 0;

	*bad_line = 0;
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_line *line = &ini->lines[i];
		const char *s = line->raw;
		const char *start, *sep;

		if (i == 0 && amm_str_starts(s, UTF8_BOM))
			s += strlen(UTF8_BOM);
		start = skip_space(s);
		if (*start == '\0' || *start == ';' || *start == '#') {
			line->kind = LINE_OTHER;
		} else if (have_key && start > s) {
			struct ini_line *key = &ini->lines[key_at];
			char *text = trim_copy(start, start + strlen(start));
			char *more = amm_ini_value_decode(text);
			char *joined = amm_asprintf("%s\n%s", key->value, more);

			free(text);
			free(more);
			free(key->value);
			key->value = joined;
			line->kind = LINE_CONT;
		} else if (*start == '[') {
			const char *end = strchr(start, ']');

			line->kind = LINE_SECTION;
			have_key = false;
			if (end == NULL) {
				if (*bad_line == 0)
					*bad_line = (int)i + 1;
				line->name = amm_xstrdup("");
			} else {
				line->name = trim_copy(start + 1, end);
			}
		} else {
			char *text;

			sep = start + strcspn(start, "=:");
			line->kind = LINE_KEY;
			line->name = trim_copy(start, sep);
			text = trim_copy(*sep ? sep + 1 : sep, sep + strlen(sep));
			line->value = amm_ini_value_decode(text);
			free(text);
			if (*sep == '\0' && *bad_line == 0)
				*bad_line = (int)i + 1;
			have_key = true;
			key_at = i;
		}
	}
}

static amm_error *
split_lines(struct amm_ini *ini, const char *name, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		if (!amm_utf8_valid(p, n))
			return amm_error_new(AMM_EXIT_INPUT, MSG_INI_NOT_UTF8, name, lineno);
		amm_ini_insert_line(ini, ini->len, amm_xstrndup(p, n), LINE_OTHER, NULL, NULL);
		p += n + (nl ? 1 : 0);
		ini->final_newline = nl != NULL;
	}
	return NULL;
}

/* Sections compare by name; keys by the block (header line) they stand in, then by name. */
static int
dup_name_cmp(const struct amm_ini_dup *x, const struct amm_ini_dup *y)
{
	if ((x->key == NULL) != (y->key == NULL))
		return x->key == NULL ? -1 : 1;
	if (x->key == NULL)
		return strcmp(x->section, y->section);
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
dup_sort_cmp(const void *a, const void *b)
{
	const struct amm_ini_dup *x = a, *y = b;
	int c = dup_name_cmp(x, y);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
dup_line_cmp(const void *a, const void *b)
{
	const struct amm_ini_dup *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

void
amm_ini_duplicates(const struct amm_ini *ini, struct amm_ini_dup **list, size_t *n)
{
	/* Sorted by name, so that a hostile file with many lines stays fast. */
	struct amm_ini_dup *all = amm_xcalloc(ini->len ? ini->len : 1, sizeof(*all));
	struct amm_ini_dup *dups = amm_xcalloc(ini->len ? ini->len : 1, sizeof(*dups));
	const char *cur = "";
	size_t block = 0, na = 0, nd = 0;

	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_line *line = &ini->lines[i];

		if (line->kind == LINE_SECTION) {
			cur = line->name;
			block = i + 1;
			all[na++] = (struct amm_ini_dup){i + 1, block, cur, NULL};
		} else if (line->kind == LINE_KEY) {
			all[na++] = (struct amm_ini_dup){i + 1, block, cur, line->name};
		}
	}
	if (na > 1)
		qsort(all, na, sizeof(*all), dup_sort_cmp);
	for (size_t i = 1, first = 0; i < na; i++) {
		if (dup_name_cmp(&all[first], &all[i]) != 0) {
			first = i;
			continue;
		}
		dups[nd] = all[i];
		dups[nd++].first = all[first].line;
	}
	if (nd > 1)
		qsort(dups, nd, sizeof(*dups), dup_line_cmp);
	free(all);
	if (nd == 0) {
		free(dups);
		dups = NULL;
	}
	*list = dups;
	*n = nd;
}

char *
amm_ini_dup_text(const struct amm_ini_dup *dup)
{
	if (dup->key == NULL)
		return amm_asprintf(MSG_INI_DUP_SECTION, dup->section, dup->first);
	if (*dup->section == '\0')
		return amm_asprintf(MSG_INI_DUP_KEY_TOP, dup->key, dup->first);
	return amm_asprintf(MSG_INI_DUP_KEY, dup->key, dup->section, dup->first);
}

static amm_error *
parse(struct amm_ini **out, const char *name, const char *text, size_t len, bool dups_ok)
{
	struct amm_ini *ini = amm_xcalloc(1, sizeof(*ini));
	struct parse_state st = {.ini = ini};
	amm_error *err;
	int bad_line, rc;

	*out = NULL;
	err = split_lines(ini, name, text, len);
	if (err != NULL)
		goto done;
	classify(ini, &bad_line);
	/* A casus file is small; a hostile one must not make every lookup slow. */
	{
		size_t sections = 0;

		for (size_t i = 0; i < ini->len; i++)
			sections += ini->lines[i].kind == LINE_SECTION;
		if (ini->len > AMM_INI_MAX_LINES || sections > AMM_INI_MAX_SECTIONS) {
			err = amm_error_new(AMM_EXIT_INPUT, MSG_INI_TOO_BIG, name, ini->len,
			                    sections);
			goto done;
		}
	}
	rc = ini_parse_stream(parse_reader, &st, parse_handler, &st);
	if (rc < 0) {
		err = amm_error_new(AMM_EXIT_SYSTEM, MSG_INI_PARSER, name);
		goto done;
	}
	/* The first line that inih or our own classification refused. */
	if (st.error_line > 0 && (rc == 0 || st.error_line < rc))
		rc = st.error_line;
	if (bad_line > 0 && (rc == 0 || bad_line < rc))
		rc = bad_line;
	if (rc > 0) {
		const struct ini_line *line = &ini->lines[rc - 1];

		err = amm_error_new(
		    AMM_EXIT_INPUT,
		    line->kind == LINE_SECTION ? MSG_INI_BAD_SECTION : MSG_INI_BAD_LINE, name, rc);
		goto done;
	}
	if (!dups_ok) {
		struct amm_ini_dup *dups;
		size_t n;

		amm_ini_duplicates(ini, &dups, &n);
		if (n > 0) {
			char *what = amm_ini_dup_text(&dups[0]);

			err = amm_error_new(AMM_EXIT_INPUT, MSG_INI_DUP, name, dups[0].line, what);
			free(what);
		}
		free(dups);
		if (err != NULL)
			goto done;
	}
	*out = ini;
	ini = NULL;
done:
	amm_ini_free(ini);
	return err;
}

amm_error *
amm_ini_parse(struct amm_ini **out, const char *name, const char *text, size_t len)
{
	return parse(out, name, text, len, false);
}

amm_error *
amm_ini_parse_dups(struct amm_ini **out, const char *name, const char *text, size_t len)
{
	return parse(out, name, text, len, true);
}

char *
amm_ini_serialize(const struct amm_ini *ini, size_t *len)
{
	struct amm_buf buf = {0};

	for (size_t i = 0; i < ini->len; i++) {
		amm_buf_adds(&buf, ini->lines[i].raw);
		if (i + 1 < ini->len || ini->final_newline)
			amm_buf_addc(&buf, '\n');
	}
	return amm_buf_detach(&buf, len);
}

void
amm_ini_free(struct amm_ini *ini)
{
	if (ini == NULL)
		return;
	for (size_t i = 0; i < ini->len; i++)
		line_clear(&ini->lines[i]);
	free(ini->lines);
	free(ini);
}
