#!/usr/bin/env bash
# Runs the whole speed comparison side by side on this machine: for each workload (the modern
# network, the seed network, GEMM GFLOP/s) nn's benchmark and then the numpy and PyTorch
# references from shared/bench (refs.sh), and prints the ratios the speed issue asks for. Logs
# go to ${BENCH_OUT:-bench-out}.
#
#   nn-examples/bench/compare.sh [EPOCHS_MODERN] [EPOCHS_SEED]     (default 10 10, about 6 minutes)
#
# The ratios compare median epoch times, as the speed issue asks, over 10 epochs by default (the
# accuracy target's count): nn's first epoch carries the JIT's warm-up (about 2-3 s on the modern
# net), which a median of 3 or 5 epochs lets into the figure and one of 10 does not; the first
# epoch and the total of all epochs are printed as ratios too.
#
# Needs root for the references' one-time set-up (Debian packages). Compare ratios from one run
# only: the machine is shared and noisy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${NN_SHARED:-$root/../shared}
out=${BENCH_OUT:-$PWD/bench-out}; mkdir -p "$out"
em=${1:-10}; es=${2:-10}

cd "$root"
mvn -B -q -Dstyle.color=never install -DskipTests
cp_file="$root/nn-examples/target/classpath.txt"
mvn -B -q -Dstyle.color=never -f nn-examples/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file"
cp="$root/nn-examples/target/classes:$(cat "$cp_file")"
# Transparent huge pages for the heap where the kernel offers them on request: a mini-batch's
# rows, gathered from a 188 MB data set, then miss the TLB far less (seed network, alternating
# runs: the gather 6.7-8.0 -> 5.1-6.0 us a step).
thp=()
if grep -qE '\[(madvise|always)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null \
    && java -XX:+UseTransparentHugePages -version >/dev/null 2>&1; then
  thp=(-XX:+UseTransparentHugePages)
fi
java_nn() { java --add-modules jdk.incubator.vector -Xms1g "${thp[@]}" -cp "$cp" "$@" 2>&1 | grep -v "^WARNING: Using incubator modules"; }

# What the machine gave before and after: one core's and both cores' multiply-add rates (the
# second core of a shared virtual machine is sometimes a whole core, sometimes much less)
probe() { java -cp "$cp" nn.examples.bench.MachineProbe | tee -a "$out/probe.log"; }
: > "$out/probe.log"
echo "== machine before"
probe
# Each workload runs in nn and then in the references right after it, so that the two sides of
# a ratio meet the same phase of the machine (its speed moves by 1.5x within minutes)
refs() { (cd "$out" && REFS_OUT="$out" bash "$shared/bench/refs.sh" "$@") | { grep -v '^logs:' || true; } | tee -a "$out/refs.txt"; }
: > "$out/refs.txt"
echo "== nn (pure Java, $(java -version 2>&1 | head -1)${thp:+, ${thp[*]}}) and the references (numpy, PyTorch)"
for t in 1 2; do
  java_nn nn.examples.bench.MlpBench --config modern --epochs "$em" --threads "$t" --infer > "$out/nn-modern-t$t.log"
  echo "nn-modern-t$t: $(grep -hE '^(SUMMARY|INFER single|INFER batch)' "$out/nn-modern-t$t.log" | tr '\n' ' ')"
done
refs modern "$em"
for t in 1 2; do
  java_nn nn.examples.bench.MlpBench --config seed --epochs "$es" --threads "$t" > "$out/nn-seed-t$t.log"
  echo "nn-seed-t$t: $(grep -h '^SUMMARY' "$out/nn-seed-t$t.log")"
done
refs seed "$es"
java_nn nn.examples.bench.GemmBench > "$out/nn-gemm.log"
cat "$out/nn-gemm.log"
refs gemm

echo "== machine after"
probe

echo "== ratios (nn / reference; below 1 means nn is faster, for times)"
python3 - "$out" <<'PY'
import re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def field(path, key):
    try:
        text = (out / path).read_text()
    except FileNotFoundError:
        return None
    m = re.search(key, text)
    return float(m.group(1).replace(",", "")) if m else None
def best(*vals, low=True):
    vals = [v for v in vals if v is not None]
    return (min(vals) if low else max(vals)) if vals else None
med = r"SUMMARY epochs=\d+ median_s/epoch=([0-9.]+)"
lat = r"INFER single-sample latency median ([0-9.]+) us"
thr = r"INFER batch=1000 throughput ([0-9,]+) samples/s"
acc = r"final_acc=([0-9.]+)"
nn_modern = best(field("nn-modern-t1.log", med), field("nn-modern-t2.log", med))
nn_seed = best(field("nn-seed-t1.log", med), field("nn-seed-t2.log", med))
ref_modern = best(field("numpy-modern.log", med), field("torch-modern.log", med))
np_seed = field("numpy-seed.log", med)
def ratio(a, b):
    return f"{a / b:.3f}" if a is not None and b else "n/a"
print(f"modern s/epoch: nn {nn_modern} vs faster reference {ref_modern}: ratio {ratio(nn_modern, ref_modern)} (target <= 0.5)")
print(f"seed s/epoch:   nn {nn_seed} vs numpy {np_seed}: ratio {ratio(nn_seed, np_seed)} (target <= 0.2)")
nl = best(field("nn-modern-t1.log", lat), field("nn-modern-t2.log", lat))
rl = best(field("numpy-modern.log", lat), field("torch-modern.log", lat))
print(f"1-sample latency us: nn {nl} vs faster reference {rl}: ratio {ratio(nl, rl)} (target <= 0.3)")
nt = best(field("nn-modern-t1.log", thr), field("nn-modern-t2.log", thr), low=False)
rt = best(field("numpy-modern.log", thr), field("torch-modern.log", thr), low=False)
print(f"batch-1000 samples/s: nn {nt} vs faster reference {rt}: ratio {ratio(nt, rt)} (target >= 1.5)")
def epochs(path):
    try:
        text = (out / path).read_text()
    except FileNotFoundError:
        return []
    return [float(x) for x in re.findall(r"^epoch +\d+ +([0-9.]+) s", text, re.M)]
def fastest(paths):
    runs = [(field(p, med), p) for p in paths if field(p, med) is not None]
    return min(runs)[1] if runs else None
for name, mine, theirs in (("modern", ("nn-modern-t1.log", "nn-modern-t2.log"), ("numpy-modern.log", "torch-modern.log")),
                           ("seed", ("nn-seed-t1.log", "nn-seed-t2.log"), ("numpy-seed.log",))):
    a, b = fastest(mine), fastest(theirs)
    ea, eb = epochs(a) if a else [], epochs(b) if b else []
    if ea and eb:
        print(f"{name} first epoch (JIT warm-up in nn's): nn {ea[0]:.3f} s vs {eb[0]:.3f} s: ratio {ea[0] / eb[0]:.3f}; "
              f"all {len(ea)} epochs: nn {sum(ea):.2f} s vs {sum(eb):.2f} s: ratio {sum(ea) / sum(eb):.3f}")
print(f"modern accuracy: nn {field('nn-modern-t2.log', acc)}, numpy {field('numpy-modern.log', acc)}, torch {field('torch-modern.log', acc)}")
PY
