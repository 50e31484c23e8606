#!/usr/bin/env bash
# Package the linux-x64 .vsix with a connector-ls binary inside:
#   scripts/package.sh [BINARY]     (default: ../../target/release/connector-ls)
# Writes dist/connector-ls-linux-x64.vsix. Run `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-../../target/release/connector-ls}
mkdir -p bundled dist
install -m 755 "$binary" bundled/connector-ls
# The release profile keeps line tables for backtraces; the shipped binary needs none (37 → 6 MB).
strip bundled/connector-ls
npx --no-install vsce package --no-dependencies --allow-missing-repository \
  --target linux-x64 --out dist/connector-ls-linux-x64.vsix
