#!/usr/bin/env bash
# Build the one-folder bundle of MLOps Roadmap Planner into packaging/dist/roadmap-planner.
# Linux as written; Windows and macOS differ as packaging/README.md says.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv packaging/.venv
# shellcheck disable=SC1091
. packaging/.venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q . "pyinstaller>=6.10"

QT_QPA_PLATFORM=offscreen python packaging/icons/render_icons.py > /dev/null
python packaging/licenses.py packaging/THIRD-PARTY-LICENSES.txt
pyinstaller --noconfirm --clean --log-level WARN --distpath packaging/dist --workpath packaging/build \
    packaging/roadmap-planner.spec
echo "bundle: packaging/dist/roadmap-planner ($(du -sh packaging/dist/roadmap-planner | cut -f1) unpacked)"
