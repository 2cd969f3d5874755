#!/usr/bin/env bash
# Trains (or resumes) the bundled `general` model in the background, at low priority. STEPS (default 20000) sets
# the length of the cosine schedule; a resumed run may change it.
# Checkpoints: ~/.cache/bi-attention-deblur/runs/general; best model: ~/.cache/bi-attention-deblur/general.zip;
# log: ~/.cache/bi-attention-deblur/general.log. Run from the repository root after `mvn -B package`.
#
# History: width 16 (3250 steps with shot noise 100-3000 photons, then 1500 more with 100-30000) plateaued at
# +0.6 dB on the held-out mild-noise set. Measured on 1024x1024 (EngineBenchmark): criss-cross attention costs
# about 2 s whatever the width, convolutions 0.5 s at width 16 and 0.9 s at width 32, so width 32 costs 2.9 s
# against 2.3 s and trains at 1.5 against 2 steps/s. This run is width 32, from scratch.
# 2026-11-26: after 5750 CPU steps the run went on on a GPU (tools/pytorch/gpu-session.sh) and its CPU checkpoint was
# moved aside (runs/general-cpu-stage1); a new run here starts from the bundled model (--init general) at a learning
# rate of 1e-4 (LR overrides), so that it refines that training instead of undoing it.
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
mkdir -p "$root/bin"
# The run uses its own copy of the jars, so rebuilding target/ does not pull classes from under it.
rm -rf "$root/bin/"* && cp -r target/bi-attention-deblur.jar target/lib "$root/bin/"
tools/opencv-split.sh "$root/opencv" >/dev/null
resume=()
if [ -f "$root/runs/general/checkpoint.bin" ]; then
  resume=(--resume)
elif unzip -p src/main/resources/io/github/biattention/deblur/models/general.zip model.json 2>/dev/null \
    | grep -q '"width": 32'; then
  # A new machine: continue from the intermediate model committed in the repository.
  resume=(--init general)
  LR=${LR:-1e-4}
fi
# PASSIVE: OpenMP threads sleep instead of spinning when the other core is busy (builds, tests).
OMP_WAIT_POLICY=PASSIVE nohup nice -n 10 java -Xmx4g -jar "$root/bin/bi-attention-deblur.jar" train \
  --name general --output "$root/general.zip" --checkpoint-dir "$root/runs/general" \
  --sharp "$root/opencv/train" --steps "${STEPS:-20000}" --batch 8 --patch 128 --lr "${LR:-5e-4}" --width 32 --blocks 1 \
  --photons 100,30000 --validate-every 250 --validation-count 32 --seed 3 "${resume[@]}" \
  >> "$root/general.log" 2>&1 &
echo "training started (pid $!), log: $root/general.log"
