#!/usr/bin/env bash
# Bundles the best `general` model of the CPU background run (tools/train-general.sh) into the jar's resources and
# writes its model card from model.json plus a fresh blind evaluation on the held-out opencv-doc photos.
# Run from the repository root after `mvn -B package -DskipTests`.
# (The bundled model of 2026-11-26 went on from that run on a GPU: see tools/pytorch/gpu-session.sh and the card.)
set -euo pipefail
root=$HOME/.cache/bi-attention-deblur
dest=src/main/resources/io/github/biattention/deblur/models
[ -f "$root/general-robust.zip" ] || { echo "no $root/general-robust.zip: run tools/train-general.sh first" >&2; exit 1; }
cp "$root/general-robust.zip" "$dest/general.zip"
tools/opencv-split.sh "$root/opencv" >/dev/null
json=$(unzip -p "$dest/general.zip" model.json)
field() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(eval('d' + sys.argv[2]))" "$json" "$1"; }
eval_cmd="java -jar target/bi-attention-deblur.jar evaluate --model $dest/general.zip --sharp $root/opencv/holdout --count 30"
evaluation=$($eval_cmd 2>/dev/null | grep -v SLF4J)
cat > "$dest/general.md" <<CARD
# general

Grayscale deblurring model, blind to the kind of blur (camera shake, defocus, Gaussian) and robust to
Poisson-Gaussian noise. Colour images are deblurred channel by channel.

- Architecture: bi-attention network, base width $(field "['architecture']['width']"), $(field "['architecture']['blocksPerLevel']")
  residual block(s) per level, working at half resolution after a pixel unshuffle
  (unshuffle $(field "['architecture']['unshuffle']")), both criss-cross attention modules, recurrence
  $(field "['architecture']['recurrence']").
- Training data: $(field "['training']['data']") (the folder is the 80% training split of Debian
  opencv-doc's examples/data photos made by \`tools/opencv-split.sh\`).
- Training: $(field "['training']['steps']") steps of batch $(field "['training']['batchSize']") at
  $(field "['training']['patchSize']") px patches, $(printf %.0f "$(field "['training']['seconds']")") s of training on 2 CPU cores
  (DJL's Trainer, Adam, warm-up then cosine learning rate 3e-4 to 1e-6, L1 + 0.5 x L1 of image gradients; the best validation of an 8000-step fine-tuning that started from the previous `general`, whose 26,206 steps are in tools/provenance/general.json), seed
  $(field "['training']['seed']"), command \`tools/train-general.sh\` (it resumes across sessions).
- Validation (32 fixed 192 px pairs drawn like the training data, with another seed): PSNR $(printf %.2f "$(field "['training']['validationPsnr']")") dB,
  SSIM $(printf %.4f "$(field "['training']['validationSsim']")") (the blurred inputs: $(printf %.2f "$(field "['training']['blurredPsnr']")") dB,
  $(printf %.4f "$(field "['training']['blurredSsim']")")).
- Blind evaluation on held-out photos (20% of opencv-doc's examples/data, never trained on; new kernels and noise
  from another seed; 384 px crops; motion, defocus and Gaussian blur in equal shares; mild noise: 4000-20000
  photons at white, read noise up to 0.003), measured with
  \`java -jar target/bi-attention-deblur.jar evaluate --model general --sharp ~/.cache/bi-attention-deblur/opencv/holdout --count 30\`:

\`\`\`
$(echo "$evaluation" | tail -1)
\`\`\`

- FLOPs per pixel at the default 256 px tile: printed by \`java -jar target/bi-attention-deblur.jar models\`.
- Known limits: trained on synthetic, spatially uniform blur of natural photos and procedural images; blur that
  varies across the field, very long motion (> 31 px) and strong noise are outside what it saw. It does not know the
  optics of a microscope (no PSF input). Intensities are normalised per image (1% / 99.8% percentiles).
CARD
echo "bundled; card written to $dest/general.md"
echo "$evaluation" | tail -1
