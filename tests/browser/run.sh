#!/usr/bin/env bash
# Browser checks: builds the sample portals and checks them in headless Chromium.
#   axe.mjs    axe-core (WCAG 2.0/2.1/2.2 A and AA) on one page of every kind, in every
#              language of every sample council, from file://, at 360 and 1280 px; no
#              network requests; reflow at 320 px; screenshots.
#   htmlcs.mjs HTML_CodeSniffer (WCAG2AA) over every built page: 0 errors.
#   lighthouse.mjs  Lighthouse on 8 pages in four scripts served on 127.0.0.1:
#              accessibility, best practices and SEO 100 (performance reported).
#   vnu.mjs    the Nu HTML Checker over every built page: 0 errors.
#   print.mjs  print media hides navigation and shows the council and page title; one page
#              of every kind printed to PDF and read back with pdftotext: the council's
#              name and the page number on every printed page, no mostly empty page.
#   layout.mjs every built page on small phones: at 360 px no number cell partly visible
#              (cut at the screen's edge or its scroll region's); at 320 px with text at
#              200 % no page scrolls sideways.
#   bidi.mjs   on right-to-left (Urdu) pages every fiscal-year range, amount and percentage
#              is drawn left to right ("2023-24", never "24-2023"), glyph box by glyph box.
# Installs what it needs on a fresh Debian machine (as root). Never downloads a browser:
# it uses Debian's chromium. Output: target/browser-sites, target/browser-shots.
# Usage: tests/browser/run.sh [axe|htmlcs|lighthouse|vnu|print|layout|bidi ...]   (default: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"

step() { printf '\n==> %s\n' "$*"; }

# --- system packages (only what is missing) ---------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "run as root, or install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
fi

# --- npm packages, installed under target/ so the work tree stays clean ------------------
# Pinned in package-lock.json. --ignore-scripts: vnu-jar's install script would fetch a
# Java runtime; we use the system one. playwright-core never downloads a browser.
node_dir="$target/browser-node"
mkdir -p "$node_dir"
if ! cmp -s "$here/package-lock.json" "$node_dir/package-lock.json" || [ ! -d "$node_dir/node_modules" ]; then
  step "npm ci"
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
fi
export KHULA_NODE_DIR="$node_dir"

# --- the sample portals -------------------------------------------------------------------
# The binary `cargo test` built when KHULA_BIN names it (as .ci/run does), so this adds no
# compile time; otherwise a debug build. The sample content builds in well under a second.
step "build sample portals"
sites="$target/browser-sites"
rm -rf "$sites"
if [ -n "${KHULA_BIN:-}" ]; then
  "$KHULA_BIN" build --quiet --out "$sites"
else
  cargo run -q -- build --quiet --out "$sites"
fi
export KHULA_SITES="$sites"
export KHULA_SHOTS="$target/browser-shots"
rm -rf "$KHULA_SHOTS"
mkdir -p "$KHULA_SHOTS"

# --- the checks ---------------------------------------------------------------------------
checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(axe htmlcs lighthouse vnu print layout bidi)
failed=()
for check in "${checks[@]}"; do
  step "browser check: $check"
  if ! node "$here/$check.mjs"; then
    failed+=("$check")
  fi
done

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "browser checks failed: ${failed[*]}"
  exit 1
fi
echo "browser checks passed: ${checks[*]} (screenshots and PDFs in $KHULA_SHOTS)"
