"""PyTorch reference for nn's `--arch cnn` network (TensorFlow's image tutorial network):

  Conv2d(1, 32, 3) ReLU, MaxPool2d(2), Conv2d(32, 64, 3) ReLU, MaxPool2d(2), Flatten,
  Linear(1600, 128) ReLU, Linear(128, 10); CrossEntropyLoss (mean) on the logits;
  SGD lr 0.05 momentum 0.9 with nn's cosine schedule per epoch (lr * (1 + cos(pi (e-1) / E)) / 2),
  batch 64, He-normal (fan-in) weights and zero biases, float32, a seeded shuffle per epoch.

Prints one line per epoch (wall seconds, process CPU seconds, loss, test accuracy) and a SUMMARY
line with the median seconds per epoch. Fashion-MNIST comes from the shared bench loader
(fmnist.py, Debian's dataset-fashion-mnist); pass --shared DIR or set NN_SHARED to the folder
that holds bench/fmnist.py.

Run it as nn-examples/bench/cnn_compare.sh does, with Debian's python3-torch:
  /usr/bin/python3 nn-examples/bench/torch_cnn.py --epochs 2 --threads 2
"""
import argparse
import math
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn


def shared_bench_dir(arg):
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [arg, os.environ.get("NN_SHARED") and os.path.join(os.environ["NN_SHARED"], "bench"),
                  os.path.join(here, "..", "..", "..", "shared", "bench")]
    for c in candidates:
        if c and os.path.exists(os.path.join(c, "fmnist.py")):
            return c
    sys.exit("torch_cnn.py: cannot find bench/fmnist.py; pass --shared DIR or set NN_SHARED")


def build_model(seed):
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 5 * 5, 128), nn.ReLU(),
        nn.Linear(128, 10))
    for m in model:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(m.bias)
    return model


def accuracy(model, X, y, batch=1000):
    correct = 0
    model.eval()
    with torch.no_grad():
        for i in range(0, X.shape[0], batch):
            correct += int((model(X[i:i + batch]).argmax(dim=1) == y[i:i + batch]).sum())
    return correct / X.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--shared", default=None, help="folder holding fmnist.py (default: $NN_SHARED/bench)")
    args = ap.parse_args()
    sys.path.insert(0, shared_bench_dir(args.shared))
    import fmnist  # noqa: E402

    torch.set_num_threads(args.threads)
    print(f"torch_cnn epochs={args.epochs} lr={args.lr} momentum={args.momentum} batch={args.batch} "
          f"seed={args.seed} threads={torch.get_num_threads()}")
    print(f"python {platform.python_version()} torch {torch.__version__} numpy {np.__version__} "
          f"LD_LIBRARY_PATH={os.environ.get('LD_LIBRARY_PATH', '')}", flush=True)
    Xtr_np, ytr_np = fmnist.load("train")
    Xte_np, yte_np = fmnist.load("test")
    Xtr = torch.from_numpy(Xtr_np).reshape(-1, 1, 28, 28)
    Xte = torch.from_numpy(Xte_np).reshape(-1, 1, 28, 28)
    ytr, yte = torch.from_numpy(ytr_np), torch.from_numpy(yte_np)

    model = build_model(args.seed)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
    loss_fn = nn.CrossEntropyLoss()
    rng = np.random.default_rng(args.seed)
    n = Xtr.shape[0]
    rows = []
    for epoch in range(1, args.epochs + 1):
        for group in opt.param_groups:
            group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * (epoch - 1) / args.epochs))
        perm = torch.from_numpy(rng.permutation(n))
        model.train()
        wall, cpu = time.perf_counter(), time.process_time()
        total = 0.0
        for s in range(0, n, args.batch):
            idx = perm[s:s + args.batch]
            xb, yb = Xtr[idx], ytr[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * idx.shape[0]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        acc = accuracy(model, Xte, yte)
        rows.append((wall, cpu, acc))
        print(f"epoch {epoch:2d}  {wall:8.2f} s  cpu {cpu:8.2f} s  train_loss {total / n:.4f}  test_acc {acc:.4f}",
              flush=True)
    walls = [r[0] for r in rows]
    print(f"SUMMARY torch epochs={len(rows)} median_s/epoch={statistics.median(walls):.2f} "
          f"min={min(walls):.2f} max={max(walls):.2f} median_cpu_s/epoch={statistics.median(r[1] for r in rows):.2f} "
          f"final_acc={rows[-1][2]:.4f}", flush=True)


if __name__ == "__main__":
    main()
