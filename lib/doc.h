/*
 * The plan of a casus as one document tree, made from the model in one place (amm_doc_plan)
 * and rendered per format (export.c: Markdown and HTML). A renderer escapes what came from a
 * file (AMM_DOC_VALUE) for its format; amm's own words (AMM_DOC_WORDS) are written as they are.
 * A value that failed validation keeps its text and is marked invalid: every renderer shows it
 * as "(ongeldig: ...)", never as if it were valid.
 */
#ifndef AMM_DOC_H
#define AMM_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "model.h"
#include "util.h"

enum amm_doc_kind {
	AMM_DOC_ROOT,       /* kids: blocks */
	AMM_DOC_SECTION,    /* text: its id; kids: blocks */
	AMM_DOC_HEADING,    /* level 1..3; kids: inlines */
	AMM_DOC_PARA,       /* kids: inlines */
	AMM_DOC_LIST,       /* kids: items, or fields (a table in HTML) */
	AMM_DOC_ITEM,       /* kids: inlines */
	AMM_DOC_FIELD,      /* text: its label; kids: inlines */
	AMM_DOC_MARKDOWN,   /* text: Markdown a person wrote (the perspectief) */
	AMM_DOC_FIGURE,     /* a drawing: text NULL the spin, else the exception's section */
	AMM_DOC_SIGNATURES, /* room to sign the printed plan; kids: the casusinbrenger */
	AMM_DOC_WORDS,      /* text: amm's own words; style: "leeg" (nothing there) or a state */
	                    /* ("te-laat", "klaar", "bezig": something still missing) */
	AMM_DOC_VALUE,      /* text: a value from a file; invalid: it failed validation; style */
	                    /* "datum" for a valid date */
	AMM_DOC_STRONG,     /* kids: inlines */
};

struct amm_doc {
	enum amm_doc_kind kind;
	int level; /* of a heading */
	int nr;    /* of an item: the record's number, for the terminal (0: none) */
	char *text;
	const char *style;
	bool invalid;
	struct amm_doc **kids;
	size_t n_kids;
};

/* The whole plan, every part in the order of the method; late relative to today. */
struct amm_doc *amm_doc_plan(const struct amm_model *m, struct amm_date today);
/* One part's section of the plan, as the command of that step shows it; the casus itself with
 * all its fields, and the exceptions saying there are none. */
struct amm_doc *amm_doc_deel(const struct amm_model *m, enum amm_deel deel, struct amm_date today);
/* Field i of the spin (amm_spin_velden), as the plan shows it. */
struct amm_doc *amm_doc_spin_veld(const struct amm_model *m, int i);
/* The agreements (not removed) by date, each with its step, overdue marked. */
struct amm_doc *amm_doc_afspraken(const struct amm_model *m, struct amm_date today);
/* One exception, as the plan shows it. */
struct amm_doc *amm_doc_uitzondering(const struct amm_uitzondering *u);
/* What amm status shows: the casus, how far each of the six steps is (v, from the model; more
 * than max_open open steps is too many), and the warnings. */
struct amm_doc *amm_doc_status(const struct amm_model *m, const struct amm_voortgang *v,
                               long max_open, struct amm_date today,
                               const struct amm_strlist *warn);
void amm_doc_free(struct amm_doc *d);

/* A new node appended to parent (when not NULL), text copied (may be NULL). */
struct amm_doc *amm_doc_add(struct amm_doc *parent, enum amm_doc_kind kind, const char *text);

/* The number of nodes of that kind in the tree. */
size_t amm_doc_count(const struct amm_doc *d, enum amm_doc_kind kind);

#endif
