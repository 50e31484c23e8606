#!/usr/bin/env python3
"""Draw the extension's icon, icon.png (128x128): two plugs of a connector meeting, white on
Power Platform purple, drawn here with the standard library only (no copied asset).

    python3 scripts/make-icon.py    (writes icon.png; the file is committed)
"""

import struct
import zlib
from pathlib import Path

SIZE = 128
BACKGROUND = (116, 39, 116)  # purple
FOREGROUND = (255, 255, 255)


def inside_rounded_square(x: int, y: int, radius: int = 22) -> bool:
    cx = min(max(x, radius), SIZE - 1 - radius)
    cy = min(max(y, radius), SIZE - 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def in_rect(x: int, y: int, left: int, top: int, right: int, bottom: int) -> bool:
    return left <= x <= right and top <= y <= bottom


def foreground(x: int, y: int) -> bool:
    # Left plug: a body with two pins pointing right; right socket: a body with a cable.
    left_plug = in_rect(x, y, 22, 44, 52, 84) or in_rect(x, y, 52, 52, 66, 58) or in_rect(x, y, 52, 70, 66, 76)
    right_socket = in_rect(x, y, 72, 44, 102, 84) and not (
        in_rect(x, y, 72, 52, 80, 58) or in_rect(x, y, 72, 70, 80, 76)
    )
    cables = in_rect(x, y, 8, 60, 22, 68) or in_rect(x, y, 102, 60, 120, 68)
    return left_plug or right_socket or cables


def pixel(x: int, y: int) -> bytes:
    if not inside_rounded_square(x, y):
        return bytes((0, 0, 0, 0))
    return bytes((*(FOREGROUND if foreground(x, y) else BACKGROUND), 255))


def png() -> bytes:
    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    (Path(__file__).resolve().parent.parent / "icon.png").write_bytes(png())
