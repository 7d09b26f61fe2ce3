#!/usr/bin/env python3
"""Validate JSON documents against one definition of docs/amm.schema.json and against the
schema as a whole (each document must match that definition, and so the root's anyOf).

usage: validate.py SCHEMA DEFINITION=FILE...   (exit 1 and the reasons on stderr if not)
"""
import json
import sys

from jsonschema import Draft202012Validator


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    whole = Draft202012Validator(schema)
    bad = 0
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        if name not in schema["$defs"] or {"$ref": "#/$defs/" + name} not in schema["anyOf"]:
            sys.exit("validate.py: %s is not an output of the schema" % name)
        one = dict(schema)
        del one["anyOf"]
        one["$ref"] = "#/$defs/" + name
        try:
            doc = json.load(open(path, encoding="utf-8"))
        except ValueError as e:
            print("%s: no JSON: %s" % (path, e), file=sys.stderr)
            bad += 1
            continue
        for validator in (Draft202012Validator(one), whole):
            for e in validator.iter_errors(doc):
                print("%s (%s): %s: %s" % (path, name, "/".join(map(str, e.absolute_path)),
                                           e.message[:300]), file=sys.stderr)
                bad += 1
    sys.exit(1 if bad else 0)


main()
