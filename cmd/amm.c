/* amm: the command table and the dispatcher, the one place that turns errors into exit codes. */
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "erase.h"
#include "msg.h"
#include "util.h"

#ifndef AMM_VERSION
#define AMM_VERSION "onbekend"
#endif

/* The one command table: name, function, synopsis, summary, options, flags, arguments. */
const struct amm_command amm_commands[] = {
    {"help", cmd_help, "amm help [COMMANDO]",
     "Toon de commando's van amm, of de hulp bij één commando.", NULL, CMD_PAGER, 1},
    {"init", cmd_init, "amm init [PAD] [--remote URL [-q]]\namm init --gedeeld PAD",
     "Maak van PAD (of de huidige map) een casusrepository; een bestaande git-repository wordt "
     "ingericht. Nog eens uitvoeren verandert niets.",
     opts_init, CMD_WRITE, 1},
    {"nieuw", cmd_nieuw, "amm nieuw [--alias A] [--inbrenger N] [--organisatie O] [--json]",
     "Maak een nieuwe casus uit de sjablonen en toon het casusnummer.", opts_nieuw,
     CMD_REPO | CMD_WRITE | CMD_JSON, 0},
    {"lijst", cmd_lijst,
     "amm lijst [--status open|afgesloten|alle] [--wie NAAM] [--inbrenger NAAM] [--coach NAAM] "
     "[--stap N] [--te-laat] [--json]",
     "Toon de casussen met hun voortgang door de zes stappen van de methode.", opts_lijst,
     CMD_REPO | CMD_PAGER | CMD_JSON, 0},
    {"status", cmd_status, "amm status [--json]",
     "Toon waar de casus staat: elke stap, open afspraken, de volgende evaluatie en "
     "waarschuwingen.",
     NULL, CMD_CASUS | CMD_PAGER | CMD_JSON, 0},
    {"perspectief", cmd_perspectief,
     "amm perspectief [TEKST|-] [--bewerk] [--geschiedenis] [--json]",
     "Stap 1: toon het perspectief van de Amsterdammer, of leg het vast in diens eigen woorden.",
     opts_perspectief, CMD_CASUS | CMD_WRITE | CMD_JSON, 1},
    {"spin", cmd_spin,
     "amm spin [VELD [TEKST|-]] [--toevoegen TEKST] [--json]\namm spin --svg [-o BESTAND]",
     "Stap 2: toon de feitelijke situatieschets (de spin), of vul één veld in.", opts_spin,
     CMD_CASUS | CMD_WRITE | CMD_JSON, 2},
    {"analyse", cmd_analyse,
     "amm analyse [--json]\namm analyse nieuw persoonlijk|professioneel|systeem TEKST\namm analyse "
     "verwijder NR\namm analyse gedeeld [DATUM]",
     "Stap 3: wat is er aan de hand? Problemen per soort, en of de analyse met de Amsterdammer "
     "gedeeld is.",
     NULL, CMD_CASUS | CMD_WRITE | CMD_JSON, 3},
    {"stap", cmd_stap,
     "amm stap [--json]\namm stap nieuw TEKST\namm stap klaar NR\namm stap gestopt NR [--reden T]",
     "Stap 4: de eerste stap(pen) richting het perspectief.", opts_stap,
     CMD_CASUS | CMD_WRITE | CMD_JSON, 2},
    {"afspraak", cmd_afspraak,
     "amm afspraak [--json]\namm afspraak nieuw --stap NR --wie W --wat W --wanneer DATUM\namm "
     "afspraak klaar NR\namm afspraak verzet NR DATUM",
     "Stap 5: wie doet wat, en wanneer? Afspraken bij een stap.", opts_afspraak,
     CMD_CASUS | CMD_WRITE | CMD_JSON, 3},
    {"evalueer", cmd_evalueer,
     "amm evalueer [--json]\namm evalueer --resultaat behaald|deels|niet [--stap NR] [--werkte T] "
     "[--nodig T] [--perspectief-behaald] [--datum DATUM] [--volgende DATUM]\namm evalueer "
     "--volgende DATUM",
     "Stap 6: leg een evaluatie met de Amsterdammer vast, of toon de evaluaties.", opts_evalueer,
     CMD_CASUS | CMD_WRITE | CMD_JSON, 0},
    {"toon", cmd_toon, "amm toon [ONDERDEEL] [--op DATUM|REV] [--json]",
     "Toon het hele plan, of één onderdeel, nu of zoals het op een datum of in een revisie was.",
     opts_toon, CMD_CASUS | CMD_PAGER | CMD_JSON, 1},
    {"bewerk", cmd_bewerk, "amm bewerk ONDERDEEL [--json]",
     "Bewerk een bestand van de casus in je editor; alleen een geldig bestand wordt vastgelegd.",
     NULL, CMD_CASUS | CMD_WRITE | CMD_JSON, 1},
    {"afsluiten", cmd_afsluiten, "amm afsluiten [--reden T] [--json]",
     "Sluit de casus af; daarna weigert amm wijzigingen tot hij heropend is.", opts_afsluiten,
     CMD_CASUS | CMD_WRITE | CMD_JSON, 0},
    {"heropen", cmd_heropen, "amm heropen [--reden T] [--json]", "Heropen een afgesloten casus.",
     opts_heropen, CMD_CASUS | CMD_WRITE | CMD_JSON, 0},
    {"team", cmd_team,
     "amm team [--json]\namm team nieuw NAAM --rol "
     "casusinbrenger|procesbegeleider|maatwerkcoach|lid [--organisatie O]\namm team verwijder NAAM",
     "Het casusteam: alle relevante partijen, zo klein als mogelijk, met hun rol.", opts_team,
     CMD_CASUS | CMD_WRITE | CMD_JSON, 2},
    {"uitzondering", cmd_uitzondering,
     "amm uitzondering [NR] [--json]\namm uitzondering NR --svg [-o BESTAND]\namm uitzondering "
     "nieuw --over T --gewone-route T --maatwerk T [--kosten-gewoon EUR] [--kosten-maatwerk EUR] "
     "[--maatwerkcoach NAAM]\namm uitzondering NR VELD TEKST\namm uitzondering NR besluit "
     "akkoord|afgewezen [--toelichting T]",
     "Een uitzondering maken: de gewone route tegenover de maatwerkoplossing, onderbouwd met de "
     "waardendriehoek en een maatwerkcoach.",
     opts_uitzondering, CMD_CASUS | CMD_WRITE | CMD_JSON, 3},
    {"check", cmd_check,
     "amm check [--alle] [--streng] [--herstel] [--json]\namm check --regels [--json]",
     "Toets de casus aan de kwaliteitsregels van de methode; één bevinding per regel.", opts_check,
     CMD_REPO | CMD_PAGER | CMD_JSON, 0},
    {"completion", cmd_completion, "amm completion bash|zsh",
     "Toon het script dat amm-commando's, opties, velden, casusnummers en nummers aanvult in bash "
     "of zsh.",
     opts_completion, 0, -1},
    {"vergeet", cmd_vergeet,
     "amm vergeet ID --bevestig ID --grond GROND\namm vergeet --lijst BESTAND [--ja]\namm vergeet "
     "--toepassen\namm vergeet --controleer ID",
     "Wis een casus uit de hele geschiedenis, ook op de server en in elke kloon die "
     "synchroniseert (recht op vergetelheid, einde bewaartermijn).",
     opts_vergeet, CMD_REPO | CMD_ERASE | CMD_WRITE, 1},
    {"bewaartermijn", cmd_bewaartermijn, "amm bewaartermijn [--json|--csv]",
     "Toon de vernietigingslijst: de afgesloten casussen waarvan de bewaartermijn voorbij is.",
     opts_bewaartermijn, CMD_REPO | CMD_PAGER | CMD_JSON, 0},
    {"agenda", cmd_agenda,
     "amm agenda [--tot DATUM] [--te-laat] [--wie NAAM] [--json|--ics [--details]]",
     "Toon de afspraken en evaluaties van alle open casussen op datum, te laat gemarkeerd.",
     opts_agenda, CMD_REPO | CMD_PAGER | CMD_JSON, 0},
    {"rapport", cmd_rapport, "amm rapport [--json]",
     "Tellingen voor het team: casussen naar status en voortgang, systeemproblemen, uitzonderingen "
     "en hun kosten.",
     NULL, CMD_REPO | CMD_PAGER | CMD_JSON, 0},
    {"log", cmd_log,
     "amm log [--alle] [--onderdeel P] [--sinds DATUM] [--tot DATUM] [--auteur NAAM] [--json]",
     "De geschiedenis van de casus in de woorden van de methode: datum, auteur, onderdeel en wat "
     "er veranderde.",
     opts_log, CMD_REPO | CMD_PAGER | CMD_JSON, 0},
    {"diff", cmd_diff, "amm diff [VAN [TOT]] [--alle] [--json]",
     "De verschillen per veld tussen twee revisies of datums, standaard die van de laatste "
     "wijziging.",
     opts_diff, CMD_REPO | CMD_PAGER | CMD_JSON, 2},
    {"export", cmd_export, "amm export [--formaat md|html|json] [-o BESTAND]",
     "Een leesbaar plan voor de Amsterdammer: Markdown, één HTML-bestand met de spin en de "
     "waardendriehoek, of JSON.",
     opts_export, CMD_CASUS, 0},
    {"sync", cmd_sync, "amm sync [REMOTE] [-q]\namm sync --kies mijn|hun [ONDERDEEL]",
     "Deel de casusrepository met het casusteam: haal de wijzigingen van de server op, voeg ze "
     "samen en stuur de jouwe; conflicten worden bewaard tot je kiest.",
     opts_sync, CMD_REPO | CMD_ERASE | CMD_WRITE, 1},
    {"kloon", cmd_kloon, "amm kloon URL [PAD] [-q]",
     "Haal een eigen kopie van een gedeelde casusrepository op, om er met het casusteam aan te "
     "werken.",
     opts_kloon, CMD_WRITE, 2},
    {"merge-bestand", cmd_merge_bestand,
     "amm merge-bestand BASIS MIJN HUN [PAD]\namm merge-bestand --velden BESTAND",
     "Voeg één casusbestand samen zoals amm sync dat doet, of toon het per veld: de merge- en "
     "diff-driver die amm init voor git instelt.",
     opts_merge_bestand, 0, 4},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};

