/*
 * Every Dutch message of amm in one place, so they read as one voice and can be reviewed at
 * once. Format strings: the order of the conversions is part of each message's contract.
 */
#ifndef AMM_MSG_H
#define AMM_MSG_H

/* INI files */
#define MSG_INI_NOT_UTF8 "%s, regel %d: geen geldige UTF-8-tekst"
#define MSG_INI_BAD_LINE                                                                           \
	"%s, regel %d: deze regel is geen 'sleutel = waarde', [sectie] of commentaar"
#define MSG_INI_BAD_SECTION "%s, regel %d: sectiekop zonder afsluitende ']'"
#define MSG_INI_PARSER      "%s: de INI-lezer kon het bestand niet lezen"
#define MSG_INI_BAD_NAME    "ongeldige naam '%s' voor een sectie of sleutel"

/* Dates */
#define MSG_DATE_IMPOSSIBLE "'%s' is geen bestaande datum"
#define MSG_DATE_BAD                                                                               \
	"'%s' is geen datum: gebruik JJJJ-MM-DD, vandaag, morgen, +N (dagen) of +Nw (weken)"
#define MSG_DATE_ENV "AMM_VANDAAG='%s' is geen geldige datum (JJJJ-MM-DD)"

/* The git store */
#define MSG_GIT_FAILED "git: %s: %s (code %d)"
#define MSG_STORE_NO_REPO                                                                          \
	"geen git-repository gevonden in '%s' of een map erboven; maak er een casusrepository "    \
	"van met 'amm init'"
#define MSG_STORE_BARE                                                                             \
	"dit is een kale git-repository zonder werkmap; amm werkt in een kloon (amm kloon URL)"
#define MSG_STORE_NO_REV  "revisie '%s' niet gevonden"
#define MSG_STORE_NO_FILE "bestand '%s' niet gevonden"
#define MSG_STORE_LOCK    "kan de schrijfvergrendeling '%s' niet krijgen"
#define MSG_STORE_DETACHED                                                                         \
	"HEAD staat niet op een branch (detached HEAD); ga eerst terug naar je branch, "           \
	"bijvoorbeeld met 'git switch main'"
#define MSG_STORE_BUSY_STATE                                                                       \
	"de repository is midden in een merge, rebase of cherry-pick; maak die eerst af of breek " \
	"hem af (bijvoorbeeld 'git merge --abort')"
#define MSG_STORE_DIRTY                                                                            \
	"'%s' heeft wijzigingen die nog niet zijn vastgelegd; amm overschrijft ze niet.\nLeg ze "  \
	"vast met 'git add %s && git commit', of gooi ze weg met 'git checkout -- %s', en "        \
	"probeer het opnieuw"
#define MSG_STORE_MKDIR "kan map '%s' niet maken"
#define MSG_STORE_WRITE "kan '%s' niet schrijven"
#define MSG_STORE_IDENTITY                                                                         \
	"amm legt elke wijziging vast op jouw naam, maar weet niet wie je bent.\nStel je naam en " \
	"e-mailadres in met:\n  git config --global user.name \"Voornaam Achternaam\"\n  git "     \
	"config --global user.email \"naam@organisatie.nl\"\nof zet GIT_AUTHOR_NAME en "           \
	"GIT_AUTHOR_EMAIL"
#define MSG_STORE_BAD_IDENTITY "ongeldige naam of e-mailadres voor de commit: '%s' <%s>"
#define MSG_STORE_INDEX                                                                            \
	"de wijziging is vastgelegd, maar de git-index kon niet worden bijgewerkt (%s); 'git "     \
	"reset -q' herstelt dat"
#define MSG_STORE_RACE                                                                             \
	"de branch bleef veranderen door andere schrijvers; er is niets vastgelegd, probeer het "  \
	"opnieuw"
#define MSG_STORE_NO_MESSAGE "interne fout: een wijziging zonder commitbericht"

/* Casus */
#define MSG_CASUS_BAD_ID    "'%s' is geen casusnummer: verwacht JJJJ-NNN, bijvoorbeeld 2026-001"
#define MSG_CASUS_NOT_FOUND "casus '%s' bestaat niet (zie 'amm lijst')"
#define MSG_CASUS_NONE      "geen casus gekozen: er is geen open casus; maak er een met 'amm nieuw'"
#define MSG_CASUS_MANY                                                                             \
	"geen casus gekozen: er zijn %zu open casussen. Kies er een met --casus ID, met "          \
	"AMM_CASUS=ID, of door in de map van de casus te staan (zie 'amm lijst')"
#define MSG_CASUS_NOT_REPO                                                                         \
	"'%s' is geen casusrepository (amm.ini ontbreekt); maak er een met 'amm init'"
#define MSG_CASUS_BAD_STATUS "ongeldige status '%s' in %s: verwacht open of afgesloten"
#define MSG_CASUS_TEXT_UTF8  "%s: de tekst is geen geldige UTF-8"
#define MSG_CASUS_TEXT_CTRL  "%s: de tekst bevat stuurtekens"

/* The command line */
#define MSG_CLI_UNKNOWN_CMD "'%s' is geen amm-commando; zie 'amm help'"
#define MSG_CLI_UNKNOWN_OPT "onbekende optie '%s'; zie 'amm %s --help'"
#define MSG_CLI_NEEDS_ARG   "optie '%s' verwacht een waarde; zie 'amm %s --help'"
#define MSG_CLI_NO_ARG      "optie '--%s' neemt geen waarde"
#define MSG_CLI_TOO_MANY    "te veel argumenten; zie 'amm %s --help'"
#define MSG_CLI_BAD_VALUE   "ongeldige waarde '%s' voor %s; %s"
#define MSG_CLI_CHDIR       "kan niet naar map '%s'"
#define MSG_CLI_CWD         "kan de huidige map niet bepalen"
#define MSG_CLI_WRITE       "kan de uitvoer niet schrijven"
#define MSG_CLI_NO_HELP     "geen help voor '%s': dat is geen amm-commando"

#endif
