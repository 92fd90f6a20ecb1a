#!/usr/bin/env python3
"""csv_to_xlsx.py IN.csv OUT.xlsx: a submission CSV (UTF-8, with or without BOM, comma-separated) as the
workbook an office gets by typing the same cells into Excel: ma_don_vi and ky_bao_cao as text (leading
zeros kept), ngay_lap as a date cell (format dd/mm/yyyy) when it reads as D/M/YYYY or YYYY-MM-DD (else
the text as given), counts and money as numbers when the cell is all digits (else text), every other
column as text; empty cells are no cell. Works with openpyxl 3.0 (Debian's python3-openpyxl) and 3.1.

Text that XML cannot hold (control characters) is written as Excel writes it, `_xHHHH_`, and a typed
`_xHHHH_` is escaped as `_x005F_xHHHH_`, so a reader that undoes Excel's escaping gets the typed text.
Text longer than Excel's 32,767 characters is kept whole (openpyxl would cut it silently), so the
reader's own cut and D17 apply as for the CSV. The output is byte-identical for the same input: zip timestamps and document dates are fixed.

Also imported by make-corpus.py (workbook(), to_bytes())."""
import csv
import datetime
import io
import re
import sys
import zipfile

import openpyxl

TEXT_COLUMNS = {"ma_don_vi", "ky_bao_cao", "ngay_lap", "nguoi_lap", "ghi_chu", "kh_thang_hd", "bo_chi_so"}
FIXED_DATE = datetime.datetime(2024, 6, 5, 8, 0, 0)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_DIGITS = re.compile("[0-9]{1,15}")


def column_key(name):
    """A header name as the pipeline matches it: case-insensitive, spaces removed."""
    return re.sub(r"\s+", "", name).lower()


def excel_text(value):
    """The string as Excel stores it in the XML (ST_Xstring escaping)."""
    value = _ESCAPE_LIKE.sub(r"_x005F_\1", value)
    return _ILLEGAL.sub(lambda m: "_x%04X_" % ord(m.group(0)), value)


def parse_date(text):
    """D/M/YYYY (day first) or YYYY-MM-DD as a date, or None."""
    text = text.strip()
    m = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
        if not m:
            return None
        year, month, day = (int(g) for g in m.groups())
    if year < 1900:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def typed_value(column, value):
    """The value an office gets by typing `value` into the column's cell: None (no cell), int, date or str."""
    if value == "":
        return None
    key = column_key(column)
    if key == "ngay_lap":
        return parse_date(value) or value
    if key not in TEXT_COLUMNS and _DIGITS.fullmatch(value):
        return int(value)
    return value


def set_cell(ws, row, column, value, number_format=None):
    """Writes one cell; a str is always a string cell (never read as a formula, even with a leading '=')."""
    if value is None:
        return None
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell._value = excel_text(value)  # not cell.value: openpyxl would cut it to 32,767 characters silently
        cell.data_type = "s"
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, (datetime.date, datetime.datetime)):
        cell.number_format = "dd/mm/yyyy"
    return cell


def fill(ws, header, rows, first_row=1):
    """The header and rows, typed as an office types them, from worksheet row `first_row` on."""
    for c, name in enumerate(header, start=1):
        set_cell(ws, first_row, c, name if name != "" else None)
    for r, values in enumerate(rows, start=first_row + 1):
        for c, value in enumerate(values, start=1):
            column = header[c - 1] if c <= len(header) else ""
            set_cell(ws, r, c, typed_value(column, value))


def workbook(header, rows, title="Báo cáo", first_row=1):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    fill(ws, header, rows, first_row)
    fix_properties(wb)
    return wb


def fix_properties(wb):
    wb.properties.creator = "tonghop corpus"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE


def normalise_zip(data):
    """The same archive with fixed entry timestamps and document dates (openpyxl stamps the save time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\3", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, body)
    return out.getvalue()


def to_bytes(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_zip(buffer.getvalue())


def read_csv(path):
    """(header, rows, the header's record number from 1): blank records before the header are dropped,
    later ones kept as empty rows so that row numbers follow the CSV's records."""
    csv.field_size_limit(1 << 30)  # a notes cell may be megabytes long
    with open(path, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    start = next((i for i, r in enumerate(table) if any(v != "" for v in r)), len(table))
    if start == len(table):
        return [], [], 1
    return table[start], table[start + 1:], start + 1


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: csv_to_xlsx.py IN.csv OUT.xlsx\n")
        return 2
    header, rows, first_row = read_csv(argv[1])
    with open(argv[2], "wb") as f:
        f.write(to_bytes(workbook(header, rows, first_row=first_row)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
