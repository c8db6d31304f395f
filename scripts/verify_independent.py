#!/usr/bin/env python3
"""Verifies the certificates that `tamat demo --out DIR` (or `tamat issue`) wrote,
with an implementation independent of tamat: Python's `cryptography` for Ed25519, the
RFC 8785 canonical form and the eddsa-jcs-2022 steps written out below from the
specifications, and PyLD (the Python JSON-LD processor, RDF Dataset Canonicalization
URDNA2015, which RDFC-1.0 standardised) for eddsa-rdfc-2022, with the published
contexts served from core/contexts (which the ecosystem suite compares with the npm
packages' copies). Checks every credential's proof (a proof set: every proof in it) against
DIR/issuer.json, the status list's proof, that no certificate is revoked or suspended (its
one status entry read as the Bitstring Status List says: `statusSize` bits at
`statusListIndex x statusSize`, named by `statusMessage`; and the one bit at
`statusListIndex` that readers ignoring `statusSize` read), and that every printable page
is well-formed SVG showing its number and holder.

Usage: python3 scripts/verify_independent.py DIR [--credentials-only]
(--credentials-only: DIR holds credentials without their SVG pages, such as the files
pdfdetach took out of the PDFs.)"""
import base64, glob, gzip, hashlib, json, math, os, sys
import xml.etree.ElementTree as ET

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def b58decode(text):
    assert text[0] == "z", "multibase base58btc starts with z"
    n = 0
    for c in text[1:]:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    zeros = len(text[1:]) - len(text[1:].lstrip("1"))
    return b"\0" * zeros + body

def es_number(x):
    """A number as ECMAScript's Number.prototype.toString writes it (RFC 8785 3.2.2.3)."""
    if isinstance(x, bool):
        raise TypeError
    if isinstance(x, int):
        x = float(x) if abs(x) > 2**53 else x
        if isinstance(x, int):
            return str(x)
    if not math.isfinite(x):
        raise ValueError("not a JSON number")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, exp = repr(abs(x)).lower().partition("e")[::2]
    mant = digits.replace(".", "")
    point = digits.index(".") if "." in digits else len(digits)
    e10 = point + (int(exp) if exp else 0)  # value = 0.mant * 10^e10
    mant = mant.lstrip("0")
    e10 -= len(digits.replace(".", "")) - len(digits.replace(".", "").lstrip("0"))
    mant = mant.rstrip("0") or "0"
    k, n = len(mant), e10
    if k <= n <= 21:
        return sign + mant + "0" * (n - k)
    if 0 < n <= 21:
        return sign + mant[:n] + "." + mant[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + mant
    e = n - 1
    es = ("+" if e > 0 else "-") + str(abs(e))
    return sign + mant[0] + ("." + mant[1:] if k > 1 else "") + "e" + es

def jcs(v):
    if v is None: return "null"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, (int, float)): return es_number(v)
    if isinstance(v, str): return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list): return "[" + ",".join(jcs(x) for x in v) + "]"
    keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + jcs(v[k]) for k in keys) + "}"

def verify(doc, key):
    """Every proof of the document (a proof set, or a single proof) verifies with key."""
    proofs = doc["proof"] if isinstance(doc["proof"], list) else [doc["proof"]]
    assert proofs, "an empty proof set"
    return all(verify_one(dict(doc, proof=p), key) for p in proofs)

