#!/usr/bin/env python3
"""Recomputes the Cluster Exchange protocol test vectors and compares them with the files.

    scripts/check-test-vectors.py [DIR]        (default: docs/test-vectors)

Independent of scripts/make-test-vectors.py (it imports nothing from it): keys are derived again
from their names and seeds, every signature is made again and compared byte for byte and verified,
digests are recomputed from the payload bytes, and trust.json's decisions are recomputed with a
plain Python implementation of docs/PROTOCOL.md, "Trust" (as the Swift TrustSet and PageVerifier
read it). Prints one line per group of checks; exits 1 naming every mismatch.

Needs Python 3.9+ and the `cryptography` package.
"""

import base64
import binascii
import datetime
import hashlib
import json
import pathlib
import sys
from collections import namedtuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

TYPES = {
    "entry": "application/vnd.clusterexchange.entry+json",
    "head": "application/vnd.clusterexchange.head+json",
    "endorsement": "application/vnd.clusterexchange.endorsement+json",
    "key-rotation": "application/vnd.clusterexchange.key-rotation+json",
}
SEED_PREFIX = "clusterexchange test vector "
# The regions vocabulary (Sources/CatalogCore/Vocabularies/regions.json): DE and the 16 states.
REGIONS = {"DE"} | {"DE-" + s for s in "BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH".split()}
LEVELS = {"cluster": 0, "agency": 1, "national": 2}


# --- Reporting ------------------------------------------------------------------------------------


class Checks:
    """Counts checks per group and collects the mismatches."""

    def __init__(self):
        self.total = 0
        self.failures = []
        self.group = None
        self.ended = True

    def begin(self, name):
        self.group, self.in_group, self.failed_in_group, self.ended = name, 0, 0, False

    def end(self):
        if self.ended:
            return
        self.ended = True
        status = "ok  " if self.failed_in_group == 0 else "FAIL"
        print(f"{status} {self.group}: {self.in_group - self.failed_in_group}/{self.in_group} checks passed")

    def that(self, condition, what) -> bool:
        self.total += 1
        self.in_group += 1
        if not condition:
            self.failed_in_group += 1
            self.failures.append(f"{self.group}: {what}")
        return bool(condition)

    def equal(self, in_file, recomputed, what) -> bool:
        return self.that(in_file == recomputed, f"{what}: the file says {in_file!r}, recomputed {recomputed!r}")


# --- Primitives -----------------------------------------------------------------------------------


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def b64decode(text: str) -> bytes:
    """Standard base64 with padding in its one canonical form (PROTOCOL.md, "Form"): `AB==` is
    refused where `AA==` spells the same byte."""
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if base64.b64encode(data).decode("ascii") != text:
        raise ValueError(f"not canonical base64: {text[:24]}...")
    return data


def strict_json(data: bytes):
    """JSON that no two readers could read differently: no object holds the same key twice."""
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"a key appears twice in one object: {sorted(keys)}")
        return dict(pairs)
    return json.loads(data, object_pairs_hook=no_duplicates)


def pae(payload_type: str, payload: bytes) -> bytes:
    t = payload_type.encode("utf-8")
    return b"DSSEv1 " + str(len(t)).encode() + b" " + t + b" " + str(len(payload)).encode() + b" " + payload


