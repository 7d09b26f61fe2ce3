/*
 * Views of a casus: plain text for the terminal (the caller shows control characters visibly
 * when printing), JSON with a documented schema (amm-json(7)), and SVG drawings.
 */
#ifndef AMM_RENDER_H
#define AMM_RENDER_H

#include <jansson.h>

#include "casus.h"
#include "date.h"
#include "util.h"

/* The three values of the waardendriehoek, in the brochure's order; NULL ends the list. */
extern const char *const amm_waarden[];

/* Where amm's own words stand in rendered text (byte offsets, never of data), for a terminal to
 * colour them. */
struct amm_marks {
	size_t *at, *len;
	const char **style; /* the state it marks: "te-laat", "klaar" or "bezig" (doc.h) */
	size_t n;
};
void amm_marks_free(struct amm_marks *m);
/* A document tree (doc.h: the plan, a part, the agreements by date, one exception) as terminal
 * text; what came from a file is shown visibly, and where
 * amm's words of a state stand goes in marks (when not NULL). */
struct amm_doc;
void amm_render_doc(const struct amm_doc *d, struct amm_buf *out, struct amm_marks *marks);
/* The whole plan (amm_doc_plan) as terminal text. */
void amm_render_plan(const struct amm_casus *c, struct amm_date today, struct amm_buf *out,
                     struct amm_marks *marks);

/*
 * JSON in the schema of amm-json(7) (docs/amm.schema.json): snake_case keys, null for what is
 * empty, dates as "JJJJ-MM-DD", numbers as numbers; a value that is not valid for its field
 * (a date that does not exist, an unknown status) as {"ongeldig": "the text, shown visibly"}.
 * The envelope ("schema": AMM_JSON_SCHEMA) is added where the JSON is printed (amm_json_text).
 */
#define AMM_JSON_SCHEMA "amm/1"
/* A text: null when NULL or empty, {"ongeldig": ...} when it is not UTF-8. */
json_t *amm_json_text_value(const char *s);
/* The casus itself: "casus" (its id) and the fields of casus.ini. */
json_t *amm_json_casus(const struct amm_casus *c);
/* One item ("stap", "afspraak", ...) of a file: "nr" and its fields. */
json_t *amm_json_item(const struct amm_ini *ini, const char *kind, int nr, struct amm_date today);
/* One part, as the command of that step shows it. */
json_t *amm_json_deel(const struct amm_casus *c, enum amm_deel deel, struct amm_date today);
/* The whole plan: the casus with every other part under its name. */
json_t *amm_json_plan(const struct amm_casus *c, struct amm_date today);

/* The spin as the brochure draws it: the Amsterdammer in the middle, nine fields around, each
 * field's name and text wrapped to its box (amm_svg_wrap). */
char *amm_svg_spin(const struct amm_casus *c);

/* The waardendriehoek of one exception: three corners, filled or not. */
char *amm_svg_waardendriehoek(const struct amm_casus *c, const char *section);
/* What an exception still lacks before a decision, as Dutch words ("" when complete). */
char *amm_uitzondering_missing(const struct amm_ini *ini, const char *section);

/* Text for HTML and SVG: control characters shown visibly (amm_buf_add_visible), markup
 * escaped, a newline written as newline ("<br>" or " "), cut with "…" after max_chars
 * characters. */
void amm_html_escape(struct amm_buf *out, const char *s, size_t max_chars, const char *newline);

/* The width in pixels that s (len bytes of UTF-8) takes at font_size: an estimate at or above
 * what DejaVu Sans, the widest common sans-serif, draws. */
double amm_svg_text_width(const char *s, size_t len, double font_size, bool bold);
/* Text for an SVG label, appended to lines: control characters shown visibly, split on white
 * space into lines no wider than width (amm_svg_text_width); a word wider than a line is split,
 * and text beyond max_lines (at least 1) cut with "…" at the end of the last line. Not escaped. */
void amm_svg_wrap(struct amm_strlist *lines, const char *text, double width, double font_size,
                  bool bold, size_t max_lines);

/* Is afspraak (a section of stappen.ini) open and past its date? */
bool amm_afspraak_te_laat(const struct amm_ini *stappen, const char *section,
                          struct amm_date today);

#endif
