"""Trains the PyTorch twin of the network (biattention.py) on a GPU, from a data bank the plugin writes.

The plugin's own trainer (``train``) runs on DJL and the CPU; this script is its GPU twin for machines that have
PyTorch and a GPU but no Java. The plugin's hidden ``bank`` command draws sharp crops and blur kernels from exactly
the distributions its trainer uses (photographs + procedural images with camera-shake/defocus/Gaussian kernels, or
fluorescence specimens with widefield PSFs); here the twin crops, blurs and adds noise as the bank's settings entry
says (the steps of the plugin's Degradation / WidefieldDegradation), normalises each pair as the plugin does
(percentiles 1 and 99.8 of the blurred patch) and minimises the plugin's loss (L1 + 0.5 * L1 of the differences)
with Adam (element-wise gradient clipping at 1, as DJL's clipGrad), a warm-up and a cosine schedule over either a
number of steps or a time budget. The result is an .npz that the plugin's ``import`` turns into a model file:

    java -jar target/bi-attention-deblur.jar bank --kind general --sharp DIR --output bank.npz
    python3 tools/pytorch/train_bank.py --bank bank.npz --seconds 600 --out trained.npz
    java -jar target/bi-attention-deblur.jar import --weights trained.npz --output trained.zip

Validation: a fixed set of pairs made from held-out crops of the bank (its last 5%), PSNR with data range 1 on the
sharp image's scale, as the plugin's Validator scores. The best network by that PSNR is what --out holds.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import biattention  # noqa: E402

LOW_PERCENTILE, HIGH_PERCENTILE, MIN_RANGE = 0.01, 0.998, 0.05


class Bank:
    """Sharp crops (N, S, S) and kernels (K, P, P) on the device, split into training and held-out crops."""

    def __init__(self, path, device, holdout=0.05, kernels=None):
        with np.load(path) as archive:
            sharp = archive["sharp"]
            self.kernels = kernels if kernels is not None else \
                torch.from_numpy(archive["kernels"].astype(np.float32)).to(device)
            self.settings = json.loads(bytes(archive["__settings__"]).decode("utf-8"))
        self.scale = 255.0 if sharp.dtype == np.uint8 else 1.0
        self.sharp = torch.from_numpy(sharp).to(device)
        held = max(1, int(round(len(sharp) * holdout)))
        self.train_count = len(sharp) - held
        self.device = device

    def pairs(self, generator, batch, patch, held_out=False):
        """One batch of (blurred, sharp) pairs, (B, 1, patch, patch) each, on the bank's scale (sharp in [0, 1])."""
        dev = self.device
        k = self.kernels.shape[-1]
        crop = patch + k - 1
        side = self.sharp.shape[-1]
        lo, hi = (self.train_count, len(self.sharp)) if held_out else (0, self.train_count)
        idx = torch.randint(lo, hi, (batch,), generator=generator, device=dev)
        y0 = torch.randint(0, side - crop + 1, (batch,), generator=generator, device=dev)
        x0 = torch.randint(0, side - crop + 1, (batch,), generator=generator, device=dev)
        r = torch.arange(crop, device=dev)
        x = self.sharp[idx[:, None, None], (y0[:, None] + r)[:, :, None], (x0[:, None] + r)[:, None, :]]
        x = x.float() / self.scale
        if self.settings.get("sharpEncoding") == "sqrt8":  # widefield specimens: 8-bit square roots of flux / scale
            x = x * x * self.settings.get("sharpScale", 1.0)
        # The eight rotations/reflections, from a transpose and two flips.
        flips = torch.rand((3, batch, 1, 1), generator=generator, device=dev) < 0.5
        x = torch.where(flips[0], x.transpose(1, 2), x)
        x = torch.where(flips[1], x.flip(2), x)
        x = torch.where(flips[2], x.flip(1), x)
        s = self.settings
        if s["kind"] == "general":
            x = self.jitter(x, generator, s["jitterProbability"])
        kernels = self.kernels[torch.randint(0, len(self.kernels), (batch,), generator=generator, device=dev)]
        blurred = valid_convolution(x, kernels)
        margin = (k - 1) // 2
        sharp = x[:, margin:margin + patch, margin:margin + patch]
        noisy, offset = self.noise(blurred, generator)
        # A camera offset cannot be told from a uniform background, so the target keeps it (the plugin's
        # WidefieldDegradation does the same): the network restores detail, not the baseline.
        return noisy[:, None], (sharp + offset)[:, None]

    def jitter(self, x, generator, probability):
        """v -> offset + contrast * v^gamma for a share of the crops (the plugin's brightness/contrast jitter)."""
        b = x.shape[0]
        u = torch.rand((4, b, 1, 1), generator=generator, device=x.device)
        gamma = torch.exp(math.log(0.7) + (math.log(1.4) - math.log(0.7)) * u[0])
        contrast = 0.5 + 0.5 * u[1]
        offset = u[2] * (1 - contrast)
        jittered = offset + contrast * x.clamp(min=0) ** gamma
        return torch.where(u[3] < probability, jittered, x)

    def noise(self, blurred, generator):
        s = self.settings
        b = blurred.shape[0]
        dev = blurred.device
        u = torch.rand((4, b, 1, 1), generator=generator, device=dev)
        photons = torch.exp(math.log(s["minPhotons"]) + (math.log(s["maxPhotons"]) - math.log(s["minPhotons"])) * u[0])
        shot = torch.poisson(blurred.clamp(min=0) * photons, generator=generator) / photons
        gauss = torch.randn(blurred.shape, generator=generator, device=dev)
        if s["kind"] == "general":
            read_lo, read_hi = s["readSigma"]
            read = read_lo + (read_hi - read_lo) * u[1]
            noisy = torch.where(u[2] < s["noShotNoiseProbability"], blurred, shot)
            return noisy + read * gauss, 0.0
        e_lo, e_hi = s["readElectrons"]
        o_lo, o_hi = s["offset"]
        read = (e_lo + (e_hi - e_lo) * u[1]) / photons
        offset = o_lo + (o_hi - o_lo) * u[2]
        return shot + read * gauss + offset, offset


