#!/usr/bin/env bash
# Vendors uPlot (the dashboard's chart library) into the ops jar's static files. Run it only to
# change the version: the copied files are committed, so the Maven build needs no network and the
# dashboard loads nothing from the internet.
#   scripts/vendor-uplot.sh [version]
set -euo pipefail
VERSION="${1:-1.6.32}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/ops/src/main/resources/webroot/vendor/uplot"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "uplot@${VERSION}" >/dev/null && tar -xzf uplot-*.tgz)
mkdir -p "$DEST"
cp "$WORK/package/dist/uPlot.iife.min.js" "$WORK/package/dist/uPlot.min.css" "$WORK/package/LICENSE" "$DEST/"
printf 'uPlot %s (npm package uplot), MIT licence: see LICENSE. Vendored by scripts/vendor-uplot.sh.\n' "$VERSION" > "$DEST/VERSION"
echo "vendored uPlot ${VERSION} into ${DEST#"$ROOT"/}"
