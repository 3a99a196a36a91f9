#!/usr/bin/env bash
# Two JVM settings on the same MlpBench run, alternating pair after pair so that both meet the
# same phases of a noisy machine; prints every run, then per setting the median of each figure.
# For settings a JVM reads once at start (JVM flags, -Dnn.* properties, another JDK through
# NN_JAVA_B), which one JVM cannot toggle.
#
#   nn-examples/bench/ab.sh PAIRS "OPTIONS A" "OPTIONS B" MLPBENCH-ARGUMENTS...
#   nn-examples/bench/ab.sh 6 "" "-XX:+UseTransparentHugePages" --config modern --epochs 5 --infer
#
# Either option set may be empty. NN_JAVA_A and NN_JAVA_B name the java commands (default: java).
# Logs go to ${BENCH_OUT:-bench-out}/ab.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
pairs=$1; opts_a=$2; opts_b=$3; shift 3
out=${BENCH_OUT:-$PWD/bench-out}/ab; mkdir -p "$out"

cd "$root"
mvn -B -q -Dstyle.color=never install -DskipTests
cp_file="$root/nn-examples/target/classpath.txt"
mvn -B -q -Dstyle.color=never -f nn-examples/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file"
cp="$root/nn-examples/target/classes:$(cat "$cp_file")"

run() { # java options mlpbench-arguments...
  local java=$1; shift
  # shellcheck disable=SC2086
  "$java" --add-modules jdk.incubator.vector -Xms1g $1 -cp "$cp" nn.examples.bench.MlpBench "${@:2}" 2>&1 \
    | grep -v "^WARNING: Using incubator modules"
}
for i in $(seq 1 "$pairs"); do
  for side in A B; do
    if [ $side = A ]; then opts=$opts_a; java=${NN_JAVA_A:-java}; else opts=$opts_b; java=${NN_JAVA_B:-java}; fi
    log="$out/pair$i-$side.log"
    run "$java" "$opts" "$@" > "$log"
    echo "pair $i $side [$java $opts]: $(grep -hE '^(SUMMARY|INFER single|INFER batch)' "$log" \
      | sed -E 's/ weights=.*//; s/ \(p10.*//; s/ \(median batch.*//' | tr '\n' ' ')"
  done
done

python3 - "$out" "$pairs" <<'PY'
import re, statistics, sys, pathlib
out, pairs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
keys = {"median s/epoch": r"median_s/epoch=([0-9.]+)",
        "1-sample latency us": r"single-sample latency median ([0-9.]+)",
        "batch-1000 samples/s": r"throughput ([0-9,]+) samples/s"}
for name, pat in keys.items():
    vals = {}
    for side in "AB":
        v = []
        for i in range(1, pairs + 1):
            m = re.search(pat, (out / f"pair{i}-{side}.log").read_text())
            if m:
                v.append(float(m.group(1).replace(",", "")))
        vals[side] = v
    if vals["A"] and vals["B"]:
        a, b = statistics.median(vals["A"]), statistics.median(vals["B"])
        wins = sum(1 for x, y in zip(vals["A"], vals["B"]) if (y < x if "samples" not in name else y > x))
        print(f"{name}: A median {a:,.3f}, B median {b:,.3f} (B/A {b / a:.3f}); B better in {wins} of "
              f"{min(len(vals['A']), len(vals['B']))} pairs")
PY
