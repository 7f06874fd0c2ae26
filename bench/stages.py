"""Time per stage in one process: the `extract` command run in this process, then pipeline.STAGE_SECONDS.

    python bench/stages.py EXTRACT-ARGUMENTS...

Runs the CLI (`cli:app`, the entry point of the `extract` executable) with the
given arguments in this process, then prints the stage timers that the
pipeline keeps (wall time, and CPU time of the thread that ran each
stage, read when EXTRACT_STAGE_CPU is set, as here) as one JSON line on stdout, whatever the command's exit
code. Kiwi is loaded before the command starts and its load time is reported
on its own, so that the segment stage holds tokenizing only. It also reports
the CPU time of the process and of its main thread: Kiwi analyses in threads of
its own, everything else (the project's Python code, Kiwi's load included) runs
in the main thread, and that part is what `--jobs N --parallel threads` cannot
spread over cores. With `--jobs N` in worker processes, the stage timers and
the CPU time of each worker (`worker_cpu`) are the workers' own, sent back when
they stop.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import os
    import time

    os.environ["EXTRACT_STAGE_CPU"] = "1"  # pipeline.STAGE_CPU_ENV: the stages' CPU time is read (here, in workers)
    from cli import app
    from extract import kiwi, pipeline, workers

    started = time.perf_counter()
    kiwi.tokenize(["워밍업 문장입니다."])  # loaded (and its lazy parts built) here: the segment stage is tokenizing only
    loaded = time.perf_counter() - started
    code = 0
    try:
        app(sys.argv[1:], prog_name="extract")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout.flush()
        stages, stages_cpu = pipeline.STAGE_SECONDS.copy(), pipeline.STAGE_CPU.copy()
        for wall, cpu in workers.WORKER_STAGES:  # --jobs N in processes: the stages ran in the workers
            stages.update(wall)
            stages_cpu.update(cpu)
        print(json.dumps({"exit": code, "kiwi_load_seconds": loaded, "stages": dict(stages),
                          "stages_cpu": dict(stages_cpu), "worker_cpu": workers.WORKER_CPU,
                          "process_cpu": time.process_time(), "main_thread_cpu": time.thread_time()}))
    sys.exit(code)


if __name__ == "__main__":
    main()
