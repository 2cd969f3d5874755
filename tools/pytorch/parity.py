#!/usr/bin/env python3
"""Same weights, same input: the plugin's network (DJL, PyTorch engine 2.x through Java) against its PyTorch twin
(tools/pytorch/biattention.py, Python's torch). Not part of CI (it needs python3-torch and python3-numpy).

For a model (bundled name or model file) it
  1. exports the weights with ``java -jar target/bi-attention-deblur.jar export`` (npz, PyTorch names),
  2. loads them into the twin (``load_npz``); with --gamma G it sets both attention gammas to G, writes the weights
     back with ``save_npz`` and imports them with ``java -jar ... import``, so the check also covers the way back
     and gives attention a large weight (a trained model's gammas are small),
  3. writes a deterministic input (1, C, S, S) per size S as .npy, taken as already normalised,
  4. runs the raw network forward (no tiling) on it in Java (``forward --repeat N``: median of N after a warm-up)
     and in the twin (same: one warm-up, median of N, under torch.inference_mode()), once per attention
     formulation of the twin: "ccnet" (CCNet's one softmax over the concatenated H + W energies, the reference) and
     "lse" (the order of computation of the Java code: chunked row/column branches merged by log-sum-exp),
  5. prints the largest absolute difference and the time ratio DJL / PyTorch; exits 1 if a difference exceeds
     --tolerance.

Threads: the Java side uses DJL's default (PyTorch's intra-op pool, one thread per core: 2 here), the twin
torch.set_num_threads(--threads, default: the Java side's count). OMP_WAIT_POLICY=PASSIVE for both.

Run from anywhere after ``mvn -B -o package -DskipTests``:
    python3 tools/pytorch/parity.py --model general --sizes 256 1024
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read once, when torch's OpenMP runtime loads

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import biattention  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def java(jar, *args):
    """Runs the plugin's CLI; returns its standard output."""
    command = ["java", "-jar", str(jar), *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(command), result.stdout, result.stderr))
    return result.stdout


