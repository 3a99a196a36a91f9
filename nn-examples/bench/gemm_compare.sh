#!/usr/bin/env bash
# Matrix multiply, nn against numpy side by side: ROUNDS alternating rounds of nn's GemmBench
# (1 and 2 threads) and numpy_gemm.py (OpenBLAS with 1 and 2 threads) on the same shapes, then per
# shape the median over rounds of each library's faster setting, and their ratio.
#
#   nn-examples/bench/gemm_compare.sh [ROUNDS]
#
# Logs go to ${BENCH_OUT:-bench-out}. Compare the ratios: the machine's speed drifts by 2x within
# minutes, which alternating rounds share between both libraries.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${BENCH_OUT:-$PWD/bench-out}; mkdir -p "$out"
rounds=${1:-3}

cd "$root"
mvn -B -q -Dstyle.color=never install -DskipTests
cp_file="$root/nn-examples/target/classpath.txt"
mvn -B -q -Dstyle.color=never -f nn-examples/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file"
cp="$root/nn-examples/target/classes:$(cat "$cp_file")"

: > "$out/gemm-rounds.log"
for r in $(seq 1 "$rounds"); do
  echo "== round $r of $rounds"
  java --add-modules jdk.incubator.vector -cp "$cp" nn.examples.bench.GemmBench threads=1,2 shapes=all 2>&1 \
    | grep '^GEMM' | tee -a "$out/gemm-rounds.log"
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t python3 "$here/numpy_gemm.py" --threads-label "$t" \
      | tee -a "$out/gemm-rounds.log"
  done
done

echo "== nn / numpy, each at its faster thread count, median over $rounds rounds (target >= 0.6)"
python3 - "$out/gemm-rounds.log" "$rounds" <<'PY'
import re, statistics, sys
from collections import defaultdict
rows = defaultdict(list)  # (lib, shape) -> list of (round-order GFLOP/s per thread count)
pat = re.compile(r"^GEMM (nn|numpy\S*) threads=(\d+) (.+?)\s+m=\d+ n=\d+ k=\d+: median\s+([0-9.]+) GFLOP/s")
order = []
for line in open(sys.argv[1]):
    m = pat.match(line)
    if not m:
        continue
    lib = "nn" if m.group(1) == "nn" else "numpy"
    shape = m.group(3).strip()
    if shape not in order:
        order.append(shape)
    rows[(lib, shape, m.group(2))].append(float(m.group(4)))
rounds = int(sys.argv[2])
for shape in order:
    best = {}
    for lib in ("nn", "numpy"):
        per_round = [max(rows[(lib, shape, t)][r] for t in ("1", "2") if len(rows[(lib, shape, t)]) > r)
                     for r in range(rounds)]
        best[lib] = statistics.median(per_round)
    print(f"{shape:<28} nn {best['nn']:7.1f}  numpy {best['numpy']:7.1f}  ratio {best['nn'] / best['numpy']:.2f}")
PY
