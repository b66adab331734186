"""PyTorch peer for bench/: one (workload) run, one thread unless --threads says more, prints one `RESULT {json}` line.

Usage: /usr/bin/python3 bench/peers/pytorch_bench.py --workload W1 --rows 60000 --epochs 1 --cache bench/.cache
       [--threads 2 [--blas-threads 1]]
--threads sets torch.set_num_threads and OpenMP's threads; --blas-threads OpenBLAS's (default: --threads). The thread
counts are read before torch is imported, since OpenBLAS and OpenMP read their variables when they load.
Reads the float32 caches written by the harness (bench/datasets/prepare.ts), so every engine sees the same data.
Times the training loop only: data loading and model building happen before the clock starts.
"""
import argparse
import json
import os
import resource
import sys
import time



def _threads_flag(name, default):
    """A thread count from the command line, read before argparse runs (and before torch loads); exits 2 on a bad one."""
    argv = sys.argv[1:]
    if name not in argv:
        return default
    value = argv[argv.index(name) + 1] if argv.index(name) + 1 < len(argv) else ""
    if not value.isdigit() or int(value) < 1:
        sys.stderr.write(f"pytorch_bench: {name} takes a whole number of threads, 1 or more; got {value!r}\n")
        sys.exit(2)
    return int(value)


THREADS = _threads_flag("--threads", 1)
BLAS_THREADS = _threads_flag("--blas-threads", THREADS)
os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(THREADS)
os.environ["OPENBLAS_NUM_THREADS"] = str(BLAS_THREADS)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(THREADS)
torch.set_num_interop_threads(1)
torch.manual_seed(1)


def blas_report():
    """Which BLAS torch loaded (the libblas.so.3 in this process) and, through threadpoolctl, OpenBLAS's kernel."""
    library = None
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split(None, 5)[5].strip() for line in maps if len(line.split(None, 5)) == 6}
        library = next((os.path.realpath(p) for p in sorted(paths) if os.path.basename(p).startswith("libblas.so")), None)
    except OSError:
        pass
    report = {"implementation": "unknown"}
    if library:
        report["library"] = library
        # Debian's netlib build lives in .../blas/; OpenBLAS's alternative in .../openblas-pthread/ (or -openmp, -serial).
        if os.path.basename(os.path.dirname(library)) == "blas":
            report["implementation"] = "reference"
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        report["note"] = "python3-threadpoolctl is not installed"
        return report
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    # With the reference libblas.so.3 first, another BLAS loaded beside it does not serve torch's calls.
    if pools and report["implementation"] != "reference":
        pool = pools[0]
        report["implementation"] = pool.get("internal_api", "unknown")
        for key, name in (("version", "version"), ("architecture", "kernel"), ("threading_layer", "threading")):
            if pool.get(key):
                report[name] = str(pool[key])
    return report


def load_fashion(cache, split, rows):
    labels = np.fromfile(os.path.join(cache, f"fashion-{split}-y.u8"), dtype=np.uint8)
    n = min(rows, len(labels))
    pixels = np.fromfile(os.path.join(cache, f"fashion-{split}-x.f32"), dtype=np.float32, count=n * 784)
    return torch.from_numpy(pixels.reshape(n, 784).copy()), torch.from_numpy(labels[:n].astype(np.int64))


def load_moons(cache):
    x = np.fromfile(os.path.join(cache, "two-moons-x.f32"), dtype=np.float32).reshape(-1, 2)
    y = np.fromfile(os.path.join(cache, "two-moons-y.f32"), dtype=np.float32)
    return torch.from_numpy(x.copy()), torch.from_numpy(y.copy())


def build(workload):
    if workload == "W1":
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    if workload == "W2":
        return nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(400, 10),
        )
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workload", required=True, choices=["W1", "W2", "W3"])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--threads", type=int, default=1)  # read above, before torch loaded
    parser.add_argument("--blas-threads", type=int, default=None)
    args = parser.parse_args()
    result = {"engine": "pytorch", "workload": args.workload, "status": "ok", "rows": args.rows, "epochs": args.epochs}

    binary = args.workload == "W3"
    if binary:
        x, y = load_moons(args.cache)
        x_eval, y_eval = x, y
        batch, loss_fn = 32, nn.BCEWithLogitsLoss()  # sigmoid + BCE in one stable op
    else:
        x, y = load_fashion(args.cache, "train", args.rows)
        x_eval, y_eval = load_fashion(args.cache, "test", 10**9)
        batch, loss_fn = 64, nn.CrossEntropyLoss()  # softmax + cross-entropy
    model = build(args.workload)
    if args.workload == "W3":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    rows = x.shape[0]
    generator = torch.Generator().manual_seed(1)

    model.train()
    started = time.perf_counter()
    cpu_started = time.process_time()
    last_epoch_loss = float("nan")
    for _ in range(args.epochs):
        order = torch.randperm(rows, generator=generator)
        loss_sum = 0.0
        for start in range(0, rows, batch):
            idx = order[start:start + batch]
            xb, yb = x[idx], y[idx]
            optimizer.zero_grad()
            out = model(xb)
            loss = loss_fn(out.squeeze(1), yb) if binary else loss_fn(out, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
        last_epoch_loss = loss_sum / rows
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started

    model.eval()
    with torch.no_grad():
        out = model(x_eval)
        predicted = (out.squeeze(1) >= 0).float() if binary else out.argmax(1)
        accuracy = (predicted == y_eval).float().mean().item()
    result.update(
        seconds=seconds,
        cpuSeconds=cpu_seconds,
        finalLoss=last_epoch_loss,
        accuracy=accuracy,
        accuracyOn="train" if binary else "test",
        peakRssMiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        note=f"torch {torch.__version__}, {torch.get_num_threads()} thread{'s' if torch.get_num_threads() > 1 else ''}"
        + (f", OpenBLAS on {BLAS_THREADS}" if BLAS_THREADS != torch.get_num_threads() else ""),
        blas=blas_report(),
    )
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
