#!/usr/bin/env bash
# Trains (or resumes) the bundled `general` model in the background, at low priority. STEPS (default 30000) sets
# the length of the cosine schedule; a resumed run may change it.
# Checkpoints: ~/.cache/bi-attention-deblur/runs/general; best model: ~/.cache/bi-attention-deblur/general.zip;
# log: ~/.cache/bi-attention-deblur/general.log. Run from the repository root after `mvn -B package`.
#
# History: stage 1 (3250 steps, shot noise 100-3000 photons at white only) left the model conservative on mildly
# noisy images; stage 2, this run, starts from stage 1's best weights (general-stage1.zip, or the bundled model on
# a new machine) with shot noise from 100 to 30000 photons.
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
mkdir -p "$root/bin"
# The run uses its own copy of the jars, so rebuilding target/ does not pull classes from under it.
rm -rf "$root/bin/"* && cp -r target/bi-attention-deblur.jar target/lib "$root/bin/"
tools/opencv-split.sh "$root/opencv" >/dev/null
start=()
if [ -f "$root/runs/general/checkpoint.bin" ]; then
  start=(--resume)
elif [ -f "$root/general-stage1.zip" ]; then
  start=(--init "$root/general-stage1.zip")
else
  # A new machine: continue from the weights committed in the jar.
  start=(--init general)
fi
# PASSIVE: OpenMP threads sleep instead of spinning when the other core is busy (builds, tests).
OMP_WAIT_POLICY=PASSIVE nohup nice -n 10 java -Xmx3g -jar "$root/bin/bi-attention-deblur.jar" train \
  --name general --output "$root/general.zip" --checkpoint-dir "$root/runs/general" \
  --sharp "$root/opencv/train" --steps "${STEPS:-30000}" --batch 8 --patch 128 --lr 5e-4 --width 16 --blocks 1 \
  --photons 100,30000 --validate-every 250 --validation-count 32 --seed 2 "${start[@]}" \
  >> "$root/general.log" 2>&1 &
echo "training started (pid $!), log: $root/general.log"
