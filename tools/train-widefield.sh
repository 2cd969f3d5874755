#!/usr/bin/env bash
# Fine-tunes (or resumes fine-tuning) the bundled `widefield` model with the plugin's own trainer on the CPU, in the
# background, at low priority. Data (TrainingData.widefield): data.MicroscopyScenes through random widefield optics
# and a camera (microscopy.WidefieldDegradation), 25% of them in-focus setups with small PSFs (WidefieldOptics.inFocus:
# nearly sharp images, which the model must leave nearly as they are), 50-20000 photons at the peak.
# STEPS (default 4000) sets the cosine schedule's length; THREADS (default: all cores) PyTorch's threads; RUN
# (default widefield-robust) names the run: checkpoints ~/.cache/bi-attention-deblur/runs/RUN, best model
# ~/.cache/bi-attention-deblur/RUN.zip (with its card beside it), log ~/.cache/bi-attention-deblur/RUN.log, snapshots
# every 500 steps runs/RUN/step-N.zip (to judge with `robustness --widefield` and `bench-widefield`); MIX adds
# train options (e.g. MIX="--in-focus-share 0.5"); INIT (default widefield) the start; SEED (default 7) the data
# stream, so a new stage from the same start draws new pairs; PHOTONS (default 50,20000) the range of photons at
# the peak, drawn log-uniformly. Run from the repository root after `mvn -B package`. Judge a
# result with `robustness --widefield` and `bench-widefield` before bundling it (see the card of `widefield`).
#
# History: 37,707 steps (GPU stages of the PyTorch twin and CPU stages here) at 50-2000 photons with PSFs of
# 1.7-3.4 px per Airy FWHM; that model made in-focus images with small PSFs worse (issue 12), hence this stage.
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
mkdir -p "$root/bin-widefield"
rm -rf "$root/bin-widefield/"* && cp -r target/bi-attention-deblur.jar target/lib "$root/bin-widefield/"
run=${RUN:-widefield-robust}
resume=(--init "${INIT:-widefield}")
if [ -f "$root/runs/$run/checkpoint.bin" ]; then
  resume=(--resume)
fi
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
OMP_WAIT_POLICY=PASSIVE nohup nice -n 10 java -Xmx4g -jar "$root/bin-widefield/bi-attention-deblur.jar" train \
  --data widefield --name widefield --output "$root/$run.zip" \
  --checkpoint-dir "$root/runs/$run" --steps "${STEPS:-4000}" --batch 8 --patch 128 --lr "${LR:-2e-4}" \
  --warm-up 100 --width 32 --blocks 1 --photons "${PHOTONS:-50,20000}" --validate-every 250 --snapshot-every 500 --validation-count 48 --seed "${SEED:-7}" \
  ${MIX:-} "${threads[@]}" "${resume[@]}" >> "$root/$run.log" 2>&1 &
echo "training started (pid $!), log: $root/$run.log"