def bit(bits, i):
    return bool(bits[i // 8] & (0x80 >> (i % 8)))

CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}

def load_context(url, options=None):
    """PyLD's document loader: the published contexts, never the network."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "contexts")
    with open(os.path.join(here, CONTEXTS[url])) as f:
        return {"contextUrl": None, "documentUrl": url, "document": json.load(f)}

def nquads(doc):
    """The canonical N-Quads of a JSON-LD document (PyLD, URDNA2015)."""
    from pyld import jsonld
    return jsonld.normalize(doc, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                  "documentLoader": load_context})

SUITES = {"eddsa-jcs-2022": jcs, "eddsa-rdfc-2022": nquads}

def verify_one(doc, key):
    doc = dict(doc)
    proof = dict(doc.pop("proof"))
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] in SUITES, proof.get("cryptosuite")
    canonical = SUITES[proof["cryptosuite"]]
    value = b58decode(proof.pop("proofValue"))
    if "@context" in proof:
        assert doc["@context"][: len(proof["@context"])] == proof["@context"]
        doc["@context"] = proof["@context"]
    elif canonical is nquads:
        proof["@context"] = doc["@context"]  # the configuration is read with the document's
    data = hashlib.sha256(canonical(proof).encode()).digest() + hashlib.sha256(canonical(doc).encode()).digest()
    try:
        key.verify(value, data)
        return True
    except InvalidSignature:
        return False

def main(out, pages=True):
    issuer = json.load(open(os.path.join(out, "issuer.json")))
    raw = b58decode(issuer["publicKeyMultibase"])
    assert raw[:2] == b"\xed\x01", "an Ed25519 Multikey"
    key = Ed25519PublicKey.from_public_bytes(raw[2:])
    lists = {}
    for name in ("status-list.vc.json",):
        sl = json.load(open(os.path.join(out, name)))
        assert [p["verificationMethod"] for p in sl["proof"]] == [issuer["id"]] * 2
        assert verify(sl, key), f"{name}: the proof does not verify"
        bits = gzip.decompress(base64.urlsafe_b64decode(sl["credentialSubject"]["encodedList"][1:] + "=="))
        assert len(bits) * 8 >= 131072
        lists[sl["id"]] = (sl["credentialSubject"]["statusPurpose"], bits)
    files = [f for f in glob.glob(os.path.join(out, "*.vc.json")) if not os.path.basename(f).startswith("status-list")]
    ok = 0
    for f in sorted(files):
        vc = json.load(open(f))
        assert isinstance(vc["proof"], list) and vc["proof"][0]["verificationMethod"] == issuer["id"], f
        assert sorted(p["cryptosuite"] for p in vc["proof"]) == ["eddsa-jcs-2022", "eddsa-rdfc-2022"], f
        assert "OpenBadgeCredential" in vc["type"], f
        assert verify(vc, key), f"{f}: the proof does not verify"
        for p in vc["proof"]:
            tampered = json.loads(json.dumps(dict(vc, proof=p)))
            tampered["sttpp"]["holder"]["name"] += "."
            assert not verify(tampered, key), f"{f}: a changed name still verifies under {p['cryptosuite']}"
        entry = vc["credentialStatus"]
        assert isinstance(entry, dict), f"{f}: one status entry (the OB 3.0 schema's)"
        purpose, bits = lists[entry["statusListCredential"]]
        assert purpose == entry["statusPurpose"] == "message"
        i, size = int(entry["statusListIndex"]), entry.get("statusSize", 1)
        value = 0
        for k in range(size):
            value = value << 1 | bit(bits, i * size + k)
        meaning = {m["status"]: m["message"] for m in entry["statusMessage"]}
        assert len(meaning) == 2 ** size, f"{f}: a message for every value"
        assert meaning[hex(value)] == "valid", f"{f}: {meaning[hex(value)]}"
        assert not bit(bits, i), f"{f}: the one-bit reading says not valid"
        # The printable page: well-formed XML that shows the number and the holder.
        if pages:
            page = ET.parse(f[: -len(".vc.json")] + ".svg")
            texts = " ".join(t.text or "" for t in page.iter("{http://www.w3.org/2000/svg}text"))
            assert vc["sttpp"]["number"] in texts and vc["sttpp"]["holder"]["name"] in texts, f
        ok += 1
    assert ok > 0, "no certificates found"
    # The number formatter against the RFC's examples.
    for x, want in [(333333333.33333329, "333333333.3333333"), (1e30, "1e+30"), (4.5, "4.5"), (2e-3, "0.002"),
                    (1e-27, "1e-27"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"), (1e-6, "0.000001"),
                    (87.5, "87.5"), (-0.0, "0"), (90, "90")]:
        assert es_number(x) == want, (x, es_number(x), want)
    print(f"independent check: {ok} certificates and the status list verify with {issuer['publicKeyMultibase']}")

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--credentials-only"]
    main(args[0], pages="--credentials-only" not in sys.argv[1:])