def swift_json(value) -> bytes:
    """The bytes the Swift encoder (JSONEncoder, .sortedKeys, .withoutEscapingSlashes) writes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verifies(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def instant(text: str) -> datetime.datetime:
    """RFC 3339 UTC with whole seconds, `2027-01-10T08:00:00Z`."""
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def key_raw(text: str) -> bytes:
    assert text.startswith("ed25519:"), text
    return b64decode(text[len("ed25519:"):])


def keyid(origin: str, public_text: str) -> str:
    return origin + "#" + sha256_hex(key_raw(public_text))[:16]


# --- Keys -----------------------------------------------------------------------------------------

Key = namedtuple("Key", "name origin private public_text")


def check_key(checks: Checks, item: dict) -> Key:
    """Derives the key from its name and compares every field the file gives for it."""
    name = item["name"]
    seed = hashlib.sha256((SEED_PREFIX + name).encode("utf-8")).digest()
    checks.equal(item["seed"], seed.hex(), f"seed of {name}")
    private = Ed25519PrivateKey.from_private_bytes(seed)
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    public_text = "ed25519:" + base64.b64encode(raw).decode("ascii")
    checks.equal(item["publicKey"], public_text, f"public key of {name}")
    checks.equal(item["fingerprint"], sha256_hex(raw), f"fingerprint of {name}")
    origin = item["keyid"].split("#", 1)[0]
    checks.that(name.startswith(origin + "-"), f"key name {name} starts with its keyid's origin {origin}")
    checks.equal(item["keyid"], origin + "#" + sha256_hex(raw)[:16], f"keyid of {name}")
    return Key(name, origin, private, public_text)


def check_keys(checks: Checks, items) -> dict:
    """All keys of a file, by keyid."""
    return {item["keyid"]: check_key(checks, item) for item in items}


# --- Envelopes ------------------------------------------------------------------------------------

Envelope = namedtuple("Envelope", "bytes payload_type payload signatures")


def parse_envelope(checks: Checks, line: str, what: str):
    """Reads an envelope as a Swift node would: one line, strict JSON, canonical base64, 1 to 4
    signatures (PROTOCOL.md, "Envelopes" and "Form")."""
    data = line.encode("utf-8")
    checks.that(b"\n" not in data and b"\r" not in data, f"{what} is one line")
    checks.that(len(data) <= 262_144, f"{what} is at most 262,144 bytes")
    try:
        wire = strict_json(data)
        signatures = [(s["keyid"], b64decode(s["sig"])) for s in wire["signatures"]]
        env = Envelope(data, wire["payloadType"], b64decode(wire["payload"]), signatures)
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        checks.that(False, f"{what} parses as a DSSE envelope ({error})")
        return None
    checks.that(1 <= len(signatures) <= 4, f"{what} has 1 to 4 signatures")
    checks.that(all(len(sig) == 64 for _, sig in signatures), f"{what}: every sig is 64 bytes")
    # Nodes never re-encode, but what they write looks like this; so must the vectors.
    checks.equal(data, swift_json(wire), f"{what} is written as the Swift encoder writes it")
    try:
        body = strict_json(env.payload)
    except ValueError as error:
        checks.that(False, f"{what}: payload is strict JSON ({error})")
        return env
    checks.equal(env.payload, swift_json(body), f"{what}: payload in the Swift encoder's form")
    return env


def check_signatures(checks: Checks, env: Envelope, keys: dict, what: str, may_be_broken=False):
    """Each signature is remade from the seed its keyid names: it must equal the file's bytes and
    verify. Only an envelope meant to be refused as bad-signature may carry a signature that differs
    from the remade one, and then it must verify under no key at all."""
    message = pae(env.payload_type, env.payload)
    for kid, sig in env.signatures:
        key = keys.get(kid)
        if not checks.that(key is not None, f"{what}: keyid {kid} names a key of the file"):
            continue
        remade = key.private.sign(message)
        if sig != remade and may_be_broken:
            forged = any(verifies(key_raw(k.public_text), sig, message) for k in keys.values())
            checks.that(not forged, f"{what}: the broken signature by {kid} verifies under no key")
            continue
        checks.equal(base64.b64encode(sig).decode(), base64.b64encode(remade).decode(), f"{what}: sig by {kid}")
        checks.that(verifies(key_raw(key.public_text), sig, message), f"{what}: sig by {kid} verifies")


def payload_of(checks: Checks, env: Envelope, kind: str, what: str) -> dict:
    checks.equal(env.payload_type, TYPES[kind], f"{what}: payload type")
    return json.loads(env.payload)


# --- signature.json -------------------------------------------------------------------------------


def check_signature_file(checks: Checks, doc: dict):
    checks.that(isinstance(doc.get("description"), str), "has a description")
    keys = check_keys(checks, [doc["key"]])
    key = keys[doc["key"]["keyid"]]
    payload = doc["payload"].encode("utf-8")
    checks.equal(base64.b64decode(doc["payloadBase64"], validate=True), payload, "payloadBase64 is the payload")
    checks.equal(payload, swift_json(json.loads(payload)), "payload in the Swift encoder's form")
    message = pae(doc["payloadType"], payload)
    checks.equal(doc["pae"].encode("utf-8"), message, "pae")
    checks.equal(doc["paeHex"], message.hex(), "paeHex")
    length_field = message.split(b" ")[3]
    checks.equal(int(length_field), len(payload), "PAE payload length is the byte count")
    checks.that(len(payload) != len(doc["payload"]), "the payload's byte count differs from its character count")
    checks.equal(doc["signature"], base64.b64encode(key.private.sign(message)).decode(), "signature")
    checks.that(verifies(key_raw(key.public_text), b64decode(doc["signature"]), message), "signature verifies")
    checks.equal(doc["keyid"], keyid(doc["origin"], key.public_text), "keyid")
    env = parse_envelope(checks, doc["envelope"], "envelope")
    if env:
        checks.equal(env.payload, payload, "envelope carries the payload")
        checks.equal(env.payload_type, doc["payloadType"], "envelope's payload type")
        checks.equal(env.signatures, [(doc["keyid"], b64decode(doc["signature"]))], "envelope's signatures")
        check_signatures(checks, env, keys, "envelope")
    body = json.loads(payload)
    checks.equal(body["origin"], doc["origin"], "payload's origin")
    checks.equal(body["entry"]["id"], body["id"], "entry id equals the payload's id")


# --- head-digest.json -----------------------------------------------------------------------------


def digest_lines(entries) -> str:
    """`id SP seq SP hex(sha256(payload)) LF` of live federated entries, sorted by the ids' bytes."""
    live = []
    for payload in entries:
        body = json.loads(payload)
        entry = body.get("entry") or {}
        if not body["deleted"] and entry.get("visibility", "federated") == "federated":
            live.append((body["id"].encode("utf-8"), f"{body['id']} {body['seq']} {sha256_hex(payload)}\n"))
    return "".join(line for _, line in sorted(live))


