"""Reading documents, hostile and awkward ones above all: every problem is one clear
message (a DocumentError), never a traceback, a hang or a fetch from the network."""

from __future__ import annotations

import io
import os
import socket
import zipfile
from pathlib import Path

import pytest

import scandocs
from herstelcheck.scan import documents, office, pdf
from herstelcheck.scan.documents import read
from herstelcheck.scan.text import DocumentError

TEXT = "De gemeente Testdam stelt een draaiboek op voor een nieuwe lockdown."


def _message(path: Path | str) -> str:
    with pytest.raises(DocumentError) as caught:
        read(str(path))
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.line == 0 and diagnostic.severity == "error"
    return diagnostic.message


def _pdf(path: Path, **options: object) -> Path:
    gen = scandocs.docgen()
    return gen.write_pdf(path, [gen.Page([gen.Block(TEXT)])], **options)  # type: ignore[no-any-return]


# --- PDF ----------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["owner"], ids=["rc4-owner-only"])
def test_a_pdf_with_only_an_owner_password_is_read(tmp_path, password):
    path = _pdf(tmp_path / "beveiligd.pdf", owner_password=password)
    document = read(str(path))
    assert TEXT in [line.text for page in document.pages for line in page.lines]


def test_an_aes_pdf_with_only_an_owner_password_is_read(tmp_path):
    pypdf = pytest.importorskip("pypdf")  # in the test extra, with cryptography for AES
    plain = _pdf(tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="AES-256")
    path = tmp_path / "aes.pdf"
    with open(path, "wb") as stream:
        writer.write(stream)
    document = read(str(path))
    assert TEXT in [line.text for page in document.pages for line in page.lines]


def test_a_pdf_that_needs_a_password_is_an_error(tmp_path):
    path = _pdf(tmp_path / "slot.pdf", user_password="geheim", owner_password="eigenaar")
    assert "needs a password to open" in _message(path)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", b"%PDF-1.4\n\x00\xff" * 50],
    ids=["no-pages", "garbage"],
)
def test_a_damaged_pdf_is_an_error(tmp_path, content):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(content)
    assert "PDF" in _message(path)


def test_a_pdf_cut_off_halfway_is_an_error_or_what_is_left(tmp_path):
    whole = _pdf(tmp_path / "heel.pdf").read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    try:
        document = read(str(path))
    except DocumentError as exc:
        assert "PDF" in exc.diagnostics[0].message or "text" in exc.diagnostics[0].message
    else:
        assert document.kind == "pdf"


def test_a_scanned_pdf_says_there_is_no_text_layer(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = io.BytesIO()
    Image.new("L", (40, 20), 200).save(picture, format="PNG")
    picture.seek(0)
    path = tmp_path / "scan.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.drawImage(ImageReader(picture), 50, 500, 400, 200)
    drawing.save()
    message = _message(path)
    assert "no text layer" in message and "OCR" in message


def test_pages_that_are_images_among_pages_of_text_are_a_note(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = io.BytesIO()
    Image.new("L", (40, 20), 200).save(picture, format="PNG")
    picture.seek(0)
    path = tmp_path / "half.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.drawString(50, 700, TEXT)
    drawing.showPage()
    drawing.drawImage(ImageReader(picture), 50, 500, 400, 200)
    drawing.save()
    document = read(str(path))
    assert document.notes == (
        "page 2 has no text layer (scanned?); scan does not read text from images (no OCR)",
    )


def test_a_pdf_without_text_or_images_holds_no_text(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "leeg.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.rect(50, 50, 100, 100)
    drawing.save()
    assert _message(path) == "holds no text"


def test_too_many_pages_are_refused(tmp_path, monkeypatch):
    gen = scandocs.docgen()
    path = gen.write_pdf(tmp_path / "dik.pdf", [gen.Page([gen.Block(TEXT)])] * 3)
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    assert "has 3 pages" in _message(path)


def test_a_two_column_page_reads_column_by_column():
    segments = []
    for row in range(6):
        top = 100 + 14 * row
        segments.append(pdf._Segment(f"links {row}", 60, top, 280, top + 10, 10))
        segments.append(pdf._Segment(f"rechts {row}", 310, top, 530, top + 10, 10))
    segments.append(pdf._Segment("Pagina 1", 280, 800, 315, 810, 8))
    lines = pdf.layout(segments, 595)
    assert [line.text for line in lines] == [
        *(f"links {row}" for row in range(6)),
        *(f"rechts {row}" for row in range(6)),
        "Pagina 1",
    ]


# --- Word and OpenDocument ----------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_docx_zip_bomb_is_refused_before_it_is_opened(tmp_path):
    path = _zip(
        tmp_path / "bom.docx",
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (4 * 1024 * 1024)},
    )
    assert "zip bomb" in _message(path)


def test_a_zip_that_claims_too_much_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "MAX_UNPACKED", 1000)
    path = _zip(
        tmp_path / "groot.docx",
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": os.urandom(2000)},
    )
    assert "zip bomb" in _message(path)


def test_a_zip_of_many_parts_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "MAX_ENTRIES", 10)
    parts = {f"word/media/{n}.xml": b"x" for n in range(20)}
    path = _zip(tmp_path / "veel.docx", {"word/document.xml": b"<x/>", **parts})
    assert "has 21 parts" in _message(path)


