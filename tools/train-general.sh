#!/usr/bin/env bash
# Trains (or resumes) the bundled `general` model in the background, at low priority.
# Checkpoints: ~/.cache/bi-attention-deblur/runs/general; best model: ~/.cache/bi-attention-deblur/general.zip;
# log: ~/.cache/bi-attention-deblur/general.log. Run from the repository root after `mvn -B package`.
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
mkdir -p "$root/bin"
# The run uses its own copy of the jars, so rebuilding target/ does not pull classes from under it.
rm -rf "$root/bin/"* && cp -r target/bi-attention-deblur.jar target/lib "$root/bin/"
tools/opencv-split.sh "$root/opencv" >/dev/null
resume=""
[ -f "$root/runs/general/checkpoint.bin" ] && resume="--resume"
# PASSIVE: OpenMP threads sleep instead of spinning when the other core is busy (builds, tests).
OMP_WAIT_POLICY=PASSIVE nohup nice -n 10 java -Xmx3g -jar "$root/bin/bi-attention-deblur.jar" train \
  --name general --output "$root/general.zip" --checkpoint-dir "$root/runs/general" \
  --sharp "$root/opencv/train" --steps 30000 --batch 8 --patch 128 --lr 5e-4 --width 16 --blocks 1 \
  --validate-every 250 --validation-count 32 --seed 1 $resume >> "$root/general.log" 2>&1 &
echo "training started (pid $!), log: $root/general.log"
