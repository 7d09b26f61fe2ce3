/* Amounts in euros with cents: Dutch notation in, one canonical form stored. */
#ifndef AMM_BEDRAG_H
#define AMM_BEDRAG_H

#include "error.h"

/*
 * Parse "9500", "9.500", "9.500,50", "€ 987", "987,5", "EUR 12,00" into cents. Dots group
 * thousands (by three), a comma starts one or two decimals; the stored form "9500.50" is
 * read too. Refused: AMM_EXIT_INPUT.
 */
amm_error *amm_bedrag_parse(const char *text, long long *cents);
/* The stored form: "9500.50" (caller frees). */
char *amm_bedrag_canonical(long long cents);
/* The shown form: "€ 9.500,50" (caller frees). */
char *amm_bedrag_format(long long cents);

#endif
