/* Amounts in euros with cents: Dutch notation in, one canonical form stored. */
#ifndef AMM_BEDRAG_H
#define AMM_BEDRAG_H

#include "error.h"

/*
 * An amount as a user types it, into cents: "9500", "9.500", "9.500,50", "€ 987", "987,5",
 * "EUR 12,00", "12,-", "9.500 euro". Dots group thousands (by three), a comma starts one or
 * two decimals. Refused (AMM_EXIT_INPUT), each with its own message: a dot as a decimal sign
 * ("1.50"), anything else that is not such an amount, and more than ten million euros.
 */
amm_error *amm_bedrag_parse_input(const char *text, long long *cents);
/* An amount as a file holds it: the stored form "9500.50", else as amm_bedrag_parse_input(). */
amm_error *amm_bedrag_parse(const char *text, long long *cents);
/* The stored form: "9500.50" (caller frees). */
char *amm_bedrag_canonical(long long cents);
/* The shown form: "€ 9.500,50" (caller frees). */
char *amm_bedrag_format(long long cents);

#endif
