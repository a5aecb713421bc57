#!/usr/bin/env python3
"""Checks DSSE envelopes and their payloads against the JSON Schemas in docs/schemas/.

usage: check-payloads.py [--schemas DIR] [FILE ...]      NDJSON feeds or one envelope per line (stdin: -)
       check-payloads.py [--schemas DIR] --url https://HOST:PORT [--url ...]
                                                         a live node's /v1/changes, /v1/heads, /v1/endorsements
       check-payloads.py --self-test                     bad samples must fail, good ones pass, and the
                                                         schemas' enums match Sources/CatalogCore/Vocabularies

Feed header lines (an object with `count` and no `payload`) and blank lines are skipped. Each
envelope is checked against envelope.schema.json and for its size (262,144 bytes; 2,048 for
heads, endorsements and key rotations); its payload is base64-decoded, parsed as JSON and checked
against the schema of its payloadType (an entry payload with `deleted: true` against
tombstone-payload.schema.json). Envelope and payload must be strict JSON (no key twice, no NaN, at
most 32 deep, integers without fraction or exponent). One line per failure: `FILE:LINE payloadType: json-path: message`,
paths under `$.payload` being paths in the decoded payload. Signatures are not verified.
Exit status: 0 when everything is valid, 1 on any failure, 2 on usage errors or unreadable input.
Needs jsonschema 4.x (with referencing).
"""
import argparse
import base64
import decimal
import json
import re
import ssl
import sys
import urllib.request
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schemas"
PREFIX = "application/vnd.clusterexchange."
SCHEMA_OF_TYPE = {
    PREFIX + "entry+json": "entry-payload",
    PREFIX + "head+json": "head-payload",
    PREFIX + "endorsement+json": "endorsement-payload",
    PREFIX + "key-rotation+json": "key-rotation-payload",
}
MAX_BYTES, MAX_STATEMENT_BYTES, MAX_DEPTH = 262_144, 2_048, 32


def strict_json(data):
    """Parses UTF-8 JSON bytes by the protocol's form rules (PROTOCOL.md, "Form"): json.loads
    already refuses a byte order mark, trailing commas, comments, leading zeros, raw control
    characters and anything after the value; this also refuses NaN and Infinity, a key twice in
    one object, nesting deeper than 32 and lone surrogates. Numbers with a fraction or exponent
    become Decimals, so that `1.0` is no integer to the schemas."""

    def pairs(items):
        keys = [key for key, _ in items]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"the key {key!r} appears twice in one object")
        return dict(items)

    def constant(name):
        raise ValueError(f"{name} is not JSON")

    def walk(value, depth):
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise ValueError(f"nested deeper than {MAX_DEPTH}")
            for item in (value if isinstance(value, list) else [*value.keys(), *value.values()]):
                walk(item, depth + 1)
        elif isinstance(value, str):
            value.encode("utf-8")  # a lone surrogate (from a \u escape) raises

    value = json.loads(data.decode("utf-8"), object_pairs_hook=pairs, parse_constant=constant,
                       parse_float=decimal.Decimal)
    walk(value, 1)
    return value


def ecma_pattern(validator, pattern, instance, schema):
    """`pattern` as ECMA-262 reads it: Python's `$` also matches before a final newline, so the
    final `$` every anchored pattern of ours ends with is read as `\\Z`."""
    if not validator.is_type(instance, "string"):
        return
    python = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if not re.search(python, instance):
        shown = f" {pattern!r}" if len(pattern) <= 80 else " the pattern"
        yield jsonschema.ValidationError(f"{instance!r:.120} does not match{shown}")


