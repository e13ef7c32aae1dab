"""Render every image in docs/images from the demo plan, the way a user would: the
`screenshot` command for the app, the `report` command and pdftoppm for the PDF pages.

    python docs/render_images.py            # write them all into docs/images
    python docs/render_images.py --check    # render into a temporary folder and say how
                                            # far each committed image is from a fresh one
    python docs/render_images.py NAME ...   # only these (e.g. app-roadmap.png)

Every image in docs/images has its recipe here (tests/test_docs_images.py checks that,
and that a fresh render of the app's roadmap matches the committed one), so the images
cannot drift from what the app shows. The roadmap they show is the demo's proven
optimum, the same on every machine. The PDF pages carry the day they were generated.
Needs poppler-utils (pdftoppm) for the PDF pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
WORKSHOP_DAY = "2026-12-01"  # the day the demo's workshop report says it was held
TODAY = "2027-03-15"  # the day the roadmap's today line marks, so the images do not change with the date

# name -> ("app", view, size, theme) or ("pdf", page, dpi, report arguments)
RECIPES: dict[str, tuple] = {
    "app-welcome.png": ("app", "welcome", "1600x1000", "light"),
    "app-dashboard.png": ("app", "dashboard", "1600x1000", "light"),
    "app-assessment.png": ("app", "assessment", "1600x1000", "light"),
    "app-graph.png": ("app", "graph", "1600x1000", "light"),
    "app-options.png": ("app", "options", "1600x1000", "light"),
    "app-roadmap.png": ("app", "roadmap", "1600x1000", "light"),
    "app-graph-dark.png": ("app", "graph", "1600x1000", "dark"),
    "app-roadmap-dark.png": ("app", "roadmap", "1600x1000", "dark"),
    "app-assessment-1024x768-dark.png": ("app", "assessment", "1024x768", "dark"),
    "app-roadmap-1024x768.png": ("app", "roadmap", "1024x768", "light"),
    "app-workshop.png": ("app", "workshop", "1920x1080", "light"),
    "app-workshop-1280x720.png": ("app", "workshop", "1280x720", "light"),
    "app-workshop-1024x768.png": ("app", "workshop", "1024x768", "light"),
    "app-wrapup.png": ("app", "wrapup", "1920x1080", "light"),
    "report-page-2.png": ("pdf", 2, 70, ()),
    "report-page-4.png": ("pdf", 4, 70, ()),
    "report-page-7.png": ("pdf", 7, 70, ()),
    "report-page-11.png": ("pdf", 11, 70, ()),
    "report-workshop.png": ("pdf", 4, 80, ("--workshop", WORKSHOP_DAY)),
}


def cli(*args: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_PLANNER_TODAY": TODAY}
    done = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, env=env,
                          cwd=HERE.parent)
    if done.returncode:
        raise SystemExit(f"roadmap-planner {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def render(name: str, out: Path, work: Path) -> Path:
    """Render one image into `out`; PDFs are made once per set of report arguments."""
    recipe = RECIPES[name]
    target = out / name
    if recipe[0] == "app":
        _, view, size, theme = recipe
        cli("screenshot", "--demo", "--view", view, "--size", size, "--theme", theme, "-o", str(target))
        return target
    _, page, dpi, arguments = recipe
    pdf = work / ("report" + "".join(arguments).replace("-", "_") + ".pdf")
    if not pdf.exists():
        cli("report", "--demo", *arguments, "-o", str(pdf))
    stem = work / f"{name}.page"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)
    shutil.move(f"{stem}.png", target)
    return target


def render_all(names: list[str], out: Path) -> list[Path]:
    """The PDFs first (two of them, side by side), then the app's views two at a time:
    the machine has two cores."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        pdfs = [n for n in names if RECIPES[n][0] == "pdf"]
        apps = [n for n in names if RECIPES[n][0] == "app"]
        with ThreadPoolExecutor(max_workers=2) as pool:
            made = list(pool.map(lambda n: render(n, out, work), _one_per_report(pdfs)))
            made += list(pool.map(lambda n: render(n, out, work), [n for n in pdfs if out / n not in made] + apps))
        return made


def _one_per_report(names: list[str]) -> list[str]:
    seen, first = set(), []
    for name in names:
        if RECIPES[name][3] not in seen:
            seen.add(RECIPES[name][3])
            first.append(name)
    return first


def difference(a: Path, b: Path) -> float:
    """The share of pixels that differ between two PNGs (1.0 when the sizes differ)."""
    from PySide6.QtGui import QImage

    one, two = QImage(str(a)), QImage(str(b))
    if one.size() != two.size() or one.isNull() or two.isNull():
        return 1.0
    one = one.convertToFormat(QImage.Format.Format_RGB32)
    two = two.convertToFormat(QImage.Format.Format_RGB32)
    width, height = one.width(), one.height()
    bytes_one, bytes_two = bytes(one.constBits())[: width * height * 4], bytes(two.constBits())[: width * height * 4]
    differ = sum(bytes_one[i:i + 4] != bytes_two[i:i + 4] for i in range(0, len(bytes_one), 4))
    return differ / (width * height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these images (default: all)")
    parser.add_argument("--check", action="store_true", help="compare fresh renders with the committed images")
    args = parser.parse_args()
    unknown = [n for n in args.names if n not in RECIPES]
    if unknown:
        parser.error(f"no recipe for {', '.join(unknown)}; images: {', '.join(RECIPES)}")
    names = args.names or list(RECIPES)
    if not args.check:
        for path in render_all(names, IMAGES):
            print(f"wrote {path.relative_to(HERE.parent)}")
        return 0
    with tempfile.TemporaryDirectory() as fresh:
        worst = 0.0
        for path in render_all(names, Path(fresh)):
            share = difference(IMAGES / path.name, path) if (IMAGES / path.name).exists() else 1.0
            worst = max(worst, share)
            print(f"{path.name}: {share:.2%} of pixels differ from a fresh render")
    return 0 if worst == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
