/*
 * The casus model: where a casus lives (casussen/<jaar>/<id>/), its files, its id, which casus
 * a command acts on, and how far it is through the six steps of the method.
 */
#ifndef AMM_CASUS_H
#define AMM_CASUS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "inidoc.h"
#include "store.h"
#include "util.h"

#define AMM_CONFIG_FILE "amm.ini"
#define AMM_CASUS_ROOT  "casussen"

/* The parts (onderdelen) of a casus and their files. */
enum amm_deel {
	AMM_DEEL_CASUS,
	AMM_DEEL_PERSPECTIEF,
	AMM_DEEL_SPIN,
	AMM_DEEL_ANALYSE,
	AMM_DEEL_STAPPEN,
	AMM_DEEL_EVALUATIES,
	AMM_DEEL_UITZONDERINGEN,
	AMM_DEEL_TEAM,
	AMM_DEEL_COUNT
};
struct amm_deel_info {
	const char *name; /* onderdeel, as in commit trailers */
	const char *file; /* file name in the casus folder */
};
extern const struct amm_deel_info amm_delen[AMM_DEEL_COUNT];

/* The nine fields of the spin, in the brochure's order. */
#define AMM_SPIN_FIELDS 9
struct amm_spin_veld {
	const char *key;
	const char *label;
};
extern const struct amm_spin_veld amm_spin_velden[AMM_SPIN_FIELDS];

/* YYYY-NNN with at least three digits after the dash. */
bool amm_casus_id_valid(const char *id);
/* casussen/<jaar>/<id> and casussen/<jaar>/<id>/<file> (caller frees). */
char *amm_casus_dir(const char *id);
char *amm_casus_path(const char *id, enum amm_deel deel);
/* The casus folder that path lies in ("casussen/2026/2026-002" of its spin.ini), or NULL. */
char *amm_casus_dir_of(const char *path);

/* Is snap a casus repository (amm.ini present)? Not: AMM_EXIT_NOTFOUND. */
amm_error *amm_repo_check(struct amm_snap *snap, const char *where);
/* amm.ini of snap, and a whole number from it (def when absent or not a number). */
amm_error *amm_config_load(struct amm_snap *snap, struct amm_ini **out);
long amm_config_number(const struct amm_ini *cfg, const char *section, const char *key, long def);
/*
 * The identity of the repository, [amm] id of amm.ini (caller frees). Where none is stored
 * yet, the one amm_repo_id_store() stores: the first 32 hex digits of the first commit, so
 * every clone of an old repository gets the same.
 */
amm_error *amm_repo_id(struct amm_snap *snap, const struct amm_ini *cfg, char **out);
/* A new random identity: 128 bits from getrandom(2) as 32 hex digits (amm init). */
amm_error *amm_repo_id_new(char out[33]);
/*
 * In a write: store the identity in amm.ini when it has none, as one more change of tx with
 * a note in the commit message. An amm.ini amm cannot read is left alone.
 */
amm_error *amm_repo_id_store(struct amm_tx *tx);
/* All casus ids, in order of year and number. */
amm_error *amm_casus_ids(struct amm_snap *snap, struct amm_strlist *ids);
/* The next free id of year. */
amm_error *amm_casus_next_id(struct amm_snap *snap, int year, char **out);
/* AMM_EXIT_INPUT for a malformed id, AMM_EXIT_NOTFOUND for one that does not exist. */
amm_error *amm_casus_exists(struct amm_snap *snap, const char *id);

struct amm_casus {
	char *id;
	struct amm_ini *ini[AMM_DEEL_COUNT]; /* NULL for the perspectief */
	char *perspectief;                   /* perspectief.md as written */
	char *raw[AMM_DEEL_COUNT];           /* each file as read ("" when absent) */
	size_t raw_len[AMM_DEEL_COUNT];      /* its length in bytes (a NUL may end raw early) */
};
amm_error *amm_casus_load(struct amm_casus **out, struct amm_snap *snap, const char *id);
/* Only the parts in the mask (1 << deel; casus.ini always): the others read as empty. */
amm_error *amm_casus_load_parts(struct amm_casus **out, struct amm_snap *snap, const char *id,
                                unsigned parts);
/*
 * For amm check: every part, where a section or key that stands twice is read anyway
 * (amm_ini_duplicates lists them). Unreadable: *bad names the part that is.
 */
amm_error *amm_casus_load_dups(struct amm_casus **out, enum amm_deel *bad, struct amm_snap *snap,
                               const char *id);
void amm_casus_free(struct amm_casus *casus);
/* [casus] key of casus.ini, or "" */
const char *amm_casus_get(const struct amm_casus *casus, const char *key);
bool amm_casus_is_open(const struct amm_casus *casus);
/* The conflicts amm sync recorded in the casus's files (merge.h), appended to *list. */
struct amm_conflict;
amm_error *amm_casus_conflicts(const struct amm_casus *casus, struct amm_conflict **list,
                               size_t *n);
/* The perspectief's text (caller frees). */
char *amm_casus_perspectief(const struct amm_casus *casus);

/*
 * Which casus a command acts on: explicit (--casus), else env ($AMM_CASUS), else the casus
 * folder that cwd (relative to the work tree, "" at the top) lies in, else the only open
 * casus. Otherwise AMM_EXIT_USAGE with how to choose.
 */
amm_error *amm_casus_select(struct amm_snap *snap, const char *explicit_id, const char *env_id,
                            const char *cwd, char **out);

/* How far a casus is through the six steps. */
struct amm_voortgang {
	bool perspectief;
	int spin_gevuld;
	int problemen;
	bool gedeeld; /* the analysis was discussed with the Amsterdammer */
	int stappen, stappen_open;
	int afspraken, afspraken_open, afspraken_te_laat;
	int evaluaties;
	int uitzonderingen;
	int teamleden;
};
/* Through the casus's model (model.h): only valid values count. */
void amm_casus_voortgang(const struct amm_casus *casus, struct amm_date today,
                         struct amm_voortgang *out);
/* Number of the six steps with something in them. */
int amm_voortgang_stappen(const struct amm_voortgang *v);

/* The numbers of the items "<kind> N" of a file (sections), in file order. */
void amm_items(const struct amm_ini *ini, const char *kind, int **nrs, size_t *n);
/* The number for a new item: one more than any there ever was in the file (never reused). */
int amm_item_next(const struct amm_ini *ini, const char *kind);
/* The section of item nr ("afspraak 3"), or AMM_EXIT_NOTFOUND naming it (caller frees). */
amm_error *amm_item_find(const struct amm_ini *ini, const char *kind, const char *nr,
                         char **section);

/* A part by the name a user types (spin, stappen, stap, afspraken, evaluatie, ...). */
bool amm_deel_find(const char *name, enum amm_deel *out);
/* A spin field by its key or a natural spelling (financiën, woonsituatie, werk, ...). */
const struct amm_spin_veld *amm_spin_veld_find(const char *name);

/* Text a user asks amm to write: valid UTF-8, no control characters but newline and tab. */
amm_error *amm_text_check(const char *what, const char *text, size_t len);

#endif
