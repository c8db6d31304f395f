#!/usr/bin/env python3
"""Checks the PDFs that `tamat demo --out DIR` (or `tamat issue`) wrote, with Debian's
poppler-utils, which share no code with tamat:

- `pdfinfo`: two A4 pages per certificate, PDF/A metadata; the cohort file has them all;
- `pdffonts`: every font embedded, with a Unicode map (text that can be selected);
- `pdftotext`: each certificate's holder, number and JP are on its pages, and its
  agenda's total;
- `pdfdetach`: each PDF carries one file, the certificate's signed credential, equal to
  `<id>.vc.json`; the files taken out of the cohort file go to OUT with the issuer key
  and the status list, for `verify_independent.py OUT --credentials-only`;
- `pdftoppm`: the first certificate's two pages as PNG in SHOTS.

Usage: python3 scripts/check_pdfs.py DIR OUT SHOTS"""
import glob, json, os, re, shutil, subprocess, sys


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main(folder, out, shots):
    os.makedirs(out, exist_ok=True)
    os.makedirs(shots, exist_ok=True)
    certs = sorted(f for f in glob.glob(os.path.join(folder, "*.pdf")) if not f.endswith("cohort.pdf"))
    assert certs, "no certificate PDFs"
    for pdf in certs:
        base = pdf[: -len(".pdf")]
        cert = json.load(open(base + ".json"))
        info = run("pdfinfo", pdf)
        assert re.search(r"^Pages:\s+2$", info, re.M), (pdf, info)
        assert "595.276 x 841.89 pts (A4)" in info, (pdf, info)
        meta = run("pdfinfo", "-meta", pdf)
        assert "<pdfaid:part>3</pdfaid:part>" in meta and "<pdfaid:conformance>U</pdfaid:conformance>" in meta, f"{pdf}: no PDF/A-3u identification"
        fonts = run("pdffonts", pdf).splitlines()[2:]
        assert fonts, f"{pdf}: no fonts"
        for line in fonts:
            emb, sub, uni = line.split()[-5:-2]
            assert (emb, uni) == ("yes", "yes"), f"{pdf}: font not embedded with a Unicode map: {line}"
        text = run("pdftotext", "-layout", pdf, "-")
        page1, _, page2 = text.partition("\f")
        flat = " ".join(page1.split())
        for want in (cert["holder"]["name"], cert["number"], f"{cert['course']['total_jp']} JP"):
            assert want in flat, f"{pdf}: {want!r} not in its text"
        assert re.search(rf"(Jumlah|Total)\s+{cert['course']['total_jp']}\b", page2), f"{pdf}: no agenda total"
        for s in cert["course"]["subjects"][:3]:
            assert s["title"] in page2, f"{pdf}: subject {s['title']!r} not on page 2"
        listed = run("pdfdetach", "-list", pdf)
        assert listed.startswith("1 embedded files"), (pdf, listed)
        tmp = os.path.join(out, "one")
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        run("pdfdetach", "-saveall", "-o", tmp, pdf)
        (name,) = os.listdir(tmp)
        assert name == os.path.basename(base) + ".vc.json", name
        assert json.load(open(os.path.join(tmp, name))) == json.load(open(base + ".vc.json")), f"{pdf}: attached credential differs"
        shutil.rmtree(tmp)
    cohort = os.path.join(folder, "cohort.pdf")
    info = run("pdfinfo", cohort)
    assert re.search(rf"^Pages:\s+{2 * len(certs)}$", info, re.M), info
    run("pdfdetach", "-saveall", "-o", out, cohort)
    detached = glob.glob(os.path.join(out, "*.vc.json"))
    assert len(detached) == len(certs), (len(detached), len(certs))
    for f in ("issuer.json", "status-list.vc.json"):
        shutil.copy(os.path.join(folder, f), out)
    run("pdftoppm", "-r", "60", "-png", certs[0], os.path.join(shots, "pdf-page"))
    print(f"PDF check: {len(certs)} certificate PDFs and the cohort file ({2 * len(certs)} pages); "
          f"holder, number and JP found by pdftotext; {len(detached)} credentials taken out by pdfdetach")


if __name__ == "__main__":
    main(*sys.argv[1:4])
