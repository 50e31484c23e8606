"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit with `pre-commit
try-repo` in a temporary git repository holding a connector: it fails on a connector with
errors, passes once they are fixed, and ignores files that are not connector files. The hook is
`language: system`: it runs the built binary, put on PATH here, with no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BINARY, EXAMPLES, ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "todo-broken", repo / "connectors" / "todo")
    (repo / "notes.json").write_text("{ not a connector }\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "connector"], check=True)
    return repo


def try_repo(repo: Path, tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BINARY.parent}{os.pathsep}{os.environ['PATH']}",
        # pre-commit's cache (its clone of the hook repository) stays in the test's folder.
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        # try-repo commits the repository's uncommitted changes in a shadow copy; pre-commit
        # passes git only these of the GIT_ variables, so an identity comes this way.
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "user.name",
        "GIT_CONFIG_VALUE_0": "connector-ls tests",
        "GIT_CONFIG_KEY_1": "user.email",
        "GIT_CONFIG_VALUE_1": "tests@example.com",
    }
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(ROOT), "connector-ls", *selection],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300,
    )


def test_the_hook_fails_on_a_connector_with_errors(repo: Path, tmp_path: Path) -> None:
    result = try_repo(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "connector-ls check" in result.stdout
    assert "Failed" in result.stdout
    assert "error[operation-id-whitespace]" in result.stdout
    assert "connectors/todo/apiDefinition.swagger.json:14:24" in result.stdout


def test_the_hook_passes_once_the_errors_are_fixed(repo: Path, tmp_path: Path) -> None:
    connector = repo / "connectors" / "todo"
    subprocess.run([BINARY, "check", "--fix", "--unsafe-fixes", connector], capture_output=True)
    remaining = subprocess.run([BINARY, "check", connector], capture_output=True, text=True)
    if remaining.returncode != 0:
        pytest.fail(f"the fixture still has errors after the fixes:\n{remaining.stdout}")
    result = try_repo(repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_the_hook_skips_files_that_are_not_connector_files(repo: Path, tmp_path: Path) -> None:
    result = try_repo(repo, tmp_path, "notes.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout
