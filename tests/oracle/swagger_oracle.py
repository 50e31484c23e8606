"""An independent oracle for connector-ls: openapi-spec-validator over a folder of connectors.

Every place where openapi-spec-validator rejects a Swagger 2.0 definition must get a
connector-ls finding (certification profile) at that place or inside it. Run by .ci/run over
../shared/corpus:

    python swagger_oracle.py CONNECTOR_LS CORPUS_DIR

Exit status 1 lists each rejection connector-ls does not report, except those it rightly does
not (`not_checked`, each with its reason: where the oracle is wrong for Power Platform, or
checks values connector-ls leaves alone by design).
"""

import json
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from openapi_spec_validator import OpenAPIV2SpecValidator
from openapi_spec_validator.validation import keywords

# Default values and schemas are checked on their own, with paths relative to them: prefix each
# error's path with where the value or schema is, so that every rejection has its place.
_check_value = keywords.ValueValidator.__call__
_check_schema_meta = keywords.SchemaValidator._validate_schema_meta


def _placed_value_errors(self, schema, value):
    for error in _check_value(self, schema, value):
        error.path.extendleft(reversed([*schema.parts, "default"]))
        yield error


def _placed_schema_meta_error(self, schema, schema_value):
    error = _check_schema_meta(self, schema, schema_value)
    if error is not None:
        error.path.extendleft(reversed(list(schema.parts)))
    return error


keywords.ValueValidator.__call__ = _placed_value_errors
keywords.SchemaValidator._validate_schema_meta = _placed_schema_meta_error


def pointer(parts):
    """The JSON pointer of a path."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def physical(spec, parts):
    """The path where `parts` (which may run through `$ref`s) lands in the file itself."""
    place, node = [], spec
    for part in parts:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and part not in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                break
            place = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
            node = spec
            for p in place:
                node = node.get(p) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
        place.append(part)
    return place


def not_checked(spec, parts, error):
    """Why connector-ls rightly reports nothing for this rejection, or None."""
    # Swagger 2.0 allows `type: file` at the root of a response schema (the JSON schema of
    # Swagger 2.0 that the oracle uses does not).
    if error.validator == "anyOf" and parts[-2:] == ["schema", "type"] and "responses" in parts:
        if error.instance == "file":
            return "type: file at the root of a response schema, which Swagger 2.0 allows"
    if "default" in parts and error.validator == "format":
        return (
            "the format of a default: the platform sends it as written, and defaults such as "
            "'@{addDays(utcNow(),7)}' are expressions it evaluates"
        )
    if "default" in parts and error.validator == "required" and error.instance == {}:
        return "the required properties of an empty object default ({}), which says nothing"
    if "default" in parts and error.validator == "pattern":
        return "the pattern of a default: connector-ls does not run ECMA regular expressions"
    return None


def places(spec, error):
    """Where a rejection may be reported: the place of the error, or the place that holds the
    other side of it."""
    parts = physical(spec, list(error.absolute_path))
    found = [parts]
    # An unknown key: the error is at its object, the finding at the key.
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        patterns = error.schema.get("patternProperties", {})
        for key in error.instance:
            if key not in allowed and not any(re.search(p, key) for p in patterns):
                found.append([*parts, key])
    # A default outside its enum, when the enum is written in the wrong type: the finding is
    # at the enum.
    if error.validator == "enum" and parts[-1:] == ["default"]:
        found.append([*parts[:-1], "enum"])
    return parts, found


def rejections(path):
    """The oracle's rejections of one definition: (places, message, reason it is not ours)."""
    try:
        spec = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return []  # connector-ls reports the syntax; the oracle has nothing to say
    if not isinstance(spec, dict) or spec.get("swagger") != "2.0":
        return []
    found = []
    for error in OpenAPIV2SpecValidator(spec).iter_errors():
        parts, alternatives = places(spec, error)
        reason = not_checked(spec, parts, error)
        found.append(([pointer(p) for p in alternatives], error.message[:160], reason))
    return found


def covered(place, pointers):
    """Whether a finding sits at `place` or inside it (at the root: exactly there)."""
    if not place:
        return "" in pointers
    return any(p == place or p.startswith(place + "/") for p in pointers)


def main():
    binary, corpus = sys.argv[1], Path(sys.argv[2])
    run = subprocess.run(
        [binary, "check", "--profile", "certification", "--format", "json", str(corpus)],
        capture_output=True,
        text=True,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"connector-ls failed ({run.returncode}): {run.stderr[-2000:]}")
    pointers = {}
    for finding in json.loads(run.stdout):
        key = str(Path(finding["file"]).resolve())
        pointers.setdefault(key, set()).add(finding["pointer"])

    definitions = sorted(str(p.resolve()) for p in corpus.glob("**/apiDefinition.swagger.json"))
    missed, unchecked, total = [], {}, 0
    with ProcessPoolExecutor() as pool:
        for path, found in zip(definitions, pool.map(rejections, definitions, chunksize=8)):
            for alternatives, message, reason in found:
                total += 1
                if reason:
                    unchecked[reason] = unchecked.get(reason, 0) + 1
                elif not any(covered(p, pointers.get(path, set())) for p in alternatives):
                    missed.append(f"{Path(path).parent.name}: {alternatives[0] or '/'}: {message}")
    print(
        f"openapi-spec-validator: {total} rejections in {len(definitions)} definitions; "
        f"{total - sum(unchecked.values()) - len(missed)} reported by connector-ls, "
        f"{sum(unchecked.values())} rightly not, {len(missed)} missed"
    )
    for reason, count in sorted(unchecked.items()):
        print(f"  not reported ({count}): {reason}")
    for line in missed:
        print("  missed", line)
    if total == 0:
        sys.exit("the oracle rejected nothing at all: it is not running as it should")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
