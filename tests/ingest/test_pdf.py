"""Articles saved as PDF from a browser: the text layer, cleaned as copied text; scanned PDFs refused."""

from __future__ import annotations

from newsprism.ingest.folder import ingest_folder


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small PDF whose pages hold the given lines as text (Helvetica), as a browser's "Save as PDF" does.

    A page with no lines holds no text at all, like a scanned page.
    """
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        stream = ("BT /F1 10 Tf 14 TL 50 760 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
                  if lines else "")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("latin-1")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode("latin-1")
    return bytes(out)


HEADER = "12/2/26, 4:05 PM Council Delays Vote On Budget"
FOOTER = "https://www.harbourherald.example/2026/12/02/budget-vote {}/2"
PAGE_ONE = [
    HEADER,
    "Council Delays Vote On Budget",
    "The city council postponed its vote on the budget plan on Tuesday, saying it needed more time to study",
    "the costs of the new harbour works and the \xaenal bill.",  # \xae: the fi ligature of the font
    FOOTER.format(1),
]
PAGE_TWO = [
    HEADER,
    '"We will not rush a decision that affects every household," said council leader Ingrid Moe.',
    "Opponents of the budget plan welcomed the delay and promised to keep collecting signatures.",
    FOOTER.format(2),
]


def test_a_pdf_saved_from_a_browser_is_read_without_what_the_browser_printed(tmp_path):
    (tmp_path / "budget.pdf").write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    result = ingest_folder(tmp_path)
    row = result.articles.iloc[0]
    assert row["headline"] == "Council Delays Vote On Budget"
    assert "postponed its vote on the budget plan on Tuesday, saying it needed more time to study the costs" in row["body"]
    assert "the final bill" in row["body"]  # a typeset ligature is two letters again
    assert row["body"].endswith("promised to keep collecting signatures.")
    for printed in ("4:05 PM", "harbourherald.example", "1/2"):
        assert printed not in row["body"]
    assert row["url"] == "https://www.harbourherald.example/2026/12/02/budget-vote"
    # what was taken out is listed, not silently dropped
    assert {"print header", "print footer"} <= set(result.furniture.category)


def test_a_scanned_pdf_is_refused_with_the_reason_and_the_run_goes_on(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[], []]))
    (tmp_path / "budget.pdf").write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    result = ingest_folder(tmp_path)
    assert list(result.articles.file) == ["budget.pdf"]
    (reason,) = result.rejected.loc[result.rejected.file == "scan.pdf", "reason"]
    assert reason.startswith("a scanned PDF: its 2 pages hold no text layer")


def test_a_damaged_pdf_is_refused_with_the_reason(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n")
    (tmp_path / "budget.pdf").write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    result = ingest_folder(tmp_path)
    (reason,) = result.rejected.loc[result.rejected.file == "broken.pdf", "reason"]
    assert reason.startswith(("could not be read as a PDF", "a scanned PDF"))
