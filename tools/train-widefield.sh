#!/usr/bin/env bash
# Fine-tunes (or resumes fine-tuning) the bundled `widefield` model with the plugin's own trainer on the CPU, in the
# background, at low priority: the same data as its GPU stages (data.MicroscopyScenes through random widefield
# optics and a camera, microscopy.WidefieldDegradation). STEPS (default 20000) sets the cosine schedule's length.
# Checkpoints: ~/.cache/bi-attention-deblur/runs/widefield; best model: ~/.cache/bi-attention-deblur/widefield-cpu.zip
# (with its card beside it); log: ~/.cache/bi-attention-deblur/widefield.log. Run from the repository root after
# `mvn -B package`. Judge a result with `bench-widefield` before bundling it (see the card of `widefield`).
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
mkdir -p "$root/bin-widefield"
rm -rf "$root/bin-widefield/"* && cp -r target/bi-attention-deblur.jar target/lib "$root/bin-widefield/"
resume=(--init widefield)
if [ -f "$root/runs/widefield/checkpoint.bin" ]; then
  resume=(--resume)
fi
OMP_WAIT_POLICY=PASSIVE nohup nice -n 10 java -Xmx4g -jar "$root/bin-widefield/bi-attention-deblur.jar" train \
  --data widefield --name widefield --output "$root/widefield-cpu.zip" --checkpoint-dir "$root/runs/widefield" \
  --steps "${STEPS:-20000}" --batch 8 --patch 128 --lr 1e-4 --warm-up 50 --width 32 --blocks 1 \
  --photons 50,2000 --validate-every 250 --validation-count 32 --seed 5 "${resume[@]}" \
  >> "$root/widefield.log" 2>&1 &
echo "training started (pid $!), log: $root/widefield.log"
