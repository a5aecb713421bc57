#!/usr/bin/env python3
"""Writes the Cluster Exchange protocol test vectors to docs/test-vectors/.

    scripts/make-test-vectors.py [DIR]

Everything is deterministic: every private key is derived from its name, Ed25519 signatures are
deterministic (RFC 8032) and every date is fixed, so running this twice writes identical bytes.
The expected trust decisions in trust.json are written down by hand below, from the rules of
docs/PROTOCOL.md as Sources/CatalogTrust/TrustSet.swift and Sources/CatalogSync/PageVerifier.swift
implement them; scripts/check-test-vectors.py recomputes them independently.

Needs Python 3.9+ and the `cryptography` package.
"""

import base64
import hashlib
import json
import pathlib
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ENTRY = "application/vnd.clusterexchange.entry+json"
HEAD = "application/vnd.clusterexchange.head+json"
ENDORSEMENT = "application/vnd.clusterexchange.endorsement+json"
KEY_ROTATION = "application/vnd.clusterexchange.key-rotation+json"

SEED_PREFIX = "clusterexchange test vector "
ROOT = pathlib.Path(__file__).resolve().parent.parent


# --- Encoding -------------------------------------------------------------------------------------


def wire_json(value) -> bytes:
    """JSON as the Swift nodes write it (CatalogJSON: JSONEncoder with .sortedKeys and
    .withoutEscapingSlashes): compact, keys sorted by their UTF-8 bytes, `/` and non-ASCII
    characters written as they are, only `"`, `\\` and control characters escaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE's pre-authentication encoding; lengths are byte counts."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


# --- Keys -----------------------------------------------------------------------------------------


class Key:
    """A test key: NAME is ORIGIN-TAG (`medicalmountains-1`, `photonics-bayern-impostor`)."""

    def __init__(self, name: str):
        self.name = name
        self.origin = name.rsplit("-", 1)[0]
        self.seed = hashlib.sha256((SEED_PREFIX + name).encode("utf-8")).digest()
        self.private = Ed25519PrivateKey.from_private_bytes(self.seed)
        self.raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.text = "ed25519:" + b64(self.raw)
        self.fingerprint = sha256_hex(self.raw)
        self.keyid = self.origin + "#" + self.fingerprint[:16]

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def json(self) -> dict:
        return {
            "name": self.name,
            "seed": self.seed.hex(),
            "publicKey": self.text,
            "fingerprint": self.fingerprint,
            "keyid": self.keyid,
        }


KEY_NAMES = [
    "clusterplattform-1",
    "nanotech-bw-1",
    "nanotech-bw-impostor",
    "bw-agency-1",
    "by-agency-1",
    "medicalmountains-1",
    "microtech-sued-1",
    "microtech-sued-2",
    "sensorik-bw-1",
    "sensorik-bw-2",
    "automotive-bw-1",
    "photonics-bw-1",
    "photonics-bayern-1",
    "photonics-bayern-impostor",
    "digital-health-bayern-1",
    "medtech-startup-1",
    "bayern-innovativ-1",
]
KEYS = {name: Key(name) for name in KEY_NAMES}


# --- Envelopes ------------------------------------------------------------------------------------


def envelope(payload: bytes, payload_type: str, signatures) -> bytes:
    """One-line DSSE envelope JSON as Envelope.sign writes it; `signatures` are (keyid, sig)."""
    wire = {
        "payload": b64(payload),
        "payloadType": payload_type,
        "signatures": [{"keyid": keyid, "sig": b64(sig)} for keyid, sig in signatures],
    }
    return wire_json(wire)


def signed(payload: bytes, payload_type: str, *keys: Key) -> bytes:
    """An envelope signed by each key in turn (a key rotation: old key first, as Swift signs it)."""
    message = pae(payload_type, payload)
    return envelope(payload, payload_type, [(key.keyid, key.sign(message)) for key in keys])


def tampered(payload: bytes, original: bytes, payload_type: str, key: Key) -> bytes:
    """An envelope carrying `payload` with the signature `key` made over `original`: bad bytes."""
    sig = key.sign(pae(payload_type, original))
    return envelope(payload, payload_type, [(key.keyid, sig)])


def text(data: bytes) -> str:
    return data.decode("utf-8")


# --- Payloads -------------------------------------------------------------------------------------


def entry_payload(origin: str, entry: dict, seq: int, updated: str) -> bytes:
    return wire_json(
        {"deleted": False, "entry": entry, "id": entry["id"], "origin": origin, "seq": seq, "updated": updated}
    )


def tombstone_payload(origin: str, entry_id: str, seq: int, updated: str) -> bytes:
    # A tombstone has no `entry` key at all (EntryPayload.entry is nil, encoded with encodeIfPresent).
    return wire_json({"deleted": True, "id": entry_id, "origin": origin, "seq": seq, "updated": updated})


def head_payload(origin: str, seq: int, live: int, digest: str, issued: str, expires: str) -> bytes:
    return wire_json(
        {"digest": digest, "expires": expires, "issued": issued, "live": live, "origin": origin, "seq": seq}
    )


def endorsement_payload(endorser, subject: Key, level, region, issued, expires, revoked=False) -> bytes:
    return wire_json(
        {
            "endorser": endorser,
            "expires": expires,
            "issued": issued,
            "key": subject.text,
            "level": level,
            "region": region,
            "revoked": revoked,
            "subject": subject.origin,
        }
    )


def rotation_payload(old: Key, new: Key, from_seq: int, issued: str) -> bytes:
    return wire_json(
        {"fromSeq": from_seq, "issued": issued, "newKey": new.text, "oldKey": old.text, "origin": old.origin}
    )


def catalog_digest(live_lines) -> tuple:
    """The head digest over (id, seq, payload) of live federated entries: the lines, sorted by the
    ids' UTF-8 bytes, and `sha256:` + hex of their SHA-256."""
    ordered = sorted(live_lines, key=lambda line: line[0].encode("utf-8"))
    lines = "".join(f"{entry_id} {seq} {sha256_hex(payload)}\n" for entry_id, seq, payload in ordered)
    return lines, "sha256:" + sha256_hex(lines.encode("utf-8"))


