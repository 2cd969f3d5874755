#!/usr/bin/env bash
# Trains (or resumes) the bundled `general` model in the background, at low priority. STEPS (default 8000) sets
# the length of the cosine schedule (a resumed run may change it); THREADS (default: all cores) PyTorch's threads. Run from the repository root after
# `mvn -B package -DskipTests`.
# Data: the training parts of opencv-doc's photos (tools/opencv-split.sh) and of the wallpaper packages' photographs
# and textured pictures (tools/wallpaper_split.py: the "wallpapers" and, since stage 9, "lomiri" families), 70%, and procedural images, 30%, in the photograph mix
# (DegradationSettings.photographMix: 10% no blur, 15% mild blur, 25% no noise, the rest noise up to moderate).
# RUN (default general-robust) names the run: checkpoints in ~/.cache/bi-attention-deblur/runs/RUN, best model
# ~/.cache/bi-attention-deblur/RUN.zip, log ~/.cache/bi-attention-deblur/RUN.log, and every 500 steps a snapshot
# runs/RUN/step-N.zip whatever its validation (judge those with `robustness`: validation pairs come from the training
# generator). MIX adds train options of the mix
# (e.g. MIX="--no-blur-share 0.3 --mild-share 0.2 --no-noise-share 0.35"); INIT (default general) the start; SEED
# (default 5) the data stream, so a new stage from the same start draws new pairs.
#
# History: width 16 plateaued at +0.6 dB; width 32 trained 5750 CPU steps, then 20456 GPU steps of the PyTorch twin
# (tools/pytorch/gpu-session.sh) on strong blur and heavy noise (100-30000 photons at white) of opencv-doc and
# procedural images. On unseen photographs that model smoothed sharp detail away and gained little on mild blur
# (issue 12), so since 2026-12 it is fine-tuned here on the photograph mix (--init general) at a learning rate of 3e-4.
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
mkdir -p "$root/bin"
# The run uses its own copy of the jars, so rebuilding target/ does not pull classes from under it.
rm -rf "$root/bin/"* && cp -r target/bi-attention-deblur.jar target/lib "$root/bin/"
tools/install-training-data.sh
tools/opencv-split.sh "$root/opencv" >/dev/null
tools/wallpaper_split.py "$root/wallpapers" "$root/lomiri" >/dev/null
train="$root/general-train"
rm -rf "$train" && mkdir -p "$train"
for f in "$root/opencv/train/"* "$root/wallpapers/train/"* "$root/lomiri/train/"*; do ln -s "$(readlink -f "$f")" "$train/"; done
run=${RUN:-general-robust}
resume=(--init "${INIT:-general}")
if [ -f "$root/runs/$run/checkpoint.bin" ]; then
  resume=(--resume)
fi
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
# PASSIVE: OpenMP threads sleep instead of spinning when the other core is busy (builds, tests).
OMP_WAIT_POLICY=PASSIVE nohup nice -n 10 java -Xmx5g -jar "$root/bin/bi-attention-deblur.jar" train \
  --name general --output "$root/$run.zip" --checkpoint-dir "$root/runs/$run" \
  --sharp "$train" --steps "${STEPS:-8000}" --batch 8 --patch 128 --lr "${LR:-3e-4}" --width 32 --blocks 1 \
  --photons 300,30000 --validate-every 250 --snapshot-every 500 --validation-count 48 --seed "${SEED:-5}" ${MIX:-} "${threads[@]}" "${resume[@]}" \
  >> "$root/$run.log" 2>&1 &
echo "training started (pid $!), log: $root/$run.log"
