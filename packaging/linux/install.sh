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

update-mime-database "$data/mime" 2>/dev/null || true
update-desktop-database "$data/applications" 2>/dev/null || true
xdg-mime default "$id.desktop" application/x-mlplan 2>/dev/null || true
echo "installed: $data/applications/$id.desktop; .mlplan files now open in MLOps Roadmap Planner"
