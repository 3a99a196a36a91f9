"""numpy's sgemm GFLOP/s on the shapes of nn's GemmBench (squares, the modern and seed networks'
training steps, transposed operands included), printed in GemmBench's format for gemm_compare.sh.

  OPENBLAS_NUM_THREADS=2 python3 numpy_gemm.py [--threads-label 2]

A transposed operand is stored the way nn stores it and passed to numpy as a transposed view,
which numpy hands to BLAS as a transpose flag, as nn's Gemm takes one.
"""
import argparse
import statistics
import time

import numpy as np

SHAPES = [  # name, m, n, k, transA, transB: C[m x n] = op(A)[m x k] . op(B)[k x n]
    ("square256", 256, 256, 256, False, False),
    ("square512", 512, 512, 512, False, False),
    ("square1024", 1024, 1024, 1024, False, False),
    ("fwd1 64x784.784x256", 64, 256, 784, False, False),
    ("dW1 (784x64)T.64x256", 784, 256, 64, True, False),
    ("fwd2 64x256.256x128", 64, 128, 256, False, False),
    ("dW2 (256x64)T.64x128", 256, 128, 64, True, False),
    ("dX2 64x128.(256x128)T", 64, 256, 128, False, True),
    ("fwd3 64x128.128x10", 64, 10, 128, False, False),
    ("dW3 (128x64)T.64x10", 128, 10, 64, True, False),
    ("dX3 64x10.(128x10)T", 64, 128, 10, False, True),
    ("dX1-like 64x256.(784x256)T", 64, 784, 256, False, True),
    ("seed-fwd1 10x784.784x30", 10, 30, 784, False, False),
    ("seed-dW1 (784x10)T.10x30", 784, 30, 10, True, False),
    ("seed-fwd2 10x30.30x10", 10, 10, 30, False, False),
    ("seed-dW2 (30x10)T.10x10", 30, 10, 10, True, False),
    ("seed-dX2 10x10.(30x10)T", 10, 30, 10, False, True),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads-label", default="?")
    ap.add_argument("--reps", type=int, default=7)
    args = ap.parse_args()
    rng = np.random.default_rng(42)
    for name, m, n, k, ta, tb in SHAPES:
        a = rng.standard_normal((k, m) if ta else (m, k)).astype(np.float32)
        b = rng.standard_normal((n, k) if tb else (k, n)).astype(np.float32)
        a_op = a.T if ta else a
        b_op = b.T if tb else b
        c = np.empty((m, n), dtype=np.float32)
        flop = 2.0 * m * n * k
        inner = max(1, int(1e8 / flop * 5))
        end = time.perf_counter() + 0.5
        while time.perf_counter() < end:
            np.matmul(a_op, b_op, out=c)
        rates = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            for _ in range(inner):
                np.matmul(a_op, b_op, out=c)
            rates.append(flop * inner / (time.perf_counter() - t0) / 1e9)
        rates.sort()
        print(f"GEMM numpy threads={args.threads_label} {name:<28} m={m} n={n} k={k}: median "
              f"{statistics.median(rates):7.1f} GFLOP/s (min {rates[0]:.1f}, max {rates[-1]:.1f})", flush=True)


if __name__ == "__main__":
    main()
