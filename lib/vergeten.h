/*
 * The erasure records: vergeten.ini at the root of a casus repository, one section per
 * erased casus, without personal data (see erase.h for what reads them), and the
 * destruction list of casussen whose retention period has passed.
 *
 *     [vergeten 2026-001]
 *     datum = 2026-12-03
 *     door = Sanne de Vries
 *     grond = verzoek
 *     vervangen = <the tips of the old history, commit ids>
 *     controle = <a checksum of the lines above>
 */
#ifndef AMM_VERGETEN_H
#define AMM_VERGETEN_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "store.h"
#include "util.h"

#define AMM_ERASE_FILE     "vergeten.ini"
#define AMM_ERASE_LIST_DIR "vernietigd"

/* The legal grounds a record may name (amm-vergeet(1)); NULL-terminated. */
extern const char *const amm_erase_grounds[];

struct amm_erasure {
	char *id;
	char *datum;                  /* YYYY-MM-DD */
	char *door;                   /* who erased */
	char *grond;                  /* one of amm_erase_grounds */
	char *lijst;                  /* the destruction list it came from (a path), or NULL */
	struct amm_strlist vervangen; /* tips of the history it replaced (hex) */
};
struct amm_erasures {
	struct amm_erasure *items;
	size_t len;
};
void amm_erasures_free(struct amm_erasures *e);
bool amm_erasures_has(const struct amm_erasures *e, const char *id);

/*
 * The records of snap's vergeten.ini (none when it is absent), each checked: a casus id, a
 * real date, a ground from the list, commit ids, a checksum that a hand edit breaks, each
 * casus once, and no replaced tip that this clone has without the casus in it. Anything
 * else: AMM_EXIT_INPUT naming the file, the line and the record.
 */
amm_error *amm_erasures_load(struct amm_snap *snap, struct amm_erasures *out);
/* text (NULL: no file yet) with the record rec added; *out is the new file. */
amm_error *amm_erasure_add(const char *text, size_t len, const struct amm_erasure *rec, char **out,
                           size_t *outlen);

/* Does snap hold path, a file or a folder? */
bool amm_snap_holds(struct amm_snap *snap, const char *path);

/* A closed casus whose retention period has passed. */
struct amm_due {
	char id[32];
	char afgesloten[AMM_DATE_LEN];
	char bewaren_tot[AMM_DATE_LEN];
};
/*
 * The closed casussen of snap whose retention (amm.ini [privacy] bewaartermijn) ended by
 * today. A casus that cannot be read is left out, its reason added to *unreadable.
 */
amm_error *amm_erase_due(struct amm_snap *snap, struct amm_date today, struct amm_due **out,
                         size_t *n, struct amm_strlist *unreadable);

#endif