def check_head_file(checks: Checks, doc: dict):
    checks.that(isinstance(doc.get("description"), str), "has a description")
    keys = check_keys(checks, [doc["key"]])
    payloads = []
    for item in doc["entries"]:
        payload = item["payload"].encode("utf-8")
        payloads.append(payload)
        body = json.loads(payload)
        checks.equal(item["payloadSha256"], sha256_hex(payload), f"payloadSha256 of {item['id']}")
        checks.equal((body["id"], body["seq"], body["origin"]), (item["id"], item["seq"], doc["origin"]),
                     f"id, seq and origin of {item['id']}")
        checks.equal(payload, swift_json(body), f"payload of {item['id']} in the Swift encoder's form")
        checks.that(body["deleted"] == ("entry" not in body), f"{item['id']}: a tombstone, and only it, has no entry")
    lines = digest_lines(payloads)
    checks.equal(doc["lines"], lines, "lines")
    digest = "sha256:" + sha256_hex(lines.encode("utf-8"))
    checks.equal(doc["digest"], digest, "digest")
    checks.equal(doc["live"], lines.count("\n"), "live")
    env = parse_envelope(checks, doc["head"]["envelope"], "head envelope")
    if env:
        checks.equal(env.payload, doc["head"]["payload"].encode("utf-8"), "head envelope carries the head payload")
        head = payload_of(checks, env, "head", "head")
        checks.equal(head["digest"], digest, "head's digest")
        checks.equal(head["live"], doc["live"], "head's live")
        checks.equal(head["seq"], max(json.loads(p)["seq"] for p in payloads), "head's seq is the highest seq")
        checks.equal(head["origin"], doc["origin"], "head's origin")
        checks.that(instant(head["issued"]) < instant(head["expires"]), "head expires after it is issued")
        check_signatures(checks, env, keys, "head envelope")


# --- endorsements-digest.json ---------------------------------------------------------------------


def statements_digest(envelopes) -> tuple:
    lines = "".join(h + "\n" for h in sorted(sha256_hex(e) for e in envelopes))
    return lines, "sha256:" + sha256_hex(lines.encode("utf-8"))


