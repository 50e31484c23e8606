"""The GitHub Action (action.yml) and the release workflow (.github/workflows/release.yml),
which cannot run here: what they run is run here instead. The action's two `check` commands on a
connector with errors (SARIF for code scanning, workflow commands for annotations), and the
release's per-platform packages named as scripts/package.sh and VS Code name them."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import yaml

from conftest import BINARY, EXAMPLES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
RELEASE = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
# The platforms the Marketplace takes a package for (`vsce package --target`).
VSCODE_TARGETS = {
    "win32-x64", "win32-arm64", "linux-x64", "linux-arm64", "linux-armhf",
    "darwin-x64", "darwin-arm64", "alpine-x64", "alpine-arm64", "web",
}


def action_check_commands() -> list[list[str]]:
    script = next(step["run"] for step in ACTION["runs"]["steps"] if step.get("id") == "check")
    commands = [line.strip() for line in script.splitlines() if line.strip().startswith("connector-ls check")]
    assert len(commands) == 2, commands
    return [shlex.split(command.removesuffix("|| true")) for command in commands]


def run_like_the_action(command: list[str], sarif: Path) -> subprocess.CompletedProcess[str]:
    expanded: list[str] = []
    for word in command:
        if word == "connector-ls":
            expanded.append(str(BINARY))
        elif word == "$sarif":
            expanded.append(str(sarif))
        elif word == '${options[@]}':
            expanded += ["--profile", ACTION["inputs"]["profile"]["default"]]
        elif word == '${extra[@]}':
            pass
        elif word == '${paths[@]}':
            expanded.append(str(EXAMPLES / "todo-broken"))
        else:
            expanded.append(word)
    return subprocess.run(expanded, capture_output=True, text=True)


def test_the_action_writes_sarif_and_annotations_and_fails_on_errors(tmp_path: Path) -> None:
    sarif_command, annotate_command = action_check_commands()
    sarif = tmp_path / "connector-ls.sarif"
    run_like_the_action(sarif_command, sarif)
    report = json.loads(sarif.read_text())
    assert report["version"] == "2.1.0"
    rules = {result["ruleId"] for result in report["runs"][0]["results"]}
    assert "operation-id-whitespace" in rules

    annotated = run_like_the_action(annotate_command, sarif)
    assert annotated.returncode == 1
    assert re.search(r"^::error file=.*apiDefinition\.swagger\.json,line=14,", annotated.stdout, re.M), annotated.stdout


def test_the_release_packages_every_platform_as_package_sh_names_them() -> None:
    build = RELEASE["jobs"]["build"]
    targets = [entry["vscode-target"] for entry in build["strategy"]["matrix"]["include"]]
    assert set(targets) <= VSCODE_TARGETS
    assert {"linux-x64", "win32-x64", "darwin-arm64"} <= set(targets)
    script = "\n".join(step.get("run", "") for step in build["steps"])
    assert "scripts/package.sh ../../target/${{ matrix.rust-target }}/release/connector-ls${{ matrix.exe }} ${{ matrix.vscode-target }}" in script
    assert "dist/connector-ls-${{ matrix.vscode-target }}.vsix" in script
    assert "universal" in script
    package_sh = (ROOT / "editors" / "vscode" / "scripts" / "package.sh").read_text()
    assert 'dist/connector-ls-$target.vsix' in package_sh
    assert "dist/connector-ls-universal.vsix" in package_sh
