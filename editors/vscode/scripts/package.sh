#!/usr/bin/env bash
# Package the extension:
#   scripts/package.sh BINARY [TARGET]
# TARGET is a VS Code platform (linux-x64, win32-x64, darwin-arm64, …; default linux-x64): BINARY,
# built for it, is bundled and the package is dist/connector-ls-TARGET.vsix. TARGET `universal`
# bundles no binary (the extension then runs `connector-ls` from PATH or `connectorLs.server.path`)
# and writes dist/connector-ls-universal.vsix; BINARY is then any connector-ls that runs here.
# Either way BINARY writes the connector-ls.toml JSON Schema that TOML extensions are offered, so
# it must run on this machine: for another platform's package, pass a host binary as
# CONNECTOR_LS_HOST. Run `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-../../target/release/connector-ls}")
target=${2:-linux-x64}
host_binary=$(realpath "${CONNECTOR_LS_HOST:-$binary}")
rm -rf bundled schemas
mkdir -p dist schemas
"$host_binary" config schema >schemas/connector-ls.toml.schema.json
if [ "$target" = universal ]; then
  npx --no-install vsce package --no-dependencies --out dist/connector-ls-universal.vsix
  exit
fi
mkdir bundled
case "$target" in
  win32-*) bundled=bundled/connector-ls.exe ;;
  *) bundled=bundled/connector-ls ;;
esac
install -m 755 "$binary" "$bundled"
# The release profile keeps line tables for backtraces; the shipped binary needs none (37 → 6 MB).
# (release.yml builds stripped binaries; a Windows runner has no strip.)
if [ "$host_binary" = "$binary" ] && [ "${target%%-*}" != win32 ] && command -v strip >/dev/null; then
  strip "$bundled"
fi
npx --no-install vsce package --no-dependencies --target "$target" --out "dist/connector-ls-$target.vsix"
