#!/usr/bin/env bash
# Builds the site and an exhibition kit with a fixed SOURCE_DATE_EPOCH into DIR,
# from empty caches, so that two checkouts can be compared byte for byte:
#   scripts/build-snapshot.sh /tmp/before   (on one commit)
#   scripts/build-snapshot.sh /tmp/after    (on another)
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail
out=${1:?usage: scripts/build-snapshot.sh DIR [EXHIBITION]}
exhibition=${2:-taipei-2019}
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764900000}
rm -rf "$out" && mkdir -p "$out"
.venv/bin/casebook cache clear >/dev/null
.venv/bin/casebook build >/dev/null
cp -a site "$out/site"
.venv/bin/casebook exhibit "$exhibition" --out "$out/kit" --site-url https://example.org/casebook/ >/dev/null
echo "site and kit in $out"
