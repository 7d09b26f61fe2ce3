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
#define MSG_INI_TOO_BIG                                                                            \
	"%s: %zu regels en %zu secties is meer dan een casusbestand ooit heeft; amm leest dit "    \
	"bestand niet"
#define MSG_INI_BAD_NAME "ongeldige naam '%s' voor een sectie of sleutel"
/* A duplicate: "bestand:regel: " and one of the texts after it. */
#define MSG_INI_DUP         "%s:%zu: %s"
#define MSG_INI_DUP_SECTION "sectie [%s] staat er twee keer (eerder op regel %zu)"
#define MSG_INI_DUP_KEY     "sleutel %s staat twee keer in sectie [%s] (eerder op regel %zu)"
#define MSG_INI_DUP_KEY_TOP                                                                        \
	"sleutel %s staat er twee keer vóór de eerste sectie (eerder op regel %zu)"

/* Dates */
#define MSG_DATE_IMPOSSIBLE "'%s' is geen bestaande datum"
#define MSG_DATE_BAD                                                                               \
	"'%s' is geen datum: gebruik JJJJ-MM-DD, vandaag, morgen, +N (dagen) of +Nw (weken)"
#define MSG_DATE_ENV "AMM_VANDAAG='%s' is geen geldige datum (JJJJ-MM-DD)"

/* The git store */
#define MSG_GIT_FAILED "git: %s: %s (%s; code %d)"
#define MSG_STORE_NO_REPO                                                                          \
	"geen git-repository gevonden in '%s' of een map erboven; maak er een casusrepository "    \
	"van met 'amm init'"
#define MSG_STORE_BARE                                                                             \
	"dit is een kale git-repository zonder werkmap; amm werkt in een kloon met een werkmap "   \
	"(git clone URL)"
#define MSG_STORE_NO_REV  "revisie '%s' niet gevonden"
#define MSG_STORE_NO_DATE "op %04d-%02d-%02d was er nog niets vastgelegd"
#define MSG_STORE_NO_FILE "bestand '%s' niet gevonden"
#define MSG_HISTORY_INCOMPLETE                                                                     \
	"de geschiedenis is onvolledig: er ontbreekt een commit of map (een ondiepe kloon, of "    \
	"een "                                                                                     \
	"beschadigde repository: 'git fsck' zegt meer)"
#define MSG_STORE_LOCK "kan de schrijfvergrendeling '%s' niet krijgen"
#define MSG_STORE_DETACHED                                                                         \
	"HEAD staat niet op een branch (detached HEAD); ga eerst terug naar je branch, "           \
	"bijvoorbeeld met 'git switch main'"
#define MSG_STORE_BUSY_STATE                                                                       \
	"de repository is midden in een merge, rebase of cherry-pick; maak die eerst af of breek " \
	"hem af (bijvoorbeeld 'git merge --abort')"
#define MSG_STORE_DIRTY                                                                            \
	"'%s' heeft wijzigingen die nog niet zijn vastgelegd; amm overschrijft ze niet.\nLeg ze "  \
	"vast met 'git add %s && git commit', of gooi ze weg met 'git checkout HEAD -- %s', en "   \
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
	"waarschuwing: de wijziging is vastgelegd, maar de git-index kon niet worden bijgewerkt "  \
	"(%s).\nDe volgende wijziging met amm herstelt dat; 'git reset -q' doet het ook"
#define MSG_STORE_LOCK_LEFT                                                                        \
	"'%s' bestaat: een git-opdracht is bezig, of is afgebroken en liet het bestand staan. "    \
	"Draait er geen git meer, verwijder het dan (rm '%s') en probeer het opnieuw"
#define MSG_STORE_LOCK_STALE                                                                       \
	"'%s' bleef achter van een afgebroken amm (pid %ld); amm heeft het verwijderd"
#define MSG_STORE_ROLLED_FORWARD                                                                   \
	"een afgebroken wijziging was al vastgelegd; amm heeft de werkmap en de git-index "        \
	"bijgewerkt"
#define MSG_STORE_ROLLED_BACK                                                                      \
	"een afgebroken wijziging was niet vastgelegd; amm heeft de bestanden teruggezet zoals "   \
	"de "                                                                                      \
	"laatste commit ze heeft"
