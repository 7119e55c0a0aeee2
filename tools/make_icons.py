"""Render the app icon's SVG sources into the PNGs, .ico and .icns each OS wants.

    .venv/bin/python tools/make_icons.py [--out resources/icons] [--preview FILE]

The outputs are checked in (no build step needs Qt's SVG module or this script);
run it after editing an SVG. Sizes up to 24 px come from the `-small` SVG, drawn
with bolder strokes, because the full drawing turns to mush at 16 px. The .ico
and .icns hold PNG data (Windows Vista+, macOS 10.7+), written here byte by byte
so that no imaging library is needed. --preview writes every size magnified on a
light and a dark panel, for a look at the small ones.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resources import APP_ICON_NAME, ICON_SIZES  # noqa: E402

SMALL_MAX = 24
"""Sizes up to this come from the simplified drawing."""
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
"""(OSType, pixels): 1x entries, then the @2x ones (ic11 is 16@2x, and so on)."""


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size image, as PNG bytes."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return png_bytes(image)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose images are PNG data (a 0 in the size bytes means 256)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(entries: list[tuple[bytes, bytes]]) -> bytes:
    """A macOS .icns: 'icns', the total length, then (OSType, length, PNG) records."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def source_for(size: int, src: Path) -> Path:
    return src / f"{APP_ICON_NAME}-small.svg" if size <= SMALL_MAX else src / f"{APP_ICON_NAME}.svg"


def make_all(src: Path, out: Path) -> list[Path]:
    """Write every PNG, the .ico and the .icns into `out`; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted({*ICON_SIZES, *ICO_SIZES, *(px for _, px in ICNS_TYPES)})
    pngs = {size: render(source_for(size, src), size) for size in sizes}
    written = []
    for size in ICON_SIZES:
        path = out / f"{APP_ICON_NAME}-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = out / f"{APP_ICON_NAME}.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out / f"{APP_ICON_NAME}.icns"
    icns.write_bytes(icns_bytes([(kind, pngs[px]) for kind, px in ICNS_TYPES]))
    return [*written, ico, icns]


def preview(src: Path, dest: Path, zoom: int = 8) -> None:
    """Sizes 16-64 magnified `zoom` times (pixels stay square) on a light and a dark row."""
    sizes = [s for s in ICON_SIZES if s <= 64]
    width = sum(s * zoom + 16 for s in sizes) + 16
    height = 2 * (64 * zoom + 32)
    sheet = QImage(width, height, QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for row, panel in enumerate(("#f2f2f2", "#2b2b2b")):
        top = row * (64 * zoom + 32)
        painter.fillRect(QRect(0, top, width, 64 * zoom + 32), QColor(panel))
        x = 16
        for size in sizes:
            image = QImage.fromData(render(source_for(size, src), size))
            painter.drawImage(QRect(x, top + 16, size * zoom, size * zoom), image)
            x += size * zoom + 16
    painter.end()
    sheet.save(str(dest))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    icons = ROOT / "resources" / "icons"
    parser.add_argument("--src", type=Path, default=icons, help="folder with the SVG sources")
    parser.add_argument("--out", type=Path, default=icons, help="folder to write into")
    parser.add_argument("--preview", type=Path, default=None, help="also write a magnified sheet")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([])
    for path in make_all(args.src, args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    if args.preview:
        preview(args.src, args.preview)
        print(f"preview: {args.preview}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
