#!/usr/bin/env bash
# Installs the Debian packages casebook needs, only those that are missing:
# Chromium (browser tests), Noto CJK fonts (Chinese text in images and PDFs, and
# the source of the site's own Han font), Pango (WeasyPrint PDFs), poppler (PDF
# checks), zbar (QR code checks), Java and npm (the Nu HTML Checker the tests run),
# libgs-common (the CMYK ICC profile of PDF/X kits).
#
# `install-system.sh content`: only what validating and building the site needs
# (the fonts), for a pull request that changes content/ only (make setup-content).
set -euo pipefail
scope=${1:-all}

# Read the lists once (grep -q on a pipe would trip pipefail with SIGPIPE).
fonts=$(fc-list 2>/dev/null || true)
libs=$(ldconfig -p 2>/dev/null || true)

need=()
grep -q "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
grep -q "NotoSans-Regular" <<<"$fonts" || need+=(fonts-noto-core)
if [ "$scope" != content ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  grep -q "libpango-1.0.so" <<<"$libs" || need+=(libpango-1.0-0)
  grep -q "libpangoft2-1.0.so" <<<"$libs" || need+=(libpangoft2-1.0-0)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
  command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  [ -f /usr/share/color/icc/ghostscript/default_cmyk.icc ] || need+=(libgs-common)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