#define MSG_STORE_MARKER "de aantekening '%s' van een afgebroken wijziging is onleesbaar"
#define MSG_STORE_RACE                                                                             \
	"de branch bleef veranderen door andere schrijvers; er is niets vastgelegd, probeer het "  \
	"opnieuw"
#define MSG_STORE_NO_MESSAGE "interne fout: een wijziging zonder commitbericht"

/* The work tree (worktree.h) */
#define MSG_WORKTREE_LINK                                                                          \
	"'%s' is een symbolische koppeling (symlink); amm volgt die niet en leest en schrijft "    \
	"alleen binnen de repository. Er is niets geschreven.\nVerwijder de koppeling (rm '%s') "  \
	"en zet terug wat er stond met 'git checkout HEAD -- %s'"
#define MSG_WORKTREE_PATH "'%s' is geen pad binnen de repository"
#define MSG_WORKTREE_READ "kan '%s' niet lezen"

/* Sharing: amm sync and amm kloon */
#define MSG_SYNC_NO_REMOTE                                                                         \
	"er is geen remote '%s'; koppel de casusrepository aan een server met 'git remote add %s " \
	"URL' of begin met 'amm kloon URL'"
#define MSG_SYNC_FAILED "verbinden met %s lukte niet: %s"
#define MSG_SYNC_HOST   "%s is niet vertrouwd: %s"
#define MSG_SYNC_AUTH   "aanmelden bij %s is mislukt: %s"
#define MSG_SYNC_UNRELATED                                                                         \
	"de casusrepository op %s heeft een andere geschiedenis dan deze; haal een kopie met "     \
	"'amm kloon URL' en zet je wijzigingen daarin over"
#define MSG_SYNC_REJECTED "de server weigerde de wijzigingen: %s"
#define MSG_SYNC_BUSY                                                                              \
	"de server bleef veranderen door andere teamleden; er is niets verloren, probeer het "     \
	"straks opnieuw"
#define MSG_SYNC_UNRESOLVED                                                                        \
	"er staan nog conflicten van een eerdere sync in %s; kies per onderdeel met 'amm sync "    \
	"--kies mijn|hun ONDERDEEL' of pas de waarde aan met 'amm bewerk ONDERDEEL' en verwijder " \
	"de [conflict ...]-sectie"
#define MSG_SYNC_CONFLICTS_READ "kan de lijst met conflicten van de laatste sync (%s) niet lezen"
#define MSG_SYNC_CONFLICT                                                                          \
	"%zu conflict(en): dezelfde waarde is aan beide kanten anders gewijzigd. Beide waarden "   \
	"zijn bewaard; 'amm status' toont ze. Kies met 'amm sync --kies mijn|hun [ONDERDEEL]' of " \
	"pas ze aan met 'amm bewerk ONDERDEEL'"
#define MSG_MERGE_BESTAND_CONFLICT                                                                 \
	"%zu conflict(en) in %s: dezelfde waarde is aan beide kanten anders gewijzigd. Beide "     \
	"waarden zijn bewaard; leg de merge vast met 'git commit -a' en kies daarna met 'amm "     \
	"sync --kies mijn|hun ONDERDEEL'"
#define MSG_SYNC_NO_CONFLICTS "er zijn geen conflicten om op te lossen"
#define MSG_SYNC_KIES         "kies 'mijn' of 'hun'"
#define MSG_INIT_REMOTE       "de casusrepository staat klaar, maar delen via %s lukte niet"
#define MSG_INIT_REMOTE_LATER                                                                      \
	"de casusrepository staat klaar, maar delen via %s lukte niet (probeer het later met "     \
	"'amm "                                                                                    \
	"sync')"
#define MSG_INIT_HOOK_THERE                                                                        \
	"%s bestaat al en is niet van amm; voeg de controle van amm er zelf aan toe (zie "         \
	"amm-init(1)) of verwijder hem"
#define MSG_INIT_NOT_BARE                                                                          \
	"%s is een repository met een werkmap; een gedeelde server is een kale repository (git "   \
	"init --bare) of een nieuwe map"
#define MSG_INIT_SHARED_REMOTE "kies --gedeeld (de server) of --remote (een kloon), niet allebei"
#define MSG_KLOON_USAGE        "gebruik: amm kloon URL [PAD] [-q]; zie 'amm kloon --help'"
#define MSG_KLOON_EXISTS       "'%s' bestaat al en is niet leeg; kies een andere map"
#define MSG_KLOON_NOT_AMM                                                                          \
	"%s is gekloond, maar het is geen casusrepository (amm.ini ontbreekt); is de server nog "  \
	"leeg, begin dan met 'amm init --remote URL'"

