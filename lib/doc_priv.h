/*
 * How the document trees of doc.h are built: the pieces doc.c and doc_status.c share.
 */
#ifndef AMM_DOC_PRIV_H
#define AMM_DOC_PRIV_H

#include "doc.h"

/* A heading of level 1..3, its words (when not NULL) amm's own. */
struct amm_doc *amm_doc_heading(struct amm_doc *parent, int level, const char *words);
/* A section of the plan with its id and a heading of level 2. */
struct amm_doc *amm_doc_section(struct amm_doc *root, const char *id, const char *title);
/* A value as the file holds it, marked when it failed validation; empty gives "" or, when
 * empty is not NULL, those words marked as empty. */
void amm_doc_value(struct amm_doc *parent, const struct amm_value *v, const char *empty);
/* A value, or when empty, what that means in plain words ("open"). */
void amm_doc_value_or(struct amm_doc *parent, const struct amm_value *v, const char *meaning);

#endif
