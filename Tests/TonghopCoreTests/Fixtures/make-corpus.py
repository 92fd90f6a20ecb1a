#!/usr/bin/env python3
"""Writes the submission corpus beside this script: files as real offices produce them, each with
its expected outcome in corpus/manifest.tsv. Run it again after changing it; the outputs are committed.

Needs openpyxl, XlsxWriter, xlwt and msoffcrypto-tool from PyPI and LibreOffice's soffice (for the .xlsx
entries, written by xlsx_corpus.py beside this script):
    python3 -m venv /tmp/xlsxcorpus-venv && /tmp/xlsxcorpus-venv/bin/pip install openpyxl XlsxWriter xlwt msoffcrypto-tool
    /tmp/xlsxcorpus-venv/bin/python make-corpus.py

manifest.tsv columns: entry (a file, or a folder whose files are submitted together), period
validated, rows accepted, issue codes (sorted, with repeats)."""
import codecs
import os
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import xlsx_corpus  # noqa: E402  (beside this script)

OUT = os.path.join(HERE, "corpus")
HEADER = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "nguoi_lap", "cuoc_tt", "luot_nam", "luot_nu", "luot_dtts",
          "tin_q1", "tin_q2", "huong_uoc", "huong_uoc_bdg", "kh_thang_hd", "ghi_chu"]
PEOPLE = ["Nguyễn Thị Hoà", "Trần Văn Tuấn", "Phạm Thị Ngọc Ánh", "Đinh Quang Vũ", "Lê Thị Thuỷ"]
NOTES = ["", "Đã tổ chức tại nhà văn hoá thôn", 'Họp "Tổ phụ nữ"; có lồng ghép', "Hai dòng:\nthôn Đông, thôn Tây",
         "Tuyên truyền qua loa truyền thanh, 3 buổi"]


def district_rows():
    rows = []
    for i in range(1, 21):
        sessions = 1 + i % 5
        nam, nu = 10 * i + 3, 12 * i + 5
        rows.append([f"901{i:02d}", "2024-H1", f"{i % 9 + 1:02d}/06/2024", PEOPLE[i % 5], str(sessions), str(nam),
                     str(nu), str(i) if i % 3 == 0 else "", str(1 + i % 3), str(2 + i % 2), str(5 + i % 7),
                     str(5 + i % 7 - (i % 4 == 0)), ["có", "không", "Có", ""][i % 4], NOTES[i % 5]])
    return rows


def csv_text(rows, delimiter=",", line_end="\r\n", quote_all=False, header=HEADER):
    def cell(value):
        needs = quote_all or any(c in value for c in (delimiter, '"', "\n", "\r"))
        return '"' + value.replace('"', '""') + '"' if needs else value
    return "".join(delimiter.join(cell(v) for v in row) + line_end for row in [header] + rows)


