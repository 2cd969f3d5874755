#!/usr/bin/env bash
# Installs the Debian packages whose pictures the `general` training and the robustness evaluation read
# (tools/opencv-split.sh, tools/wallpaper_split.py), when any is missing. Needs root (or sudo) for apt-get.
set -euo pipefail
packages=(opencv-doc plasma-workspace-wallpapers mate-backgrounds gnome-backgrounds ukui-wallpapers
  lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 python3-pil)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
echo "installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
