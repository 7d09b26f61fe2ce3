/* Reading and editing a parsed INI document: keys and sections, one line changed at a time. */
#include "inidoc_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/*
 * Walk the lines with the name of the section each belongs to ("" before the first header).
 * Returns the index of the last key line of key in section (SIZE_MAX if none); *sec_end is
 * set to the index after the last key or continuation line of the last block of that section,
 * or after its header when it has no keys (SIZE_MAX when the section is absent).
 */
static size_t
find_key(const struct amm_ini *ini, const char *section, const char *key, size_t *sec_end)
{
	const char *cur = "";
	size_t found = SIZE_MAX, end = SIZE_MAX;

	if (strcmp(section, "") == 0)
		end = 0;
	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_line *line = &ini->lines[i];

		if (line->kind == LINE_SECTION) {
			cur = line->name;
			if (strcmp(cur, section) == 0)
				end = i + 1;
			continue;
		}
		if (strcmp(cur, section) != 0)
			continue;
		if (line->kind == LINE_KEY || line->kind == LINE_CONT)
			end = i + 1;
		if (line->kind == LINE_KEY && key != NULL && strcmp(line->name, key) == 0)
			found = i;
	}
	if (sec_end != NULL)
		*sec_end = end;
	return found;
}

const char *
amm_ini_get(const struct amm_ini *ini, const char *section, const char *key)
{
	size_t i = find_key(ini, section, key, NULL);

	return i == SIZE_MAX ? NULL : ini->lines[i].value;
}

const char *
amm_ini_str(const struct amm_ini *ini, const char *section, const char *key)
{
	const char *v = amm_ini_get(ini, section, key);

	return v != NULL ? v : "";
}

size_t
amm_ini_line(const struct amm_ini *ini, const char *section, const char *key)
{
	size_t i;

	if (key != NULL) {
		i = find_key(ini, section, key, NULL);
		return i == SIZE_MAX ? 0 : i + 1;
	}
	for (i = 0; i < ini->len; i++)
		if (ini->lines[i].kind == LINE_SECTION && strcmp(ini->lines[i].name, section) == 0)
			return i + 1;
	return 0;
}

static bool
name_valid(const char *name, bool section)
{
	size_t n = strlen(name);

	if (n == 0 || n > 50 || name[0] == ' ' || name[n - 1] == ' ')
		return false;
	for (const char *p = name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
			continue;
		if (section && *p == ' ')
			continue;
		return false;
	}
	return true;
}

/* Remove the continuation lines of the key at index at; comments between them stay. */
static void
delete_continuations(struct amm_ini *ini, size_t at)
{
	for (size_t i = at + 1; i < ini->len;) {
		if (ini->lines[i].kind == LINE_CONT)
			amm_ini_delete_lines(ini, i, 1);
		else if (ini->lines[i].kind == LINE_OTHER)
			i++;
		else
			break;
	}
}

static char *
key_line(const char *key, const char *value)
{
	char *enc = amm_ini_value_encode(value);
	char *raw = *enc ? amm_asprintf("%s = %s", key, enc) : amm_asprintf("%s =", key);

	free(enc);
	return raw;
}

amm_error *
amm_ini_add_section(struct amm_ini *ini, const char *section)
{
	if (!name_valid(section, true))
		return amm_error_new(AMM_EXIT_INPUT, MSG_INI_BAD_NAME, section);
	if (amm_ini_has_section(ini, section))
		return NULL;
	if (ini->len > 0 && ini->lines[ini->len - 1].raw[0] != '\0')
		amm_ini_insert_line(ini, ini->len, amm_xstrdup(""), LINE_OTHER, NULL, NULL);
	amm_ini_insert_line(ini, ini->len, amm_asprintf("[%s]", section), LINE_SECTION,
	                    amm_xstrdup(section), NULL);
	ini->final_newline = true;
	return NULL;
}

amm_error *
amm_ini_set(struct amm_ini *ini, const char *section, const char *key, const char *value)
{
	size_t at, end;
	amm_error *err;

	if (!name_valid(key, false))
		return amm_error_new(AMM_EXIT_INPUT, MSG_INI_BAD_NAME, key);
	at = find_key(ini, section, key, &end);
	if (at != SIZE_MAX) {
		struct ini_line *line = &ini->lines[at];

		delete_continuations(ini, at);
		line = &ini->lines[at];
		free(line->raw);
		free(line->value);
		line->raw = key_line(key, value);
		line->value = amm_xstrdup(value);
		return NULL;
	}
	if (end == SIZE_MAX) {
		err = amm_ini_add_section(ini, section);
		if (err != NULL)
			return err;
		end = ini->len;
	}
	amm_ini_insert_line(ini, end, key_line(key, value), LINE_KEY, amm_xstrdup(key),
	                    amm_xstrdup(value));
	ini->final_newline = true;
	return NULL;
}

bool
amm_ini_remove(struct amm_ini *ini, const char *section, const char *key)
{
	size_t at = find_key(ini, section, key, NULL);

	if (at == SIZE_MAX)
		return false;
	delete_continuations(ini, at);
	amm_ini_delete_lines(ini, at, 1);
	return true;
}

bool
amm_ini_has_section(const struct amm_ini *ini, const char *section)
{
	size_t end;

	find_key(ini, section, NULL, &end);
	return end != SIZE_MAX && strcmp(section, "") != 0;
}

bool
amm_ini_remove_section(struct amm_ini *ini, const char *section)
{
	bool removed = false;

	for (size_t i = 0; i < ini->len;) {
		size_t n = 1;

		if (ini->lines[i].kind != LINE_SECTION ||
		    strcmp(ini->lines[i].name, section) != 0) {
			i++;
			continue;
		}
		while (i + n < ini->len && ini->lines[i + n].kind != LINE_SECTION)
			n++;
		/* The last section takes the blank line that separated it along. */
		if (i > 0 && ini->lines[i - 1].raw[0] == '\0' && i + n == ini->len)
			i--, n++;
		amm_ini_delete_lines(ini, i, n);
		removed = true;
	}
	return removed;
}

void
amm_ini_sections(const struct amm_ini *ini, struct amm_strlist *out)
{
	for (size_t i = 0; i < ini->len; i++)
		if (ini->lines[i].kind == LINE_SECTION && !amm_strlist_has(out, ini->lines[i].name))
			amm_strlist_add(out, ini->lines[i].name);
}

void
amm_ini_keys(const struct amm_ini *ini, const char *section, struct amm_strlist *out)
{
	const char *cur = "";

	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_line *line = &ini->lines[i];

		if (line->kind == LINE_SECTION)
			cur = line->name;
		else if (line->kind == LINE_KEY && strcmp(cur, section) == 0 &&
		         !amm_strlist_has(out, line->name))
			amm_strlist_add(out, line->name);
	}
}