# Registered for the draft 2020-12 meta-schema, so that `$ref`s into the other files use it too.
Validator = jsonschema.validators.validates("https://json-schema.org/draft/2020-12/schema")(
    jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": ecma_pattern}))


def load_validators(directory):
    resources, validators = [], {}
    for path in sorted(Path(directory).glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        resources.append((schema["$id"], Resource.from_contents(schema)))
        validators[path.name.removesuffix(".schema.json")] = schema
    registry = Registry().with_resources(resources)
    return {name: Validator(schema, registry=registry) for name, schema in validators.items()}


class Checker:
    def __init__(self, validators):
        self.v = validators
        self.envelopes = self.valid = self.failures = 0
        self.by_type = {}

    def fail(self, where, ptype, path, message):
        self.failures += 1
        print(f"{where} {ptype}: {path}: {message}")

    def errors(self, name, instance, prefix, where, ptype):
        found = sorted(self.v[name].iter_errors(instance), key=lambda e: list(e.absolute_path))
        for error in found:
            message = error.message
            if error.validator == "not" and "description" in (error.validator_value or {}):
                message = f"{error.instance!r:.120} holds {error.validator_value['description']}"
            message = message if len(message) <= 200 else message[:199] + "…"
            self.fail(where, ptype, prefix + error.json_path[1:], message)
        return bool(found)

    def line(self, where, raw):
        """Checks one line (bytes, without its LF), printing its failures and counting."""
        if not raw.strip():
            return
        try:
            envelope = strict_json(raw)
        except (ValueError, RecursionError) as error:  # not UTF-8, or not strict JSON
            self.envelopes += 1
            self.fail(where, "-", "$", f"not strict JSON: {error}")
            return
        if isinstance(envelope, dict) and "count" in envelope and "payload" not in envelope:
            return  # a feed header
        self.envelopes += 1
        ptype = envelope.get("payloadType") if isinstance(envelope, dict) else None
        ptype = ptype if isinstance(ptype, str) else "-"
        bad = self.errors("envelope", envelope, "$", where, ptype)
        limit = MAX_BYTES if ptype == PREFIX + "entry+json" else MAX_STATEMENT_BYTES
        if len(raw) > limit:
            bad = True
            self.fail(where, ptype, "$", f"envelope of {len(raw)} bytes exceeds {limit}")
        if b"\r" in raw:
            bad = True
            self.fail(where, ptype, "$", "an envelope holds no CR")
        if ptype not in SCHEMA_OF_TYPE or not isinstance(envelope.get("payload"), str):
            return
        try:
            payload = strict_json(base64.b64decode(envelope["payload"], validate=True))
        except (ValueError, RecursionError) as error:  # binascii.Error is a ValueError
            self.fail(where, ptype, "$.payload", f"not base64 of strict JSON: {error}")
            return
        name = SCHEMA_OF_TYPE[ptype]
        if name == "entry-payload" and isinstance(payload, dict) and payload.get("deleted") is True:
            name = "tombstone-payload"
        bad = self.errors(name, payload, "$.payload", where, ptype) or bad
        key = name.removesuffix("-payload")
        self.by_type[key] = self.by_type.get(key, 0) + 1
        if not bad:
            self.valid += 1

    def lines(self, label, data):
        for number, raw in enumerate(data.split(b"\n"), 1):
            self.line(f"{label}:{number}", raw)

    def summary(self):
        counts = ", ".join(f"{name} {count}" for name, count in sorted(self.by_type.items()))
        print(f"by type: {counts or 'none'}")
        print(f"{self.envelopes} envelopes, {self.valid} payloads valid, {self.failures} failures")


def fetch(url):
    with urllib.request.urlopen(url, context=ssl._create_unverified_context(), timeout=30) as answer:
        return answer.read()


def check_node(checker, base):
    base = base.rstrip("/")
    since = 0
    while True:
        url = f"{base}/v1/changes?since={since}&limit=1000"
        page = fetch(url)
        checker.lines(url, page)
        header = json.loads(page.split(b"\n", 1)[0])
        if not header.get("more"):
            break
        if header.get("next", since) <= since:
            raise OSError(f"{url}: the feed's next ({header.get('next')}) does not move past {since}")
        since = header["next"]
    for route in ("/v1/heads", "/v1/endorsements"):
        checker.lines(base + route, fetch(base + route))


# --------------------------------------------------------------------------------------------------
# --self-test: hand-made payloads, each either valid or broken in one way.

KEY_A = "ed25519:" + base64.b64encode(bytes(range(32))).decode()
KEY_B = "ed25519:" + base64.b64encode(bytes(range(1, 33))).decode()
SIG = base64.b64encode(bytes(range(64))).decode()
T = PREFIX + "{}+json"

ENTRY = {"deleted": False, "id": "gmp-grundlagen-2027", "origin": "medicalmountains", "seq": 42,
         "updated": "2026-11-29T09:12:00Z",
         "entry": {"id": "gmp-grundlagen-2027", "type": "training", "title": {"de": "GMP-Grundlagen"},
                   "topics": ["medtech"], "regions": ["DE-BW"], "visibility": "federated", "format": "seminar",
                   "url": "https://akademie.example/gmp", "price": {"amount": "450.00", "currency": "EUR"},
                   "contact": {"email": "akademie@cluster.example"},
                   "sessions": [{"id": "fruehjahr", "start": "2027-03-15T09:00", "end": "2027-03-15T17:00",
                                 "mode": "onsite", "location": {"city": "Tuttlingen", "region": "DE-BW"}}]}}
OFFERING = {"deleted": False, "id": "matchmaking-2027", "origin": "clusterplattform", "seq": 3,
            "updated": "2026-11-29T09:12:00Z", "newerField": True,
            "entry": {"id": "matchmaking-2027", "type": "offering", "kind": "matchmaking", "topics": ["ict"],
                      "title": {"en": "Matchmaking"}, "summary": {"en": "Two lines\nof text."},
                      "price": {"free": True}, "validFrom": "2028-02-29", "futureField": {"x": 1}}}
TOMBSTONE = {"deleted": True, "id": "gmp-grundlagen-2027", "origin": "medicalmountains", "seq": 43,
             "updated": "2026-11-30T10:00:00Z"}
HEAD = {"digest": "sha256:" + "0" * 64, "expires": "2026-12-29T09:12:00Z", "issued": "2026-11-29T09:12:00Z",
        "live": 17, "origin": "medicalmountains", "seq": 42}
ENDORSEMENT = {"endorser": "bw-agency", "expires": "2027-11-29T09:21:11Z", "issued": "2026-11-29T09:21:11Z",
               "key": KEY_A, "level": "cluster", "region": "DE-BW", "revoked": False, "subject": "medicalmountains"}
ROTATION = {"fromSeq": 43, "issued": "2027-01-10T08:00:00Z", "newKey": KEY_B, "oldKey": KEY_A,
            "origin": "medicalmountains"}


def envelope(payload, kind="entry", signatures=1, drop=(), **changes):
    """An envelope line of `payload` with `signatures` made-up signatures (a count, or the list)."""
    if isinstance(signatures, int):
        signatures = [{"keyid": f"medicalmountains#{i:016x}", "sig": SIG} for i in range(signatures)]
    env = {"payload": base64.b64encode(json.dumps(payload).encode()).decode(), "payloadType": T.format(kind),
           "signatures": signatures, **changes}
    for field in drop:
        del env[field]
    return json.dumps(env).encode()


def envelope_raw(text, canonical=True):
    """An entry envelope of the payload JSON `text`, as written; not `canonical`: with a pad bit set."""
    while not canonical and len(text.encode()) % 3 != 1:
        text += " "  # one byte in the last group: two characters and "=="
    payload = base64.b64encode(text.encode()).decode()
    if not canonical:
        payload = payload[:-3] + chr(ord(payload[-3]) + 1) + "=="  # A, Q, g or w: its low bits set
    env = {"payload": payload, "payloadType": T.format("entry"),
           "signatures": [{"keyid": "medicalmountains#0123456789abcdef", "sig": SIG}]}
    return json.dumps(env).encode()


def changed(payload, path, value):
    """A deep copy of `payload` with the value at `path` (keys and indexes) replaced, or removed
    when `value` is DELETE."""
    copy = json.loads(json.dumps(payload))
    target = copy
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return copy


DELETE = object()

GOOD = {
    "a training": envelope(ENTRY),
    "an offering with unknown fields": envelope(OFFERING, signatures=2, futureEnvelopeField=1),
    "a tombstone": envelope(TOMBSTONE),
    "a head": envelope(HEAD, "head"),
    "an empty catalog's head (seq 0)": envelope(dict(HEAD, seq=0, live=0), "head"),
    "an endorsement": envelope(ENDORSEMENT, "endorsement"),
    "a revocation": envelope(dict(ENDORSEMENT, revoked=True), "endorsement"),
    "a key rotation": envelope(ROTATION, "key-rotation", signatures=2),
}
BAD = {
    "an unknown payloadType": envelope(ENTRY, "catalog"),
    "a missing signature": envelope(ENTRY, signatures=0),
    "no signatures field": envelope(ENTRY, drop=["signatures"]),
    "five signatures": envelope(ENTRY, signatures=5),
    "a signature of 63 bytes": envelope(ENTRY, signatures=[{"keyid": "medicalmountains#0123456789abcdef",
                                                            "sig": base64.b64encode(bytes(63)).decode()}]),
    "a keyid in upper-case hex": envelope(ENTRY, signatures=[{"keyid": "medicalmountains#0123456789ABCDEF",
                                                              "sig": SIG}]),
    "a payload that is not base64": envelope(ENTRY).replace(b'"payload": "eyJ', b'"payload": "*eyJ'),
    "seq 0 on an entry": envelope(changed(ENTRY, ["seq"], 0)),
    "a bad slug as id": envelope(changed(changed(ENTRY, ["id"], "GMP_Kurs"), ["entry", "id"], "GMP_Kurs")),
    "an origin starting with a digit": envelope(changed(ENTRY, ["origin"], "1cluster")),
    "a slug with a trailing newline": envelope(changed(ENTRY, ["id"], "gmp-grundlagen-2027\n")),
    "an entry id with a trailing newline": envelope(changed(ENTRY, ["entry", "id"], "gmp-grundlagen-2027\n")),
    "an http:// URL": envelope(changed(ENTRY, ["entry", "url"], "http://akademie.example/gmp")),
    "an http:// online URL": envelope(changed(ENTRY, ["entry", "sessions", 0, "onlineUrl"], "http://x.example")),
    "a time with an offset in updated": envelope(changed(ENTRY, ["updated"], "2026-11-29T10:12:00+01:00")),
    "a date that does not exist": envelope(changed(OFFERING, ["entry", "validFrom"], "2027-02-29")),
    "a title in French only": envelope(changed(ENTRY, ["entry", "title"], {"fr": "Bonjour"})),
    "a line break in a title": envelope(changed(ENTRY, ["entry", "title", "de"], "GMP\nGrundlagen")),
    "four topics": envelope(changed(ENTRY, ["entry", "topics"], ["medtech", "pharma", "ict", "energy"])),
    "an unknown topic": envelope(changed(ENTRY, ["entry", "topics"], ["medizin"])),
    "an offering without kind": envelope(changed(OFFERING, ["entry", "kind"], DELETE)),
    "an offering with a format": envelope(changed(OFFERING, ["entry", "format"], "seminar")),
    "an onsite session without location": envelope(changed(ENTRY, ["entry", "sessions", 0, "location"], DELETE)),
    "a price without currency": envelope(changed(ENTRY, ["entry", "price", "currency"], DELETE)),
    "a contact without email or phone": envelope(changed(ENTRY, ["entry", "contact"], {"name": "Eva"})),
    "a tombstone carrying an entry": envelope(dict(TOMBSTONE, entry=ENTRY["entry"])),
    "an entry payload without entry": envelope(changed(ENTRY, ["entry"], DELETE)),
    "a head with seq -1": envelope(dict(HEAD, seq=-1), "head"),
    "a head with a bad digest": envelope(dict(HEAD, digest="sha256:XYZ"), "head"),
    "an endorsement of an unknown region": envelope(dict(ENDORSEMENT, region="DE-XX"), "endorsement"),
    "an endorsement without revoked": envelope(changed(ENDORSEMENT, ["revoked"], DELETE), "endorsement"),
    "a key rotation with one signature": envelope(ROTATION, "key-rotation", signatures=1),
    "a key rotation from seq 0": envelope(dict(ROTATION, fromSeq=0), "key-rotation", signatures=2),
    "a seq written 42.0": envelope_raw(json.dumps(ENTRY).replace('"seq": 42', '"seq": 42.0')),
    "a seq above 2^53-1": envelope(changed(ENTRY, ["seq"], 2**53)),
    "a key twice in the payload": envelope_raw(json.dumps(ENTRY).replace('"seq": 42', '"seq": 42, "seq": 43')),
    "NaN in the payload": envelope_raw(json.dumps(changed(ENTRY, ["entry", "durationHours"], float("nan")))),
    "a payload in non-canonical base64": envelope_raw(json.dumps(ENTRY), canonical=False),
    "an endorsement at level national": envelope(dict(ENDORSEMENT, level="national"), "endorsement"),
    "a head envelope over 2,048 bytes": envelope(dict(HEAD, padding="x" * 2000), "head"),
}


VOCABULARIES = Path(__file__).resolve().parent.parent / "Sources" / "CatalogCore" / "Vocabularies"


def vocabulary_drift(validators):
    """Names every enum of the schemas that differs from its vocabulary file's slugs."""
    entry, d = validators["entry"].schema, validators["entry"].schema["$defs"]
    uses = {
        "topics": [entry["properties"]["topics"]["items"]], "kinds": [entry["properties"]["kind"]],
        "formats": [entry["properties"]["format"]], "audiences": [entry["properties"]["audience"]["items"]],
        "modes": [d["session"]["properties"]["mode"]],
        "languages": [entry["properties"]["languages"]["items"], entry["properties"]["title"]["propertyNames"],
                      d["session"]["properties"]["language"]],
        "regions": [entry["properties"]["regions"]["items"], d["location"]["properties"]["region"],
                    validators["endorsement-payload"].schema["properties"]["region"]],
    }
    for name, enums in uses.items():
        slugs = [term["id"] for term in json.loads((VOCABULARIES / f"{name}.json").read_text())["terms"]]
        if any(enum["enum"] != slugs for enum in enums):
            yield name


def self_test(validators):
    ok = True
    if VOCABULARIES.is_dir():
        drift = list(vocabulary_drift(validators))
        print(f"vocabularies: {'enums differ from ' + ', '.join(drift) if drift else 'the enums match'}")
        ok = not drift
    for expect_valid, samples in ((True, GOOD), (False, BAD)):
        for name, line in samples.items():
            checker = Checker(validators)
            print(f"--- {'good' if expect_valid else 'bad'}: {name}")
            checker.line("sample:1", line)
            passed = (checker.failures == 0) == expect_valid
            ok = ok and passed
            print("ok" if passed else f"WRONG: {'refused' if expect_valid else 'accepted'}")
    print("self-test passed" if ok else "self-test FAILED")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", metavar="FILE", help="NDJSON or one envelope per line; - for stdin")
    parser.add_argument("--url", action="append", default=[], help="a live node, https://host:port")
    parser.add_argument("--schemas", default=SCHEMAS, help="the schema directory (default: docs/schemas)")
    parser.add_argument("--self-test", action="store_true", help="check the hand-made samples")
    args = parser.parse_args()
    if args.self_test and (args.files or args.url):
        parser.error("--self-test takes no files or urls")
    try:
        validators = load_validators(args.schemas)
        missing = {"envelope", *SCHEMA_OF_TYPE.values(), "tombstone-payload"} - set(validators)
        if missing:
            raise OSError(f"{args.schemas}: no {', '.join(sorted(missing))} schema")
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        print(f"check-payloads: {error}", file=sys.stderr)
        return 2
    if args.self_test:
        return self_test(validators)
    checker = Checker(validators)
    try:
        for url in args.url:
            check_node(checker, url)
        for name in args.files or ([] if args.url else ["-"]):
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            checker.lines("<stdin>" if name == "-" else name, data)
    except (OSError, ValueError) as error:
        print(f"check-payloads: {error}", file=sys.stderr)
        return 2
    checker.summary()
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