def test_external_links_in_a_docx_are_never_fetched(tmp_path, monkeypatch):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    paragraph = document.add_paragraph(TEXT)
    paragraph.part.relate_to("http://example.invalid/plan", RELATIONSHIP_TYPE.HYPERLINK, True)
    paragraph.part.relate_to("http://example.invalid/x.docx", RELATIONSHIP_TYPE.A_F_CHUNK, True)
    path = tmp_path / "links.docx"
    document.save(str(path))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document made scan open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert [b.text for b in read(str(path)).blocks] == [TEXT]


def test_a_damaged_docx_is_an_error(tmp_path):
    path = _zip(tmp_path / "kapot.docx", {"word/document.xml": b"<w:document><unclosed"})
    assert "damaged Word document" in _message(path)


def test_an_odt_with_an_xml_bomb_is_refused(tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        b"&b;</office:document-content>"
    )
    manifest = (
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    path = _zip(
        tmp_path / "bom.odt",
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": bomb,
        },
    )
    assert "damaged OpenDocument" in _message(path)


# --- text and the file itself -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café € 1,2 miljoen".encode(), "Café € 1,2 miljoen"),
        (b"\xef\xbb\xbf" + "Café".encode(), "Café"),
        ("Café €".encode("utf-16"), "Café €"),
        ("Café €".encode("utf-16-be"), "Café €"),
        ("Café € ‘x’".encode("cp1252"), "Café € ‘x’"),
        ("Café".encode("utf-32"), "Café"),
        ("Café €".encode("utf-16-le"), "Café €"),
        ("Café".encode("utf-32-le"), "Café"),
        ("Café".encode("utf-32-be"), "Café"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-bom",
        "utf-16-be-no-bom",
        "cp1252",
        "utf-32-bom",
        "utf-16-le-no-bom",
        "utf-32-le-no-bom",
        "utf-32-be-no-bom",
    ],
)
def test_text_in_any_encoding_people_save_it_in(tmp_path, data, expected):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    assert read(str(path)).blocks[0].text == expected


def test_binary_data_named_txt_is_an_error(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert "binary" in _message(path)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Word (.doc)"),
        ("plan.rtf", b"{\\rtf1\\ansi hallo}", "RTF"),
        ("plan.pdf", b"Dit is geen PDF.", "is named .pdf but is no PDF file"),
        ("plan.docx", b"Dit is geen Word-bestand.", "is named .docx"),
        ("archief.zip", b"", "no Word (.docx) or OpenDocument"),
        ("leeg.txt", b"", "is empty"),
    ],
)
def test_formats_scan_does_not_read(tmp_path, name, data, expected):
    path = tmp_path / name
    if name.endswith(".zip"):
        _zip(path, {"a.txt": b"a"})
    else:
        path.write_bytes(data)
    assert expected in _message(path)


def test_a_document_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "groot.txt"
    path.write_text("x" * 5000)
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    read: list[object] = []  # the file is opened to check it, never read
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: read.append(a) or real_fdopen(*a, **k))
    assert _message(path) == "the document is larger than 1,000 bytes"
    assert read == []


def test_a_folder_fifo_or_device_is_refused_without_blocking(tmp_path):
    assert _message(tmp_path) == "is a folder, not a document"
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    assert "not a regular file" in _message(fifo)
    assert "not a regular file" in _message("/dev/zero")
    assert _message(tmp_path / "nergens.pdf") == "no such document"


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root reads a file whatever its mode (the monkeypatched test below covers it)",
)
def test_an_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "dicht.txt"
    path.write_text(TEXT)
    path.chmod(0)
    assert _message(path) == "cannot read the document: permission denied"


def test_a_file_that_cannot_be_opened_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "dicht.txt"
    path.write_text(TEXT)

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    assert _message(path) == "cannot read the document: permission denied"


def test_html_scripts_styles_and_navigation_are_left_out(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><head><title>Plan</title><style>p{}</style><script>alert(1)</script></head>"
        "<body><nav>menu</nav><p>Een <b>draaiboek</b> &amp; meer.<br>Nieuwe regel.</p>"
        "<div hidden>verborgen</div><img src='http://example.invalid/x.png'></body></html>"
    )
    document = read(str(path))
    assert document.title == "Plan"
    assert [b.text for b in document.blocks] == ["Een draaiboek & meer.\nNieuwe regel."]
