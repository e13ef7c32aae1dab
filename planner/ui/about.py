"""Help > About (the version, the catalog's version and facts-as-of date, and the
third-party notices, Qt's LGPL notice included) and Help > User guide (docs/user-guide.md,
shown with its screenshots)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTabWidget, QTextBrowser, QVBoxLayout

from .. import __version__
from ..resources import docs_dir


def about_text(catalog_info) -> str:
    info = catalog_info
    catalog = (f"{escape(info.title)} {escape(info.version)}, facts as of {info.facts_as_of.isoformat()}"
               if info is not None else "no catalog loaded")
    return (f"<h3>MLOps Roadmap Planner {escape(__version__)}</h3>"
            "<p>Assess MLOps maturity, sequence a roadmap under capacity and budget, and export an investment "
            "case. Works offline: nothing is sent anywhere.</p>"
            f"<p><b>Catalog:</b> {catalog}.<br>Effort and cost figures are estimates, not facts.</p>"
            "<p>Built with Qt for Python (PySide6), used under the LGPL-3.0: see Third-party licences.</p>")


class AboutDialog(QDialog):
    def __init__(self, catalog_info=None, parent=None):
        super().__init__(parent)
        from ..licences import third_party_text

        self.setWindowTitle("About MLOps Roadmap Planner")
        self.resize(720, 520)
        tabs = QTabWidget()
        self.summary = QLabel(about_text(catalog_info))
        self.summary.setWordWrap(True)
        self.summary.setOpenExternalLinks(False)
        tabs.addTab(self.summary, "About")
        self.licences = QPlainTextEdit(third_party_text())
        self.licences.setReadOnly(True)
        self.licences.setAccessibleName("Third-party licences")
        tabs.addTab(self.licences, "Third-party licences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.tabs = tabs


IMAGE_WIDTH = 760  # screenshots are drawn at this width, the dialog's at its default size


def _fit_images(document, width: int) -> None:
    """Scale the guide's screenshots (1600 pixels wide) down to `width`."""
    from PySide6.QtGui import QTextCursor

    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                image.setWidth(width)
                image.setHeight(width * 10 / 16)  # the screenshots are 16:10
                cursor.setCharFormat(image)
            it += 1
        block = block.next()


def user_guide_path():
    """docs/user-guide.md, installed with the package or in a source checkout."""
    return docs_dir() / "user-guide.md"


class UserGuide(QDialog):
    """The user guide, rendered from its Markdown, with its screenshots."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("MLOps Roadmap Planner: user guide")
        self.resize(900, 700)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        path = user_guide_path()
        if path.is_file():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
            _fit_images(self.browser.document(), IMAGE_WIDTH)
        else:
            self.browser.setPlainText(f"The user guide is missing ({path}).")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
