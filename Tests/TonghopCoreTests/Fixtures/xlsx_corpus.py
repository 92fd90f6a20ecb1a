"""The `.xlsx` entries of the submission corpus (corpus/xlsx/), written by make-corpus.py's main().

Workbooks as offices produce them (openpyxl, XlsxWriter, LibreOffice, typed text dates, formulas, a
hidden first sheet, the 1904 date system, Excel's number and error cells, inline strings) and files that
are not readable workbooks or are hostile (zip bomb, external entity, entity expansion, encrypted, an
.xls or a CSV renamed, truncated, beyond Excel's grid): each with its expected outcome.

Needs openpyxl, XlsxWriter, xlwt and msoffcrypto-tool (PyPI) and LibreOffice's soffice. Deterministic
except the LibreOffice re-save (soffice stamps the save time)."""
import datetime
import io
import struct
import os
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from contextlib import contextmanager

import openpyxl
import xlsxwriter

import csv_to_xlsx as cx

CREATED = datetime.datetime(2024, 6, 5, 8, 0, 0)
COUNT_COLUMNS = {"cuoc_tt", "luot_nam", "luot_nu", "luot_dtts", "tin_q1", "tin_q2", "huong_uoc", "huong_uoc_bdg"}


# --- writers -------------------------------------------------------------------------------------------

def openpyxl_book(header, rows, text_dates=False, title="Báo cáo"):
    """The cells as csv_to_xlsx types them; with text_dates, ngay_lap stays the text typed."""
    wb = cx.workbook(header, [], title=title)
    ws = wb.active
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            typed = value if (text_dates and header[c - 1] == "ngay_lap" and value) else cx.typed_value(header[c - 1], value)
            cx.set_cell(ws, r, c, typed)
    return wb


def xlsxwriter_book(build, **options):
    """Bytes of an XlsxWriter workbook; `build(workbook, worksheet)` fills the first sheet."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": False, "strings_to_numbers": False,
                                      "strings_to_formulas": False, "strings_to_urls": False, **options})
    wb.set_properties({"created": CREATED, "author": "tonghop corpus"})
    ws = wb.add_worksheet("Báo cáo")
    build(wb, ws)
    wb.close()
    return buffer.getvalue()


def typed_cells(header, rows):
    """(row, column, value) of the rows below the header, typed as an office types them; blanks left out."""
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            typed = cx.typed_value(header[c], value)
            if typed is not None:
                yield r, c, typed


def xlsxwriter_cells(wb, ws, header, rows, date_format):
    """Header and rows as typed cells: strings, numbers, date cells."""
    for c, name in enumerate(header):
        ws.write_string(0, c, name)
    for r, c, typed in typed_cells(header, rows):
        if isinstance(typed, datetime.date):
            ws.write_datetime(r, c, datetime.datetime.combine(typed, datetime.time()), date_format)
        elif isinstance(typed, int):
            ws.write_number(r, c, typed)
        else:
            ws.write_string(r, c, typed)


def rezip(data, replace):
    """The archive with some parts' bytes changed by replace(name, bytes) -> bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, replace(info.filename, src.read(info.filename)))
    return out.getvalue()


# A minimal package, written part by part (zipfile): for inline strings and the hostile files.
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                 '{shared}</Types>')
SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                 '{shared}</Relationships>')
SHARED_REL = ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
              'Target="sharedStrings.xml"/>')
# cellXfs: 0 General, 1 built-in format 14 (the short date Excel gives a typed date).
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>')
SHEET_OPEN = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_CLOSE = '</sheetData></worksheet>'


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline_cell(ref, text):
    attr = f' r="{ref}"' if ref else ""
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c{attr} t="inlineStr"><is><t{space}>{xml_escape(text)}</t></is></c>'


def header_row(header):
    return '<row r="1">' + "".join(inline_cell(f"{column_letter(i)}1", h) for i, h in enumerate(header)) + "</row>"


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def package(sheet, shared=None):
    """Bytes of a workbook whose parts are given as text (sheet1.xml, optional sharedStrings.xml)."""
    parts = [("[Content_Types].xml", CONTENT_TYPES.format(shared=SHARED_TYPE if shared else "")),
             ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
             ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(shared=SHARED_REL if shared else "")),
             ("xl/styles.xml", STYLES), ("xl/worksheets/sheet1.xml", sheet)]
    if shared:
        parts.append(("xl/sharedStrings.xml", shared))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            z.writestr(entry, text.encode("utf-8"))
    return out.getvalue()


