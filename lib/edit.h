/* Changing a casus: one commit, made through the model so that no amm path writes what the
 * command line would refuse. */
#ifndef AMM_EDIT_H
#define AMM_EDIT_H

#include <stdbool.h>

#include "casus.h"
#include "error.h"
#include "store.h"

/*
 * Change a casus as one commit: fn gets the casus as the branch tip has it, changes its
 * documents (ini[], perspectief) and names the change with amm_tx_message(); every file
 * whose text changed is written. Re-run on a newer tip when another writer came first.
 */
typedef amm_error *(*amm_casus_fn)(struct amm_casus *casus, struct amm_tx *tx, void *arg);
/* A closed casus refuses changes (AMM_EXIT_INPUT) unless closed_ok (amm heropen). */
amm_error *amm_casus_edit(struct amm_store *st, const char *id, bool closed_ok, amm_casus_fn fn,
                          void *arg, bool *committed);

#endif