/* Forgetting a casus */
#define MSG_FORGET_DIRTY                                                                           \
	"er zijn %zu bestanden met wijzigingen die nog niet zijn vastgelegd; leg ze eerst vast "   \
	"of "                                                                                      \
	"gooi ze weg (git status), want amm vergeet herschrijft de hele geschiedenis"
#define MSG_FORGET_REF                                                                             \
	"'%s' verwijst naar de geschiedenis op een manier die amm vergeet niet kan herschrijven; " \
	"verwijder hem eerst (git tag -d of git update-ref -d)"
#define MSG_FORGET_EMPTY "na het wissen blijft er van '%s' niets over; verwijder die branch eerst"

#define MSG_VERGEET_USAGE                                                                          \
	"gebruik: amm vergeet ID --bevestig ID --grond GROND, amm vergeet --lijst BESTAND "        \
	"[--ja], "                                                                                 \
	"amm vergeet --toepassen of amm vergeet --controleer ID; zie 'amm vergeet --help'"
#define MSG_VERGEET_CONFIRM "'%s' en --bevestig '%s' verschillen; er is niets gewist"
#define MSG_VERGEET_GROUND                                                                         \
	"zeg met --grond waarom de casus gewist wordt: verzoek, bewaartermijn, onrechtmatig, "     \
	"bezwaar of wettelijke-plicht (zie amm-vergeet(1))"
#define MSG_VERGEET_ASK        "er is niets gewist: bevestig met --ja (amm vraagt alleen op een terminal)"
#define MSG_VERGEET_NO         "er is niets gewist"
#define MSG_VERGEET_LIST_EMPTY "%s noemt geen casussen; er is niets gewist"
#define MSG_VERGEET_LIST_BAD   "%s:%d: '%s' is geen casusnummer; er is niets gewist"
#define MSG_VERGEET_LIST_NOTDUE                                                                    \
	"casus %s staat op %s, maar zijn bewaartermijn is niet voorbij (zie 'amm "                 \
	"bewaartermijn'); "                                                                        \
	"er is niets gewist"
#define MSG_BEWAAR_FORMATS "kies --json of --csv, niet allebei"
#define MSG_VERGEET_TRACES "er zijn nog %zu sporen van casus %s in deze kloon"

/* Erasure records (vergeten.ini) */
#define MSG_ERASE_BAD         "%s:%d: [%s]: %s; er is niets gewist of veranderd"
#define MSG_ERASE_BAD_SECTION "geen record van amm vergeet (verwacht [vergeten JJJJ-NNN])"
#define MSG_ERASE_BAD_KEY     "een sleutel die amm vergeet niet schrijft"
#define MSG_ERASE_BAD_DATE    "datum is geen bestaande datum JJJJ-MM-DD"
#define MSG_ERASE_BAD_WHO     "door is leeg"
#define MSG_ERASE_BAD_GROUND                                                                       \
	"grond is niet een van verzoek, bewaartermijn, onrechtmatig, bezwaar, wettelijke-plicht"
#define MSG_ERASE_BAD_TIPS "vervangen noemt geen commits (40 hexadecimale tekens elk)"
#define MSG_ERASE_BAD_SUM                                                                          \
	"de controle klopt niet: het record is met de hand veranderd of niet door amm gemaakt"
#define MSG_ERASE_TWICE  "deze casus staat er al eerder in"
#define MSG_ERASE_UNTRUE "de vervangen geschiedenis bevat deze casus niet: het record klopt niet"
#define MSG_ERASE_PENDING                                                                          \
	"casus %s is gewist (vergeten.ini), maar staat nog in deze kloon; maak het wissen af met " \
	"'amm sync' (of 'amm vergeet --toepassen' zonder server)"
#define MSG_ERASE_INTERRUPTED                                                                      \
	"het wissen van een casus is onderbroken; maak het af met 'amm vergeet --toepassen' (of "  \
	"'amm sync')"
