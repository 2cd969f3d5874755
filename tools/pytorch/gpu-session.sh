#!/usr/bin/env bash
# One GPU session (about 8 minutes on one H100), everything at once: fine-tunes `general`, trains `widefield` and
# the three attention-ablation variants with tools/pytorch/train_bank.py. Expects, under gpu/ (made on a machine
# with Java, see tools/pytorch/README.md): general.npz and widefield.npz (banks from the plugin's `bank` command)
# and general-init.npz (`export` of the model to start from). Writes the .npz results and train.log to $OUT.
# PHASE=2 continues general and widefield from phase 1's results (gpu/general-gpu1.npz, gpu/widefield-gpu1.npz)
# at a lower learning rate for BUDGET_SECONDS (215 in the recorded run) and runs the ablation with ABLATION_STEPS
# (6000 in the recorded run), as the second call of the session of 2026-11-26 did.
# PHASE=3 fine-tunes `widefield` (gpu/widefield-init.npz, its `export`) on a larger bank of specimens
# (gpu/wf-spec.npz: bank --kind widefield --count 2200 --size 190 --kernels 1000 --seed 101) with and without
# photographs taken as fluorescence (gpu/wf-photos.npz: the same with --sharp <opencv train photos> --sharp-share 1
# --count 350 --size 190 --kernels 1 --seed 103), four variants at once (the session of 2026-11-26, third stop;
# BUDGET_SECONDS=440).
# PHASE=4 continues the best of them by bench-widefield on tuning cases (wf-mix30-fast, as gpu/wf-phase3.npz) at two
# learning rates on the same banks (BUDGET_SECONDS=255).
set -u
OUT=${OUT:-/tmp/gpu-out}
T=${BUDGET_SECONDS:-420}
ABLATION_STEPS=${ABLATION_STEPS:-2500}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=2
nvidia-smi -L
python3 -c "import torch; print('torch', torch.__version__, torch.cuda.get_device_name())"
train() { ${PYTHON:-python3} tools/pytorch/train_bank.py "$@" >> "$OUT/train.log" 2>&1 & }
if [ "${PHASE:-1}" = 3 ] || [ "${PHASE:-1}" = 4 ]; then
  init=gpu/widefield-init.npz
  [ "$PHASE" = 4 ] && init=gpu/wf-phase3.npz
  wf() { name=$1; shift; train --bank gpu/wf-spec.npz --init "$init" --name widefield \
    --description "Bi-attention deblurring network for widefield fluorescence microscopy, grayscale, blind to the PSF" \
    --seconds "$T" --batch 32 --warmup 50 --out "$OUT/$name.npz" "$@"; }
  if [ "$PHASE" = 4 ]; then
    wf wf-p4-slow --lr 1.5e-4 --seed 61 --extra-bank gpu/wf-photos.npz --extra-share 0.3
    wf wf-p4-fast --lr 3e-4 --seed 62 --extra-bank gpu/wf-photos.npz --extra-share 0.3
  else
    wf wf-spec --lr 2e-4 --seed 51
    wf wf-mix30 --lr 2e-4 --seed 52 --extra-bank gpu/wf-photos.npz --extra-share 0.3
    wf wf-mix30-fast --lr 4e-4 --seed 53 --extra-bank gpu/wf-photos.npz --extra-share 0.3
    wf wf-mix50 --lr 2e-4 --seed 54 --extra-bank gpu/wf-photos.npz --extra-share 0.5
  fi
  wait
  nvidia-smi --query-gpu=memory.used,utilization.gpu --format=csv
  echo "all done"
  exit 0
fi
if [ "${PHASE:-1}" = 2 ]; then
  train --bank gpu/general.npz --init gpu/general-gpu1.npz --name general \
    --description "Bi-attention deblurring network, grayscale, blind to the blur kind" \
    --seconds "$T" --batch 32 --lr 1.5e-4 --warmup 50 --seed 31 --out "$OUT/general.npz"
  train --bank gpu/widefield.npz --init gpu/widefield-gpu1.npz --name widefield \
    --description "Bi-attention deblurring network for widefield fluorescence microscopy, grayscale, blind to the PSF" \
    --seconds "$T" --batch 32 --lr 2e-4 --warmup 50 --seed 32 --out "$OUT/widefield.npz"
else
train --bank gpu/general.npz --init gpu/general-init.npz --name general \
  --description "Bi-attention deblurring network, grayscale, blind to the blur kind" \
  --seconds "$T" --batch 32 --lr 3e-4 --warmup 100 --seed 21 --out "$OUT/general.npz"
train --bank gpu/widefield.npz --init gpu/general-init.npz --name widefield \
  --description "Bi-attention deblurring network for widefield fluorescence microscopy, grayscale, blind to the PSF" \
  --seconds "$T" --batch 32 --lr 4e-4 --warmup 100 --seed 22 --out "$OUT/widefield.npz"
fi
for attention in none shallow both; do
  train --bank gpu/general.npz --name "ablation-$attention" --width 16 --blocks 1 --attention "$attention" \
    --description "Ablation: width 16, criss-cross attention: $attention" \
    --steps "$ABLATION_STEPS" --seconds 240 --batch 16 --lr 5e-4 --seed 7 --validate-steps 500 \
    --out "$OUT/ablation-$attention.npz"
done
wait
nvidia-smi --query-gpu=memory.used,utilization.gpu --format=csv
echo "all done"
