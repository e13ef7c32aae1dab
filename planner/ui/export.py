"""Exports: the investment-case PDF (built in the worker process, with a progress
indicator), any chart as PNG or SVG (the same painting code as on screen), and the
roadmap as CSV. Every file is written whole or not at all.

The `start_*`/`save_*` functions do the work without dialogs (tests call them); the
`export_*` functions ask the user first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QInputDialog,
                               QMessageBox, QProgressDialog)


log = logging.getLogger("planner.ui.export")


def _checked(path: str | Path, what: str) -> Path:
    """The output path, or PlanFileError when it is a folder, a plan, or nowhere."""
    from .document import checked_output

    return checked_output(path, what)


def _write_atomically(path: Path, write) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


# -- PDF ------------------------------------------------------------------------------------

class PdfExport(QObject):
    """One PDF being built by the worker process. It prints the result on screen: while
    the roadmap is still being improved, the export waits for the improved one, so the
    PDF and the screen show the same roadmap."""

    finished = Signal(str, int)  # path, pages
    failed = Signal(str)  # message for the user

    def __init__(self, document, path: Path, paper: str, scenario: str | None, parent: QObject | None = None,
                 workshop=None):
        super().__init__(parent)
        self.path = path
        self.document = document
        self._args = (scenario, str(path), paper, workshop)
        self.job = 0
        self._waiting = False  # for the improved roadmap before sending the job
        document.worker.done.connect(self._done)
        document.worker.failed.connect(self._failed)

    def start(self) -> "PdfExport":
        from .document import IMPROVING

        if self._args[0] == self.document.scenario and self.document.stage == IMPROVING:
            self._waiting = True
            self.document.planning_changed.connect(self._planned)
        else:
            self.job = self.document.run_job("pdf", *self._args)
        return self

    def _planned(self, stage: str) -> None:
        from .document import IMPROVING

        if stage != IMPROVING and self._waiting:
            self._waiting = False
            self.document.planning_changed.disconnect(self._planned)
            self.job = self.document.run_job("pdf", *self._args)

    def _done(self, job: int, pages) -> None:
        if job == self.job:
            self._disconnect()
            self.finished.emit(str(self.path), pages)

    def _failed(self, job: int, message: str, details: str, user_error: bool) -> None:
        if job == self.job:
            self._disconnect()
            if not user_error:
                log.error("the PDF export failed:\n%s", details)
            self.failed.emit(message if user_error else f"{self.path}: the report could not be built ({message})")

    def _disconnect(self) -> None:
        if self._waiting:
            self._waiting = False
            self.document.planning_changed.disconnect(self._planned)
        for signal, slot in ((self.document.worker.done, self._done), (self.document.worker.failed, self._failed)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass


def start_pdf_export(window, path: str | Path, paper: str = "a4", scenario: str | None = None) -> PdfExport | None:
    """Build the PDF in the background, with a busy indicator; offer to open it when done."""
    from .document import PlanFileError

    try:
        target = _checked(path, "report")
    except PlanFileError as exc:
        window.show_message("Cannot export the PDF", str(exc))
        return None
    job = PdfExport(window.document, target, paper, scenario, window)
    progress = QProgressDialog("Building the investment case…", "", 0, 0, window)
    progress.setWindowTitle("Exporting PDF")
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.NonModal)
    progress.show()
    window.statusBar().showMessage("Building the investment case…")
    job.progress = progress

    def done(where: str, pages: int) -> None:
        progress.close()
        window.statusBar().showMessage(f"Wrote {where} ({pages} pages)", 8000)
        box = window.show_message("PDF exported", f"The investment case is ready: {pages} pages.\n{where}",
                                  QMessageBox.Icon.Information)
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Open).clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(where)))

    def failed(message: str) -> None:
        progress.close()
        window.statusBar().clearMessage()
        window.show_message("Cannot export the PDF", message)

    job.finished.connect(done)
    job.failed.connect(failed)
    job.finished.connect(job.deleteLater)
    job.failed.connect(job.deleteLater)
    return job.start()


class PdfOptions(QDialog):
    def __init__(self, scenarios: list[str], current: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export investment case")
        form = QFormLayout(self)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.paper.setAccessibleName("Paper size")
        form.addRow("&Paper size:", self.paper)
        self.scenario = QComboBox()
        self.scenario.addItem("The plan itself", None)
        for name in scenarios:
            self.scenario.addItem(f"Scenario: {name}", name)
        self.scenario.setCurrentIndex(0 if current is None else scenarios.index(current) + 1)
        self.scenario.setAccessibleName("Scenario")
        form.addRow("&Roadmap of:", self.scenario)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def export_pdf(window) -> None:
    document = window.document
    if document is None:
        return
    options = PdfOptions(sorted(document.state.scenarios), document.scenario, window)
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    name = f"{document.state.name or document.path.stem} - investment case.pdf"
    start = Path(window.settings.export_folder or document.path.parent) / name
    path, _ = QFileDialog.getSaveFileName(window, "Export investment case", str(start), "PDF (*.pdf)")
    if path:
        window.settings.export_folder = str(Path(path).parent)
        start_pdf_export(window, path, options.paper.currentData(), options.scenario.currentData())


def export_votes(window) -> None:
    """Scores, evidence and votes as CSV or JSON, for another plan (another room) to import."""
    document = window.document
    if document is None:
        return
    start = Path(window.settings.export_folder or document.path.parent) / f"{document.path.stem} votes.csv"
    path, _ = QFileDialog.getSaveFileName(window, "Export scores and votes", str(start), "CSV (*.csv);;JSON (*.json)")
    if path:
        window.settings.export_folder = str(Path(path).parent)
        count = document.export_exchange(path)
        if count is not None:
            window.statusBar().showMessage(f"Saved {count} rows to {path}", 8000)


# -- charts -----------------------------------------------------------------------------------

def save_png(chart, path: str | Path, scale: float = 2.0) -> Path:
    """Render a chart to a PNG at `scale` pixels per logical pixel."""
    target = _checked(path, "image")
    size: QSize = chart.export_size()
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    chart.render_to(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()

    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"{target}: the image could not be written")

    _write_atomically(target, write)
    return target


def save_svg(chart, path: str | Path) -> Path:
    """Render a chart as SVG: vector, with its text as text."""
    from PySide6.QtSvg import QSvgGenerator

    target = _checked(path, "image")
    size: QSize = chart.export_size()

    def write(tmp: Path) -> None:
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(chart.title)
        generator.setDescription("Exported from MLOps Roadmap Planner")
        painter = QPainter(generator)
        chart.render_to(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()

    _write_atomically(target, write)
    return target


def export_chart(window) -> None:
    if window.workspace is None:
        return
    charts = window.workspace.current_view().charts()
    if not charts:
        return
    chart = charts[0]
    if len(charts) > 1:
        titles = [c.title for c in charts]
        title, ok = QInputDialog.getItem(window, "Export chart", "Chart:", titles, 0, False)
        if not ok:
            return
        chart = charts[titles.index(title)]
    start = Path(window.settings.export_folder or window.document.path.parent) / f"{chart.title}.png"
    path, chosen = QFileDialog.getSaveFileName(window, "Export chart", str(start),
                                               "PNG image (*.png);;SVG image (*.svg)")
    if not path:
        return
    if not Path(path).suffix:
        path += ".svg" if "svg" in chosen.lower() else ".png"
    save_chart(window, chart, path)


def save_chart(window, chart, path: str | Path) -> Path | None:
    from .document import PlanFileError

    try:
        written = save_svg(chart, path) if str(path).lower().endswith(".svg") else save_png(chart, path)
    except (PlanFileError, OSError) as exc:
        window.show_message("Cannot export the chart", str(exc))
        return None
    window.settings.export_folder = str(written.parent)
    window.statusBar().showMessage(f"Wrote {written}", 8000)
    return written


# -- roadmap CSV --------------------------------------------------------------------------------

def save_roadmap_csv(window, path: str | Path) -> Path | None:
    from ..roadmap.render import roadmap_csv
    from .document import PlanFileError

    document = window.document
    if document.roadmap is None:
        window.show_message("No roadmap to export", "\n".join(document.diagnosis))
        return None
    try:
        target = _checked(path, "export")

        def write(tmp: Path) -> None:
            with tmp.open("w", newline="", encoding="utf-8-sig") as handle:
                roadmap_csv(document.catalog, document.roadmap, handle)  # the roadmap on screen

        _write_atomically(target, write)
    except (PlanFileError, OSError) as exc:
        window.show_message("Cannot export the roadmap", str(exc))
        return None
    window.statusBar().showMessage(f"Wrote {target}", 8000)
    return target


def export_roadmap_csv(window) -> None:
    document = window.document
    if document is None:
        return
    start = Path(window.settings.export_folder or document.path.parent) / f"{document.path.stem} - roadmap.csv"
    path, _ = QFileDialog.getSaveFileName(window, "Export roadmap", str(start), "CSV (*.csv)")
    if path:
        window.settings.export_folder = str(Path(path).parent)
        save_roadmap_csv(window, path)
