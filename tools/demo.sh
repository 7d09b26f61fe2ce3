#!/usr/bin/env bash
# Walk a fictional casus through amm in a temporary casus repository.
# Usage: tools/demo.sh [PATH-TO-AMM]
set -euo pipefail

amm=$(realpath "${1:-build/cmd/amm}")
demo=$(mktemp -d "${TMPDIR:-/tmp}/amm-demo.XXXXXX")

# A fictional professional, so the demo runs without any git configuration.
export GIT_AUTHOR_NAME="Sanne de Vries" GIT_AUTHOR_EMAIL="sanne@example.org"
export GIT_COMMITTER_NAME="Sanne de Vries" GIT_COMMITTER_EMAIL="sanne@example.org"

step() { printf '\n$ %s\n' "$*"; "$@"; }

cd "$demo"
step "$amm" init casussen-noord
cd casussen-noord
step "$amm" nieuw --alias "Fam. J." --inbrenger "Sanne de Vries" --organisatie "Buurtteam Noord"
step "$amm" perspectief "Ik wil een dak boven mijn hoofd en zelf mijn geld verdienen."
step "$amm" spin profiel "Fatima (34), alleenstaand, twee kinderen (6 en 9)"
step "$amm" spin financien "Schuld 9.500 euro; huur 987 euro per maand; bijstand 1.310 euro"
step "$amm" spin wonen "Huurwoning met twee kamers in Noord; huurachterstand 3 maanden"
step "$amm" spin krachten "Zorgzaam, doorzetter, spreekt Nederlands en Arabisch"
step "$amm" analyse nieuw persoonlijk "Schaamt zich om hulp te vragen bij geldzaken"
step "$amm" analyse nieuw systeem "Wachtlijst schuldhulpverlening is 4 maanden"
step "$amm" analyse gedeeld
step "$amm" stap nieuw "Huurachterstand stoppen met een betalingsregeling"
step "$amm" afspraak nieuw --stap 1 --wie "Fatima" --wat "Belt de woningcorporatie voor een betalingsregeling" --wanneer +7
step "$amm" afspraak nieuw --stap 1 --wie "Sanne (buurtteam)" --wat "Gaat mee naar het gesprek" --wanneer +14
step "$amm" afspraak klaar 1
step "$amm" evalueer --stap 1 --resultaat deels --werkte "Samen bellen" --nodig "Vaste lasten op een rij" --volgende +4w
step "$amm" lijst
step "$amm" status
step "$amm" toon
step git --no-pager log --stat
printf '\nDe demo-repository staat in %s/casussen-noord\n' "$demo"
