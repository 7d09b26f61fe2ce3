/*
 * Personal numbers in free text: a burgerservicenummer (nine digits passing the elfproef) and
 * an IBAN (passing its mod-97 check).
 *
 * The BSN is looked for in a folded form of the text: every Unicode decimal digit (and what
 * NFKC folds to a digit, such as fullwidth and superscript digits) reads as its ASCII digit,
 * Unicode spaces as a space, dashes as '-', and invisible characters (zero-width space and
 * joiners, soft hyphen, direction marks, combining marks) are not there at all. Digits then
 * form groups; two groups are joined by one of - _ / , . or by one to three white-space
 * characters (space, tab, newline). A BSN is a group of nine digits, or a whole chain of
 * groups joined by separators of one kind with nine digits in all; a group touching a letter
 * is never part of one. amm(1) documents the rule.
 */
#ifndef AMM_PRIVACY_H
#define AMM_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "inidoc.h"

/* A BSN in a text: where (bytes) and its nine digits. */
struct amm_bsn {
	size_t at, len;
	char digits[10];
};
/* Every BSN in text, in order of position; *out is NULL when there is none (caller frees). */
size_t amm_bsn_find_all(const char *text, struct amm_bsn **out);
/* Is there a BSN in text? *at and *len give where (bytes). */
bool amm_bsn_find(const char *text, size_t *at, size_t *len);
bool amm_iban_find(const char *text, size_t *at, size_t *len);
/* The elfproef of nine digits. */
bool amm_bsn_valid(const char digits[9]);

/* Does amm.ini allow BSNs ([privacy] bsn = toestaan)? cfg may be NULL. */
bool amm_bsn_allowed(const struct amm_ini *cfg);
/*
 * A write must not bring in a BSN: every value of new that differs from old (INI files), the
 * values of a file read one after the other (digits split over two fields), and the whole
 * text (section names, comments; other files) for a BSN old does not have. Found:
 * AMM_EXIT_INPUT naming file and field. old may be NULL (a new file).
 */
amm_error *amm_privacy_check_write(const char *path, const char *old, const char *new_text,
                                   bool ini);
/* Where amm check reports a BSN of a committed file. */
struct amm_bsn_place {
	char digits[10];
	int line;      /* in the text as written; 0 when only a field shows it */
	char *section; /* that field (INI) */
	char *key;
	bool split; /* over this field and the next */
};
/*
 * Each BSN of a committed file once: by its line in the text as written, else (ini not NULL)
 * by the field whose value holds it (escapes such as \n decoded), else by the first of the
 * values read one after the other that it is split over. In order of that search.
 */
size_t amm_bsn_places(const char *text, const struct amm_ini *ini, struct amm_bsn_place **out);
void amm_bsn_places_free(struct amm_bsn_place *list, size_t n);
/* A commit message amm composed carries no BSN, whatever amm.ini says: AMM_EXIT_INPUT. */
amm_error *amm_privacy_check_message(const char *message);

#endif
