#!/usr/bin/env bash
# The plugin itself (DJL, PyTorch engine) on a GPU machine that has Python PyTorch with CUDA but no Java (issue 14,
# part 1). It prints everything the issue asks for: the machine's torch, CUDA and driver, Device Info, the raw
# network on the GPU against the PyTorch twin on the same GPU (time ratio, outputs to 1e-4), the whole engine in
# MP/s at 2048² and 8192² with the model loaded and with start-up, and what a real out-of-memory does.
#
# One device call carries at most 64 MiB, so it runs in two calls while the machine stays up:
#   here:          mvn -B package -DskipTests && tools/gpu-djl.sh pack
#                  (gpu/jre: a jlink'd Java 17, ~50 MB; gpu/lib: the run-time jars without the CPU native jar)
#   device call 1: carry ["gpu/jre"], command: tools/gpu-djl.sh probe     (versions; keeps the JRE there)
#   device call 2: carry ["gpu/lib", "target/bi-attention-deblur.jar"], command: tools/gpu-djl.sh run
#                  (figures under $OUT, also printed; about 8 minutes)
# DRY=1 tools/gpu-djl.sh run runs the same steps here on the CPU (the bundled CPU library, no twin on CUDA) to check
# the script itself.
#
# DJL 0.36.0's pytorch-jni jar holds JNI libraries for LibTorch 2.7.1 (CPU and cu128 flavours). DJL is pointed at the
# machine's own LibTorch (torch/lib of the Python package) with PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and
# PYTORCH_FLAVOR; if that torch is not 2.7.1 the JNI library does not match, and the run says so.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
out=${OUT:-/tmp/gpu-djl}
mkdir -p "$out"

