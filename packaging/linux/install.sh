#!/usr/bin/env bash
# Install the desktop integration for the current user: the launcher, the .mlplan file
# type (so plans open in the app from the file manager) and the icons.
#   packaging/linux/install.sh [BUNDLE_DIR]   (default: packaging/dist/roadmap-planner)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="$(cd "${1:-$here/../dist/roadmap-planner}" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
id=org.mlops_roadmap_planner.RoadmapPlanner

mkdir -p "$HOME/.local/bin" "$data/applications" "$data/mime/packages" "$data/metainfo"
ln -sf "$bundle/roadmap-planner" "$HOME/.local/bin/roadmap-planner"
sed "s|^Exec=roadmap-planner|Exec=$bundle/roadmap-planner|" "$here/$id.desktop" > "$data/applications/$id.desktop"
cp "$here/mlplan-mime.xml" "$data/mime/packages/$id-mlplan.xml"
cp "$here/$id.metainfo.xml" "$data/metainfo/"
for png in "$here"/../icons/hicolor/*/apps/$id.png; do
    size_dir="$(basename "$(dirname "$(dirname "$png")")")"
    mkdir -p "$data/icons/hicolor/$size_dir/apps"
    cp "$png" "$data/icons/hicolor/$size_dir/apps/"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/../icons/roadmap-planner.svg" "$data/icons/hicolor/scalable/apps/$id.svg"

# Each tool below is optional on a bare system: say what it means when one is missing or
# fails, instead of hiding it (the file association needs xdg-utils).
missing=()
run_tool() {  # run_tool WHAT COMMAND ARGS...: run it, and remember WHAT if it is absent or fails
    local what="$1"; shift
    if ! command -v "$1" > /dev/null; then
        missing+=("$what ($1 is not installed)")
    elif ! "$@"; then
        missing+=("$what ($1 failed)")
    fi
}
run_tool "the .mlplan file type" update-mime-database "$data/mime"
run_tool "the launcher in the menus" update-desktop-database "$data/applications"
run_tool "opening .mlplan files with the app" xdg-mime default "$id.desktop" application/x-mlplan
echo "installed: $data/applications/$id.desktop and $HOME/.local/bin/roadmap-planner"
if [ ${#missing[@]} -eq 0 ]; then
    echo ".mlplan files now open in MLOps Roadmap Planner"
else
    for what in "${missing[@]}"; do
        echo "not set up: $what" >&2
    done
    echo "install xdg-utils, shared-mime-info and desktop-file-utils (Debian and Ubuntu: sudo apt-get install" \
         "xdg-utils shared-mime-info desktop-file-utils), then run this script again" >&2
fi
