#!/usr/bin/env python3
"""Check a packaged .vsix: the server binary inside, executable, for linux-x64, and it runs
(the universal package has none and targets no platform); the bundle, the manifest, the icon,
the connector-ls.toml schema its tomlValidation names; nothing that should not ship.

    python3 scripts/check-vsix.py dist/connector-ls-linux-x64.vsix
    python3 scripts/check-vsix.py dist/connector-ls-universal.vsix
"""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BINARY = "extension/bundled/connector-ls"
NODE_BUILTINS = set(
    json.loads(
        subprocess.run(
            ["node", "-p", "JSON.stringify(require('node:module').builtinModules)"],
            capture_output=True, text=True, check=True,
        ).stdout
    )
)


def main(vsix: Path) -> int:
    problems: list[str] = []
    universal = vsix.name.endswith("-universal.vsix")
    with zipfile.ZipFile(vsix) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        names = sorted(infos)

        if universal:
            if BINARY in infos:
                problems.append(f"the universal package bundles {BINARY}")
        elif BINARY not in infos:
            problems.append(f"{BINARY} is missing")
        else:
            mode = infos[BINARY].external_attr >> 16
            if stat.S_IMODE(mode) != 0o755:
                problems.append(f"{BINARY} has mode {oct(stat.S_IMODE(mode))}, not 0o755")
            data = archive.read(BINARY)
            # ELF, 64-bit, little-endian, machine x86-64 (0x3e).
            if data[:4] != b"\x7fELF" or data[4] != 2 or data[18:20] != b"\x3e\x00":
                problems.append(f"{BINARY} is not an x86-64 ELF executable")
            with tempfile.TemporaryDirectory() as temp:
                path = Path(temp) / "connector-ls"
                path.write_bytes(data)
                path.chmod(0o755)
                version = subprocess.run([path, "--version"], capture_output=True, text=True)
                if version.returncode != 0 or not version.stdout.startswith("connector-ls "):
                    problems.append(f"{BINARY} --version: {version.stdout}{version.stderr}")
                else:
                    print(f"bundled: {version.stdout.strip()}, {len(data) / 1e6:.1f} MB, mode 0755")

        manifest = json.loads(archive.read("extension/package.json"))
        ours = json.loads((HERE / "package.json").read_text())
        for key in ["name", "version", "main", "engines", "activationEvents", "contributes", "capabilities", "icon"]:
            if manifest.get(key) != ours.get(key):
                problems.append(f"package.json {key} differs from editors/vscode/package.json")

        bundle = archive.read("extension/dist/extension.js").decode()
        required = set(re.findall(r'require\("([^"]+)"\)', bundle))
        unresolved = {r for r in required if r != "vscode" and r.removeprefix("node:") not in NODE_BUILTINS}
        # A minified UMD module calls require under another name: any call with a relative
        # path is a module the bundle left out (only dist/extension.js ships).
        unresolved |= set(re.findall(r'\(\s*"(\.{1,2}/[^"]*)"\s*\)', bundle))
        if unresolved:
            problems.append(f"dist/extension.js requires modules it does not bundle: {sorted(unresolved)}")

        for validation in manifest["contributes"].get("tomlValidation", []):
            schema_path = "extension/" + validation["url"].removeprefix("./")
            if schema_path not in infos:
                problems.append(f"tomlValidation names {validation['url']}, which is not in the .vsix")
            elif "properties" not in json.loads(archive.read(schema_path)):
                problems.append(f"{schema_path} is not the connector-ls.toml schema")

        vsixmanifest = archive.read("extension.vsixmanifest").decode()
        if universal:
            if "TargetPlatform=" in vsixmanifest:
                problems.append("the universal package targets a platform")
        elif 'TargetPlatform="linux-x64"' not in vsixmanifest:
            problems.append("extension.vsixmanifest does not target linux-x64")

        shipped = [n for n in names if n.startswith("extension/")]
        expected = {
            "extension/package.json", "extension/readme.md", "extension/changelog.md",
            "extension/LICENSE.txt", "extension/icon.png", "extension/dist/extension.js",
            "extension/schemas/connector-ls.toml.schema.json",
        } | (set() if universal else {BINARY})
        extra = set(shipped) - expected
        if extra:
            problems.append(f"unexpected files in the .vsix: {sorted(extra)}")
        missing = expected - set(shipped)
        if missing:
            problems.append(f"missing from the .vsix: {sorted(missing)}")

    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{vsix.name}: {len(names)} files, {vsix.stat().st_size / 1e6:.1f} MB, "
          f"{'ok' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
