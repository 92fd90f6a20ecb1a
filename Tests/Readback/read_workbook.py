#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl, independently of libxlsxwriter, and prints it as JSON:
{"sheets": [names], "cells": {sheet: {"A1": [value, number_format, font_name, is_formula]}},
 "charts": {sheet: count}, "freeze": {sheet: "C4"}}."""
import json
import sys

import openpyxl

path = sys.argv[1]
values = openpyxl.load_workbook(path, data_only=True)
formulas = openpyxl.load_workbook(path, data_only=False)
out = {"sheets": values.sheetnames, "cells": {}, "charts": {}, "freeze": {}, "title": values.properties.title,
       "author": values.properties.creator}
for ws in values.worksheets:
    raw = formulas[ws.title]
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            cells[cell.coordinate] = [cell.value, cell.number_format, cell.font.name,
                                      raw[cell.coordinate].data_type == "f"]
    out["cells"][ws.title] = cells
    out["charts"][ws.title] = len(raw._charts)
    out["freeze"][ws.title] = ws.freeze_panes
json.dump(out, sys.stdout, ensure_ascii=False, default=str)