def check_endorsements_file(checks: Checks, doc: dict):
    checks.that(isinstance(doc.get("description"), str), "has a description")
    keys = check_keys(checks, doc["keys"])
    envelopes = []
    for number, item in enumerate(doc["statements"]):
        what = f"statement {number} ({item['note']})"
        data = item["envelope"].encode("utf-8")
        envelopes.append(data)
        checks.equal(item["sha256"], sha256_hex(data), f"{what}: sha256")
        checks.that(len(data) <= 2048, f"{what} is at most 2,048 bytes")
        env = parse_envelope(checks, item["envelope"], what)
        if env:
            checks.that(env.payload_type in (TYPES["endorsement"], TYPES["key-rotation"]), f"{what}: a statement")
            check_signatures(checks, env, keys, what)
    lines, digest = statements_digest(envelopes)
    checks.equal(doc["lines"], lines, "lines")
    checks.equal(doc["digest"], digest, "digest")
    checks.equal(doc["empty"], {"lines": "", "digest": "sha256:" + sha256_hex(b"")}, "digest of no statements")


# --- Trust (docs/PROTOCOL.md, "Trust") ------------------------------------------------------------

Grant = namedtuple("Grant", "origin key level region from_seq endorser expires vouched_at")
Statement = namedtuple("Statement", "index endorser subject key level region issued expires revoked bytes signers")
Rotation = namedtuple("Rotation", "origin old new from_seq")


def region_within(inner: str, outer: str) -> bool:
    return outer == "DE" or inner == outer


def may_say(grant: Grant, level: str, region: str) -> bool:
    """The table "Who may endorse": national endorses agencies and clusters of its region, an agency
    clusters of its own region, a cluster nothing; the region must be a vocabulary code."""
    if level not in LEVELS or region not in REGIONS or not region_within(region, grant.region):
        return False
    if grant.level == "national":
        return level != "national"
    return grant.level == "agency" and level == "cluster"


def rank(grant: Grant) -> int:
    """A pin outranks a grant the national node vouched for, which outranks an agency's."""
    return 3 if grant.endorser is None else LEVELS[grant.vouched_at]


def signed_by(env: Envelope, origin: str, public_text: str) -> bool:
    """A signature whose keyid names this origin and key, valid under the key."""
    kid, message = keyid(origin, public_text), pae(env.payload_type, env.payload)
    return any(k == kid and verifies(key_raw(public_text), sig, message) for k, sig in env.signatures)


class Pass:
    def __init__(self):
        self.grants = {}  # origin -> [Grant] of keys that sign
        self.retired = {}  # origin -> [Grant] of keys a rotation retired
        self.granted = set()
        self.seen = set()  # (origin, key) with a grant
        self.endorsers = set()  # (origin, key) whose grant may endorse
        self.entitled = set()  # statement indexes
        self.out_of_scope = set()
        self.expired_subjects = set()