def zip_bomb(header, size=400 * 1024 * 1024, zip64=True):
    """A valid workbook whose sheet1.xml expands to `size` bytes (a header row, then whitespace, then one
    empty row), deflated at level 9, streamed so it never sits in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in [("[Content_Types].xml", CONTENT_TYPES.format(shared="")), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(shared="")),
                           ("xl/styles.xml", STYLES)]:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, text.encode("utf-8"))
        entry = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        for level in ("compress_level", "_compresslevel"):  # its name from Python 3.13 on, and before
            if level in getattr(zipfile.ZipInfo, "__slots__", ()):
                setattr(entry, level, 9)
        head = (SHEET_OPEN + header_row(header)).encode("utf-8")
        tail = ('<row r="2"/>' + SHEET_CLOSE).encode("utf-8")
        filler = size - len(head) - len(tail)
        chunk = b" " * (1 << 20)
        with z.open(entry, "w", force_zip64=zip64) as f:
            f.write(head)
            while filler > 0:
                f.write(chunk[:min(filler, len(chunk))])
                filler -= len(chunk)
            f.write(tail)
    return out.getvalue()


def lying_zip_bomb(header, size=100 * 1024 * 1024):
    """A zip bomb whose directory and local header say the sheet inflates to 1,000 bytes: only counting
    the bytes actually inflated catches it."""
    data = bytearray(zip_bomb(header, size, zip64=False))
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        if bytes(data[at + 46:at + 46 + length]) == name:
            struct.pack_into("<I", data, at + 24, 1000)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, 1000)
        at = data.find(b"PK\x01\x02", at + 46 + length + extra + comment)
    return bytes(data)


class _FixedNow(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2024, 6, 5, 8, 0, 0)


@contextmanager
def seeded_msoffcrypto(seed):
    """msoffcrypto draws its salts and key from `secrets` and stamps the container with the time; both are
    fixed here so that the encrypted file is reproducible (left as they are where its internals differ)."""
    import msoffcrypto.method.ecma376_agile as agile
    try:
        import msoffcrypto.method.container.ecma376_encrypted as container
    except ImportError:
        container = None
    saved = []
    rng = random.Random(seed)
    for module, name, value in [(agile, "_random_buffer", lambda size: bytes(rng.getrandbits(8) for _ in range(size))),
                                (container, "datetime", _FixedNow)]:
        if module is not None and hasattr(module, name):
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, value)
    try:
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


def encrypt(data, password):
    from msoffcrypto.format.ooxml import OOXMLFile
    out = io.BytesIO()
    with seeded_msoffcrypto(password):
        OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def xls_bytes(header, rows):
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Bao cao")
    for c, name in enumerate(header):
        sheet.write(0, c, name)
    for r, c, typed in typed_cells(header, rows):
        if isinstance(typed, datetime.date):
            sheet.write(r, c, typed, xlwt.easyxf(num_format_str="dd/mm/yyyy"))
        else:
            sheet.write(r, c, typed)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def libreoffice_resave(data, name):
    """The workbook opened and saved again as .xlsx by LibreOffice (soffice --convert-to xlsx)."""
    work = tempfile.mkdtemp(prefix="xlsx-corpus-")
    try:
        source = os.path.join(work, "in", name)
        os.makedirs(os.path.dirname(source))
        with open(source, "wb") as f:
            f.write(data)
        outdir = os.path.join(work, "out")
        subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo-profile-xlsx", "--headless",
                        "--convert-to", "xlsx", "--outdir", outdir, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        with open(os.path.join(outdir, name), "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the entries ---------------------------------------------------------------------------------------

def write_all(write, expect, rows, header, row, csv_text, folder="xlsx/"):
    """Writes every .xlsx entry through write(name, bytes) and records it with expect(entry, accepted, codes).
    rows: the district's 20 rows; header: their columns; row(code, **changes): one valid commune row
    (make-corpus.py's helper); csv_text(rows): the CSV text of rows under the header."""
    def entry(name, data, accepted, codes):
        write(folder + name, data)
        expect(folder + name, accepted, codes)

    def col(name):
        return header.index(name)

    # One district's 20 communes, as three writers save them: the same 20 rows accepted.
    district = cx.to_bytes(openpyxl_book(header, rows))
    entry("openpyxl-district.xlsx", district, 20, [])
    # The same workbook sent under a .csv name: read as the workbook it is.
    entry("workbook-named.csv", district, 20, [])
    entry("xlsxwriter-district.xlsx", xlsxwriter_book(
        lambda wb, ws: xlsxwriter_cells(wb, ws, header, rows, wb.add_format({"num_format": "dd/mm/yyyy"}))), 20, [])
    entry("libreoffice-resaved.xlsx", libreoffice_resave(district, "openpyxl-district.xlsx"), 20, [])

    # Dates typed as text (string cells) follow the text rules: day first is fine, month first is D04.
    entry("date-as-text.xlsx", cx.to_bytes(openpyxl_book(header, rows, text_dates=True)), 20, [])
    entry("month-first-text-date.xlsx", cx.to_bytes(openpyxl_book(header, [row("90101", ngay_lap="06/13/2024")],
                                                                   text_dates=True)), 0, ["D04"])

    # A formula without a cached value (openpyxl never computes one) is blank with D17; cuoc_tt is required: D07.
    wb = openpyxl_book(header, [row("90101")])
    wb.active.cell(row=2, column=col("cuoc_tt") + 1).value = "=1+2"
    entry("formula-no-cached-value.xlsx", cx.to_bytes(wb), 0, ["D07", "D17"])

    # A formula with its cached value (as Excel saves it): the value counts.
    def cached(wb, ws):
        xlsxwriter_cells(wb, ws, header, [row("90101")], wb.add_format({"num_format": "dd/mm/yyyy"}))
        ws.write_formula(1, col("cuoc_tt"), "=1+2", None, 3)
    entry("formula-cached.xlsx", xlsxwriter_book(cached), 1, [])

    # A merged title row above the header: the first non-blank row is the header, it lacks the identifiers (T03).
    wb = cx.workbook([], [])
    ws = wb.active
    cx.set_cell(ws, 1, 1, "BÁO CÁO KẾT QUẢ TRUYỀN THÔNG BÌNH ĐẲNG GIỚI")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    cx.fill(ws, header, rows[:2], first_row=2)
    entry("merged-title-row.xlsx", cx.to_bytes(wb), 0, ["T03"])

    # A hidden instructions sheet first: the first visible sheet is read.
    wb = cx.workbook([], [], title="Hướng dẫn")
    guide = wb.active
    cx.set_cell(guide, 1, 1, "Hướng dẫn điền biểu mẫu")
    cx.set_cell(guide, 2, 1, "Mỗi xã điền một dòng; ngày lập theo dạng ngày/tháng/năm.")
    guide.sheet_state = "hidden"
    guide.sheet_view.tabSelected = False
    cx.fill(wb.create_sheet("Báo cáo"), header, rows)
    wb.active = 1
    entry("hidden-first-sheet.xlsx", cx.to_bytes(wb), 20, [])

    # The 1904 date system (old Mac Excel): serials 1462 days smaller, the same dates.
    wb = openpyxl_book(header, [])
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    cx.fill(wb.active, header, rows)
    entry("date1904.xlsx", cx.to_bytes(wb), 20, [])

    # Excel's numbers, booleans, errors and rich text, one case per row (XlsxWriter):
    #   90101 cuoc_tt 12 stored as <v>12.0</v>    → accepted (12)
    #   90102 cuoc_tt 2.5                          → D06
    #   90103 luot_nam 1.234, a float              → D06 (a fraction, not a grouped 1234)
    #   777   ma_don_vi the number 777             → D18 (the registry has 00777), accepted
    #   90104 kh_thang_hd the boolean TRUE         → yes, accepted
    #   90105 luot_nu =1/0 cached #DIV/0! (t="e")  → D06 (the text "#DIV/0!")
    #   90106 nguoi_lap rich text "Lê Thị" (bold) + " Thuỷ" → accepted
    # 4 accepted; D06 ×3, D18.
    def numbers(wb, ws):
        date = wb.add_format({"num_format": "dd/mm/yyyy"})
        bold = wb.add_format({"bold": True})
        cases = [row("90101"), row("90102"), row("90103"), row("777"), row("90104"), row("90105"), row("90106")]
        xlsxwriter_cells(wb, ws, header, cases, date)
        ws.write_number(1, col("cuoc_tt"), 12.0)
        ws.write_number(2, col("cuoc_tt"), 2.5)
        ws.write_number(3, col("luot_nam"), 1.234)
        ws.write_number(4, col("ma_don_vi"), 777)
        ws.write_boolean(5, col("kh_thang_hd"), True)
        ws.write_formula(6, col("luot_nu"), "=1/0", None, "#DIV/0!")
        ws.write_rich_string(7, col("nguoi_lap"), bold, "Lê Thị", " Thuỷ")
    twelve = f'<c r="{column_letter(col("cuoc_tt"))}2"'
    def as_double(name, body):
        if name != "xl/worksheets/sheet1.xml":
            return body
        text = body.decode("utf-8")
        changed = re.sub('(' + re.escape(twelve) + r'[^>]*><v>)12(</v>)', r"\g<1>12.0\2", text)
        assert changed != text, "cuoc_tt 12 not found"
        return changed.encode("utf-8")
    entry("numbers-and-values.xlsx", rezip(xlsxwriter_book(numbers), as_double), 4, ["D06", "D06", "D06", "D18"])

    # Inline strings, a rich inline string, no sharedStrings part, cells and a row without `r`, a date as a
    # serial with Excel's built-in short-date format 14: 3 rows accepted.
    lines = [SHEET_OPEN, header_row(header)]
    for n, values in enumerate(rows[:3], start=2):
        cells = []
        for c, value in enumerate(values):
            ref = None if n == 3 and c % 2 else f"{column_letter(c)}{n}"  # row 3: every other cell without r
            typed = cx.typed_value(header[c], value)
            attr = f' r="{ref}"' if ref else ""
            if typed is None:
                if n == 3:
                    cells.append(f"<c{attr}/>")  # an empty cell keeps the position of the next cell without r
                continue
            if header[c] == "nguoi_lap" and n == 2:
                cells.append(f'<c{attr} t="inlineStr"><is><r><rPr><b/></rPr><t>Lê Thị</t></r>'
                             '<r><t xml:space="preserve"> Thuỷ</t></r></is></c>')
            elif isinstance(typed, datetime.date):
                serial = (typed - datetime.date(1899, 12, 30)).days
                cells.append(f'<c{attr} s="1"><v>{serial}</v></c>')
            elif isinstance(typed, int):
                cells.append(f"<c{attr}><v>{typed}</v></c>")
            else:
                cells.append(inline_cell(ref, typed))
        row_attr = "" if n == 4 else f' r="{n}"'  # row 4 without r: it follows row 3
        lines.append(f"<row{row_attr}>" + "".join(cells) + "</row>")
    lines.append(SHEET_CLOSE)
    entry("inline-strings.xlsx", package("".join(lines)), 3, [])

    # Hostile workbooks: each T01, bounded in memory, nothing read outside the archive.
    entry("zip-bomb.xlsx", zip_bomb(header), 0, ["T01"])
    entry("zip-bomb-lying-sizes.xlsx", lying_zip_bomb(header), 0, ["T01"])
    entry("xxe.xlsx", package('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                              '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                              + header_row(header) + '<row r="2">' + inline_cell("A2", "90101")
                              + '<c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c></row>' + SHEET_CLOSE), 0, ["T01"])
    laughs = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10)]
    shared = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [' + "".join(laughs) + ']>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              '<si><t>&lol9;</t></si></sst>')
    entry("billion-laughs.xlsx", package(SHEET_OPEN + header_row(header) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
                                         + SHEET_CLOSE, shared=shared), 0, ["T01"])

    # Not a readable workbook: T01, with a message saying how to save it.
    entry("encrypted.xlsx", encrypt(district, "1234"), 0, ["T01"])
    entry("xls-renamed.xlsx", xls_bytes(header, rows[:3]), 0, ["T01"])
    entry("csv-renamed.xlsx", csv_text(rows[:2]).encode("utf-8"), 0, ["T01"])
    entry("truncated.xlsx", district[:len(district) * 6 // 10], 0, ["T01"])

    # Beyond Excel's grid of 1,048,576 rows × 16,384 columns (XFD): T01.
    data = [inline_cell(f"{column_letter(c)}{{n}}", v) if not (header[c] in COUNT_COLUMNS and v)
            else f'<c r="{column_letter(c)}{{n}}"><v>{v}</v></c>' for c, v in enumerate(rows[0]) if v]
    entry("too-many-rows.xlsx", package(SHEET_OPEN + header_row(header) + '<row r="1048577">'
                                        + "".join(d.replace("{n}", "1048577") for d in data) + "</row>" + SHEET_CLOSE), 0, ["T01"])
    entry("too-many-columns.xlsx", package(SHEET_OPEN + header_row(header) + '<row r="2">'
                                           + "".join(d.replace("{n}", "2") for d in data) + inline_cell("XFE2", "ngoài bảng")
                                           + "</row>" + SHEET_CLOSE), 0, ["T01"])