def statements_digest(envelopes) -> tuple:
    """The feed header's `endorsements` digest (NodeTrust.Snapshot.digest)."""
    lines = "".join(line + "\n" for line in sorted(sha256_hex(e) for e in envelopes))
    return lines, "sha256:" + sha256_hex(lines.encode("utf-8"))


# --- Entries (valid under EntryValidator, in the fields' canonical form) ---------------------------

GMP = {
    "id": "gmp-grundlagen-2027",
    "type": "training",
    "format": "seminar",
    # The one non-ASCII character of the signature vector: "ü" is 2 bytes in UTF-8.
    "title": {"de": "GMP-Grundlagen für Einsteiger", "en": "GMP basics for beginners"},
    "topics": ["medtech", "pharma"],
    "keywords": ["GMP", "ISO 13485"],
    "audience": ["members", "companies"],
    "regions": ["DE-BW"],
    "languages": ["de"],
    "url": "https://medicalmountains.example/akademie/gmp-grundlagen",
    "contact": {"email": "akademie@medicalmountains.example", "phone": "+49 7461 9696 0"},
    "price": {"amount": "450.00", "currency": "EUR", "freeForMembers": False},
    "visibility": "federated",
    "sessions": [
        {
            "id": "fruehjahr",
            "start": "2027-03-15T09:00",
            "end": "2027-03-15T17:00",
            "mode": "onsite",
            "location": {"name": "Innovations- und Forschungszentrum", "city": "Tuttlingen", "region": "DE-BW"},
            "language": "de",
            "seats": 18,
            "registrationDeadline": "2027-03-01",
        }
    ],
    "durationHours": 8,
    "level": "beginner",
    "certificate": "Teilnahmezertifikat",
    "registrationUrl": "https://medicalmountains.example/akademie/anmeldung",
}

MDR = {
    "id": "mdr-regulatory-update",
    "type": "training",
    "format": "webinar",
    "title": {"de": "MDR-Update: Zulassung von Medizinprodukten", "en": "MDR update: approval of medical devices"},
    "topics": ["medtech"],
    "keywords": ["MDR", "Zulassung", "Regulatory Affairs"],
    "audience": ["companies", "startups"],
    "regions": ["DE"],
    "languages": ["de", "en"],
    "price": {"free": True},
    "visibility": "federated",
    "sessions": [
        {
            "start": "2027-02-04T14:00",
            "end": "2027-02-04T16:00",
            "mode": "online",
            "onlineUrl": "https://meet.medicalmountains.example/mdr",
            "language": "en",
        }
    ],
    "durationHours": 2,
    "level": "intermediate",
}


