#!/usr/bin/env bash
# Trains the CNN of `nn train --arch cnn` (TensorFlow's image tutorial network: conv 32 3x3,
# max pool 2, conv 64 3x3, max pool 2, dense 128, dense 10) with nn and then with PyTorch
# (torch_cnn.py), back to back on this machine with the same hyperparameters (SGD lr 0.05,
# momentum 0.9, cosine schedule, batch 64, 2 threads), and prints the seconds per epoch of both.
#
#   nn-examples/bench/cnn_compare.sh [EPOCHS]        (default 2)
#
# Compare figures from one run only: on a shared machine the timings are noisy. Needs root for
# the one-time set-up of Debian packages (python3-torch, dataset-fashion-mnist, OpenBLAS for
# torch, as shared/bench/refs.sh does). Logs go to ${BENCH_OUT:-bench-out}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${NN_SHARED:-$root/../shared}
out=${BENCH_OUT:-$PWD/bench-out}; mkdir -p "$out"
epochs=${1:-2}
threads=${THREADS:-2}

need() { dpkg -s "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }; }
need dataset-fashion-mnist
need python3-torch
# PyTorch from Debian uses whatever libblas.so.3 it finds; give it OpenBLAS (OpenMP build),
# unpacked privately, exactly as shared/bench/refs.sh does.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/nn-bench; mkdir -p "$cache"
ob=$cache/openblas-openmp
if [ ! -d "$ob" ]; then
  tmp=$(mktemp -d); chmod 755 "$tmp"; (cd "$tmp" && apt-get download -qq libopenblas0-openmp >/dev/null)
  dpkg-deb -x "$tmp"/libopenblas0-openmp_*.deb "$ob"; rm -rf "$tmp"
fi
obdir=$(dirname "$(find "$ob" -name 'libblas.so.3' | head -1)")
torch_env=(env LD_LIBRARY_PATH="$obdir")
grep -q avx512f /proc/cpuinfo && torch_env+=(OPENBLAS_CORETYPE=SkylakeX)

# nn: built in this work tree (no install), run from its classes
cd "$root"
cp_file="$out/classpath.txt"
mvn -B -q -Dstyle.color=never -pl nn-examples -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
cp="$root/nn-examples/target/classes:$(cat "$cp_file")"
opts=()
java --add-modules jdk.incubator.vector -version >/dev/null 2>&1 && opts+=(--add-modules jdk.incubator.vector)

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== nn ($(java -version 2>&1 | head -1)), $epochs epochs"
java "${opts[@]}" -cp "$cp" nn.examples.app.NnApp train --arch cnn --epochs "$epochs" --lr 0.05 --momentum 0.9 \
    --schedule cosine --batch-size 64 --seed 42 --threads "$threads" --out "$out/nn-cnn" 2>&1 \
    | grep -v "^WARNING: Using incubator modules" > "$out/nn-cnn.log"
grep -E "^epoch|^RESULT" "$out/nn-cnn.log"
echo "== PyTorch (/usr/bin/python3, Debian's python3-torch), $epochs epochs"
"${torch_env[@]}" /usr/bin/python3 "$here/torch_cnn.py" --epochs "$epochs" --threads "$threads" \
    --shared "$shared/bench" > "$out/torch-cnn.log" 2>&1
grep -E "^(torch_cnn|python|epoch|SUMMARY)" "$out/torch-cnn.log"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" <<'PY'
import re, sys, pathlib, statistics
out = pathlib.Path(sys.argv[1])
nn = [float(s) for s in re.findall(r"^epoch\s+\d+/\d+\s+([0-9.]+)s", (out / "nn-cnn.log").read_text(), re.M)]
torch = [float(s) for s in re.findall(r"^epoch\s+\d+\s+([0-9.]+) s", (out / "torch-cnn.log").read_text(), re.M)]
acc_nn = re.search(r"RESULT: test accuracy ([0-9.]+)", (out / "nn-cnn.log").read_text())
acc_t = re.search(r"final_acc=([0-9.]+)", (out / "torch-cnn.log").read_text())
if not nn or not torch:
    sys.exit("no epoch timings found; see the logs in " + str(out))
mn, mt = statistics.median(nn), statistics.median(torch)
print(f"CNN s/epoch (median): nn {mn:.1f} s, PyTorch {mt:.1f} s, nn / PyTorch = {mn / mt:.2f}")
print(f"CNN test accuracy after the same epochs: nn {acc_nn.group(1) if acc_nn else 'n/a'}, "
      f"PyTorch {acc_t.group(1) if acc_t else 'n/a'}")
PY