#define MSG_ERASE_TRACE_TREE     "object %s bevat de map van de casus"
#define MSG_ERASE_TRACE_INDEX    "de index (.git/index) noemt bestanden van de casus"
#define MSG_ERASE_TRACE_WORKTREE "de map %s staat nog in de werkmap"
#define MSG_ERASE_TRACE_FILE     "%s noemt de casus"

/* Casus */
#define MSG_CASUS_BAD_ID    "'%s' is geen casusnummer: verwacht JJJJ-NNN, bijvoorbeeld 2026-001"
#define MSG_CASUS_NOT_FOUND "casus '%s' bestaat niet (zie 'amm lijst')"
#define MSG_CASUS_NONE      "geen casus gekozen: er is nog geen casus; maak er een met 'amm nieuw'"
#define MSG_CASUS_NONE_OPEN                                                                        \
	"geen casus gekozen: er is geen open casus en er zijn %zu afgesloten casussen. Kies er "   \
	"een met --casus ID of AMM_CASUS=ID (zie 'amm lijst'), of maak een nieuwe met 'amm nieuw'"
#define MSG_CASUS_MANY                                                                             \
	"geen casus gekozen: er zijn %zu open casussen. Kies er een met --casus ID, met "          \
	"AMM_CASUS=ID, of door in de map van de casus te staan (zie 'amm lijst')"
#define MSG_CASUS_NOT_REPO                                                                         \
	"'%s' is geen casusrepository (amm.ini ontbreekt); maak er een met 'amm init'"
/* The identity of a repository in amm.ini (amm agenda --ics puts it in every UID). */
#define MSG_CONFIG_ID_RANDOM "kon geen willekeurig id voor de casusrepository maken"
#define MSG_CONFIG_ID_NOTE                                                                         \
	"amm.ini: id van de casusrepository vastgelegd (voor de UID's van amm agenda --ics)"
#define MSG_CASUS_BAD_STATUS "ongeldige status '%s' in %s: verwacht open of afgesloten"
#define MSG_CASUS_TEXT_UTF8  "%s: de tekst is geen geldige UTF-8"
/* A command over every casus (lijst, agenda, rapport) that could not read some of them. */
#define MSG_CASUS_UNREADABLE "%zu casus(sen) niet te lezen; zie hierboven"
#define MSG_LIJST_UNREADABLE "onleesbaar"
#define MSG_CASUS_TEXT_CTRL  "%s: de tekst bevat stuurtekens"

/* Perspectief: the method's conditions */
#define MSG_PERSPECTIEF_IK                                                                         \
	"het perspectief staat niet in de ik-vorm: de methode vraagt om het perspectief in de "    \
	"eigen woorden van de Amsterdammer, in de ik-vorm"
#define MSG_PERSPECTIEF_NEGATIEF                                                                   \
	"het perspectief lijkt negatief geformuleerd ('%s'): een goed perspectief is "             \
	"energiegevend en positief geformuleerd"
#define MSG_PERSPECTIEF_CONCREET                                                                   \
	"het perspectief noemt één concrete oplossing ('%s') in plaats van een richting: een "   \
	"goed perspectief is bij voorkeur op meerdere manieren te bereiken"

/* Spin */
#define MSG_SPIN_UNKNOWN     "'%s' is geen veld van de spin; de velden zijn: %s"
#define MSG_SPIN_NEEDS_FIELD "--toevoegen heeft een VELD nodig: amm spin VELD --toevoegen TEKST"

/* Steps and agreements */
#define MSG_STAP_NOT_OPEN "stap %s is niet meer open (%s)"
#define MSG_STAP_TOO_MANY                                                                          \
	"er staan nu %d stappen tegelijk open (meer dan %ld): de methode vraagt om focus op de "   \
	"eerste stap(pen), niet om een jaarplan met veel doelen"
#define MSG_AFSPRAAK_MISSING                                                                       \
	"een afspraak is concreet: wie doet wat, en wanneer is het klaar of wordt het besproken "  \
	"(stap 5 van de methode); %s ontbreekt"
#define MSG_AFSPRAAK_NOT_OPEN "afspraak %s is al klaar"
#define MSG_EVAL_NEEDS_RESULT                                                                      \
	"--werkte, --nodig, --stap, --datum en --perspectief-behaald horen bij een evaluatie: "    \
	"geef ook --resultaat behaald|deels|niet"

