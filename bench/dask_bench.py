"""Throughput of `extract --dask` on local clusters of 1 and 2 worker processes.

    python bench/dask_bench.py [--articles 2000] [--workers 1 2]

Generates the articles (variations of the five seeds: amounts changed, one paragraph dropped) in a temporary
folder, starts a local cluster per worker count, waits until every worker has loaded Kiwi and the rules, then
times `extract.dask.run` over all articles (one JSON file per article, written by the workers). Prints
articles/s per worker count, the speed-up over the first count, and the client's RSS before and at its peak
during each run (sampled every 50 ms), which shows whether the client's memory stays flat. It also prints the
CPU seconds the workers and the client spent per article: on a machine shared with other work the wall-clock
speed-up says little, while equal worker CPU per article for 1 and 2 workers shows that the second worker adds
no overhead (the speed-up on an idle machine is then bounded only by the last, unevenly filled partitions).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from distributed import Client, LocalCluster  # noqa: E402

from extract import batch  # noqa: E402
from extract import dask as on_dask  # noqa: E402


def variant(text: str, number: int) -> str:
    shift = number % 97 + 1
    text = regex.sub(r"(?<=\s)(\d{1,3})(?=\s?[명개곳억만원%])", lambda m: str(int(m[1]) + shift), text)
    lines = text.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > 60]
    if len(long) > 2:
        del lines[long[1 + number % (len(long) - 1)]]
    return "\n".join(lines)


def generate(folder: Path, count: int) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [seed.read_text(encoding="utf-8") for seed in seeds]
    for number in range(count):
        (folder / f"{number:05d}.txt").write_text(variant(texts[number % len(texts)], number), encoding="utf-8")


class PeakRss:
    def __init__(self) -> None:
        self.process = psutil.Process()
        self.start = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    mb = 1 << 20
    with tempfile.TemporaryDirectory(prefix="extract-dask-bench-") as folder:
        inputs, out = Path(folder) / "in", Path(folder) / "out"
        inputs.mkdir()
        generate(inputs, args.articles)
        rates: list[float] = []
        for workers in args.workers:
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
                client.register_plugin(on_dask.Preload(), name=on_dask.Preload.name)
                client.wait_for_workers(workers)
                worker_cpu = sum(client.run(_cpu).values())
                client_cpu = _cpu()
                with PeakRss() as rss:
                    started = time.perf_counter()
                    summary = on_dask.run([str(inputs)], batch.Options(out=out / str(workers)), client=client)
                    seconds = time.perf_counter() - started
                worker_cpu = sum(client.run(_cpu).values()) - worker_cpu
                client_cpu = _cpu() - client_cpu
            rates.append(summary.done / seconds)
            print(f"{workers} worker(s): {summary.done} articles, {summary.failed} failed, {seconds:.1f} s, "
                  f"{rates[-1]:.1f} articles/s, speed-up {rates[-1] / rates[0]:.2f}x; "
                  f"CPU per article: workers {1000 * worker_cpu / summary.done:.0f} ms, client "
                  f"{1000 * client_cpu / summary.done:.1f} ms; "
                  f"client RSS {rss.start / mb:.0f} MB before, {rss.peak / mb:.0f} MB peak", flush=True)


if __name__ == "__main__":
    main()
