"""Certificates from Python: tamat against what a user would otherwise write with the
`cryptography` package, on the same certificates, checked equal before timing (Ed25519
is deterministic, so the same key and content must give the same proofValue):

- raw Ed25519 signing and verifying of 64-byte messages (`cryptography`, OpenSSL): the floor;
- plain Python eddsa-jcs-2022: RFC 8785 in Python, SHA-256, `cryptography` (the
  independent verifier's code, scripts/verify_independent.py, and its signing twin);
- tamat: `issue` (numbering, building and signing a cohort) and `verify`, with the
  eddsa-jcs-2022 proof alone (against the lines above);
- the default proof set (eddsa-rdfc-2022 and eddsa-jcs-2022): tamat's `issue` and
  `verify` against plain Python verifying both proofs, rdfc with PyLD (URDNA2015).

    python benches/peers_certificates.py --participants 500 --out target/bench/certificates_python.json
"""
import copy
import datetime as dt
import hashlib
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
from verify_independent import jcs, verify as verify_plain  # noqa: E402
sys.path.insert(0, HERE)
from harness import arguments, emit, timed  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

import tamat  # noqa: E402

SEED = bytes(range(32))
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def sign_plain(doc, key, proof):
    """eddsa-jcs-2022 signing as a user would write it: the verifier's steps reversed."""
    data = hashlib.sha256(jcs(proof).encode()).digest() + hashlib.sha256(jcs(doc).encode()).digest()
    return dict(doc, proof=[dict(proof, proofValue="z" + b58encode(key.sign(data)))])  # a proof set of one


def main():
    args = arguments(500)
    n = args.participants
    demo = tamat.demo()
    course = copy.deepcopy(demo["course"])
    course["participants"] = [{"id": f"p{i:05d}", "name": f"Peserta {i}"} for i in range(n)]
    marks = [{"participant": p["id"], "session": s["id"], "status": "hadir"} for p in course["participants"] for s in course["sessions"]]
    key = tamat.SigningKey(SEED)
    raw_key = Ed25519PrivateKey.from_private_bytes(SEED)
    public = raw_key.public_key()
    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

    jcs_only = dict(demo["settings"], cryptosuites=["eddsa-jcs-2022"])

    def tamat_issue():
        return tamat.issue(course, jcs_only, attendance=marks, key=key)["credentials"] or []

    def tamat_issue_both():
        return tamat.issue(course, demo["settings"], attendance=marks, key=key)["credentials"] or []

    credentials = tamat_issue()
    both = tamat_issue_both()
    assert [p["cryptosuite"] for p in both[0]["proof"]] == ["eddsa-rdfc-2022", "eddsa-jcs-2022"]
    assert all(verify_plain(c, public) for c in both[:5])
    assert len(credentials) == n
    unsigned = []
    for c in credentials:
        doc = dict(c)
        [proof] = doc.pop("proof")
        proof = dict(proof)
        proof.pop("proofValue")
        unsigned.append((doc, proof))
    # the same proofs, byte for byte, and each verifies both ways
    for (doc, proof), c in zip(unsigned, credentials):
        assert sign_plain(doc, raw_key, proof)["proof"][0]["proofValue"] == c["proof"][0]["proofValue"]
    assert all(verify_plain(c, public) for c in credentials[:20])
    trusted = [key.multikey()]
    # No status lists are given here: the signature is valid and the status unchecked
    # (tamat fails closed; only the signature is being compared).
    assert all(tamat.verify(c, trusted, at)["status"] == "status_unchecked" for c in credentials[:20])

    messages = [hashlib.sha512(i.to_bytes(4, "big")).digest() for i in range(n)]
    signatures = [raw_key.sign(m) for m in messages]
    medians = timed(args.rounds, {
        "raw_sign": lambda: [raw_key.sign(m) for m in messages],
        "raw_verify": lambda: [public.verify(s, m) for s, m in zip(signatures, messages)],
        "plain_python_sign": lambda: [sign_plain(d, raw_key, p) for d, p in unsigned],
        "plain_python_verify": lambda: [verify_plain(c, public) for c in credentials],
        "tamat_issue": tamat_issue,
        "tamat_verify": lambda: [tamat.verify(c, trusted, at) for c in credentials],
        "tamat_issue_both": tamat_issue_both,
        "tamat_verify_both": lambda: [tamat.verify(c, trusted, at) for c in both],
        "plain_python_verify_both": lambda: [verify_plain(c, public) for c in both],
    })
    per_second = {k: n / v for k, v in medians.items()}
    result = {
        "certificates": n, "rounds": args.rounds, "per_second": per_second,
        "tamat_issue_vs_raw_sign": per_second["tamat_issue"] / per_second["raw_sign"],
        "tamat_issue_vs_plain_python": per_second["tamat_issue"] / per_second["plain_python_sign"],
        "tamat_verify_vs_raw_verify": per_second["tamat_verify"] / per_second["raw_verify"],
        "tamat_verify_vs_plain_python": per_second["tamat_verify"] / per_second["plain_python_verify"],
        "tamat_verify_both_vs_plain_python_pyld": per_second["tamat_verify_both"] / per_second["plain_python_verify_both"],
        "tamat_issue_both_vs_jcs_only": per_second["tamat_issue_both"] / per_second["tamat_issue"],
    }
    emit(result, args.out)


if __name__ == "__main__":
    main()