def offering(entry_id, title_de, kind, topics, regions, url):
    return {
        "id": entry_id,
        "type": "offering",
        "title": {"de": title_de},
        "topics": topics,
        "regions": regions,
        "languages": ["de"],
        "url": url,
        "visibility": "federated",
        "kind": kind,
    }


# --- signature.json -------------------------------------------------------------------------------


def signature_vector() -> dict:
    key = KEYS["medicalmountains-1"]
    payload = entry_payload("medicalmountains", GMP, 42, "2027-01-10T08:00:00Z")
    message = pae(ENTRY, payload)
    sig = key.sign(message)
    return {
        "description": (
            "One entry envelope, step by step. The key's 32-byte Ed25519 seed is SHA-256 of the UTF-8 text "
            "'clusterexchange test vector ' + key name. `payload` holds the exact payload bytes (UTF-8; "
            "compact JSON, keys sorted, '/' and non-ASCII unescaped, as the Swift encoder writes it), "
            "`payloadBase64` the same bytes in standard base64. `pae` is DSSE's pre-authentication encoding "
            "'DSSEv1 SP len(type) SP type SP len(payload) SP payload' with byte lengths: the payload has one "
            "non-ASCII character (ü, U+00FC, 2 bytes in UTF-8), so its length in the PAE is one more than "
            "its character count. `signature` is the Ed25519 signature (RFC 8032, deterministic) over the PAE bytes; "
            "`envelope` is the one-line envelope JSON a node serves, exactly."
        ),
        "key": key.json(),
        "origin": "medicalmountains",
        "payloadType": ENTRY,
        "payload": text(payload),
        "payloadBase64": b64(payload),
        "pae": text(message),
        "paeHex": message.hex(),
        "signature": b64(sig),
        "keyid": key.keyid,
        "envelope": text(envelope(payload, ENTRY, [(key.keyid, sig)])),
    }


# --- head-digest.json -----------------------------------------------------------------------------


def head_digest_vector() -> dict:
    key = KEYS["medicalmountains-1"]
    origin = "medicalmountains"
    # Written in seq order; the digest sorts them by id, so the order differs from the file's.
    writes = [
        ("mdr-regulatory-update", 40, entry_payload(origin, MDR, 40, "2026-12-01T10:15:00Z")),
        ("reinraum-praxis", 41, tombstone_payload(origin, "reinraum-praxis", 41, "2027-01-05T16:20:00Z")),
        ("gmp-grundlagen-2027", 42, entry_payload(origin, GMP, 42, "2027-01-10T08:00:00Z")),
    ]
    live = [w for w in writes if not json.loads(w[2])["deleted"]]
    lines, digest = catalog_digest(live)
    seq = max(w[1] for w in writes)
    head = head_payload(origin, seq, len(live), digest, "2027-01-10T08:00:00Z", "2027-02-09T08:00:00Z")
    return {
        "description": (
            "The digest a head signs over its origin's catalog. `entries` are the origin's newest version of "
            "each entry (one a tombstone); `payload` is the entry payload's exact bytes, `payloadSha256` their "
            "lowercase hex SHA-256. Only live (not deleted) entries of visibility `federated` count: the "
            "tombstone is in neither `lines` nor `live`. `lines` is the exact text hashed: "
            "'id SP seq SP hex(sha256(payload)) LF' per live entry, sorted by the ids' UTF-8 bytes; "
            "`digest` is 'sha256:' + hex SHA-256 of `lines` (an empty catalog hashes no bytes). `head` is the "
            "head the origin signs with `key`: its seq is the origin's highest seq, the tombstone's included."
        ),
        "key": key.json(),
        "origin": origin,
        "entries": [
            {"id": entry_id, "seq": seq, "payload": text(payload), "payloadSha256": sha256_hex(payload)}
            for entry_id, seq, payload in writes
        ],
        "lines": lines,
        "digest": digest,
        "live": len(live),
        "head": {"payload": text(head), "envelope": text(signed(head, HEAD, key))},
    }


