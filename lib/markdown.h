/*
 * Markdown files of a casus (perspectief.md). amm owns only the text between two marker
 * comments; everything a person writes around them is kept as it is:
 *
 *   <!-- amm:tekst -->
 *   Ik wil ...
 *   <!-- /amm:tekst -->
 *
 * A file without the markers is read whole (HTML comments and headings left out), and on
 * write gets the markers appended after what stands in it.
 */
#ifndef AMM_MARKDOWN_H
#define AMM_MARKDOWN_H

#define AMM_MD_BEGIN "<!-- amm:tekst -->"
#define AMM_MD_END   "<!-- /amm:tekst -->"

/* The body, without the blank lines around it (caller frees). */
char *amm_md_body(const char *text);
/* text with its body replaced by body (caller frees). */
char *amm_md_set_body(const char *text, const char *body);

#endif
