"""Run every benchmark (bench/bench_*.py) and print their JSON lines.

    .venv/bin/python bench/run.py [--quick] [NAME ...]

Each script runs in its own process (offscreen Qt) and prints one JSON object per line:
{"metric", "value", "unit", "baseline", "ratio"}. ``--quick`` is passed to the scripts
that accept it (a small version of each benchmark); NAME runs only bench_NAME.py.
Exits non-zero when a benchmark fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small versions, for a smoke test")
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. reader startup)")
    args = parser.parse_args()
    scripts = sorted(BENCH.glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.names]
        if not scripts:
            print(f"run.py: error: no benchmark called {', '.join(args.names)}", file=sys.stderr)
            return 2
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = []
    for script in scripts:
        command = [sys.executable, str(script)]
        if args.quick and "--quick" in script.read_text(encoding="utf-8"):
            command.append("--quick")
        print(f"# {script.name}", file=sys.stderr, flush=True)
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True)
        # Only the JSON lines: Qt's platform chatter goes to stderr.
        for line in done.stdout.splitlines():
            if line.startswith("{"):
                print(line, flush=True)
        if done.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"run.py: error: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