# --- trust.json: the scenario ---------------------------------------------------------------------

NOW = "2027-03-01T12:00:00Z"

# The national node, and a cluster pinned in a peer file at the level and region the file gives.
ANCHORS = [("clusterplattform-1", "national", "DE"), ("nanotech-bw-1", "cluster", "DE-BW")]

# Each endorsement statement: (note, signing key, subject key, level, region, issued, expires,
# revoked, expected verdict). The endorser is the signing key's origin.
ENDORSEMENTS = [
    ("the pinned national node endorses the Baden-Württemberg agency",
     "clusterplattform-1", "bw-agency-1", "agency", "DE-BW",
     "2026-06-01T10:00:00Z", "2028-06-01T10:00:00Z", False, "entitled"),
    ("the agency endorses a cluster of its region: the chain clusterplattform → bw-agency → medicalmountains",
     "bw-agency-1", "medicalmountains-1", "cluster", "DE-BW",
     "2026-11-29T09:21:11Z", "2027-11-29T09:21:11Z", False, "entitled"),
    ("the agency endorses microtech-sued's first key, which later rotates (see rotations)",
     "bw-agency-1", "microtech-sued-1", "cluster", "DE-BW",
     "2026-10-05T14:00:00Z", "2027-10-05T14:00:00Z", False, "entitled"),
    ("an endorsement that expired before `now`: still entitled (stored, served), but no longer in force",
     "bw-agency-1", "automotive-bw-1", "cluster", "DE-BW",
     "2026-01-15T08:30:00Z", "2027-01-15T08:30:00Z", False, "entitled"),
    ("the agency endorses photonics-bw's key ...",
     "bw-agency-1", "photonics-bw-1", "cluster", "DE-BW",
     "2026-11-29T09:30:00Z", "2027-11-29T09:30:00Z", False, "entitled"),
    ("... and later revokes it (issued later; written as the Swift node writes a revocation: level "
     "cluster, the endorser's own region, expires = issued). The revocation is in force for the triple",
     "bw-agency-1", "photonics-bw-1", "cluster", "DE-BW",
     "2027-02-01T16:45:00Z", "2027-02-01T16:45:00Z", True, "entitled"),
    ("the national node endorses a Bavarian cluster directly",
     "clusterplattform-1", "photonics-bayern-1", "cluster", "DE-BY",
     "2026-09-01T12:00:00Z", "2027-09-01T12:00:00Z", False, "entitled"),
    ("the agency endorses a key of its own for that Bavarian cluster as DE-BW: entitled (its region), but "
     "the region is in dispute and the national node's grant outranks it, so the grant is left out",
     "bw-agency-1", "photonics-bayern-impostor", "cluster", "DE-BW",
     "2027-02-10T10:00:00Z", "2028-02-10T10:00:00Z", False, "entitled"),
    ("the agency endorses a cluster outside its region (DE-BY): not entitled",
     "bw-agency-1", "digital-health-bayern-1", "cluster", "DE-BY",
     "2026-12-01T09:00:00Z", "2027-12-01T09:00:00Z", False, "not-entitled"),
    ("a cluster tries to endorse: its key is trusted, but a cluster's grant endorses nothing",
     "medicalmountains-1", "medtech-startup-1", "cluster", "DE-BW",
     "2026-12-10T11:00:00Z", "2027-12-10T11:00:00Z", False, "not-entitled"),
    ("signed by an origin nobody endorses: no trusted key of its endorser signed it, so it proves nothing",
     "bayern-innovativ-1", "digital-health-bayern-1", "cluster", "DE-BY",
     "2026-12-01T09:00:00Z", "2027-12-01T09:00:00Z", False, "unverified"),
    ("the agency endorses another key for the pinned cluster, at the pin's level and region: entitled "
     "(a cluster of its region), but no statement adds a key to an anchored origin",
     "bw-agency-1", "nanotech-bw-impostor", "cluster", "DE-BW",
     "2027-02-15T10:00:00Z", "2028-02-15T10:00:00Z", False, "entitled"),
    ("the agency endorses sensorik-bw's new key only (the cluster rotated before it was endorsed): the "
     "grant starts at the rotation's fromSeq (8), since a rotation binds the new key wherever it is trusted",
     "bw-agency-1", "sensorik-bw-2", "cluster", "DE-BW",
     "2027-02-05T09:00:00Z", "2028-02-05T09:00:00Z", False, "entitled"),
    ("the national node endorses the Bavarian agency ...",
     "clusterplattform-1", "by-agency-1", "agency", "DE-BY",
     "2026-05-01T10:00:00Z", "2028-05-01T10:00:00Z", False, "entitled"),
    ("... which endorses a Bavarian cluster: unverified, since its signer is no longer trusted once the "
     "national node's revocation below is in force (endorsements are judged by the final pass)",
     "by-agency-1", "digital-health-bayern-1", "cluster", "DE-BY",
     "2026-07-01T10:00:00Z", "2027-07-01T10:00:00Z", False, "unverified"),
    ("the Bavarian agency revokes the Bavarian cluster's key the national node endorsed: entitled (a "
     "revocation is judged by pass 1, where its signer may endorse), but it withdraws only its own "
     "endorsement of that key, of which there is none: the national node's stays in force",
     "by-agency-1", "photonics-bayern-1", "cluster", "DE-BY",
     "2026-12-20T10:00:00Z", "2026-12-20T10:00:00Z", True, "entitled"),
    ("the national node revokes the Bavarian agency's key (level cluster, the national node's region DE, "
     "expires = issued, as the Swift node writes it): what rested on it goes too",
     "clusterplattform-1", "by-agency-1", "cluster", "DE",
     "2027-01-20T10:00:00Z", "2027-01-20T10:00:00Z", True, "entitled"),
]

