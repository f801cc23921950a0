#!/usr/bin/env python3
"""Checks schema/instance.schema.json against the instance examples: every file under
tests/data/instances/valid/ and examples/instances/ must validate, every file under
tests/data/instances/invalid/ must not (the C++ loader is held to the same files by
tests/config/load_instance_test.cpp). With --readme, also checks that the README's configuration
reference lists exactly the keys the schema defines."""
import json
import pathlib
import re
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "schema/instance.schema.json").read_text())
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)


def judged(path):
    errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.path)) or '/'}: {e.message[:120]}" for e in errors]


failures = 0
checked = 0
for folder, want_valid in [("tests/data/instances/valid", True), ("examples/instances", True),
                           ("tests/data/instances/invalid", False)]:
    for path in sorted((root / folder).glob("*.json")):
        try:
            errors = judged(path)
        except json.JSONDecodeError:
            # examples/instances/seed-example-2.json keeps the seed's trailing comma: read it as erpoll does
            text = re.sub(r",(\s*[}\]])", r"\1", path.read_text())
            errors = [f"{e.message}" for e in validator.iter_errors(json.loads(text))]
        checked += 1
        if bool(errors) == want_valid:
            failures += 1
            print(f"FAIL {path.relative_to(root)}: expected {'valid' if want_valid else 'invalid'}",
                  *errors[:5], sep="\n  ")

if "--readme" in sys.argv:
    readme = (root / "README.md").read_text()
    section = readme.split("## Configuration reference", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)`", section, re.M))
    defined = set(schema["definitions"]["eventKeys"]["properties"])
    defined |= set(schema["properties"]["configuration"]["properties"])
    defined |= set(schema["definitions"]["resource"]["properties"])
    defined |= set(schema["definitions"]["datesConfiguration"]["properties"])
    defined |= {"element.key", "name", "tags"}
    for key in sorted(defined - documented):
        failures += 1
        print(f"FAIL README: the configuration reference does not list {key}")
    for key in sorted(documented - defined):
        failures += 1
        print(f"FAIL README: the configuration reference lists {key}, which the schema does not define")
    checked += 1

print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
