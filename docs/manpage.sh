#!/bin/sh
# manpage.sh IN.scd OUT DATE VERSION: scdoc's roff, with the date and the version in the footer
# and hyphenation off. scdoc's .nh comes before .TH, which turns hyphenation back on, so Dutch
# words would be broken English-style; .nh right after .TH keeps them whole.
set -eu
scdoc <"$1" >"$2.tmp"
sed 's/^\.TH "\([^"]*\)" "\([^"]*\)".*/.TH "\1" "\2" "'"$3"'" "amm '"$4"'" "amm"\
.nh/' "$2.tmp" >"$2"
rm -f "$2.tmp"