class Trust:
    """The three passes. Statements are judged per (endorser, subject, key) triple."""

    def __init__(self, anchors, statements, rotations, now):
        self.anchors, self.statements, self.now = anchors, statements, now
        self.anchored = {a.origin for a in anchors}
        self.settle_rotations(rotations)
        self.first = self.closure()
        self.blocked, self.in_force = self.statements_in_force()
        self.final = self.settle_disputes()

    def settle_rotations(self, rotations):
        """A rotation (signed by both keys) retires its old key whether or not anyone trusts it;
        two different rotations of one key retire it and hand nothing on."""
        by_old = {}
        for r in rotations:
            by_old.setdefault((r.origin, r.old), []).append(r)
        self.retired, self.rotation_of, self.valid_from = set(), {}, {}
        for old, found in by_old.items():
            self.retired.add(old)
            if len({(r.new, r.from_seq) for r in found}) == 1:
                self.rotation_of[old] = found[0]
            for r in found:
                new = (r.origin, r.new)
                self.valid_from[new] = max(self.valid_from.get(new, 1), r.from_seq)

    def triple(self, s: Statement):
        return (s.endorser, s.subject, s.key)

    def closure(self, blocked=frozenset(), in_force=None, excluded=frozenset()) -> Pass:
        """Pass 1 (in_force None: every unrevoked endorsement) or pass 3 (only those in force)."""
        p = Pass()
        pending = [Grant(a.origin, a.key, a.level, a.region, 1, None, None, None) for a in self.anchors]
        while pending:
            g = pending.pop()
            if g.endorser is not None and g.origin in self.anchored:
                continue  # a pin is the operator's alone
            if (g.origin, g.key, g.endorser) in excluded:
                continue  # lost a region dispute
            g = g._replace(from_seq=max(g.from_seq, self.valid_from.get((g.origin, g.key), 1)))
            if g in p.granted:
                continue
            p.granted.add(g)
            ok = (g.origin, g.key)
            retired = ok in self.retired
            (p.retired if retired else p.grants).setdefault(g.origin, []).append(g)
            if not retired:
                p.seen.add(ok)
            rotation = self.rotation_of.get(ok)
            if rotation and not (g.endorser and (g.endorser, g.origin, rotation.new) in blocked):
                pending.append(g._replace(key=rotation.new, from_seq=rotation.from_seq))
            if retired or g.level == "cluster":
                continue  # a retired key signs no statement; a cluster endorses nothing
            p.endorsers.add(ok)
            pending.extend(self.endorsed_by(g, p, blocked, in_force))
        return p

    def endorsed_by(self, g: Grant, p: Pass, blocked, in_force):
        """The grants the endorsements signed under grant g's key hand on."""
        for s in self.statements:
            if s.revoked or s.endorser != g.origin or g.key not in s.signers:
                continue
            if not may_say(g, s.level, s.region):
                p.out_of_scope.add(s.index)
                continue
            p.entitled.add(s.index)
            t = self.triple(s)
            if t in blocked or (in_force is not None and in_force.get(t) != s.index):
                continue
            if s.expires <= self.now:
                p.expired_subjects.add(s.subject)
                continue
            yield Grant(s.subject, s.key, s.level, s.region, 1, s.endorser, s.expires, g.level)

    def precedes(self, a: Statement, b: Statement) -> bool:
        """A revocation over anything, else the later `issued`, else the smaller envelope bytes."""
        if a.revoked != b.revoked:
            return a.revoked
        if a.issued != b.issued:
            return a.issued > b.issued
        return a.bytes < b.bytes

    def statements_in_force(self):
        """Pass 2: per triple, the statement of highest precedence among those that count in pass 1
        (a revocation counts when a signer of it may endorse in pass 1)."""
        best = {}
        for s in self.statements:
            counts = (any((s.endorser, k) in self.first.endorsers for k in s.signers) if s.revoked
                      else s.index in self.first.entitled)
            t = self.triple(s)
            if counts and (t not in best or self.precedes(s, best[t])):
                best[t] = s
        blocked = {t for t, s in best.items() if s.revoked}
        in_force = {t: s.index for t, s in best.items() if not s.revoked}
        return blocked, in_force

    def settle_disputes(self) -> Pass:
        """Pass 3, again without the grants that lose a disagreement about an origin's region."""
        excluded = set()
        result = self.closure(self.blocked, self.in_force)
        for _ in range(4):
            losing = set()
            for origin, grants in result.grants.items():
                if len({g.region for g in grants}) < 2:
                    continue
                top = max(rank(g) for g in grants)
                top_regions = {g.region for g in grants if rank(g) == top}
                losers = grants if len(top_regions) > 1 else [g for g in grants if g.region not in top_regions]
                losing |= {(g.origin, g.key, g.endorser) for g in losers}
            if losing <= excluded:
                break
            excluded |= losing
            result = self.closure(self.blocked, self.in_force, frozenset(excluded))
        return result

    # -- What the node concludes --

    def distrust(self, origin: str) -> str:
        if origin in self.final.grants:
            return "trusted"
        if any(t[1] == origin for t in self.blocked):
            return "revoked"
        return "expired" if origin in self.final.expired_subjects else "unknown"

    def verdict(self, s: Statement) -> str:
        trusted_signer = any((s.endorser, k) in self.final.seen for k in s.signers)
        if s.revoked:
            # A revocation is judged by pass 1: it may withdraw the very right it was made under.
            if any((s.endorser, k) in self.first.endorsers for k in s.signers):
                return "entitled"
        elif s.index in self.final.entitled:
            return "entitled"
        return "not-entitled" if trusted_signer else "unverified"

    def trusted(self) -> dict:
        out = {}
        for origin, grants in self.final.grants.items():
            rows = {(g.key, g.from_seq, g.level, g.region) for g in grants}
            out[origin] = [{"key": k, "fromSeq": f, "level": lv, "region": r} for k, f, lv, r in sorted(rows)]
        return out

    def accepts(self, env: Envelope, origin: str, seq: int) -> str:
        """PageVerifier: which refusal, if any, an entry or head envelope gets."""
        entry = json.loads(env.payload).get("entry") or {}
        if entry.get("visibility") == "local":
            return "malformed"  # a local entry never leaves its node
        grants = self.final.grants.get(origin)
        if not grants:
            return {"unknown": "untrusted-origin", "expired": "endorsement-expired",
                    "revoked": "endorsement-revoked"}[self.distrust(origin)]
        valid = {g.key for g in grants if max(seq, 1) >= g.from_seq}
        if any(signed_by(env, origin, k) for k in valid):
            return "accepted"
        others = {g.key for g in grants} - valid
        retired = {g.key for g in self.final.retired.get(origin, [])}
        if any(signed_by(env, origin, k) for k in others | retired):
            return "retired-key"
        return "bad-signature"


