/*
 * Lossless INI documents.
 *
 * Every physical line is kept as it was read (blank lines, comments, section headers, keys,
 * keys amm does not know), so serialising an unchanged document gives back the same bytes and
 * setting one key rewrites one line. inih decides the structure; values are taken from the
 * kept line itself, so no value is ever cut at inih's 200-byte line buffer or at a ';'.
 *
 * Value syntax (amm-casus(5)): "key = value"; white space around the value is not part of it.
 * A value is one line: backslash escapes \n (newline), \t, \r, \\, \s (a space, written only
 * at the start or end of a value) and \xHH (a control character). Indented continuation lines
 * written by hand join the value with a newline.
 */
#ifndef AMM_INI_H
#define AMM_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "util.h"

struct amm_ini;

/* More lines or sections than a casus file ever has: refused as malformed. */
#define AMM_INI_MAX_LINES    100000
#define AMM_INI_MAX_SECTIONS 10000

/*
 * Parse text of len bytes; name (a path) is used in messages. Malformed, or a section or a key
 * of one section that stands twice: AMM_EXIT_INPUT naming file and line.
 */
amm_error *amm_ini_parse(struct amm_ini **out, const char *name, const char *text, size_t len);
/* The same, but sections and keys that stand twice are kept (amm check lists them). */
amm_error *amm_ini_parse_dups(struct amm_ini **out, const char *name, const char *text, size_t len);
/* The document as bytes (caller frees). */
char *amm_ini_serialize(const struct amm_ini *ini, size_t *len);
void amm_ini_free(struct amm_ini *ini);

/*
 * A section header, or a key within one block of a section, that stands again after its first
 * appearance. Lines count from 1; the names point into the document.
 */
struct amm_ini_dup {
	size_t line;
	size_t first;
	const char *section;
	const char *key; /* NULL for a section header */
};
/* Every duplicate, in file order (caller frees *list). */
void amm_ini_duplicates(const struct amm_ini *ini, struct amm_ini_dup **list, size_t *n);
/* What a duplicate is, in Dutch, without file and line (caller frees). */
char *amm_ini_dup_text(const struct amm_ini_dup *dup);

/* The value of key in section, or NULL. Where a key stands twice (amm_ini_parse_dups), the
 * last one counts. */
const char *amm_ini_get(const struct amm_ini *ini, const char *section, const char *key);
/* The value of key in section, or "" when it is absent. */
const char *amm_ini_str(const struct amm_ini *ini, const char *section, const char *key);
/*
 * The line (counting from 1) where key of section stands, the one amm_ini_get reads; with key
 * NULL, the line of the section's first header. 0 when absent.
 */
size_t amm_ini_line(const struct amm_ini *ini, const char *section, const char *key);
/* Set a key: in place if present, else appended to its section, else in a new section. */
amm_error *amm_ini_set(struct amm_ini *ini, const char *section, const char *key,
                       const char *value);
/* Remove a key; false when it was not there. */
bool amm_ini_remove(struct amm_ini *ini, const char *section, const char *key);
bool amm_ini_has_section(const struct amm_ini *ini, const char *section);
/* Add an empty section at the end (nothing when present). */
amm_error *amm_ini_add_section(struct amm_ini *ini, const char *section);
/* Remove a section with everything up to the next section header. */
bool amm_ini_remove_section(struct amm_ini *ini, const char *section);
/* Section names in order of first appearance. */
void amm_ini_sections(const struct amm_ini *ini, struct amm_strlist *out);
/* Key names of a section in order of first appearance. */
void amm_ini_keys(const struct amm_ini *ini, const char *section, struct amm_strlist *out);

/* The one-line encoding of a value as written after "key = ", and its inverse. */
char *amm_ini_value_encode(const char *value);
char *amm_ini_value_decode(const char *text);

#endif