/* Privacy */
#define MSG_BSN_FIELD                                                                              \
	"%s, [%s] %s: deze tekst bevat een burgerservicenummer (BSN); amm legt geen BSN vast. "    \
	"Haal het nummer weg, of sta het toe met [privacy] bsn = toestaan in amm.ini"
#define MSG_BSN_TEXT                                                                               \
	"%s: deze tekst bevat een burgerservicenummer (BSN); amm legt geen BSN vast. Haal het "    \
	"nummer weg, of sta het toe met [privacy] bsn = toestaan in amm.ini"
#define MSG_BSN_MESSAGE                                                                            \
	"het commitbericht zou een burgerservicenummer (BSN) bevatten, uit een nummer, een "       \
	"bestandsnaam of de naam van een remote; amm legt geen BSN vast, ook niet in de "          \
	"geschiedenis"

#define MSG_IBAN_WARN                                                                              \
	"%s: deze tekst bevat een rekeningnummer (IBAN); leg het alleen vast als het nodig is "    \
	"voor "                                                                                    \
	"het perspectief"

/* Amounts */
#define MSG_BEDRAG_BAD                                                                             \
	"'%s' is geen bedrag: schrijf euro's als 9500, 9.500 of 9.500,50 (eventueel met €)"
#define MSG_BEDRAG_PUNT                                                                            \
	"'%s' is geen bedrag: een punt groepeert duizendtallen per drie cijfers; schrijf centen "  \
	"na een komma (1,50) of duizendtallen met drie cijfers (1.500)"
#define MSG_BEDRAG_TE_HOOG "'%s' is geen bedrag van een casus: het hoogste bedrag is € 10.000.000"

/* Closing */
#define MSG_CASUS_CLOSED       "casus %s is afgesloten; heropen hem eerst met 'amm heropen'"
#define MSG_CASUS_ALREADY      "casus %s is al %s"
#define MSG_HEROPEN_AFSLUITING "Afgesloten op %s; reden: %s"
#define MSG_HEROPEN_REDEN      "Heropend omdat: %s"
#define MSG_AFSLUITEN_NO_EVAL                                                                      \
	"er is geen evaluatie vastgelegd: evalueer met de Amsterdammer wat de activiteiten "       \
	"hebben opgeleverd (amm evalueer)"
#define MSG_AFSLUITEN_OPEN "%d afspraak/afspraken staan nog open"

/* Exceptions */
#define MSG_UITZ_NEEDS                                                                             \
	"een uitzondering beschrijft waarvan wordt afgeweken, de gewone route en de "              \
	"maatwerkoplossing; --%s ontbreekt"
#define MSG_UITZ_INCOMPLETE                                                                        \
	"uitzondering %s kan nog niet besloten worden, want er ontbreekt: %s. Een uitzondering "   \
	"wordt altijd samen met een maatwerkcoach onderbouwd met de waardendriehoek "              \
	"(legitimiteit, betrokkenheid, rendement), en zet de gewone route af tegen de "            \
	"maatwerkoplossing"

/* The casusteam */
#define MSG_TEAM_EXISTS    "%s staat al in het casusteam"
#define MSG_TEAM_NOT_FOUND "%s staat niet in het casusteam (zie 'amm team')"
#define MSG_TEAM_NEEDS_ROLE                                                                        \
	"geef de rol van het nieuwe teamlid met --rol "                                            \
	"casusinbrenger|procesbegeleider|maatwerkcoach|lid"
#define MSG_TEAM_TOO_BIG                                                                           \
	"het casusteam telt nu %d leden (meer dan %ld): maak het casusteam zo klein als mogelijk"

/* Parts */
#define MSG_DEEL_UNKNOWN                                                                           \
	"'%s' is geen onderdeel van een casus; kies uit: casus, perspectief, spin, analyse, "      \
	"stappen, evaluaties, uitzonderingen, team"
#define MSG_BEWERK_INVALID "er is niets vastgelegd; %s staat nog zoals het was"
#define MSG_BEWERK_RACE    "%s is intussen door iemand anders gewijzigd; er is niets vastgelegd"
#define MSG_BEWERK_KEPT    "%s\nJouw versie staat in %s"

/* Items of a casus */
#define MSG_ITEM_BAD_NR    "'%s' is geen nummer van een %s"
#define MSG_ITEM_NOT_FOUND "%s %s bestaat niet in deze casus"

