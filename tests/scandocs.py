"""Build the scan fixtures: a plan document described as data (tests/data/scan/fixtures),
written to PDF (ReportLab, through bench/docgen.py), DOCX (python-docx), ODT (odfpy),
HTML and Markdown.

A description has a `title` and `pages`, each page a list of `blocks` (`h1`, `h2`, `p`,
`li`, or `table`: a list of rows), `columns: 2` for a two-column PDF page, and `toc: true`
on the page that a table of contents goes before. Formats without pages get the table of
contents as a section headed "Inhoudsopgave" (Word, HTML, Markdown) or as ODF's own.
"""

from __future__ import annotations

import html
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from conftest import DATA, ROOT

FIXTURES = DATA / "scan" / "fixtures"
FORMATS = ("pdf", "docx", "odt", "html", "md")


def load(name: str) -> dict[str, Any]:
    """The description of fixture `name`."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def expected(name: str) -> dict[str, Any]:
    """What a scan must find in fixture `name` (its sidecar)."""
    data: dict[str, Any] = yaml.safe_load(
        (FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8")
    )
    return data


def docgen() -> ModuleType:
    if "docgen" in sys.modules:
        return sys.modules["docgen"]
    spec = importlib.util.spec_from_file_location("docgen", ROOT / "bench" / "docgen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["docgen"] = module
    spec.loader.exec_module(module)
    return module


def build(name: str, fmt: str, folder: Path, **pdf_options: Any) -> Path:
    """Write fixture `name` as `fmt` into `folder`; returns the file."""
    spec = load(name)
    path = folder / f"{name}.{fmt}"
    {"pdf": pdf, "docx": docx, "odt": odt, "html": page, "md": markdown}[fmt](
        spec, path, **pdf_options
    )
    return path


def _blocks(spec: dict[str, Any]) -> list[tuple[str, Any]]:
    return [next(iter(block.items())) for p in spec["pages"] for block in p.get("blocks", [])]


def _headings(spec: dict[str, Any]) -> list[str]:
    return [text for kind, text in _blocks(spec) if kind == "h2"]


# --- PDF ----------------------------------------------------------------------------


def pdf(spec: dict[str, Any], path: Path, **options: Any) -> Path:
    gen = docgen()
    pages = []
    toc: list[tuple[str, int]] = []
    shift = 0
    for number, described in enumerate(spec["pages"], start=1):
        if described.get("toc"):
            shift = 1
        blocks = []
        for block in described.get("blocks", []):
            kind, text = next(iter(block.items()))
            if kind in ("h1", "h2"):
                blocks.append(gen.Block(text, "heading"))
                if kind == "h2":
                    toc.append((text, number + 1))
            elif kind == "li":
                blocks.append(gen.Block(text, "bullet"))
            elif kind == "table":
                blocks += [gen.Block(" · ".join(row)) for row in text]
            else:
                blocks.append(gen.Block(text))
        pages.append(gen.Page(blocks, described.get("columns", 1)))
    options.setdefault("header", spec.get("running_header"))
    options.setdefault("title", spec["title"])
    return gen.write_pdf(path, pages, toc=toc if shift else (), **options)  # type: ignore[no-any-return]


# --- Word ---------------------------------------------------------------------------


def docx(spec: dict[str, Any], path: Path, **_: Any) -> Path:
    import docx as python_docx

    document = python_docx.Document()
    document.core_properties.title = spec["title"]
    document.sections[0].header.paragraphs[0].text = spec.get("running_header") or ""
    for described in spec["pages"]:
        if described.get("toc"):
            document.add_heading("Inhoudsopgave", 1)
            for number, heading in enumerate(_headings(spec), start=3):
                document.add_paragraph(f"{heading} {'.' * 30} {number}")
        for block in described.get("blocks", []):
            kind, text = next(iter(block.items()))
            if kind == "h1":
                document.add_heading(text, 0)
            elif kind == "h2":
                document.add_heading(text, 1)
            elif kind == "li":
                document.add_paragraph(text, style="List Bullet")
            elif kind == "table":
                table = document.add_table(rows=len(text), cols=len(text[0]))
                for row, cells in zip(table.rows, text, strict=True):
                    for cell, value in zip(row.cells, cells, strict=True):
                        cell.text = value
            else:
                document.add_paragraph(text)
    document.save(str(path))
    return path


# --- OpenDocument -------------------------------------------------------------------


def odt(spec: dict[str, Any], path: Path, **_: Any) -> Path:
    from odf import dc, opendocument, table, text

    document = opendocument.OpenDocumentText()
    document.meta.addElement(dc.Title(text=spec["title"]))
    for described in spec["pages"]:
        if described.get("toc"):
            index = text.TableOfContent(name="Inhoudsopgave")
            body = text.IndexBody()
            body.addElement(text.P(text="Inhoudsopgave"))
            for number, heading in enumerate(_headings(spec), start=3):
                body.addElement(text.P(text=f"{heading}\t{number}"))
            index.addElement(body)
            document.text.addElement(index)
        items = None
        for block in described.get("blocks", []):
            kind, value = next(iter(block.items()))
            if kind != "li":
                items = None
            if kind in ("h1", "h2"):
                document.text.addElement(text.H(outlinelevel=1 if kind == "h1" else 2, text=value))
            elif kind == "li":
                if items is None:
                    items = text.List()
                    document.text.addElement(items)
                entry = text.ListItem()
                entry.addElement(text.P(text=value))
                items.addElement(entry)
            elif kind == "table":
                grid = table.Table(name=f"Tabel{id(block)}")
                for cells in value:
                    row = table.TableRow()
                    for cell_text in cells:
                        cell = table.TableCell()
                        cell.addElement(text.P(text=cell_text))
                        row.addElement(cell)
                    grid.addElement(row)
                document.text.addElement(grid)
            else:
                document.text.addElement(text.P(text=value))
    document.save(str(path))
    return path


# --- HTML and Markdown --------------------------------------------------------------


def page(spec: dict[str, Any], path: Path, **_: Any) -> Path:
    out = [f"<!doctype html><html><head><title>{html.escape(spec['title'])}</title></head><body>"]
    for described in spec["pages"]:
        if described.get("toc"):
            out.append('<nav id="toc"><h2>Inhoud</h2><ul>')
            out += [f"<li>{html.escape(h)}</li>" for h in _headings(spec)]
            out.append("</ul></nav>")
        in_list = False
        for block in described.get("blocks", []):
            kind, value = next(iter(block.items()))
            if kind != "li" and in_list:
                out.append("</ul>")
                in_list = False
            if kind in ("h1", "h2"):
                out.append(f"<{kind}>{html.escape(value)}</{kind}>")
            elif kind == "li":
                if not in_list:
                    out.append("<ul>")
                    in_list = True
                out.append(f"<li>{html.escape(value)}</li>")
            elif kind == "table":
                rows = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
                    for cells in value
                )
                out.append(f"<table>{rows}</table>")
            else:
                out.append(f"<p>{html.escape(value)}</p>")
        if in_list:
            out.append("</ul>")
    out.append("<footer>Gemeente Veenhaven, pagina-onderschrift</footer></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def markdown(spec: dict[str, Any], path: Path, **_: Any) -> Path:
    out: list[str] = []
    for described in spec["pages"]:
        if described.get("toc"):
            out += ["## Inhoud", ""]
            out += [f"- [{h}](#{h.lower().replace(' ', '-')})" for h in _headings(spec)]
            out.append("")
        for block in described.get("blocks", []):
            kind, value = next(iter(block.items()))
            if kind == "h1":
                out += [f"# {value}", ""]
            elif kind == "h2":
                out += [f"## {value}", ""]
            elif kind == "li":
                out.append(f"- {value}")
            elif kind == "table":
                out.append("| " + " | ".join(value[0]) + " |")
                out.append("|" + "---|" * len(value[0]))
                out += ["| " + " | ".join(row) + " |" for row in value[1:]]
                out.append("")
            else:
                out += [value, ""]
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return path