const struct amm_command *
amm_command_find(const char *name)
{
	for (const struct amm_command *c = amm_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static amm_error *
open_repo(struct amm_ctx *ctx, unsigned flags)
{
	char cwd[PATH_MAX];
	amm_error *err;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return amm_error_errno(MSG_CLI_CWD);
	err = amm_store_open(&ctx->store, cwd);
	if (err == NULL)
		err = amm_store_settle(ctx->store);
	if (err == NULL)
		err = amm_snap_open(&ctx->head, ctx->store, NULL);
	if (err == NULL)
		err = amm_repo_check(ctx->head, amm_store_workdir(ctx->store));
	if (err == NULL && !(flags & CMD_ERASE))
		err = amm_erase_pending(ctx->store, ctx->head);
	if (err == NULL)
		ctx->cwd = amm_relative_cwd(amm_store_workdir(ctx->store));
	return err;
}

/*
 * Colour: --kleur, else none when NO_COLOR is set (not empty), else amm.ini [weergave] kleur;
 * auto (the default, also for any other value) colours a terminal that is not dumb.
 */
static amm_error *
color_choice(const struct amm_ctx *ctx, const char *kleur, bool *out)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	struct amm_ini *cfg = NULL;
	amm_error *err = NULL;

	*out = false;
	if (kleur == NULL && no_color != NULL && *no_color != '\0')
		return NULL;
	if (kleur == NULL && ctx->head != NULL && (err = amm_config_load(ctx->head, &cfg)) == NULL)
		kleur = amm_ini_get(cfg, "weergave", "kleur");
	if (kleur != NULL && strcmp(kleur, "altijd") == 0)
		*out = true;
	else if (kleur == NULL || strcmp(kleur, "nooit") != 0)
		*out = isatty(STDOUT_FILENO) && term != NULL && strcmp(term, "dumb") != 0;
	amm_ini_free(cfg);
	return err;
}

static amm_error *
run(const struct amm_command *cmd, int argc, char **argv, struct amm_globals *g)
{
	struct amm_ctx ctx = {0};
	struct amm_args args = {0};
	/* A wrong $AMM_VANDAAG stops every command, but not its --help. */
	amm_error *today_err = amm_date_today(&ctx.today), *err;

	err = amm_parse_args(cmd, argc, argv, ctx.today, &args, g);
	if (today_err != NULL && (err != NULL || args.argc >= 0)) {
		amm_error_free(err);
		err = today_err;
		today_err = NULL;
	}
	amm_error_free(today_err);
	if (err != NULL)
		goto done;
	if (args.argc < 0) {
		if (!g->no_pager)
			amm_pager_start();
		amm_print_help(stdout, cmd);
		goto done;
	}
	if (g->chdir_to != NULL && chdir(g->chdir_to) != 0) {
		err = amm_error_errno(MSG_CLI_CHDIR, g->chdir_to);
		err->code = AMM_EXIT_NOTFOUND;
		goto done;
	}
	ctx.casus_opt = g->casus;
	ctx.json = g->json;
	if (cmd->flags & (CMD_REPO | CMD_CASUS))
		err = open_repo(&ctx, cmd->flags);
	if (err == NULL && (cmd->flags & CMD_CASUS))
		err =
		    amm_casus_select(ctx.head, g->casus, getenv("AMM_CASUS"), ctx.cwd, &ctx.casus);
	if (err == NULL)
		err = color_choice(&ctx, g->kleur, &ctx.color);
	/* What may write never waits behind a pager. */
	if (err == NULL && (cmd->flags & CMD_PAGER) && !(cmd->flags & CMD_WRITE) && !g->no_pager)
		amm_pager_start();
	if (err == NULL)
		err = cmd->fn(&ctx, &args);
	/* What the store repaired, or could not finish although the change was made. */
	if (ctx.store != NULL) {
		const struct amm_strlist *notices = amm_store_notices(ctx.store);

		fflush(stdout);
		for (size_t i = 0; i < notices->len; i++)
			amm_printf(stderr, "amm: %s\n", notices->items[i]);
	}
done:
	amm_args_free(&args);
	free(ctx.casus);
	free(ctx.cwd);
	amm_snap_free(ctx.head);
	amm_store_free(ctx.store);
	return err;
}

int
main(int argc, char **argv)
{
	struct amm_globals g = {0};
	const struct amm_command *cmd = NULL;
	amm_error *err = NULL;
	int i, code;

	/* Casus files hold personal data: what amm creates is for its owner only. */
	umask(077);
	/* A file-size limit (ulimit -f) makes a write fail with EFBIG, reported, not a kill. */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_CTYPE, "");
	/* The system's own messages (strerror) in the user's language where installed. */
	setlocale(LC_MESSAGES, "");
	err = amm_parse_globals(argc, argv, &i, &g);
	if (err == NULL && i < argc && strcmp(argv[i], "--version") == 0) {
		printf("amm %s\n", AMM_VERSION);
		return fflush(stdout) == 0 ? 0 : AMM_EXIT_SYSTEM;
	}
	/* Like git: without a command the short help, and exit 1. */
	if (err == NULL && argc == 1) {
		cmd_help(NULL, &(struct amm_args){0});
		return fflush(stdout) == 0 ? 1 : AMM_EXIT_SYSTEM;
	}
	if (err == NULL && g.help) {
		/* amm --help [COMMANDO]: the help command, with what follows as its argument. */
		g.help = false;
		cmd = amm_command_find("help");
	} else if (err == NULL && (cmd = amm_command_find(argv[i])) == NULL) {
		err = amm_command_unknown(argv[i]);
	} else {
		i++;
	}
	if (err == NULL)
		err = amm_store_global_init();
	if (err == NULL) {
		err = run(cmd, argc - i, argv + i, &g);
		amm_store_global_shutdown();
	}
	if (err == NULL && (fflush(stdout) != 0 || ferror(stdout)))
		err = amm_error_errno(MSG_CLI_WRITE);
	if (err == NULL)
		return 0;
	fflush(stdout); /* what the command said comes before why it stopped */
	amm_printf(stderr, "amm: %s\n", err->msg);
	code = (int)err->code;
	amm_error_free(err);
	return code;
}