case "$mode" in
pack)
  rm -rf gpu/jre gpu/lib
  mkdir -p gpu/lib
  # Modules from `jdeps --print-module-deps` over the plugin and its jars, plus jdk.zipfs (zip file systems).
  jlink --add-modules java.base,java.desktop,java.management,java.prefs,java.scripting,java.sql,java.logging,java.naming,java.xml,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output gpu/jre
  for jar in target/lib/*.jar; do
    case "$(basename "$jar")" in pytorch-native-cpu-*) ;; *) cp "$jar" gpu/lib/ ;; esac
  done
  du -sh gpu/jre gpu/lib target/bi-attention-deblur.jar
  grep -qx "gpu/" .gitignore || echo "gpu/ is not in .gitignore: carry needs ignored paths" >&2
  exit 0 ;;
probe)
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || echo "no nvidia-smi"
  python3 -c "import torch, os; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'available', torch.cuda.is_available()); print('lib', os.path.join(os.path.dirname(torch.__file__), 'lib'))" 2>&1
  gpu/jre/bin/java -version 2>&1 | head -1
  exit 0 ;;
run) ;;
*) echo "usage: tools/gpu-djl.sh pack|probe|run" >&2; exit 2 ;;
esac

step() { echo; echo "=== $* ($(date -u +%H:%M:%S))"; }

sizes="2048 8192"
side=2048
py=python3
if [ "${DRY:-0}" = 1 ]; then
  sizes="1024"
  side=512
  py=/usr/bin/python3
  java=java
  cp="target/bi-attention-deblur.jar:target/lib/*"
  device=cpu
  twin_device=cpu
else
  java=gpu/jre/bin/java
  cp="target/bi-attention-deblur.jar:gpu/lib/*"
  device=gpu
  twin_device=cuda
  step "machine"
  nvidia-smi 2>&1 | head -15
  torch_info=$(python3 -c "import torch, os; print(torch.__version__.split('+')[0], (torch.version.cuda or '').replace('.', ''), os.path.join(os.path.dirname(torch.__file__), 'lib'))")
  read -r torch_version cuda_digits torch_lib <<< "$torch_info"
  echo "torch $torch_version, CUDA $cuda_digits, torch/lib $torch_lib"
  [ "$torch_version" = 2.7.1 ] || echo "WARNING: torch $torch_version, but DJL 0.36.0's JNI library is built for LibTorch 2.7.1: expect a load failure"
  export PYTORCH_LIBRARY_PATH="$torch_lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="cu$cuda_digits"
  export LD_LIBRARY_PATH="$torch_lib:${LD_LIBRARY_PATH:-}"
  echo "PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH PYTORCH_VERSION=$PYTORCH_VERSION PYTORCH_FLAVOR=$PYTORCH_FLAVOR"
fi
cli() { "$java" -Dai.djl.offline=true -cp "$cp" io.github.biattention.deblur.cli.DeblurCli "$@"; }

step "Device Info (device-info)"
cli device-info 2>&1 | grep -v NNPACK

step "raw network: DJL on $device against the PyTorch twin on $twin_device, ${side}x${side}, untiled"
cli export --model general --output "$out/general.npz" --overwrite 2>&1 | grep -v NNPACK | tail -1
$py - "$out" "$side" <<'PY'
import sys, numpy as np
side = int(sys.argv[2])
rng = np.random.default_rng(20261206)
t = np.linspace(0, 8 * side / 2048, side)
image = 0.6 + 0.3 * np.sin(t)[:, None] * np.cos(1.3 * t)[None, :] + 0.1 * rng.random((side, side))
np.save(sys.argv[1] + "/in.npy", image[None, None].astype(np.float32))
PY
cli forward --device "$device" --model general --input "$out/in.npy" --output "$out/djl.npy" --repeat 5 2>&1 | grep -v NNPACK
$py - "$out" "$twin_device" <<'PY'
import statistics, sys, time
import numpy as np, torch
sys.path.insert(0, "tools/pytorch")
import biattention
out, device = sys.argv[1], sys.argv[2]
net, _ = biattention.load_npz(out + "/general.npz", device=device)
biattention.set_attention(net, "lse")
x = torch.from_numpy(np.load(out + "/in.npy")).to(device)
def sync():
    if device == "cuda":
        torch.cuda.synchronize()
with torch.inference_mode():
    y = net(x); sync()
    times = []
    for _ in range(5):
        start = time.perf_counter(); y = net(x); sync(); times.append((time.perf_counter() - start) * 1e3)
djl = np.load(out + "/djl.npy")
twin = y.float().cpu().numpy()
print("twin on %s: torch %s, forward median %.2f ms over 5 (all: %s)" % (device, torch.__version__,
      statistics.median(times), ", ".join("%.1f" % t for t in times)))
print("max |DJL - twin| = %.3g (target 1e-4)" % float(np.abs(djl - twin).max()))
if device == "cuda":
    cpu_net, _ = biattention.load_npz(out + "/general.npz", device="cpu")
    biattention.set_attention(cpu_net, "lse")
    with torch.inference_mode():
        ref = cpu_net(torch.from_numpy(np.load(out + "/in.npy"))).numpy()
    print("max |DJL on the GPU - twin on the CPU| = %.3g (target 1e-4)" % float(np.abs(djl - ref).max()))
PY

step "whole engine, model loaded: bench --speed-sizes ${sizes// /,}"
cli bench --models general --per-kind 1 --tuning 0 --speed-sizes "${sizes// /,}" --runs 3 --output "$out/bench" 2>&1 \
  | grep -v NNPACK | sed -n '/^| image/,/^Whole engine/p'

step "whole process, start-up included: bench-memory --size $sizes"
for size in $sizes; do
  start=$(date +%s%N)
  cli bench-memory --size "$size" 2>&1 | grep -v NNPACK | grep -E "device|^Deblurred"
  echo "process: $(( ($(date +%s%N) - start) / 1000000 )) ms for ${size}x${size}"
done

if [ "${DRY:-0}" = 1 ]; then step "done (dry run: no out-of-memory step)"; exit 0; fi
step "largest tile, and a real out-of-memory: bench-memory --size 16384 --tile 16384 (retries with half tiles)"
timeout 240 "$java" -Dai.djl.offline=true -cp "$cp" io.github.biattention.deblur.cli.DeblurCli bench-memory \
  --size 16384 --tile 16384 --overlap 32 2>&1 | grep -v NNPACK | grep -E "Out of memory|retrying|^Deblurred|Error|Exception" | head -8
echo "exit $?"
step "done"