# (note, old key, new key, fromSeq, issued)
ROTATIONS = [
    ("microtech-sued rotates from its first key to its second, from seq 43 on; signed by both keys, old first",
     "microtech-sued-1", "microtech-sued-2", 43, "2027-01-10T08:00:00Z"),
    ("sensorik-bw rotates from seq 8 on; its old key was never endorsed",
     "sensorik-bw-1", "sensorik-bw-2", 8, "2027-02-01T09:00:00Z"),
]

# What the trust set holds: origin -> [(key name, fromSeq, level, region)].
TRUSTED = {
    "clusterplattform": [("clusterplattform-1", 1, "national", "DE")],
    "nanotech-bw": [("nanotech-bw-1", 1, "cluster", "DE-BW")],
    "bw-agency": [("bw-agency-1", 1, "agency", "DE-BW")],
    "medicalmountains": [("medicalmountains-1", 1, "cluster", "DE-BW")],
    # The old key is retired: it has no grant of its own; the new key inherits the old key's.
    "microtech-sued": [("microtech-sued-2", 43, "cluster", "DE-BW")],
    "sensorik-bw": [("sensorik-bw-2", 8, "cluster", "DE-BW")],
    "photonics-bayern": [("photonics-bayern-1", 1, "cluster", "DE-BY")],
}

UNTRUSTED = {
    "automotive-bw": "expired",
    "photonics-bw": "revoked",
    "by-agency": "revoked",
    "digital-health-bayern": "unknown",
    "medtech-startup": "unknown",
    "bayern-innovativ": "unknown",
}

# The scenario's entries: small offerings, valid under EntryValidator (else PageVerifier refuses
# them as malformed before it looks at trust).
AUTOMOTIVE = offering(
    "leichtbau-sprechstunde", "Sprechstunde Leichtbau im Fahrzeugbau", "expertise", ["automotive", "composites"],
    ["DE-BW"], "https://automotive-bw.example/sprechstunde")
PHOTONICS_BW = offering(
    "laser-arbeitskreis", "Arbeitskreis Lasermaterialbearbeitung", "working-group", ["photonics"], ["DE-BW"],
    "https://photonics-bw.example/arbeitskreise/laser")
PHOTONICS_BY = offering(
    "optik-foerderung", "Förderprogramme für optische Technologien", "funding", ["photonics"], ["DE-BY"],
    "https://photonics-bayern.example/foerderung")
MICROTECH = offering(
    "mst-matchmaking", "Matchmaking Mikrosystemtechnik", "matchmaking", ["microsystems", "sensors"], ["DE-BW"],
    "https://microtech-sued.example/matchmaking")
NATIONAL = offering(
    "clusterplattform-jahreskongress", "Jahreskongress der Clusterplattform", "event", ["cross-sector"], ["DE"],
    "https://clusterplattform.example/kongress")
