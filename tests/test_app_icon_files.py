"""The app icon's checked-in files: a PNG per size, a multi-size .ico, an .icns; all PNG inside.

Parsed here byte by byte (no imaging library), so a broken file fails on any machine.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from resources import ICON_SIZES, icon_file, icon_png, resource_path, templates_dir

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR; asserts it is a PNG with an alpha channel."""
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 6), "8-bit RGBA"
    return width, height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_a_png_at_every_size(size: int) -> None:
    assert png_size(icon_png(size).read_bytes()) == (size, size)


def test_the_ico_holds_every_windows_size_as_png() -> None:
    data = icon_file(".ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        side = w or 256
        assert (w, planes, bits) == (h, 1, 32)
        assert png_size(data[offset : offset + length]) == (side, side)
        assert offset + length <= len(data)
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_icns_holds_every_macos_size_as_png() -> None:
    data = icon_file(".icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        found[kind.decode()] = png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert pos == len(data)
    assert found == {
        "icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
        "ic10": 1024, "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512,
    }  # fmt: skip


@pytest.mark.parametrize("name", ["account-health-monitor.svg", "account-health-monitor-small.svg"])
def test_the_svg_sources_are_square_drawings(name: str) -> None:
    root = ET.parse(resource_path("icons", name)).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


def test_the_resolver_finds_shipped_files_and_refuses_missing_ones() -> None:
    assert sorted(p.name for p in templates_dir().iterdir()) == ["claims.csv", "messages.csv"]
    with pytest.raises(FileNotFoundError, match="missing"):
        resource_path("icons", "nothing.png")
    with pytest.raises(ValueError, match="no 17 px icon"):
        icon_png(17)
    assert icon_png(16).parent == Path(resource_path("icons"))