def test_input(channels, size, seed=20261126):
    """A smooth random image with fine detail and noise in [0, 1]: deterministic for a seed."""
    rng = np.random.default_rng(seed + size)
    coarse = rng.random((channels, size // 16 + 2, size // 16 + 2))
    y, x = np.meshgrid(np.linspace(0, size // 16, size), np.linspace(0, size // 16, size), indexing="ij")
    y0, x0 = y.astype(int), x.astype(int)
    fy, fx = y - y0, x - x0
    smooth = (coarse[:, y0, x0] * (1 - fy) * (1 - fx) + coarse[:, y0 + 1, x0] * fy * (1 - fx)
              + coarse[:, y0, x0 + 1] * (1 - fy) * fx + coarse[:, y0 + 1, x0 + 1] * fy * fx)
    image = 0.8 * smooth + 0.2 * rng.random((channels, size, size))
    return image[None].astype(np.float32)


def time_twin(net, x, repeat):
    with torch.inference_mode():
        y = net(x)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            y = net(x)
            times.append((time.perf_counter() - start) * 1e3)
    return y.numpy(), times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="general", help="bundled model name or model file (default: general)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 1024], help="square input sides")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per side after one warm-up")
    parser.add_argument("--threads", type=int, help="torch threads (default: the Java side's intra-op threads)")
    parser.add_argument("--gamma", type=float, help="set both attention gammas to this, round trip through import")
    parser.add_argument("--attention", nargs="+", choices=sorted(biattention.ATTENTION), default=["ccnet", "lse"],
                        help="twin's attention formulations to compare and time (default: ccnet lse)")
    parser.add_argument("--float64", action="store_true",
                        help="also run the twin in float64 and report both sides' distance to it")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--jar", type=Path, default=ROOT / "target" / "bi-attention-deblur.jar")
    parser.add_argument("--work", type=Path, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    if not args.jar.is_file():
        sys.exit("no %s: run 'mvn -B -o package -DskipTests' first" % args.jar)
    work = args.work or Path(tempfile.mkdtemp(prefix="parity-"))
    work.mkdir(parents=True, exist_ok=True)

    weights = work / "weights.npz"
    print(java(args.jar, "export", "--model", args.model, "--output", weights, "--overwrite").strip())
    net, metadata = biattention.load_npz(weights)
    model = args.model
    if args.gamma is not None:
        with torch.no_grad():
            for module in (net.shallow_attention, net.reconstruction_attention):
                if module is not None:
                    module.gamma.fill_(args.gamma)
        metadata["name"] = "%s-gamma-%g" % (metadata.get("name", "model"), args.gamma)
        changed = work / "changed.npz"
        biattention.save_npz(net, changed, metadata, training={"data": "parity.py: gammas set to %g" % args.gamma})
        model = work / "changed.zip"
        print(java(args.jar, "import", "--weights", changed, "--output", model, "--overwrite").strip())
    print("model: %s, %s" % (metadata.get("name"), metadata["architecture"]))

    rows = []
    failed = False
    for size in args.sizes:
        x = test_input(net.input_channels, size)
        source = work / ("in-%d.npy" % size)
        target = work / ("out-%d.npy" % size)
        np.save(source, x)
        command = ("java -jar %s forward --model %s --input %s --output %s --repeat %d"
                   % (args.jar, model, source, target, args.repeat))
        report = java(args.jar, "forward", "--model", model, "--input", source, "--output", target,
                      "--repeat", args.repeat)
        djl_ms = float(re.search(r"forward median ([0-9.]+) ms", report).group(1))
        java_threads = int(re.search(r"threads (\d+)", report).group(1))
        threads = args.threads or java_threads
        torch.set_num_threads(threads)
        y_djl = np.load(target)
        print("\n%s\n  DJL:     %s" % (command, report.strip()))
        reference = None
        if args.float64:
            with torch.inference_mode():
                reference = biattention.set_attention(net, "ccnet").double()(torch.from_numpy(x).double()).numpy()
            net.float()
            print("  max |DJL - float64 twin| = %.3g" % float(np.abs(y_djl - reference).max()))
        for formulation in args.attention:
            biattention.set_attention(net, formulation)
            y_twin, times = time_twin(net, torch.from_numpy(x), args.repeat)
            diff = float(np.abs(y_djl - y_twin).max())
            torch_ms = statistics.median(times)
            ok = diff <= args.tolerance
            failed |= not ok
            print("  PyTorch (%s attention): torch %s, threads %d, forward median %.2f ms over %d (all: %s)"
                  % (formulation, torch.__version__, torch.get_num_threads(), torch_ms, args.repeat,
                     [round(t, 2) for t in times]))
            print("    max |DJL - PyTorch| = %.3g (%s; largest correction %.3g)%s"
                  % (diff, "ok" if ok else "ABOVE %g" % args.tolerance, float(np.abs(y_twin - x).max()),
                     "" if reference is None else "; max |PyTorch - float64 twin| = %.3g"
                     % float(np.abs(y_twin - reference).max())))
            rows.append((size, formulation, diff, djl_ms, torch_ms, java_threads, threads))

    print("\n%-11s %-10s %-11s %-10s %-12s %-7s %s"
          % ("size", "attention", "max diff", "DJL ms", "PyTorch ms", "ratio", "threads DJL/PyTorch"))
    for size, formulation, diff, djl_ms, torch_ms, jt, tt in rows:
        print("%-11s %-10s %-11.3g %-10.1f %-12.1f %-7.3f %d / %d"
              % ("%dx%d" % (size, size), formulation, diff, djl_ms, torch_ms, djl_ms / torch_ms, jt, tt))
    print("(ratio = DJL / PyTorch, medians of %d passes after a warm-up; files in %s)" % (args.repeat, work))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