AGENCY = offering(
    "cluster-foerderung-bw", "Förderung für Cluster-Initiativen", "funding", ["cross-sector"], ["DE-BW"],
    "https://bw-agency.example/foerderung")
STARTUP = offering(
    "medtech-pitch", "Pitch-Abend Medizintechnik", "event", ["medtech"], ["DE-BW"],
    "https://medtech-startup.example/pitch")
NANOTECH = offering(
    "nano-messtechnik", "Messtechnik für Nanomaterialien", "expertise", ["nanotech", "materials"], ["DE-BW"],
    "https://nanotech-bw.example/messtechnik")
SENSORIK = offering(
    "sensorik-sprechtag", "Sprechtag Industriesensorik", "expertise", ["sensors"], ["DE-BW"],
    "https://sensorik-bw.example/sprechtag")
DIGITAL_HEALTH = offering(
    "telemedizin-netzwerk", "Netzwerktreffen Telemedizin", "event", ["health-economy"], ["DE-BY"],
    "https://digital-health-bayern.example/netzwerktreffen")
INNOVATIV = offering(
    "digitalisierung-mittelstand", "Digitalisierung im Mittelstand", "education", ["ict"], ["DE-BY"],
    "https://bayern-innovativ.example/digitalisierung")

# Envelopes a peer serves: (note, kind, signing key, origin, seq, entry or None, updated, expect,
# tampered). A head covers the accepted entries of its origin listed before it.
ENVELOPES = [
    ("a cluster endorsed through the chain: accepted",
     "entry", "medicalmountains-1", "medicalmountains", 12, GMP, "2027-02-20T09:00:00Z", "accepted", False),
    ("its head, over the accepted entry above",
     "head", "medicalmountains-1", "medicalmountains", 12, None, "2027-02-20T09:00:00Z", "accepted", False),
    ("the pinned national node's own entry: accepted",
     "entry", "clusterplattform-1", "clusterplattform", 3, NATIONAL, "2027-01-20T10:00:00Z", "accepted", False),
    ("the agency's entry (trusted through the national node's endorsement): accepted",
     "entry", "bw-agency-1", "bw-agency", 7, AGENCY, "2027-02-02T08:00:00Z", "accepted", False),
    ("the rotated cluster's entry, re-signed under the new key at fromSeq: accepted",
     "entry", "microtech-sued-2", "microtech-sued", 43, MICROTECH, "2027-01-10T08:00:00Z", "accepted", False),
    ("the rotated cluster's head under the new key: accepted",
     "head", "microtech-sued-2", "microtech-sued", 43, None, "2027-01-10T08:00:00Z", "accepted", False),
    ("signed by the rotated-away old key before the rotation (seq below fromSeq): the old key signs nothing",
     "entry", "microtech-sued-1", "microtech-sued", 40, MICROTECH, "2026-12-15T10:00:00Z", "retired-key", False),
    ("signed by the new key at a seq below fromSeq",
     "entry", "microtech-sued-2", "microtech-sued", 42, MICROTECH, "2027-01-09T10:00:00Z", "retired-key", False),
    ("the Bavarian cluster under the key the national node endorsed: accepted",
     "entry", "photonics-bayern-1", "photonics-bayern", 5, PHOTONICS_BY, "2027-02-01T12:00:00Z", "accepted", False),
    ("the Bavarian cluster's name under the key the agency endorsed: that grant lost the region dispute",
     "entry", "photonics-bayern-impostor", "photonics-bayern", 6, PHOTONICS_BY, "2027-02-11T12:00:00Z",
     "bad-signature", False),
    ("the pinned cluster's own entry: accepted",
     "entry", "nanotech-bw-1", "nanotech-bw", 21, NANOTECH, "2027-02-03T10:00:00Z", "accepted", False),
    ("the pinned cluster's name under the key the agency endorsed for it: pins take no statements",
     "entry", "nanotech-bw-impostor", "nanotech-bw", 22, NANOTECH, "2027-02-16T10:00:00Z", "bad-signature", False),
    ("the origin whose only endorsement has expired",
     "entry", "automotive-bw-1", "automotive-bw", 9, AUTOMOTIVE, "2026-12-01T10:00:00Z", "endorsement-expired", False),
    ("the origin whose endorsement was revoked",
     "entry", "photonics-bw-1", "photonics-bw", 4, PHOTONICS_BW, "2026-12-05T10:00:00Z", "endorsement-revoked", False),
    ("the cluster endorsed only as its new key: accepted from the rotation's fromSeq",
     "entry", "sensorik-bw-2", "sensorik-bw", 8, SENSORIK, "2027-02-05T10:00:00Z", "accepted", False),
    ("... and refused below it",
     "entry", "sensorik-bw-2", "sensorik-bw", 5, SENSORIK, "2027-01-25T10:00:00Z", "retired-key", False),
    ("signed by sensorik-bw's old key, which no grant ever covered: not a key trusted or retired for the "
     "origin, so the reason is bad-signature, not retired-key",
     "entry", "sensorik-bw-1", "sensorik-bw", 6, SENSORIK, "2027-01-28T10:00:00Z", "bad-signature", False),
    ("an origin endorsed only by an agency whose own endorsement was revoked: it is not itself revoked, "
     "so the reason is untrusted-origin",
     "entry", "digital-health-bayern-1", "digital-health-bayern", 3, DIGITAL_HEALTH, "2027-01-05T10:00:00Z",
     "untrusted-origin", False),
    ("an origin nobody endorses",
     "entry", "bayern-innovativ-1", "bayern-innovativ", 2, INNOVATIV, "2027-01-12T10:00:00Z", "untrusted-origin",
     False),
    ("an origin endorsed only by a cluster, which may not endorse",
     "entry", "medtech-startup-1", "medtech-startup", 1, STARTUP, "2027-01-20T10:00:00Z", "untrusted-origin", False),
    ("a trusted origin's envelope whose payload was altered after signing (the signature covers seq 13 "
     "updated 2027-02-21T09:00:00Z; the payload says 2027-02-21T09:30:00Z)",
     "entry", "medicalmountains-1", "medicalmountains", 13, GMP, "2027-02-21T09:30:00Z", "bad-signature", True),
]


