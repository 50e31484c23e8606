"""`connector-ls config schema`: the JSON Schema that TOML editors (taplo in Helix, Neovim and
VS Code's Even Better TOML) use for connector-ls.toml. It must accept what `check` accepts and
reject what `check` refuses, checked here with a real JSON Schema validator on the README's
example and on mistakes."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import jsonschema
import pytest

from conftest import BINARY, EXAMPLES, ROOT

SCHEMA = json.loads(
    subprocess.run([BINARY, "config", "schema"], capture_output=True, text=True, check=True).stdout
)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("**Configuration.**"):]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


def check_exit_code(config: str, tmp_path: Path) -> int:
    path = tmp_path / "team.toml"
    path.write_text(config)
    return subprocess.run(
        [BINARY, "check", "--format", "json", "--config", path, EXAMPLES / "contoso-items"],
        capture_output=True,
    ).returncode


def test_the_schema_is_valid_and_names_every_rule():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    rules = subprocess.run([BINARY, "rules"], capture_output=True, text=True, check=True).stdout
    ids = [line.split()[0] for line in rules.splitlines()]
    assert sorted(SCHEMA["properties"]["rules"]["properties"]) == sorted(ids)
    name, entry = SCHEMA["properties"]["ignore"]["items"]["anyOf"]
    ignore_rules = entry["properties"]["rules"]["items"]["enum"]
    assert sorted(ignore_rules) == sorted(ids)
    # select and ignore take rule ids and family names.
    families = {
        "foundation", "operations", "responses", "schemas", "security", "paths",
        "documentation", "properties", "script", "parameters", "readme", "breaking",
    }
    assert sorted(name["enum"]) == sorted([*ids, *families])
    assert SCHEMA["properties"]["select"]["items"]["enum"] == name["enum"]


ACCEPTED = {
    "readme": readme_example(),
    "a written ignore entry": '[[ignore]]\nrules = ["operation-id-whitespace"]\n'
    'files = ["./Contoso [[]Preview[]]/apiDefinition.swagger.json"]\n'
    'pointers = ["/paths/~1items/get/operationId"]\n',
    "empty": "",
    "a schema directive": '#:schema ./connector-ls.schema.json\n[rules]\nsecret-committed = "error"\n',
    "a selection": 'select = ["operations", "responses", "secret-committed"]\n'
    'ignore = ["response-schema-empty"]\nmin-severity = "warning"\n',
    "names and entries in ignore": 'ignore = ["security", {rules = ["secret-committed"], files = ["a.json"]}]\n',
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_what_check_accepts_the_schema_accepts(name: str, tmp_path: Path):
    config = ACCEPTED[name]
    assert list(VALIDATOR.iter_errors(tomllib.loads(config))) == []
    assert check_exit_code(config, tmp_path) == 0


REFUSED = {
    "unknown rule": '[rules]\nresponse-schema-mising = "off"\n',
    "unknown level": '[rules]\nresponse-schema-missing = "silent"\n',
    "unknown table": "[rule]\n",
    "ignore without rules": '[[ignore]]\nfiles = ["a.json"]\n',
    "unknown rule in ignore": '[[ignore]]\nrules = ["summary-missing"]\n',
    "unknown key in ignore": '[[ignore]]\nrules = ["secret-committed"]\nfile = ["a.json"]\n',
    "pointer without a slash": '[[ignore]]\nrules = ["secret-committed"]\npointers = ["paths"]\n',
    "rules as a string": '[[ignore]]\nrules = "secret-committed"\n',
    "unknown family in select": 'select = ["operation"]\n',
    "select as a string": 'select = "operations"\n',
    "unknown name in ignore": 'ignore = ["response"]\n',
    "unknown min-severity": 'min-severity = "warn"\n',
    "off is no min-severity": 'min-severity = "off"\n',
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_check_refuses_the_schema_refuses(name: str, tmp_path: Path):
    config = REFUSED[name]
    assert list(VALIDATOR.iter_errors(tomllib.loads(config))) != []
    assert check_exit_code(config, tmp_path) == 2
