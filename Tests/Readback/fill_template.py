#!/usr/bin/env python3
"""Fills a tonghop Excel template the way an office would and saves it as Excel's "CSV UTF-8":
every whole-number column gets 2, yes/no columns 1, bo_chi_so thi_diem, ngay_lap the given date.
Prints the template's comments and validations as JSON so the test can check them.
usage: fill_template.py TEMPLATE.xlsx OUT.csv DATE"""
import csv
import json
import sys

import openpyxl

template, out, date = sys.argv[1:4]
ws = openpyxl.load_workbook(template).active
header = [c.value for c in ws[1]]
rules = {}
for dv in ws.data_validations.dataValidation:
    column = str(dv.sqref).split(":")[0].rstrip("0123456789")
    rules[header[openpyxl.utils.column_index_from_string(column) - 1]] = [dv.type, dv.formula1]
comments = {header[i]: (c.comment.text if c.comment else None) for i, c in enumerate(ws[1])}
with open(out, "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] is None:
            continue
        values = []
        for name, value in zip(header, row):
            kind = rules.get(name, [None])[0]
            if value is not None:
                values.append(value)
            elif name == "ngay_lap":
                values.append(date)
            elif kind == "whole":
                values.append(2)
            elif kind == "list":
                values.append("1" if "1" in rules[name][1] else "thi_diem")
            else:
                values.append("")
        w.writerow(values)
json.dump({"rules": rules, "comments": comments}, sys.stdout, ensure_ascii=False)
