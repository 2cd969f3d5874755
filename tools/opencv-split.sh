#!/usr/bin/env bash
# Splits the photos of Debian's opencv-doc (examples/data) into a training and a held-out folder of symlinks.
# Deterministic: files sorted by name, every 5th one held out. OpenCV's own blur examples (*_motion, *_defocus: the
# inputs of its deblurring tutorials) are left out of both sides, after counting, so no other file changes side.
# Usage: tools/opencv-split.sh [OUT_DIR]
set -euo pipefail
src=/usr/share/doc/opencv-doc/examples/data
out=${1:-$HOME/.cache/bi-attention-deblur/opencv}
if [ ! -d "$src" ]; then
  echo "opencv-doc is not installed: apt-get update && apt-get install -y opencv-doc" >&2
  exit 1
fi
rm -rf "$out/train" "$out/holdout"
mkdir -p "$out/train" "$out/holdout"
i=0
while IFS= read -r f; do
  if [ $((i % 5)) -eq 4 ]; then dest=holdout; else dest=train; fi
  case "$(basename "$f")" in
    *_motion.* | *_defocus.*) ;;
    *) ln -s "$f" "$out/$dest/$(basename "$f")" ;;
  esac
  i=$((i + 1))
done < <(find "$src" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.png' \) | LC_ALL=C sort)
echo "train: $(ls "$out/train" | wc -l) images, holdout: $(ls "$out/holdout" | wc -l) images, in $out"
