#!/usr/bin/env python3
"""Validate parcours course and interface files against the JSON Schemas in docs/schema/.

Usage:
  validate-schemas.py ROOT
      Validate every ROOT/Paths/*.yml (paths.schema.json), every
      ROOT/Locales/<lang>/<course>.yml (locale.schema.json) and every
      ROOT/Locales/<lang>/ui.yml (ui.schema.json). Prints `file: ok` or each
      error with its location and JSON path. Exits 1 if any file fails, else 0.

  validate-schemas.py [--schemas DIR] --expect-invalid FILE KIND
      KIND is paths, locale or ui. Exits 0 only if FILE is REJECTED (invalid
      YAML or a schema violation), 1 if it is accepted.

The schemas are read from --schemas DIR if given, else from ROOT/docs/schema/
when it exists, else from the docs/schema/ of the repository holding this
script (so a test fixture root needs only Paths/ and Locales/).
Exit status 2 means a usage error or an unreadable schema.
"""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

try:
    import yaml
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError as exc:  # pragma: no cover - environment problem
    print(f"validate-schemas: missing Python module: {exc.name} (needs PyYAML and jsonschema)", file=sys.stderr)
    sys.exit(2)

KINDS = {
    "paths": "paths.schema.json",
    "locale": "locale.schema.json",
    "ui": "ui.schema.json",
}


class LoadError(Exception):
    """A YAML file that cannot be read or parsed."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys and keeps positions of nodes."""


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "found an unhashable key", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"found duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _jsonable(value):
    """Turn what YAML produced into JSON data: keys become strings, dates ISO strings."""
    if isinstance(value, dict):
        return {(k if isinstance(k, str) else _key_text(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _key_text(key):
    # A key YAML read as something else than a string (`no`, `1`, `2024-01-01`...):
    # keep a visible form, which the id patterns then reject.
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (datetime.date, datetime.datetime)):
        return key.isoformat()
    return str(key)


def _positions(node, path=(), out=None):
    """Map JSON paths (tuples) to 1-based (line, column) of the YAML nodes."""
    if out is None:
        out = {}
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                out.setdefault(path + (key, "<key>"), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                _positions(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _positions(item, path + (index,), out)
    return out


def load_yaml(file):
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"cannot read: {exc}")
    try:
        data = yaml.load(text, Loader=_Loader)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None)
        if problem:
            context = getattr(exc, "context", None)
            message = f"{context}: {problem}" if context else problem
        else:
            message = " ".join(str(exc).split())
        raise LoadError(f"{where}invalid YAML: {message}")
    positions = _positions(node) if node is not None else {}
    return _jsonable(data), positions


def json_path(parts):
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and part.replace("-", "_").isidentifier():
            out += f".{part}"
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


def position_of(positions, parts):
    parts = tuple(parts)
    for end in range(len(parts), -1, -1):
        if parts[:end] in positions:
            return positions[parts[:end]]
    return None


def _describe(error):
    """(JSON path parts, message) for one validation error, worded for authors."""
    parts = list(error.absolute_path)
    if error.validator in ("oneOf", "anyOf") and error.context:
        # Pick the alternative whose shape fits best: the fewest errors about
        # the value itself (wrong type, missing or unexpected keys).
        depth = len(error.absolute_path)
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)

        def misfit(errors):
            same_level = [e for e in errors if len(e.absolute_path) == depth]
            return sum(10 if e.validator == "type" else 1 for e in same_level
                       if e.validator in ("type", "required", "additionalProperties", "const", "enum"))

        closest = min(branches.values(), key=misfit)
        best = jsonschema.exceptions.best_match(closest)
        if best is not None and len(best.absolute_path) > len(error.absolute_path):
            # One alternative clearly came closest: report its precise error.
            return _describe(best)
        if best is not None:
            return parts, f"{error.message} (closest: {_describe(best)[1]})"
    if error.validator == "not" and error.validator_value == {} and parts:
        # `{"not": {}}` marks a key the format does not have in this place
        # (for example `choices` on a step that is not a question).
        return parts, f"{parts[-1]!r} is not allowed here"
    if error.validator == "type" and isinstance(error.instance, bool) and "string" in str(error.validator_value):
        return parts, (f"{error.message} (YAML reads unquoted yes/no/on/off/true/false as booleans: "
                       "quote the value or pick another id)")
    return parts, error.message


def load_schema(schema_dir, kind):
    schema_file = Path(schema_dir) / KINDS[kind]
    try:
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as exc:
        print(f"validate-schemas: bad schema {schema_file}: {exc}", file=sys.stderr)
        sys.exit(2)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_file(file, validator, display=None):
    """Return the list of error lines for file (empty when valid)."""
    display = display or str(file)
    try:
        data, positions = load_yaml(file)
    except LoadError as exc:
        return [f"{display}: {exc}"]
    if data is None:
        return [f"{display}: 1:1: the file is empty"]
    lines = []
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for error in errors:
        parts, message = _describe(error)
        where = position_of(positions, parts)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict) \
                and isinstance(error.schema, dict):
            # Point at the first key the format does not have, not at its mapping.
            known = error.schema.get("properties", {})
            extra = [k for k in error.instance if k not in known]
            if extra:
                where = positions.get(tuple(parts) + (extra[0], "<key>"), where)
        location = f"{where[0]}:{where[1]}: " if where else ""
        lines.append(f"{display}: {location}{json_path(parts)}: {message}")
    return lines