/* Rules of hand-edited parts */
#define MSG_CHECK_REQUIRED   "%s, [%s]: '%s' ontbreekt of is leeg"
#define MSG_CHECK_VALUE      "%s, [%s] %s: '%s' is geen geldige waarde"
#define MSG_CHECK_NO_STAP    "%s, [%s]: stap %s bestaat niet"
#define MSG_CHECK_NO_SECTION "%s: de sectie [%s] ontbreekt"
#define MSG_CHECK_ID         "%s: id '%s' hoort bij een andere casus dan %s"

/* amm agenda */
#define MSG_AGENDA_FORMAT  "kies --json of --ics, niet allebei"
#define MSG_AGENDA_DETAILS "--details hoort bij --ics"

/* amm diff and amm log */
#define MSG_DIFF_NOTHING  "er is nog niets veranderd"
#define MSG_TRAILER_PARSE "kan de trailers van een commitbericht niet lezen: %s"

/* amm check */
#define MSG_CHECK_FOUND      "%zu bevinding(en); zie hierboven"
#define MSG_CHECK_MODE_FIXED "rechten hersteld: %s van %04o naar %04o"

/* The command line */
#define MSG_CLI_UNKNOWN_CMD "'%s' is geen amm-commando; zie 'amm help'"
#define MSG_CLI_UNKNOWN_OPT "onbekende optie '%s'; zie '%s'"
#define MSG_CLI_NEEDS_ARG   "optie '%s' verwacht een waarde; zie '%s'"
#define MSG_CLI_NO_ARG      "optie '%s' neemt geen waarde"
#define MSG_CLI_NOT_NUMBER  "optie '%s' verwacht een nummer (1, 2, 3, ...), niet '%s'"
#define MSG_CLI_SUGGEST     "%s\nBedoelde je %s?"
#define MSG_CLI_NO_JSON     "amm %s heeft geen JSON-uitvoer; zie 'amm %s --help'"
#define MSG_CLI_NO_COMMAND  "geen commando na de opties; zie 'amm help'"
#define MSG_CLI_SWALLOWED   "geen commando: '%s' werd de waarde van %s; zie 'amm help'"
#define MSG_CLI_TOO_MANY    "te veel argumenten; zie 'amm %s --help'"
#define MSG_CLI_BAD_VALUE   "ongeldige waarde '%s' voor %s; %s"
#define MSG_CLI_CHDIR       "kan niet naar map '%s'"
#define MSG_CLI_CWD         "kan de huidige map niet bepalen"
#define MSG_CLI_WRITE       "kan de uitvoer niet schrijven"
#define MSG_CLI_READ        "kan %s niet lezen"
#define MSG_CLI_NO_EDITOR                                                                          \
	"geen editor: zet VISUAL of EDITOR, of geef de tekst als argument of op standaardinvoer "  \
	"(-)"
#define MSG_CLI_TEMP          "kan tijdelijk bestand '%s' niet gebruiken"
#define MSG_CLI_EDITOR_FAILED "de editor '%s' stopte met code %d; er is niets vastgelegd"
#define MSG_CLI_EMPTY         "%s: lege tekst; er is niets vastgelegd"
#define MSG_CLI_TEXT_AND_EDIT "geef de tekst óf --bewerk, niet allebei; zie 'amm %s --help'"
#define MSG_CLI_STDIN         "kan standaardinvoer niet lezen"
#define MSG_CLI_WRITE_FILE    "kan '%s' niet schrijven"
#define MSG_CLI_BAD_SUB       "'%s' kent amm %s niet; kies uit: %s"
#define MSG_CLI_ARGS          "verkeerd aantal argumenten voor 'amm %s %s'; zie 'amm %s --help'"
#define MSG_CLI_NO_HELP       "geen help voor '%s': dat is geen amm-commando"

/* The editor's file (amm bewerk, amm perspectief --bewerk) */
#define MSG_CLI_EDITOR_REFUSED                                                                     \
	"na de editor is '%s' %s; amm leest alleen een gewoon bestand in zijn eigen tijdelijke "   \
	"map terug. Er is niets vastgelegd"
#define MSG_CLI_EDITOR_LINK     "een symbolische koppeling (symlink)"
#define MSG_CLI_EDITOR_NOT_FILE "geen gewoon bestand"
#define MSG_CLI_EDITOR_OTHER    "een ander bestand, met nog een naam of niet van jou"

#endif
