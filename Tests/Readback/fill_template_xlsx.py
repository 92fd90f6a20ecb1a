#!/usr/bin/env python3
"""Fills a tonghop Excel template in place the way an office does in Excel and saves the workbook:
ngay_lap a date cell (dd/mm/yyyy), whole-number columns 3, yes/no columns the number 1, bo_chi_so
chinh_thuc, nguoi_lap a name. The unit code and period the template pre-filled are left as they are.
usage: fill_template_xlsx.py TEMPLATE.xlsx OUT.xlsx YYYY-MM-DD"""
import datetime
import sys

import openpyxl

template, out, day = sys.argv[1:4]
book = openpyxl.load_workbook(template)
sheet = book.worksheets[0]
header = [c.value for c in sheet[1]]
rules = {}
for dv in sheet.data_validations.dataValidation:
    column = str(dv.sqref).split(":")[0].rstrip("0123456789")
    rules[header[openpyxl.utils.column_index_from_string(column) - 1]] = dv.type
date = datetime.datetime.strptime(day, "%Y-%m-%d")
for row in sheet.iter_rows(min_row=2):
    if row[0].value is None:
        continue
    for name, cell in zip(header, row):
        if name == "ngay_lap":
            cell.value = date
            cell.number_format = "dd/mm/yyyy"
        elif name == "nguoi_lap":
            cell.value = "Nguyễn Thị Hoà"
        elif name == "bo_chi_so":
            cell.value = "chinh_thuc"
        elif rules.get(name) == "whole":
            cell.value = 3
        elif rules.get(name) == "list":
            cell.value = 1
book.save(out)