def discover(root):
    """Yield (kind, file) for every file to validate under root, sorted."""
    root = Path(root)
    for file in sorted((root / "Paths").glob("*.yml")):
        yield "paths", file
    for file in sorted((root / "Locales").glob("*/*.yml")):
        yield ("ui" if file.name == "ui.yml" else "locale"), file


def _schema_dir(explicit, root):
    """--schemas DIR, else ROOT/docs/schema when it exists, else this repository's docs/schema."""
    if explicit:
        return Path(explicit)
    if root and (Path(root) / "docs" / "schema").is_dir():
        return Path(root) / "docs" / "schema"
    return Path(__file__).resolve().parent.parent.parent / "docs" / "schema"


def main(argv):
    parser = argparse.ArgumentParser(
        description="Validate parcours YAML files against docs/schema/*.schema.json.")
    parser.add_argument("root", nargs="?", help="repository root holding Paths/, Locales/ and docs/schema/")
    parser.add_argument("--expect-invalid", nargs=2, metavar=("FILE", "KIND"),
                        help="exit 0 only if FILE is rejected by the KIND schema (paths, locale or ui)")
    parser.add_argument("--schemas", metavar="DIR", help="directory of the schemas (default: ROOT/docs/schema)")
    args = parser.parse_args(argv)

    if args.expect_invalid:
        file, kind = args.expect_invalid
        if kind not in KINDS:
            parser.error(f"KIND must be one of {', '.join(KINDS)}, not {kind!r}")
        if not os.path.isfile(file):
            parser.error(f"no such file: {file}")
        schema_dir = _schema_dir(args.schemas, args.root)
        problems = check_file(file, load_schema(schema_dir, kind))
        if problems:
            for line in problems:
                print(line)
            print(f"{file}: rejected as expected")
            return 0
        print(f"{file}: ok, but it was expected to be rejected by the {kind} schema")
        return 1

    if not args.root:
        parser.error("a repository root is needed (or --expect-invalid FILE KIND)")
    root = Path(args.root)
    if not root.is_dir():
        parser.error(f"not a directory: {root}")
    schema_dir = _schema_dir(args.schemas, root)
    validators = {kind: load_schema(schema_dir, kind) for kind in KINDS}

    failed = 0
    count = 0
    for kind, file in discover(root):
        count += 1
        display = os.path.relpath(file, root)
        problems = check_file(file, validators[kind], display)
        if problems:
            failed += 1
            for line in problems:
                print(line)
        else:
            print(f"{display}: ok")
    if count == 0:
        print(f"validate-schemas: no Paths/*.yml or Locales/*/*.yml under {root}", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
