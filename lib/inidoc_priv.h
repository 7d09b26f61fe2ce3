/* The lines of an INI document, shared by inidoc.c (parsing) and inidoc_edit.c (editing). */
#ifndef AMM_INIDOC_PRIV_H
#define AMM_INIDOC_PRIV_H

#include "inidoc.h"

enum line_kind {
	LINE_OTHER,   /* blank or comment */
	LINE_SECTION, /* [name] */
	LINE_KEY,     /* name = value */
	LINE_CONT,    /* an indented continuation of the key above */
};

struct ini_line {
	char *raw; /* the physical line as read, without its newline */
	enum line_kind kind;
	char *name;  /* section or key name */
	char *value; /* LINE_KEY: the decoded value, continuation lines included */
};

struct amm_ini {
	struct ini_line *lines;
	size_t len;
	size_t cap;
	bool final_newline;
};

/* Insert a line at index at, taking over raw, name and value. */
void amm_ini_insert_line(struct amm_ini *ini, size_t at, char *raw, enum line_kind kind, char *name,
                         char *value);
/* Delete n lines from index at. */
void amm_ini_delete_lines(struct amm_ini *ini, size_t at, size_t n);

#endif
