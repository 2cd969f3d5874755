#!/usr/bin/env python3
"""Whole-process timings of the plugin's `deblur` against Richardson-Lucy (30 iterations) in the plugin's own Java
(`deconvolve`) and in scikit-image, on the same image, in the same run (issue 14's speed targets).

Each round runs the three commands one after the other as fresh processes (JVM or Python start, reading the image,
the work, writing the result: what a user waits for); rounds repeat the three in turn, so a slow spell of the machine
hits all three alike. Prints each round, the medians and the ratios deblur / skimage RL30 and deblur / Java RL30.

The image: a deterministic grey photograph-like pattern (smooth structure, edges, fine texture) of SIZE x SIZE,
blurred by a Gaussian of sigma 2 px and written as an 8-bit PNG; RL is given that Gaussian (truncated at 3 sigma, as
`deconvolve --psf-gaussian` samples it). Needs Debian's python3-skimage, python3-numpy and python3-pil:

    mvn -B package -DskipTests && /usr/bin/python3 tools/speed_vs_rl.py --size 2048 --rounds 3

--baseline-jar OLD.jar adds OLD.jar's deblur to every round (before/after on the same machine and minutes).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]

SKIMAGE_RL = r"""
import sys
import numpy as np
from PIL import Image
from skimage.restoration import richardson_lucy
image = np.asarray(Image.open(sys.argv[1]), dtype=np.float64) / 255.0
sigma = float(sys.argv[3])
h = int(np.ceil(3 * sigma))
y, x = np.mgrid[-h:h + 1, -h:h + 1]
psf = np.exp(-(x * x + y * y) / (2 * sigma * sigma))
psf /= psf.sum()
restored = richardson_lucy(image, psf, num_iter=30, clip=False)
Image.fromarray(restored.astype(np.float32), mode="F").save(sys.argv[2])
"""


def test_image(size, sigma, seed=20261206):
    """Smooth random structure, a few hard edges and fine texture in [0, 1], Gaussian-blurred (numpy FFT)."""
    rng = np.random.default_rng(seed)
    coarse = rng.random((size // 32 + 2, size // 32 + 2))
    t = np.linspace(0, size // 32, size)
    y, x = np.meshgrid(t, t, indexing="ij")
    y0, x0 = y.astype(int), x.astype(int)
    fy, fx = y - y0, x - x0
    smooth = (coarse[y0, x0] * (1 - fy) * (1 - fx) + coarse[y0 + 1, x0] * fy * (1 - fx)
              + coarse[y0, x0 + 1] * (1 - fy) * fx + coarse[y0 + 1, x0 + 1] * fy * fx)
    edges = ((np.arange(size)[:, None] // 97 + np.arange(size)[None, :] // 131) % 2) * 0.25
    image = 0.55 * smooth + edges + 0.2 * rng.random((size, size))
    image = (image - image.min()) / (image.max() - image.min())
    fy = np.fft.fftfreq(size)[:, None]
    fx = np.fft.fftfreq(size)[None, :]
    transfer = np.exp(-2 * (np.pi * sigma) ** 2 * (fx * fx + fy * fy))
    blurred = np.real(np.fft.ifft2(np.fft.fft2(image) * transfer))
    return (np.clip(blurred, 0, 1) * 255).round().astype(np.uint8)


def timed(command, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(map(str, command)), result.stdout, result.stderr))
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sigma", type=float, default=2.0)
    parser.add_argument("--jar", default=str(ROOT / "target" / "bi-attention-deblur.jar"))
    parser.add_argument("--model", default="general")
    parser.add_argument("--baseline-jar", help="another build's jar: its deblur is timed in the same rounds")
    parser.add_argument("--work", help="folder for the image and outputs (default: a temporary folder)")
    args = parser.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="speed-vs-rl-"))
    work.mkdir(parents=True, exist_ok=True)
    image = work / ("blurred-%d.png" % args.size)
    Image.fromarray(test_image(args.size, args.sigma)).save(image)
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", str(os.cpu_count())))
    commands = {
        "deblur (%s)" % args.model: ["java", "-jar", args.jar, "deblur", "--model", args.model, "--input", image,
                                      "--output", work / "deblurred.tif", "--overwrite"],
        "Java RL30": ["java", "-jar", args.jar, "deconvolve", "--input", image, "--output", work / "rl-java.tif",
                      "--psf-gaussian", str(args.sigma), "--iterations", "30", "--overwrite"],
        "skimage RL30": [sys.executable, "-c", SKIMAGE_RL, image, work / "rl-skimage.tif", str(args.sigma)],
    }
    if args.baseline_jar:
        commands["deblur, baseline jar"] = ["java", "-jar", args.baseline_jar, "deblur", "--model", args.model,
                                            "--input", image, "--output", work / "deblurred-baseline.tif",
                                            "--overwrite"]
    times = {name: [] for name in commands}
    print("%dx%d, Gaussian sigma %.1f px, %d cores; whole processes, seconds" % (args.size, args.size, args.sigma,
                                                                                  os.cpu_count()))
    for r in range(args.rounds):
        line = []
        for name, command in commands.items():
            times[name].append(timed(list(map(str, command)), env))
            line.append("%s %.2f" % (name, times[name][-1]))
        print("round %d: %s" % (r + 1, ", ".join(line)), flush=True)
    median = {name: statistics.median(t) for name, t in times.items()}
    deblur, java_rl, sk_rl = (median[name] for name in list(commands)[:3])
    print()
    print("| command | median s (%d rounds) | all |" % args.rounds)
    print("|---|---:|---|")
    for name, t in times.items():
        print("| %s | %.2f | %s |" % (name, median[name], ", ".join("%.2f" % x for x in t)))
    print()
    print("deblur / skimage RL30 = %.2f (target <= 0.6); deblur / Java RL30 = %.2f (target <= 1)"
          % (deblur / sk_rl, deblur / java_rl))
    print("per-round ratios to skimage: %s" % ", ".join(
        "%.2f" % (a / b) for a, b in zip(times[list(commands)[0]], times["skimage RL30"])))


if __name__ == "__main__":
    main()