# --- trust.json -----------------------------------------------------------------------------------

Anchor = namedtuple("Anchor", "origin key level region")


def read_statements(checks: Checks, envelopes, candidates) -> list:
    """Endorsement statements, each with the keys of its endorser (among every key that could be
    trusted) whose signature on it verifies."""
    out = []
    for index, env in enumerate(envelopes):
        e = payload_of(checks, env, "endorsement", f"endorsement {index}")
        checks.that(e["endorser"] != e["subject"], f"endorsement {index}: endorser is not the subject")
        signers = frozenset(k for origin, k in candidates if origin == e["endorser"] and signed_by(env, origin, k))
        out.append(Statement(index, e["endorser"], e["subject"], e["key"], e["level"], e["region"],
                             instant(e["issued"]), instant(e["expires"]), e["revoked"], env.bytes, signers))
    return out


def read_rotations(checks: Checks, envelopes) -> list:
    """Key rotations signed by both their keys (one without both signatures counts for nothing)."""
    out = []
    for index, env in enumerate(envelopes):
        r = payload_of(checks, env, "key-rotation", f"rotation {index}")
        old_id, new_id = keyid(r["origin"], r["oldKey"]), keyid(r["origin"], r["newKey"])
        checks.equal([k for k, _ in env.signatures], [old_id, new_id], f"rotation {index}: signed old key first")
        both = signed_by(env, r["origin"], r["oldKey"]) and signed_by(env, r["origin"], r["newKey"])
        if checks.that(both and r["oldKey"] != r["newKey"], f"rotation {index} is signed by two different keys"):
            out.append(Rotation(r["origin"], r["oldKey"], r["newKey"], r["fromSeq"]))
    return out


def parse_scenario(checks: Checks, doc: dict, keys: dict) -> dict:
    """Every envelope of the scenario, parsed once: form, size and signatures remade from seeds."""
    parsed = {}
    for group in ("endorsements", "rotations", "envelopes"):
        parsed[group] = []
        for index, item in enumerate(doc[group]):
            what = f"{group}[{index}]"
            env = parse_envelope(checks, item["envelope"], what)
            if group != "envelopes":
                checks.that(len(env.bytes) <= 2048, f"{what} is at most 2,048 bytes")
            check_signatures(checks, env, keys, what, may_be_broken=item.get("expect") == "bad-signature")
            parsed[group].append(env)
    for anchor in doc["anchors"]:
        checks.that(any(k.public_text == anchor["publicKey"] and k.origin == anchor["origin"] for k in keys.values()),
                    f"anchor {anchor['origin']} is a key of the file")
    return parsed


