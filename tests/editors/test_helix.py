"""editors/helix/languages.toml: Helix cannot be installed here, so this parses the file and
replays Helix's own rules for it.

Those rules, read from Helix's source (helix-core/src/syntax.rs and syntax/config.rs, 2026):
- a `{ glob = "..." }` file type that does not start with "/" or "*/" gets "*/" in front and is
  matched (globset, where "*" also crosses "/") against the file's absolute path;
- glob matches win over extensions, and among globs the longest pattern wins;
- a language's keys are checked strictly (serde `deny_unknown_fields`);
- `roots` are globs matched against the names of the entries of each ancestor folder on master,
  but taken literally up to the latest release (25.07.1): so they hold no wildcard;
- highlight (and other) queries are found by language name under runtime/queries/<language>/.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "editors" / "helix" / "languages.toml").read_text())
EXAMPLES = ROOT / "fixtures" / "examples"

# The keys Helix's LanguageConfiguration accepts (it denies the others). `comment-token` is
# the alias that Helix 23.10 already read.
LANGUAGE_KEYS = {
    "name", "language-id", "scope", "file-types", "shebangs", "roots", "comment-tokens",
    "comment-token", "block-comment-tokens", "text-width", "soft-wrap", "auto-format",
    "code-actions-on-save", "formatter", "path-completion", "word-completion",
    "diagnostic-severity", "grammar", "injection-regex", "language-servers", "indent",
    "debugger", "auto-pairs", "rulers", "workspace-lsp-roots", "persistent-diagnostic-sources",
    "rainbow-brackets",
}
SERVER_KEYS = {"command", "args", "environment", "config", "timeout", "required-root-patterns"}

# Helix's built-in entries that could claim connector files (from its languages.toml).
BUILTIN = [
    {"name": "json", "file-types": ["json"]},
    {"name": "jsonc", "file-types": ["jsonc", {"glob": "{t,j}sconfig.json"}, {"glob": ".vscode/*.json"}]},
    {"name": "c-sharp", "file-types": ["cs", "csx", "cake"]},
]


def glob_regex(glob: str) -> re.Pattern[str]:
    """globset's default syntax, for the subset these files use: `*`, `?`, `{a,b}`."""
    assert not re.search(r"[\[\]\\]|\*\*", glob), f"{glob}: syntax this test does not replay"
    out = ""
    for part in re.split(r"(\{[^}]*\}|\*|\?)", glob):
        if part == "*":
            out += ".*"
        elif part == "?":
            out += "."
        elif part.startswith("{"):
            out += "(?:" + "|".join(re.escape(a) for a in part[1:-1].split(",")) + ")"
        else:
            out += re.escape(part)
    return re.compile(out + r"\Z", re.S)


def file_type_glob(glob: str) -> str:
    return glob if glob.startswith("/") or glob.startswith("*/") else "*/" + glob


def language_for(path: str, languages: list[dict]) -> str | None:
    """Helix's Loader::language_for_filename."""
    matches = []
    for language in languages:
        for file_type in language["file-types"]:
            if isinstance(file_type, dict):
                glob = file_type_glob(file_type["glob"])
                if glob_regex(glob).match(path):
                    matches.append((len(glob), language["name"]))
    if matches:
        return max(matches)[1]
    extension = path.rsplit(".", 1)[-1]
    for language in languages:
        if extension in [f for f in language["file-types"] if isinstance(f, str)]:
            return language["name"]
    return None


OURS = CONFIG["language"]
EVERYTHING = BUILTIN + OURS
OUR_NAMES = {"power-connector", "power-connector-script"}


def test_declares_the_server():
    server = CONFIG["language-server"]["connector-ls"]
    assert set(server) <= SERVER_KEYS
    assert server["command"] == "connector-ls"
    assert server["args"] == ["lsp"]
    # Helix sends `config` as initializationOptions: the shape the server reads.
    assert server["config"] == {"rules": {}}


def test_languages_are_valid_for_helix():
    assert {language["name"] for language in OURS} == OUR_NAMES
    for language in OURS:
        assert set(language) <= LANGUAGE_KEYS, set(language) - LANGUAGE_KEYS
        assert {"name", "scope", "file-types"} <= set(language)
        assert "connector-ls" in language["language-servers"]
        for server in language["language-servers"]:
            assert isinstance(server, str)
    definition = next(lang for lang in OURS if lang["name"] == "power-connector")
    # JSON stays JSON: grammar, and language id for vscode-json-language-server.
    assert definition["grammar"] == "json" and definition["language-id"] == "json"
    script = next(lang for lang in OURS if lang["name"] == "power-connector-script")
    assert script["grammar"] == "c-sharp" and script["language-id"] == "csharp"


@pytest.mark.parametrize("example", ["contoso-items", "todo-broken"])
def test_globs_take_the_example_connectors(example):
    folder = EXAMPLES / example
    for file in sorted(folder.iterdir()):
        language = language_for(str(file), EVERYTHING)
        if file.name == "settings.json":
            # Left out on purpose (see languages.toml): it stays plain JSON.
            assert language == "json", file
        elif file.suffix == ".csx":
            assert language == "power-connector-script", file
        else:
            assert language == "power-connector", file


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/c/apiDefinition.v2.swagger.json", "power-connector"),
        ("/repo/certified-connectors/Contoso/apiDefinition.swagger.json", "power-connector"),
        ("/repo/.vscode/settings.json", "jsonc"),
        ("/repo/tsconfig.json", "jsonc"),
        ("/repo/package.json", "json"),
        ("/repo/swagger.json", "json"),
        ("/repo/apiDefinition.json", "json"),
        ("/repo/tools/build.csx", "c-sharp"),
        ("/repo/Program.cs", "c-sharp"),
    ],
)
def test_globs_leave_other_files_alone(path, language):
    assert language_for(path, EVERYTHING) == language


def test_roots_mark_the_connector_folder():
    for language in OURS:
        patterns = [glob_regex(root) for root in language["roots"]]
        for example in ["contoso-items", "todo-broken"]:
            names = [f.name for f in (EXAMPLES / example).iterdir()]
            assert any(p.match(n) for p in patterns for n in names), example
        # Not the folders above it (Helix takes the topmost folder with a marker).
        assert not any(p.match(n) for p in patterns for n in ["fixtures", "examples", "README.md"])


def test_roots_are_names_the_latest_release_understands():
    for language in OURS:
        assert not any(set(root) & set("*?[{") for root in language["roots"]), language["roots"]


def test_queries_inherit_the_grammar_of_each_language():
    queries = ROOT / "editors" / "helix" / "queries"
    for language in OURS:
        highlights = queries / language["name"] / "highlights.scm"
        assert highlights.is_file(), highlights
        grammar = {"json": "json", "c-sharp": "c-sharp"}[language["grammar"]]
        assert highlights.read_text().splitlines()[0] == f"; inherits: {grammar}"