class MixedBank:
    """Training batches drawn from several banks by weight (rounded per batch), all blurred with the first bank's
    kernels; validation from the first bank only, so runs with and without extra banks compare."""

    def __init__(self, banks, weights):
        self.banks = banks
        self.weights = [w / sum(weights) for w in weights]
        self.first = banks[0]
        self.settings = self.first.settings
        self.kernels = self.first.kernels
        self.sharp = self.first.sharp
        self.train_count = self.first.train_count

    def pairs(self, generator, batch, patch, held_out=False):
        if held_out or len(self.banks) == 1:
            return self.first.pairs(generator, batch, patch, held_out)
        counts = [int(round(batch * w)) for w in self.weights[1:]]
        counts.insert(0, batch - sum(counts))
        parts = [bank.pairs(generator, n, patch) for bank, n in zip(self.banks, counts) if n > 0]
        return torch.cat([p[0] for p in parts]), torch.cat([p[1] for p in parts])


def valid_convolution(x, kernels):
    """(B, C, C) crops convolved (true convolution, not correlation) with their own (B, P, P) kernels, keeping the
    (C - P + 1)^2 pixels that need no padding: by FFT, the circular convolution's entries from P - 1 on."""
    c = x.shape[-1]
    p = kernels.shape[-1]
    spectrum = torch.fft.rfft2(x) * torch.fft.rfft2(kernels, s=(c, c))
    full = torch.fft.irfft2(spectrum, s=(c, c))
    return full[:, p - 1:, p - 1:]