def check_trust_decisions(checks: Checks, doc: dict, trust: Trust, statements):
    expected = doc["expected"]
    checks.equal(len(expected["statementVerdicts"]), len(statements), "one verdict per endorsement")
    for want in expected["statementVerdicts"]:
        s = statements[want["index"]]
        note = doc["endorsements"][s.index]["note"]
        got = {"index": s.index, "verdict": trust.verdict(s)}
        checks.equal(want, got, f"verdict on endorsement {s.index} ({note})")
    trusted = trust.trusted()
    checks.equal(sorted(expected["trusted"]), sorted(trusted), "the trusted origins")
    for origin, grants in expected["trusted"].items():
        checks.equal(grants, trusted.get(origin), f"grants of {origin}")
    for origin, why in expected["untrusted"].items():
        checks.equal(why, trust.distrust(origin), f"why {origin} is not trusted")


def check_trust_envelopes(checks: Checks, doc: dict, envelopes, trust: Trust):
    accepted = {}  # origin -> entry payloads accepted, which the heads cover
    for item, env in zip(doc["envelopes"], envelopes):
        what = f"envelope ({item['note']})"
        body = json.loads(env.payload)
        kind = "entry" if env.payload_type == TYPES["entry"] else "head"
        payload_of(checks, env, kind, what)
        decision = trust.accepts(env, body["origin"], body["seq"])
        checks.equal(item["expect"], decision, what)
        if kind == "entry" and decision == "accepted":
            accepted.setdefault(body["origin"], []).append(env.payload)
        if kind == "head":
            lines = digest_lines(accepted.get(body["origin"], []))
            checks.equal(body["digest"], "sha256:" + sha256_hex(lines.encode()), f"{what}: digest of accepted entries")
            checks.equal(body["live"], lines.count("\n"), f"{what}: live")


def check_trust_file(checks: Checks, doc: dict):
    checks.begin("trust.json: keys and envelopes")
    checks.that(isinstance(doc.get("description"), str), "has a description")
    keys = check_keys(checks, doc["keys"])
    parsed = parse_scenario(checks, doc, keys)
    anchors = [Anchor(a["origin"], a["publicKey"], a["level"], a["region"]) for a in doc["anchors"]]
    rotations = read_rotations(checks, parsed["rotations"])
    # Keys that could ever be trusted for an origin: anchors, endorsed keys, rotation keys.
    subjects = [json.loads(env.payload) for env in parsed["endorsements"]]
    candidates = ({(a.origin, a.key) for a in anchors} | {(e["subject"], e["key"]) for e in subjects}
                  | {(r.origin, k) for r in rotations for k in (r.old, r.new)})
    statements = read_statements(checks, parsed["endorsements"], candidates)
    checks.end()

    trust = Trust(anchors, statements, rotations, instant(doc["now"]))
    checks.begin("trust.json: statement verdicts, trusted and untrusted origins")
    check_trust_decisions(checks, doc, trust, statements)
    checks.end()

    checks.begin("trust.json: envelopes accepted or refused")
    check_trust_envelopes(checks, doc, parsed["envelopes"], trust)
    checks.end()


# --- Main -----------------------------------------------------------------------------------------


def load(directory: pathlib.Path, name: str) -> dict:
    data = (directory / name).read_bytes()
    return json.loads(data.decode("utf-8"))


def run(checks: Checks, name: str, check, doc: dict):
    """One file's checks; a file too broken to read further is one failure, not a traceback."""
    try:
        check(checks, doc)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, AssertionError) as error:
        checks.that(False, f"{name} could not be checked further: {type(error).__name__}: {error}")
        checks.end()


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    directory = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "docs" / "test-vectors"
    checks = Checks()
    for name, check in (("signature.json", check_signature_file), ("head-digest.json", check_head_file),
                        ("endorsements-digest.json", check_endorsements_file)):
        checks.begin(name)
        run(checks, name, check, load(directory, name))
        checks.end()
    run(checks, "trust.json", check_trust_file, load(directory, "trust.json"))
    if checks.failures:
        print(f"{len(checks.failures)} of {checks.total} checks failed:")
        for failure in checks.failures:
            print("  " + failure)
        return 1
    print(f"all {checks.total} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
