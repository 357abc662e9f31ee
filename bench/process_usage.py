"""CPU time and peak memory of a command run in a fresh Python process.

On a machine shared by many, CPU time moves far less with the load than wall time does.
The peak is the kernel's high-water mark of the process's own memory (VmHWM):
getrusage's ru_maxrss would also count the parent's memory at the fork, which Linux
carries across exec.
"""

from __future__ import annotations

import subprocess
import sys
import time

# Runs the module (``-m NAME ...``) or code (``-c CODE ...``) given after it and reports,
# on stderr at exit, its peak RSS (KiB) and CPU time (user + system, seconds).
PROBE = r"""
import atexit, resource, runpy, sys
def report():
    u = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/status") as status:
        hwm = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
    print("USAGE", hwm, u.ru_utime + u.ru_stime, file=sys.stderr)
atexit.register(report)
target = sys.argv[1]
if target == "-m":
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
elif target == "-c":
    code = sys.argv[2]
    sys.argv = ["-c", *sys.argv[3:]]
    exec(compile(code, "<c>", "exec"), {"__name__": "__main__"})
"""


def measure(args: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, float]:
    """(CPU s, wall s, peak RSS MiB) of ``python PROBE args``; its output is discarded.
    A failed command ends the benchmark with the end of its error output."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
    )
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"failed: {args}\n{done.stderr[-2000:]}")
    usage = next(x.split() for x in done.stderr.splitlines() if x.startswith("USAGE"))
    return float(usage[2]), wall, int(usage[1]) / 1024
