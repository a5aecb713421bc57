#!/usr/bin/env python3
"""Reads and writes .xlsx workbooks with the independent `openpyxl` package, for the tests of the
node's own workbook reader and writer.

usage: xlsx.py read FILE.xlsx
           prints the first sheet as JSON: {"title": ..., "frozen": ..., "bold_header": ...,
           "rows": [[cell, ...], ...]}, each cell as the text openpyxl gives (None as "")
       xlsx.py write FILE.xlsx < ROWS.json
           writes ROWS.json's rows ([[cell, ...], ...]) as a first sheet, the way an office's
           spreadsheet program would: texts as shared strings, whole numbers as numbers, cells
           looking like 2027-03-15 or 2027-03-15T09:00 as real dates formatted DD.MM.YYYY
           (HH:MM), "true"/"false" as booleans; a second sheet holds notes the reader must skip
"""
import datetime
import json
import re
import sys

import openpyxl


def read(path):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if value is None else str(value) for value in row])
    header = next(sheet.iter_rows(min_row=1, max_row=1), ())
    print(json.dumps({
        "title": sheet.title,
        "frozen": sheet.freeze_panes,
        "bold_header": all(cell.font.b for cell in header if cell.value is not None),
        "types": sorted({type(cell.value).__name__ for row in sheet.iter_rows() for cell in row}),
        "rows": rows,
    }, ensure_ascii=False))


def typed(text):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text):
        return datetime.datetime.fromisoformat(text), "DD.MM.YYYY HH:MM"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.date.fromisoformat(text), "DD.MM.YYYY"
    if re.fullmatch(r"[1-9]\d{0,8}", text):
        return int(text), None
    if text in ("true", "false"):
        return text == "true", None
    return text, None


def write(path):
    rows = json.load(sys.stdin)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Kurse"
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            if text == "":
                continue
            value, number_format = typed(text) if r > 1 else (text, None)
            cell = sheet.cell(row=r, column=c, value=value)
            if number_format:
                cell.number_format = number_format
    notes = workbook.create_sheet("Notizen")
    notes["A1"] = "not a catalog"
    workbook.save(path)


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
