"""Render the app icon's PNG sizes (and a Windows .ico) from roadmap-planner.svg with Qt.

Run: QT_QPA_PLATFORM=offscreen python packaging/icons/render_icons.py
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(HERE / "roadmap-planner.svg")).render(painter)
    painter.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication([])
    for size in SIZES:
        path = HERE / "hicolor" / f"{size}x{size}" / "apps" / "org.mlops_roadmap_planner.RoadmapPlanner.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        render(size).save(str(path))
        print(f"wrote {path.relative_to(HERE.parent)}")
    if render(256).save(str(HERE / "roadmap-planner.ico")):
        print("wrote icons/roadmap-planner.ico")
