#!/usr/bin/env python3
"""Checks a screenshot of the overview page: are its bar charts there, with bars in them?

Reads a PNG (8-bit RGB or RGBA, as Chromium writes it) with the standard library only, finds the
pixels of the bar colour (#1f6feb), and groups the rows holding them into charts (bands separated
by at least 40 rows without bars). Prints "charts=N bar_pixels=M" and exits 1 when fewer than the
expected number of charts hold bars.

usage: overview-screenshot-check.py SCREENSHOT.png [EXPECTED_CHARTS]
"""
import struct
import sys
import zlib

BAR = (0x1F, 0x6F, 0xEB)


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            if depth != 8 or color not in (2, 6):
                raise SystemExit(f"{path}: unsupported PNG (bit depth {depth}, colour type {color})")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                row[i] = (row[i] + predictor) & 0xFF
        rows.append(row)
        previous = row
    return width, height, channels, rows


def main():
    path = sys.argv[1]
    expected = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    width, height, channels, rows = read_png(path)
    bar_rows, total = [], 0
    for y, row in enumerate(rows):
        count = sum(
            1 for x in range(width)
            if all(abs(row[x * channels + c] - BAR[c]) <= 6 for c in range(3)))
        if count >= 3:
            bar_rows.append(y)
            total += count
    charts, last = 0, None
    for y in bar_rows:
        if last is None or y - last > 40:
            charts += 1
        last = y
    print(f"charts={charts} bar_pixels={total}")
    sys.exit(0 if charts >= expected else 1)


if __name__ == "__main__":
    main()