def endorsement_envelopes() -> list:
    out = []
    for note, signer, subject, level, region, issued, expires, revoked, _ in ENDORSEMENTS:
        payload = endorsement_payload(KEYS[signer].origin, KEYS[subject], level, region, issued, expires, revoked)
        out.append({"note": note, "envelope": text(signed(payload, ENDORSEMENT, KEYS[signer]))})
    return out


def rotation_envelopes() -> list:
    out = []
    for note, old, new, from_seq, issued in ROTATIONS:
        payload = rotation_payload(KEYS[old], KEYS[new], from_seq, issued)
        out.append({"note": note, "envelope": text(signed(payload, KEY_ROTATION, KEYS[old], KEYS[new]))})
    return out


def scenario_envelopes() -> list:
    accepted_entries = {}  # origin -> [(id, seq, payload)], for the heads
    out = []
    for note, kind, signer, origin, seq, entry, updated, expect, is_tampered in ENVELOPES:
        key = KEYS[signer]
        if kind == "entry":
            payload = entry_payload(origin, entry, seq, updated)
            if is_tampered:
                original = entry_payload(origin, entry, seq, "2027-02-21T09:00:00Z")
                line = tampered(payload, original, ENTRY, key)
            else:
                line = signed(payload, ENTRY, key)
            if expect == "accepted":
                accepted_entries.setdefault(origin, []).append((entry["id"], seq, payload))
        else:
            live = accepted_entries.get(origin, [])
            _, digest = catalog_digest(live)
            payload = head_payload(origin, seq, len(live), digest, updated, "2027-03-22T09:00:00Z")
            line = signed(payload, HEAD, key)
        out.append({"note": note, "envelope": text(line), "expect": expect})
    return out


def trusted_json() -> dict:
    out = {}
    for origin, grants in TRUSTED.items():
        rows = [{"key": KEYS[k].text, "fromSeq": s, "level": lv, "region": r} for k, s, lv, r in grants]
        out[origin] = sorted(rows, key=lambda g: (g["key"], g["fromSeq"]))
    return dict(sorted(out.items()))


