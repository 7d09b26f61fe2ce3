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
step "$amm" lijst
step "$amm" status
step git --no-pager log --stat
printf '\nDe demo-repository staat in %s/casussen-noord\n' "$demo"
