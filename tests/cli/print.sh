#!/usr/bin/env bash
# amm export --formaat html on paper: printed to PDF by headless Chromium on A4, then read
# back with poppler (pdfinfo, pdftotext -layout) the way a person checks a printed plan.
. "$(dirname "$0")/common.sh"

# The pictures of each printed plan are kept for review: in the build folder under meson
# test, else in the temporary root (printed either way).
shots="${AMM_BUILD:-$root}/print"

small() {
	amm nieuw --alias "Fam. J." >/dev/null
	amm perspectief "Ik wil een dak boven mijn hoofd." >/dev/null
	amm spin financien "Schuld 9.500 euro" >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt de corporatie" --wanneer 2026-12-01 >/dev/null
}

rich() {
	local long="bij de woningcorporatie, de energieleverancier en de zorgverzekeraar; een betalingsregeling loopt sinds maart maar is twee keer niet nagekomen"
	amm nieuw --alias "Fam. El Amrani-Vermeulen" >/dev/null
	amm perspectief "$(printf '%s\n\n%s\n\n%s' \
		"Ik wil dat mijn kinderen weer rustig naar school kunnen en dat we een eigen huis hebben waar we kunnen blijven." \
		"Ik wil van de schulden af, zodat ik 's nachts weer kan slapen en elke brief die binnenkomt rustig kan openen." \
		"En ik wil weer werken, liefst in de zorg, zoals vroeger.")" >/dev/null
	amm spin profiel "Moeder van drie kinderen (4, 9 en 13 jaar), sinds 2019 in Amsterdam-Noord, spreekt Nederlands en Arabisch" >/dev/null
	amm spin financien "Schuld ongeveer 14.000 euro $long" >/dev/null
	amm spin wonen "Tijdelijk bij haar zus in een driekamerwoning, met vijf volwassenen en vier kinderen" >/dev/null
	amm spin veiligheid "Geen zorgen op dit moment; eerder huiselijk geweld door ex-partner, contactverbod sinds 2024" >/dev/null
	amm spin dagbesteding "Vrijwilliger bij de voedselbank op dinsdag; wil terug naar werk als helpende in de zorg" >/dev/null
	amm spin krachten "Doorzetter, goed georganiseerd, veel steun van haar zus en de moskee" >/dev/null
	amm spin successen "Rondde in 2021 een opleiding af terwijl de kinderen klein waren" >/dev/null
	amm spin netwerk "Zus, buurvrouw, de mentor van de oudste op school, wijkteam Noord, schuldhulpverlening" >/dev/null
	amm spin bijzonderheden "Arbeidsongeschiktheidsverzekeringsmaatschappijcorrespondentie onbeantwoord" >/dev/null
	amm analyse nieuw persoonlijk "Geen eigen woning; de kinderen slapen met z'n vieren op één kamer" >/dev/null
	amm analyse nieuw professioneel "Drie hulpverleners die elkaar niet kennen en elk een eigen plan hebben" >/dev/null
	amm analyse nieuw systeem "Urgentie wordt geweigerd omdat ze formeel bij haar zus woont" >/dev/null
	amm stap nieuw "Schulden in beeld en één betalingsregeling" >/dev/null
	amm stap nieuw "Een eigen woning via een maatwerkurgentie" >/dev/null
	amm stap nieuw "Terug naar werk in de zorg" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Zet alle schulden op een rij met de brieven uit de schoenendoos" --wanneer 2026-11-20 >/dev/null
	amm afspraak nieuw --stap 1 --wie Sanne --wat "Meldt aan bij de schuldhulpverlening en gaat mee naar het eerste gesprek" --wanneer 2026-12-01 >/dev/null
	amm afspraak nieuw --stap 1 --wie "Schuldhulp Noord" --wat "Vraagt een moratorium aan" --wanneer 2026-12-15 >/dev/null
	amm afspraak nieuw --stap 2 --wie Sanne --wat "Vraagt een maatwerkurgentie aan met het verhaal van de kinderen" --wanneer 2026-12-08 >/dev/null
	amm afspraak nieuw --stap 2 --wie "Woningcorporatie Ymere" --wat "Beoordeelt de aanvraag" --wanneer 2027-01-15 >/dev/null
	amm afspraak nieuw --stap 3 --wie Fatima --wat "Gaat naar de open dag van de zorgopleiding" --wanneer 2027-01-20 >/dev/null
	amm afspraak nieuw --stap 3 --wie "Werkgeversservicepunt" --wat "Zoekt een leerwerkplek in Noord" --wanneer 2027-02-01 >/dev/null
	amm evalueer --resultaat deels --stap 1 --werkte "De brieven zijn geordend" --nodig "Een vaste contactpersoon bij schuldhulp" --datum 2026-11-10 --volgende 2026-12-22 >/dev/null
	amm team nieuw "Sanne de Vries" --rol casusinbrenger --organisatie "Buurtteam Noord" >/dev/null
	amm uitzondering nieuw --over "urgentie" --gewone-route "Wachten op een urgentieverklaring" --maatwerk "Maatwerkurgentie omdat de kinderen geen eigen slaapplek hebben" >/dev/null
}