def cp1258(text):
    """Windows-1258 as Vietnamese Windows writes it: tone marks as combining characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = [m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    rows = district_rows()
    manifest = []

    def expect(entry, accepted, codes, period="2024-H1"):
        manifest.append("\t".join([entry, period, str(accepted), ",".join(sorted(codes))]))

    # One district's 20 communes, saved every way an office saves them: identical accepted rows.
    same = "dialects/"
    write(same + "excel-csv-utf8.csv", b"\xef\xbb\xbf" + csv_text(rows).encode())
    write(same + "excel-semicolon.csv", b"\xef\xbb\xbf" + csv_text(rows, delimiter=";").encode())
    write(same + "utf8-no-bom-lf.csv", csv_text(rows, line_end="\n"))
    write(same + "mac-cr-only.csv", csv_text(rows, line_end="\r"))
    write(same + "libreoffice-quoted.csv", csv_text(rows, quote_all=True, line_end="\n"))
    write(same + "unicode-text-utf16le.csv", codecs.BOM_UTF16_LE + csv_text(rows, delimiter="\t").encode("utf-16-le"))
    write(same + "utf16be-tab.csv", codecs.BOM_UTF16_BE + csv_text(rows, delimiter="\t").encode("utf-16-be"))
    write(same + "windows-1258.csv", cp1258(csv_text(rows)))
    nfd = unicodedata.normalize("NFD", csv_text(rows))
    write(same + "nfd-macos.csv", nfd)
    # Excel's trailing empty columns, blank lines and empty rows, header names in any case with spaces.
    header = [" MA_DON_VI ", "Ky_Bao_Cao", "ngay _lap"] + [h.upper() if i % 2 else h for i, h in enumerate(HEADER[3:])]
    padded = [["  " + r[0] + " "] + r[1:] + ["", ""] for r in rows]
    body = csv_text(padded[:10], header=header + ["", ""]) + ",,,,\r\n\r\n" + csv_text(padded[10:], header=[])[2:]
    write("file/messy-header-blank-lines.csv", "\r\n,,,\r\n" + body)
    expect("file/messy-header-blank-lines.csv", 20, [])
    write(same + "utf16le-no-bom.csv", csv_text(rows, delimiter="\t").encode("utf-16-le"))
    for name in sorted(os.listdir(os.path.join(OUT, "dialects"))):
        converted = name.startswith(("unicode-text", "utf16", "windows-1258"))
        expect(same + name, 20, ["T07"] if converted else [])

    # File-level problems.
    write("file/invalid-bytes.csv", b"ma_don_vi,ky_bao_cao,ngay_lap\r\n90101,2024-H1,\x81\x8d\x90\r\n")
    expect("file/invalid-bytes.csv", 0, ["T01"])
    write("file/empty.csv", b"")
    expect("file/empty.csv", 0, ["T02"])
    write("file/bom-only.csv", b"\xef\xbb\xbf\r\n\r\n")
    expect("file/bom-only.csv", 0, ["T02"])
    write("file/missing-ngay-lap.csv", csv_text([r[:2] + r[3:] for r in rows[:3]], header=HEADER[:2] + HEADER[3:]))
    expect("file/missing-ngay-lap.csv", 0, ["T03"])
    write("file/column-twice.csv", csv_text([r + [r[4]] for r in rows[:3]], header=HEADER + ["Cuoc_TT"]))
    expect("file/column-twice.csv", 0, ["T04"])
    write("file/unterminated-quote.csv", csv_text(rows[:3]) + '90104,2024-H1,05/06/2024,,1,1,1,,2,2,5,5,có,"chưa đóng\r\n'
          + csv_text(rows[4:6])[len(",".join(HEADER)) + 2:])
    expect("file/unterminated-quote.csv", 0, ["T05"])
    write("file/extra-columns.csv", b"\xef\xbb\xbf" + csv_text([r + ["Xã " + r[0], ""] for r in rows[:4]],
                                                               header=HEADER + ["Tên đơn vị", "Ghi chú thêm"]).encode())
    expect("file/extra-columns.csv", 4, ["T08", "T08"])
    write("file/huong-dan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    expect("file/huong-dan.pdf", 0, ["T09"])
    # Reports saved in another format and renamed .csv: refused by their first bytes.
    write("file/xlsx-renamed.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    write("file/xls-renamed.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    write("file/pdf-renamed.csv", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    write("file/html-export.csv", "\ufeff<html><body><table><tr><td>ma_don_vi</td></tr></table></body></html>\r\n")
    for name in ("xlsx-renamed", "xls-renamed", "pdf-renamed", "html-export"):
        expect(f"file/{name}.csv", 0, ["T01"])

    # Row-level problems, one or more per row, as offices type them.
    base = ["2024-H1", "05/06/2024", "Lê Thị Thuỷ", "3", "40", "52", "", "2", "3", "8", "8", "có", ""]
    def row(code, **changes):
        values = dict(zip(HEADER, [code] + base))
        values.update(changes)
        return [values[h] for h in HEADER]
    bad = [
        row("90199"),                                   # D01 unknown commune
        row("90201", ky_bao_cao="2024-H1"),             # D02 a commune closed before the period
        row("90102", ky_bao_cao="quý 2/2024"),          # D03
        row("90103", ngay_lap="31/06/2024"),            # D04
        row("90104", ngay_lap="10/12/2023"),            # D05 before the window opens
        row("90105", cuoc_tt="1,5"),                    # D06
        row("90106", huong_uoc=""),                     # D07
        row("90107", huong_uoc_bdg="9"),                # D08
        row("90108", cuoc_tt="0"),                      # D09 (luot_nam and luot_nu > 0)
        row("90109", kh_thang_hd="chưa"),               # D10
        row("90111", luot_nam="1.234"),                 # D14
        row("90112", ghi_chu="Ghi\x07chú"),             # D17
        row("777"),                                      # D18: Excel dropped the zeros of 00777
        row("90113"), row("90113"),                     # D12 twice
    ]
    text = csv_text(bad, header=HEADER)
    # D11 and D13 need columns of their own: a quarter 3 value and a school-only column.
    extra = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "cuoc_tt", "luot_nam", "luot_nu", "tin_q1", "tin_q2", "tin_q3",
             "huong_uoc", "huong_uoc_bdg", "luot_gv_nv"]
    write("rows/many-errors.csv", b"\xef\xbb\xbf" + text.encode())
    expect("rows/many-errors.csv", 3, ["D01", "D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09", "D09", "D10",
                                       "D12", "D12", "D14", "D17", "D18"])
    write("rows/quarter3-and-school-column.csv", csv_text(
        [["90114", "2024-H1", "2024-06-05", "2", "10", "10", "2", "2", "3", "6", "6", ""],
         ["90115", "2024-H1", "2024-06-05", "2", "10", "10", "2", "2", "", "6", "6", "15"]], header=extra))
    expect("rows/quarter3-and-school-column.csv", 1, ["D11", "D13"])

    # Text that C strings, Excel and spreadsheets trip over: kept (cleaned where the spec says so).
    texts = [row("90101", ghi_chu="ghi\x00chú\x1bcó NUL"), row("90102", nguoi_lap="=cmd|' /C calc'!A0", ghi_chu="@SUM(A1) +84 912"),
             row("90103", ghi_chu="x" * 32768), row("90104", ghi_chu="_x000D_ giữ nguyên")]
    write("rows/awkward-text.csv", csv_text(texts))
    expect("rows/awkward-text.csv", 4, ["D17", "D17"])
    write("rows/huge-field-2mib.csv", csv_text([row("90105", ghi_chu="Ghi chú dài. " * (2 * 1024 * 1024 // 13))]))
    expect("rows/huge-field-2mib.csv", 1, ["D17"])
    # What Excel does to dates and codes, and rows that do not match the header.
    mangled = [row("90106", ngay_lap="45448"), row("90107", ngay_lap="2024-06-05 00:00:00"), row("90108", ngay_lap="6/5/2024"),
               row("9.0109E+4"), row("90110")[:8], row("90111") + ["", "lệch cột", "5"]]
    write("rows/excel-mangled.csv", csv_text(mangled))
    expect("rows/excel-mangled.csv", 1, ["D01", "D04", "D04", "D07", "D07", "D07", "D07", "D19"])
    # A number typed with a thousands comma in a comma file, unquoted: it splits into two cells and every
    # later value moves one column to the right. Counting it would be a wrong number that looks right (D19).
    split = row("90112", ghi_chu="Họp tại hội trường")
    split[HEADER.index("luot_nam")] = "1"
    split.insert(HEADER.index("luot_nam") + 1, "234")
    write("rows/grouped-number-split.csv", csv_text([split, row("90113", luot_nam="1,234", ghi_chu="Họp thôn")]).replace('"1,234"', "1,234"))
    expect("rows/grouped-number-split.csv", 0, ["D19", "D19"])

    # Legacy Vietnamese encodings and an English-locale Excel: not recognised as such (decided outcome),
    # but the Vietnamese words of yes/no columns no longer match, so the rows are caught by D10.
    legacy = [row("90112", nguoi_lap="L\u00ea Th\u00de Thu\u00fe", kh_thang_hd="c\u00e3"),
              row("90113", nguoi_lap="Tr\u00b7n V\u00a8n Tu\u00ca n", kh_thang_hd="kh\u00abng")]
    write("encodings/tcvn3-vntime.csv", csv_text(legacy).encode("latin-1"))
    expect("encodings/tcvn3-vntime.csv", 0, ["D10", "D10", "T07"])
    vni = [row("90114", nguoi_lap="Le\u00e2 Th\u00f2 Thu\u00fb", kh_thang_hd="co\u00f9"),
           row("90115", nguoi_lap="Nguye\u00e3n Th\u00f2 Hoa", kh_thang_hd="1")]
    write("encodings/vni-times.csv", csv_text(vni).encode("latin-1"))
    expect("encodings/vni-times.csv", 1, ["D10", "T07"])
    write("encodings/cp1252-question-marks.csv",
          csv_text([row("90116", nguoi_lap="Nguy?n Th? Hoa", kh_thang_hd="c?")]).encode("ascii"))
    expect("encodings/cp1252-question-marks.csv", 0, ["D10"])

    # Dialect traps.
    write("dialect-traps/header-only.csv", csv_text([]))
    expect("dialect-traps/header-only.csv", 0, [])
    write("dialect-traps/title-rows-above-header.csv", "BÁO CÁO KẾT QUẢ TRUYỀN THÔNG BÌNH ĐẲNG GIỚI\r\n,,,\r\n" + csv_text(rows[:2]))
    expect("dialect-traps/title-rows-above-header.csv", 0, ["T03"])
    write("dialect-traps/semicolon-decimal-comma.csv", csv_text([row("90117", cuoc_tt="1,5")], delimiter=";"))
    expect("dialect-traps/semicolon-decimal-comma.csv", 0, ["D06"])
    mixed = csv_text(rows[:3], line_end="\r\n")
    mixed = mixed.replace("\r\n", "\n", 2).replace("\r\n", "\r", 1)
    write("dialect-traps/mixed-line-ends.csv", mixed)
    expect("dialect-traps/mixed-line-ends.csv", 3, [])
    write("dialect-traps/quote-then-junk.csv", csv_text(rows[:1]) + '90102,2024-H1,"05/06/2024"x,,2,1,1,,2,2,5,5,,\r\n')
    expect("dialect-traps/quote-then-junk.csv", 0, ["T05"])
    write("dialect-traps/blank-header-cell.csv", csv_text([r[:3] + [""] + r[3:] for r in rows[:2]], header=HEADER[:3] + [""] + HEADER[3:]))
    expect("dialect-traps/blank-header-cell.csv", 2, ["T08"])

    # A correction sent later: the first row is superseded (D16); a rejected correction displaces nothing.
    write("resubmission/1-first.csv", csv_text([rows[0]]))
    write("resubmission/2-correction.csv", csv_text([rows[0][:2] + ["09/06/2024"] + rows[0][3:4] + ["9"] + rows[0][5:]]))
    write("resubmission/3-bad-correction.csv", csv_text([rows[0][:2] + ["10/06/2024"] + rows[0][3:4] + ["nhiều"] + rows[0][5:]]))
    expect("resubmission", 1, ["D06", "D16"])

    # The annual report must include the first half (D15); the 6-month file is the unit's accepted one.
    year = [r[:1] + ["2024-Y", "05/12/2024"] + r[3:] for r in rows[:2]]
    year[0][HEADER.index("cuoc_tt")] = "1"                 # smaller than its 6-month count
    year_header = HEADER[:10] + ["tin_q3", "tin_q4"] + HEADER[10:]
    year = [r[:10] + ["2", "2"] + r[10:] for r in year]
    for r in year:
        r[year_header.index("kh_thang_hd")] = "1"
    write("cumulative/6-thang.csv", csv_text(rows[:2]))
    write("cumulative/ca-nam.csv", csv_text(year, header=year_header))
    expect("cumulative", 2, ["D15"], period="2024-Y")

    # The template sent back whole with only the sender's row filled in: the pre-filled rows of the
    # other communes (code and period, no date, no value) are not reports.
    template = [[f"901{i:02d}", "2024-H1", "", "", "", "", "", "", "", "", "", "", "", ""] for i in range(1, 21)]
    template[4] = rows[4]
    write("file/template-one-row-filled.csv", b"\xef\xbb\xbf" + csv_text(template).encode())
    expect("file/template-one-row-filled.csv", 1, [])

    # Unusual values (D20), a warning that keeps the row: one commune typed 250000 among peers near 100
    # (an extra zero, a number pasted into the wrong column) ...
    outlier = [list(r) for r in rows]
    outlier[6][HEADER.index("luot_nu")] = "250000"
    write("unusual/outlier-among-peers.csv", csv_text(outlier))
    expect("unusual/outlier-among-peers.csv", 20, ["D20"])
    # ... and a tenfold jump against the unit's report of the same kind a year earlier (13 → 260).
    earlier = rows[0][:1] + ["2023-H1", "05/06/2023"] + rows[0][3:]
    jump = list(rows[0])
    jump[HEADER.index("luot_nam")] = "260"
    write("unusual/tenfold-jump/2023-H1.csv", csv_text([earlier]))
    write("unusual/tenfold-jump/2024-H1.csv", csv_text([jump]))
    expect("unusual/tenfold-jump", 1, ["D20"])

    # Excel workbooks (.xlsx): the same rules, cells as Excel stores them, and files that are not workbooks.
    xlsx_corpus.write_all(write, expect, rows, HEADER, row, csv_text)

    with open(os.path.join(OUT, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("entry\tperiod\taccepted\tcodes\n" + "\n".join(manifest) + "\n")
    registry = ["ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den", "99,Tỉnh Thử,tinh,,,",
                "901,Huyện Sơn Hà,huyen,99,,", "902,Huyện Bình Lục,huyen,99,,"]
    registry += [f"901{i:02d},Xã Số {i},xa,901,," for i in range(1, 21)]
    registry += ["90201,Xã Đã Nhập,xa,902,,2023-12-31", "00777,Xã Số Không,xa,902,,", "TRA,Trường Tiểu học A,truong,901,,"]
    with open(os.path.join(OUT, "don-vi.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(registry) + "\n")


if __name__ == "__main__":
    main()
