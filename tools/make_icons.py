"""Makes resources/icons/app.ico (the Windows executable's and the MSI's icon) from
resources/icons/app.svg, each size drawn from the SVG (sharp at 16 px, not a scaled-down
256 px picture).

    .venv/bin/python tools/make_icons.py [--check]

--check exits 1 if app.ico is missing or differs from what this would write
(tests/packaging/test_windows_packaging.py runs it). Qt draws the SVG, Pillow writes
the .ico; both are in requirements-dev.lock."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "app.svg"
ICO = ROOT / "resources" / "icons" / "app.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)  # Windows' small/large/jumbo icon sizes


def render() -> bytes:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (Qt needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not a valid SVG")
    pictures = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        pictures.append(Image.open(io.BytesIO(bytes(data))).convert("RGBA"))
    out = io.BytesIO()
    largest = pictures[-1]
    largest.save(out, format="ICO", sizes=[(s, s) for s in SIZES], append_images=pictures[:-1])
    return out.getvalue()


def main(argv: list[str]) -> int:
    data = render()
    if "--check" in argv:
        if not ICO.is_file() or ICO.read_bytes() != data:
            print(f"{ICO.relative_to(ROOT)} is missing or out of date: run "
                  "`.venv/bin/python tools/make_icons.py`")
            return 1
        print(f"{ICO.relative_to(ROOT)} is up to date ({len(SIZES)} sizes)")
        return 0
    ICO.write_bytes(data)
    print(f"wrote {ICO.relative_to(ROOT)} ({len(data)} bytes, sizes {', '.join(map(str, SIZES))})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
