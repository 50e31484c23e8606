#!/usr/bin/env python3
"""Start the `analyze` working corpus (corpus/analyze, not committed) from real connectors:
each connector file of up to 64 KB below FOLDER, prefixed with the byte that makes the target
read it as its kind."""

import hashlib
import os
import sys

KINDS = {"apiDefinition.swagger.json": 0, "apiProperties.json": 1, "settings.json": 2, "script.csx": 3}
MAX_BYTES = 64 * 1024


def main(folder: str) -> None:
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "analyze")
    os.makedirs(out, exist_ok=True)
    written = set()
    for root, _, names in os.walk(folder):
        for name in names:
            if name not in KINDS:
                continue
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            if len(data) > MAX_BYTES:
                continue
            data = bytes([KINDS[name]]) + data
            digest = hashlib.sha1(data).hexdigest()
            with open(os.path.join(out, "connector-" + digest), "wb") as f:
                f.write(data)
            written.add(digest)
    print(f"{len(written)} inputs in {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: corpus_from_connectors.py FOLDER  (e.g. ../../shared/corpus)")
    main(sys.argv[1])