def trust_vector() -> dict:
    return {
        "description": (
            "A trust scenario seen by a node that pins the national node and one cluster. Inputs: `now`, `anchors` "
            "(pinned keys with level and region), `endorsements` (endorsement and revocation envelopes, in "
            "this order: `statementVerdicts[].index` counts from 0 in it) and `rotations` (key rotation "
            "envelopes, signed by the old key, then the new). Expected: `statementVerdicts`, what "
            "TrustSet.statementVerdicts says of each endorsement (`entitled`: signed under a key of its "
            "endorser whose grant may endorse it, whether or not it is in force - expired, superseded and "
            "revocations included; `not-entitled`: signed by a key trusted for its endorser that may not say "
            "this; `unverified`: signed by no key trusted for its endorser); `trusted`, for every trusted "
            "origin (anchors included), its grants as distinct {key, fromSeq, level, region}, sorted by key "
            "then fromSeq (an anchor's or endorsement's grant starts at seq 1; a rotated-to key's at the "
            "rotation's fromSeq; a key retired by a rotation has no grant and is not listed); `untrusted`, "
            "why the scenario's other origins are not trusted (TrustSet.Distrust: unknown, expired or "
            "revoked). `envelopes` are entry and head envelopes a peer serves, with `expect` either "
            "`accepted` or the refusal reason PageVerifier gives. Keys: the 32-byte Ed25519 seed is SHA-256 "
            "of 'clusterexchange test vector ' + name; a key's origin is its name without the last '-TAG'."
        ),
        "now": NOW,
        "keys": [KEYS[name].json() for name in KEY_NAMES],
        "anchors": [
            {"origin": KEYS[k].origin, "publicKey": KEYS[k].text, "level": level, "region": region}
            for k, level, region in ANCHORS
        ],
        "endorsements": endorsement_envelopes(),
        "rotations": rotation_envelopes(),
        "expected": {
            "statementVerdicts": [{"index": i, "verdict": spec[-1]} for i, spec in enumerate(ENDORSEMENTS)],
            "trusted": trusted_json(),
            "untrusted": dict(sorted(UNTRUSTED.items())),
        },
        "envelopes": scenario_envelopes(),
    }


# --- endorsements-digest.json ---------------------------------------------------------------------


def endorsements_digest_vector(trust: dict) -> dict:
    """Three statements of the trust scenario: an endorsement, a revocation and a key rotation."""
    chosen = [
        ("an endorsement", trust["endorsements"][1]["envelope"]),
        ("a revocation", trust["endorsements"][5]["envelope"]),
        ("a key rotation, with two signatures", trust["rotations"][0]["envelope"]),
    ]
    lines, digest = statements_digest([e.encode("utf-8") for _, e in chosen])
    empty_lines, empty_digest = statements_digest([])
    keys = ["bw-agency-1", "microtech-sued-1", "microtech-sued-2"]
    return {
        "description": (
            "The `endorsements` field of a /v1/changes header (NodeTrust.Snapshot.digest): for each statement "
            "envelope the node serves on /v1/endorsements, the line hex(sha256(envelope bytes)) LF, the lines "
            "sorted; the digest is 'sha256:' + hex SHA-256 of the lines. The envelope bytes are the one line "
            "as served, without its LF. The three statements are taken from trust.json; `keys` signed them. "
            "`empty` is the digest of a node serving no statements (SHA-256 of no bytes)."
        ),
        "keys": [KEYS[name].json() for name in keys],
        "statements": [
            {"note": note, "envelope": e, "sha256": sha256_hex(e.encode("utf-8"))} for note, e in chosen
        ],
        "lines": lines,
        "digest": digest,
        "empty": {"lines": empty_lines, "digest": empty_digest},
    }


# --- Output ---------------------------------------------------------------------------------------


def write(directory: pathlib.Path, name: str, document: dict) -> None:
    data = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    (directory / name).write_text(data, encoding="utf-8")
    print(f"wrote {directory / name}")


def main() -> int:
    directory = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "test-vectors"
    directory.mkdir(parents=True, exist_ok=True)
    trust = trust_vector()
    write(directory, "signature.json", signature_vector())
    write(directory, "head-digest.json", head_digest_vector())
    write(directory, "endorsements-digest.json", endorsements_digest_vector(trust))
    write(directory, "trust.json", trust)
    return 0


if __name__ == "__main__":
    sys.exit(main())
