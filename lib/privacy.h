/*
 * Personal numbers in free text: a burgerservicenummer (nine digits, also written with dots
 * or spaces, passing the elfproef) and an IBAN (passing its mod-97 check).
 */
#ifndef AMM_PRIVACY_H
#define AMM_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "inidoc.h"

/* Is there a BSN in text? *at and *len give where (bytes). */
bool amm_bsn_find(const char *text, size_t *at, size_t *len);
bool amm_iban_find(const char *text, size_t *at, size_t *len);
/* The elfproef of nine digits. */
bool amm_bsn_valid(const char digits[9]);

/* Does amm.ini allow BSNs ([privacy] bsn = toestaan)? cfg may be NULL. */
bool amm_bsn_allowed(const struct amm_ini *cfg);
/*
 * A write must not bring in a BSN: every value of new that differs from old (INI files), or
 * the whole new text (other files), is scanned. Found: AMM_EXIT_INPUT naming file and field.
 * old may be NULL (a new file).
 */
amm_error *amm_privacy_check_write(const char *path, const char *old, const char *new_text,
                                   bool ini);

#endif