def normalise(blurred, sharp):
    """Per pair, the blurred patch's percentiles 1 and 99.8 to 0 and 1; the same map for the sharp patch."""
    flat = blurred.flatten(1)
    q = torch.quantile(flat, torch.tensor([LOW_PERCENTILE, HIGH_PERCENTILE], device=flat.device), dim=1)
    low = q[0].view(-1, 1, 1, 1)
    scale = (q[1] - q[0]).clamp(min=MIN_RANGE).view(-1, 1, 1, 1)
    return (blurred - low) / scale, (sharp - low) / scale, low, scale


def deblur_loss(output, target, gradient_weight=0.5):
    error = output - target
    loss = error.abs().mean()
    dx = (error[..., :, 1:] - error[..., :, :-1]).abs().mean()
    dy = (error[..., 1:, :] - error[..., :-1, :]).abs().mean()
    return loss + gradient_weight * (dx + dy)


def psnr(a, b):
    mse = ((a - b) ** 2).flatten(1).mean(1).clamp(min=1e-12)
    return (10 * torch.log10(1.0 / mse)).mean().item()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bank", required=True)
    p.add_argument("--extra-bank", action="append", default=[],
                   help="another bank whose crops join the training batches (blurred with --bank's kernels)")
    p.add_argument("--extra-share", type=float, action="append", default=[],
                   help="share of each batch from the matching --extra-bank")
    p.add_argument("--out", required=True, help="npz of the best network by validation PSNR")
    p.add_argument("--init", help="npz to start from (plugin export or an earlier run)")
    p.add_argument("--name", default="model")
    p.add_argument("--description", default="Bi-attention deblurring network, grayscale")
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--blocks", type=int, default=1)
    p.add_argument("--attention", choices=["none", "shallow", "both"], default="both")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--patch", type=int, default=128)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--final-lr", type=float, default=1e-6)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--steps", type=int, help="cosine schedule over this many steps")
    p.add_argument("--seconds", type=float, help="cosine schedule over this time budget (stops then)")
    p.add_argument("--validate-seconds", type=float, default=30)
    p.add_argument("--validate-steps", type=int, default=0, help="validate every N steps instead (0: by time)")
    p.add_argument("--validation-count", type=int, default=64)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--log", help="append progress lines here (prefixed with the name) as well as stdout")
    a = p.parse_args()
    if not a.steps and not a.seconds:
        p.error("give --steps or --seconds")

    log_file = open(a.log, "a", buffering=1) if a.log else None  # closed when the process ends

    def log(message):
        line = "[%s %6.0fs] %s" % (a.name, time.time() - start, message)
        print(line, flush=True)
        if log_file:
            log_file.write(line + "\n")

    start = time.time()
    torch.manual_seed(a.seed)
    device = torch.device(a.device)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    if len(a.extra_share) != len(a.extra_bank) or sum(a.extra_share) >= 1:
        p.error("give one --extra-share per --extra-bank, together below 1")
    first = Bank(a.bank, device)
    extras = [Bank(path, device, kernels=first.kernels) for path in a.extra_bank]
    for extra, path in zip(extras, a.extra_bank):
        if extra.settings != first.settings:
            p.error("%s has other settings than %s" % (path, a.bank))
    bank = MixedBank([first] + extras, [1 - sum(a.extra_share)] + a.extra_share)
    if a.init:
        net, metadata = biattention.load_npz(a.init, device)
        log("starting from %s (%s)" % (a.init, net.architecture()))
    else:
        net = biattention.BiAttentionNet(1, a.width, a.blocks, 2, a.attention != "none", a.attention == "both")
        net = net.to(device)
        metadata = {"normalization": {"lowPercentile": 1.0, "highPercentile": 99.8}}
    metadata["name"] = a.name
    metadata["description"] = a.description
    net.train()
    params = sum(t.numel() for t in net.parameters())
    log("%s, %d parameters, bank %s: %d+%d crops, %d kernels %dx%d, %s; extra banks %s" % (
        net.architecture(), params, a.bank, bank.train_count, len(bank.sharp) - bank.train_count,
        len(bank.kernels), bank.kernels.shape[-1], bank.kernels.shape[-1], bank.settings,
        list(zip(a.extra_bank, a.extra_share))))

    validation_rng = torch.Generator(device=device)
    validation_rng.manual_seed(1_000_003 + a.seed)
    validation = [bank.pairs(validation_rng, 16, a.patch, held_out=True)
                  for _ in range(max(1, a.validation_count // 16))]
    blurred_psnr = np.mean([psnr(b, s) for b, s in validation])

    def validate():
        net.eval()
        scores = []
        with torch.no_grad():
            for blurred, sharp in validation:
                x, _, low, scale = normalise(blurred, sharp)
                scores.append(psnr(net(x) * scale + low, sharp))
        net.train()
        return float(np.mean(scores))

    optimizer = torch.optim.Adam(net.parameters(), lr=a.lr)
    rng = torch.Generator(device=device)
    rng.manual_seed(a.seed)

    def learning_rate(step, elapsed):
        fraction = min(1.0, step / a.steps) if a.steps else min(1.0, elapsed / a.seconds)
        cosine = a.final_lr + 0.5 * (a.lr - a.final_lr) * (1 + math.cos(math.pi * fraction))
        if step < a.warmup:
            return a.lr / 100 + (cosine - a.lr / 100) * step / a.warmup
        return cosine

    best = validate()
    log("step 0: validation PSNR %.3f dB (blurred %.3f)" % (best, blurred_psnr))
    save(net, a.out, metadata, training(a, 0, 0.0, best, blurred_psnr, bank))
    train_start = time.time()
    last_validation = train_start
    step = 0
    losses = []
    while True:
        elapsed = time.time() - train_start
        if (a.steps and step >= a.steps) or (a.seconds and elapsed >= a.seconds):
            break
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, elapsed)
        blurred, sharp = bank.pairs(rng, a.batch, a.patch)
        x, y, _, _ = normalise(blurred, sharp)
        loss = deblur_loss(net(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_value_(net.parameters(), 1.0)
        optimizer.step()
        step += 1
        losses.append(loss.item() if step % 25 == 0 else None)
        due = (a.validate_steps and step % a.validate_steps == 0) or \
              (not a.validate_steps and time.time() - last_validation >= a.validate_seconds)
        finished = (a.steps and step >= a.steps) or (a.seconds and time.time() - train_start >= a.seconds)
        if due or finished:
            last_validation = time.time()
            score = validate()
            recent = [v for v in losses[-500:] if v is not None]
            log("step %d: loss %.4f lr %.2e %.1f steps/s validation PSNR %.3f dB (blurred %.3f, best %.3f)" % (
                step, np.mean(recent) if recent else float("nan"), optimizer.param_groups[0]["lr"],
                step / (time.time() - train_start), score, blurred_psnr, max(best, score)))
            if score > best:
                best = score
                save(net, a.out, metadata, training(a, step, time.time() - train_start, best, blurred_psnr, bank))
    log("done: %d steps in %.0f s, best validation PSNR %.3f dB (blurred %.3f)" % (
        step, time.time() - train_start, best, blurred_psnr))


def training(a, step, seconds, score, blurred_score, bank):
    extras = "".join(" + %.0f%% %s" % (100 * share, os.path.basename(path))
                     for path, share in zip(a.extra_bank, a.extra_share))
    return {"data": "PyTorch twin (tools/pytorch/train_bank.py) on %s%s: %s" % (
                os.path.basename(a.bank), extras, json.dumps(bank.settings)),
            "steps": step, "seconds": round(seconds, 1), "seed": a.seed, "batchSize": a.batch,
            "patchSize": a.patch, "validationPsnr": score, "blurredPsnr": float(blurred_score),
            "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def save(net, path, metadata, training_info):
    """Atomically, so a run stopped at any moment leaves the last good file."""
    temporary = path + ".tmp.npz"
    biattention.save_npz(net, temporary, metadata, training_info)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