chromium_pdf() { # html pdf
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d)" --print-to-pdf="$2" --no-pdf-header-footer \
		"file://$1" >/dev/null 2>&1
}

# Print a casus's plan to PDF; sets pages and keeps a picture of each page.
print_plan() { # name
	local name=$1
	run export --formaat html -o "$root/$name.html"
	expect_exit 0
	chromium_pdf "$root/$name.html" "$root/$name.pdf" || fail "chromium --print-to-pdf"
	pages=$(pdfinfo "$root/$name.pdf" | sed -n 's/^Pages: *//p')
	pdftotext -layout "$root/$name.pdf" "$root/$name.txt" || fail "pdftotext"
	mkdir -p "$shots"
	pdftoppm -png -r 60 "$root/$name.pdf" "$shots/$name" || fail "pdftoppm"
	echo "# $name: $pages page(s); pictures in $shots/$name-*.png"
}

# The text of page n (pdftotext separates pages with a form feed).
page() { awk -v n="$1" 'BEGIN { RS = "\f" } NR == n' "$root/$2.txt"; }

have_tools() {
	command -v chromium >/dev/null && command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null &&
		command -v pdftoppm >/dev/null && return 0
	skip "chromium or poppler-utils is not installed (tools/install-deps.sh installs them)"
	return 1
}

test_small_plan() {
	have_tools || return 0
	new_repo
	small
	print_plan small
	[ "$pages" -ge 1 ] && [ "$pages" -le 2 ] || fail "the small plan takes $pages pages, expected 1 or 2"
	page 1 small >"$root/p1"
	grep -q "Plan van Fam. J." "$root/p1" || fail "no title on page 1"
	grep -q "Ik wil een dak boven mijn hoofd." "$root/p1" || fail "no perspectief on page 1"
	grep -q "2026-12-01" "$root/small.txt" || fail "the date of the agreement is not on one line"
	page "$pages" small | grep -q "Handtekening" || fail "no signature line on the last page"
	page 1 small | grep -Eq "^ +Pagina 1 van $pages *$" || fail "no page number in the footer of page 1"
}

test_rich_plan() {
	have_tools || return 0
	new_repo
	rich
	print_plan rich
	[ "$pages" -le 3 ] || fail "the rich plan takes $pages pages, expected at most 3"
	page 1 rich >"$root/p1"
	grep -q "Plan van Fam. El Amrani-Vermeulen" "$root/p1" || fail "no title on page 1"
	grep -q "Ik wil dat mijn kinderen weer rustig" "$root/p1" || fail "no perspectief on page 1"
	for d in 2026-11-20 2026-12-01 2026-12-15 2026-12-08 2027-01-15 2027-01-20 2027-02-01 \
		2026-11-10 2026-12-22; do
		grep -q -- "$d" "$root/rich.txt" || fail "the date $d is not on one line"
	done
	page "$pages" rich | grep -q "Handtekening" || fail "no signature line on the last page"
	page "$pages" rich | grep -q "Sanne de Vries" || fail "the casusinbrenger is not named at the signature"
	for n in $(seq 1 "$pages"); do
		page "$n" rich | grep -Eq "^ +Pagina $n van $pages *$" || fail "no page number in the footer of page $n"
		# No near-empty page: every page but the last carries at least 25 lines of text.
		[ "$n" -eq "$pages" ] || [ "$(page "$n" rich | grep -c '[^ ]')" -ge 25 ] ||
			fail "page $n is nearly empty: $(page "$n" rich | grep -c '[^ ]') lines"
	done
}

