"""The returns as the files a council sends: the SSDA903 tables zipped (this year's and last year's, as the
DfE's validator loads them), the CIN census XML and the Annex A workbook, each as bytes for a download."""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path

from hearth.organisation.models import Authority
from hearth.returns.annex_a import write_annex_a
from hearth.returns.cin import write_cin
from hearth.returns.ssda903 import write_ssda903
from hearth.returns.years import CollectionYear

ZIP = "application/zip"
XML = "application/xml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ssda903_zip(*, authority: Authority, year: CollectionYear) -> bytes:
    """The CSV tables in folders named by year, <end year>/<table>.csv, as `hearth returns ssda903` writes
    them."""
    with tempfile.TemporaryDirectory(prefix="ssda903-") as folder:
        root = Path(folder)
        write_ssda903(authority_id=authority.pk, year=year, out=root)
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*.csv")):
                archive.write(path, arcname=path.relative_to(root).as_posix())
    return buffer.getvalue()


def cin_xml(*, authority: Authority, year: CollectionYear) -> bytes:
    with tempfile.TemporaryDirectory(prefix="cin-") as folder:
        path = Path(folder) / "cin.xml"
        write_cin(authority=authority, year=year, out=path)
        return path.read_bytes()


def annex_a_xlsx(*, authority: Authority, on: date) -> bytes:
    buffer = BytesIO()
    write_annex_a(authority=authority, on=on, out=buffer)
    return buffer.getvalue()
