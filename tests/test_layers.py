"""The core packages never import Qt; only planner.ui may. In the UI, only the document
reaches the store."""

import ast
import subprocess
import sys
from pathlib import Path

PLANNER = Path(__file__).resolve().parent.parent / "planner"
CORE = ("catalog", "assessment", "roadmap", "store", "report")
CORE_MODULES = ("words.py", "result.py", "jobs.py", "limits.py", "jsonio.py")  # Qt-free modules at the top


def core_files():
    for package in CORE:
        yield from (PLANNER / package).rglob("*.py")
    yield from (PLANNER / name for name in CORE_MODULES)
QT = ("PySide6", "PyQt5", "PyQt6", "qtpy", "shiboken6")


def test_no_core_module_imports_qt_or_the_ui():
    offenders = []
    for path in core_files():
        for name in absolute_imports(path):
            if name.split(".")[0] in QT or name.startswith("planner.ui"):
                offenders.append(f"{path.relative_to(PLANNER.parent)} imports {name}")
    assert not offenders


def test_core_imports_and_runs_with_qt_blocked():
    """Import every core module, and load the catalog, in a process where Qt cannot load."""
    modules = sorted(".".join(path.relative_to(PLANNER.parent).with_suffix("").parts) for path in core_files())
    script = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {QT!r}:
            raise ImportError('Qt is blocked in the core: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for name in {modules!r}:
    importlib.import_module(name.removesuffix('.__init__'))
from planner.catalog.load import load_catalog
load_catalog()
print('ok')
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=PLANNER.parent,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def absolute_imports(path: Path):
    """Every module `path` imports, relative imports made absolute."""
    package = path.relative_to(PLANNER.parent).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_only_the_document_imports_the_store():
    """Views listen to the document and edit through `edits`; the document is the UI's one
    way to the plan file."""
    offenders = sorted(
        f"{path.relative_to(PLANNER.parent)} imports {name}"
        for path in (PLANNER / "ui").rglob("*.py") if path.name != "document.py"
        for name in absolute_imports(path) if name == "planner.store" or name.startswith("planner.store.")
    )
    assert not offenders


def test_the_import_linter_contracts_hold():
    """pyproject's [tool.importlinter] contracts: the core never imports Qt or the UI, even
    through another module or a relative import; views never import the store."""
    result = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                             "sys.exit(lint_imports_command())"], cwd=PLANNER.parent, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 kept, 0 broken" in result.stdout