# Every field's name and text inside its box and the picture, and every text of the
# waardendriehoek inside its picture, as the browser draws them, whatever their length:
# long sentences, one very long word, wide capitals, accents.
test_spin_labels_in_browser() {
	have_tools || return 0
	new_repo
	amm nieuw >/dev/null
	local f long="Een heel lang verhaal over wat er allemaal speelt, met namen, data, instanties en nog veel meer details die niet in een vakje passen"
	for f in profiel financien wonen veiligheid dagbesteding krachten successen netwerk; do
		amm spin "$f" "$long ($f)" >/dev/null
	done
	amm spin netwerk "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW MMMMMMMMMMMMMMMMMMMMMM" >/dev/null
	amm spin bijzonderheden "Arbeidsongeschiktheidsverzekeringsmaatschappijcorrespondentieafdeling é ë ï ø" >/dev/null
	amm uitzondering nieuw --over urgentie --gewone-route wachten --maatwerk "Direct een woning" >/dev/null
	amm uitzondering 1 legitimiteit "$long (legitimiteit)" >/dev/null
	amm uitzondering 1 betrokkenheid "$long (betrokkenheid)" >/dev/null
	amm uitzondering 1 rendement "Maatschappelijkekostenbatenanalyseonderzoeksrapportage" >/dev/null
	print_plan extreme
	# The plan with a script that measures what the browser drew and says so in the title.
	{
		sed 's|</body>||; s|</html>||' "$root/extreme.html"
		cat <<'JS'
<script>
const bad = [], vb = document.querySelector("#spin svg").viewBox.baseVal;
let n = 0;
for (const g of document.querySelectorAll("#spin g.veld")) {
  const r = g.querySelector("rect").getBBox();
  if (r.x < vb.x || r.y < vb.y || r.x + r.width > vb.x + vb.width || r.y + r.height > vb.y + vb.height)
    bad.push("box " + g.dataset.veld);
  for (const t of g.querySelectorAll("text")) {
    const b = t.getBBox();
    n += Math.max(1, t.querySelectorAll("tspan").length);
    if (b.x < r.x + 2 || b.x + b.width > r.x + r.width - 2 || b.y < r.y || b.y + b.height > r.y + r.height)
      bad.push(t.textContent);
  }
}
for (const svg of document.querySelectorAll("svg")) {
  const v = svg.viewBox.baseVal;
  for (const t of svg.querySelectorAll("text")) {
    const b = t.getBBox();
    if (b.x < v.x || b.y < v.y || b.x + b.width > v.x + v.width || b.y + b.height > v.y + v.height)
      bad.push(t.textContent);
  }
}
document.title = bad.length ? "clipped: " + bad.join(" / ") : "fits: " + n + " lines";
</script>
</body>
</html>
JS
	} >"$root/measure.html"
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d)" --dump-dom "file://$root/measure.html" >"$root/measured.html" 2>/dev/null ||
		fail "chromium --dump-dom"
	echo "# spin in the browser: $(grep -o '<title>[^<]*' "$root/measured.html" | cut -c8-)"
	grep -q '<title>fits: [1-9][0-9]* lines</title>' "$root/measured.html" ||
		fail "labels outside their box: $(grep -o '<title>[^<]*' "$root/measured.html")"
}

run_tests test_small_plan test_rich_plan test_spin_labels_in_browser
