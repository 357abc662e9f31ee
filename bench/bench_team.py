"""A team store under load: analyst processes annotating and reviewing on one server.

    .venv/bin/python bench/bench_team.py [--quick] [--analysts 10] [--seconds 60]

Starts a PostgreSQL server of its own on 127.0.0.1 (from the system's binaries; or set
KURSK_BENCH_POSTGRES_URL to an admin URL without a database name), creates a team store
with ``team init`` and one login per analyst, then runs one process per analyst, each
connected as its own login: it tags a span, then gives a verdict on a colleague's
annotation, again and again. Prints throughput and p95 latency of an annotate and of a
review, checks that no write was lost or duplicated and that no deadlock occurred. The
baseline is one analyst alone on the same server in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import multiprocessing as mp
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.metrics import emit

PASSWORD = "bench-password"
TEXT = (
    "Ukraine's General Staff said 12,000 North Korean soldiers were deployed near Sudzha "
    "in the Kursk region, while Russia's defence ministry reported fighting at Berdin. "
) * 200


@contextlib.contextmanager
def server() -> Iterator[str]:
    if url := os.environ.get("KURSK_BENCH_POSTGRES_URL"):
        yield url.rstrip("/")
        return
    bindir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="kursk-bench-pg-"))
    (root / "pw").write_text(PASSWORD)
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(root, "postgres")
        shutil.chown(root / "pw", "postgres")
    subprocess.run(
        [*as_pg, str(bindir / "initdb"), "-D", str(root / "data"), "-U", "kursk",
         "--pwfile", str(root / "pw"), "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True,
    )  # fmt: skip
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=100"
    ctl = [*as_pg, str(bindir / "pg_ctl"), "-D", str(root / "data")]
    subprocess.run([*ctl, "-o", options, "-w", "-l", str(root / "log"), "start"], check=True,
                   capture_output=True)  # fmt: skip
    try:
        yield f"postgresql+psycopg://kursk:{PASSWORD}@127.0.0.1:{port}"
    finally:
        subprocess.run([*ctl, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def set_up(base: str, analysts: int) -> tuple[str, list[str], int]:
    import psycopg
    from sqlalchemy.engine import make_url

    from kursk_annotator.core.services.articles import NewArticle
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.team import admin
    from kursk_annotator.core.workspace import Workspace

    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base.replace("+psycopg", "") + "/postgres", autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    admin_url = f"{base}/{name}"
    admin.init(admin_url)
    urls = []
    for n in range(analysts + 1):
        login = f"a{n}_{name[-8:]}"
        admin.add_analyst(admin_url, login, f"Analyst {n} {name[-4:]}", password=PASSWORD)
        urls.append(make_url(admin_url).set(username=login, password=PASSWORD)
                    .render_as_string(hide_password=False))  # fmt: skip
    ws = Workspace(open_store(urls[0]))
    article = ws.articles.add(NewArticle(text=TEXT, title="Load"), ws.analyst).id or 0
    ws.close()
    return admin_url, urls, article


def worker(url: str, article: int, seconds: float, go: object, out: mp.Queue) -> None:
    from kursk_annotator.core.errors import UserError
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace

    ws = Workspace(open_store(url))
    rng = random.Random(url)
    me = ws.analyst.id
    annotate_ms, review_ms, created, reviewed, errors = [], [], [], [], []
    others: list[int] = []
    out.put("ready")
    go.wait()  # type: ignore[attr-defined]
    stop = time.time() + seconds
    while time.time() < stop:
        begin = rng.randrange(0, len(TEXT) - 40)
        t0 = time.perf_counter()
        try:
            info = ws.annotations.create(article, "claim", begin, begin + 30, ws.analyst)
            annotate_ms.append((time.perf_counter() - t0) * 1000)
            created.append(info.id)
        except Exception as exc:  # counted: a lost or refused write must show
            errors.append(f"annotate: {type(exc).__name__}: {exc}"[:200])
        if not others or rng.random() < 0.1:
            others = [
                r[0] for r in ws.store.engine.connect().exec_driver_sql(
                    "SELECT id FROM annotation WHERE analyst_id <> %(me)s "
                    "ORDER BY id DESC LIMIT 200", {"me": me})
            ]  # fmt: skip
        if others:
            target = rng.choice(others)
            t0 = time.perf_counter()
            try:
                done = ws.reviews.review(target, ws.analyst, rng.choice(["accept", "reject"]))
                review_ms.append((time.perf_counter() - t0) * 1000)
                reviewed.append(done.id)
            except UserError as exc:
                errors.append(f"review: {exc}"[:200])
            except Exception as exc:
                errors.append(f"review: {type(exc).__name__}: {exc}"[:200])
    ws.close()
    out.put((annotate_ms, review_ms, created, reviewed, errors))


def run(urls: list[str], article: int, seconds: float) -> dict:
    ctx = mp.get_context("spawn")
    out, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=worker, args=(u, article, seconds, go, out)) for u in urls]
    for p in procs:
        p.start()
    for _ in procs:  # every process connected before the clock starts
        assert out.get(timeout=300) == "ready"
    go.set()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    annotate = sorted(x for r in results for x in r[0])
    review = sorted(x for r in results for x in r[1])
    return {
        "annotate": annotate,
        "review": review,
        "created": [x for r in results for x in r[2]],
        "reviewed": [x for r in results for x in r[3]],
        "errors": [x for r in results for x in r[4]],
        "seconds": seconds,
    }


def p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.95))] if values else float("nan")


def check(admin_url: str, result: dict) -> tuple[int, int]:
    """(lost or duplicated writes, deadlocks) as the database sees them."""
    import psycopg

    with psycopg.connect(admin_url.replace("+psycopg", "")) as con:
        ann = {r[0] for r in con.execute("SELECT id FROM annotation")}
        rev = {r[0] for r in con.execute("SELECT id FROM review")}
        made = con.execute(
            "SELECT count(*) FROM history WHERE action = 'create' AND entity = 'annotation'"
        ).fetchone()[0]
        judged = con.execute("SELECT count(*) FROM history WHERE action = 'review'").fetchone()[0]
        deadlocks = con.execute(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()[0]
    created, reviewed = result["created"], result["reviewed"]
    bad = (
        len(created) - len(set(created))
        + len(reviewed) - len(set(reviewed))
        + len(set(created) ^ ann)
        + len(set(reviewed) ^ rev)
        + abs(made - len(ann))
        + abs(judged - len(rev))
    )  # fmt: skip
    return bad, deadlocks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--analysts", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    analysts, seconds = (3, 5.0) if args.quick else (args.analysts, args.seconds)
    with server() as base:
        admin_url, urls, article = set_up(base, analysts)
        # One analyst alone first (the baseline), then all of them at once. The spare
        # login (urls[0]) only reviews in the alone run, so there is work to review.
        alone = run(urls[:2], article, max(seconds / 6, 5))
        team = run(urls[1:], article, seconds)
        bad, deadlocks = check(admin_url, {
            "created": alone["created"] + team["created"],
            "reviewed": alone["reviewed"] + team["reviewed"],
        })  # fmt: skip
    emit(f"team {analysts} analysts: annotations per second", len(team["annotate"]) / seconds,
         "1/s", len(alone["annotate"]) / alone["seconds"] / 2)  # fmt: skip
    emit(f"team {analysts} analysts: verdicts per second", len(team["review"]) / seconds,
         "1/s", len(alone["review"]) / alone["seconds"] / 2)  # fmt: skip
    emit("team annotate p95", p95(team["annotate"]), "ms", p95(alone["annotate"]))
    emit("team review p95", p95(team["review"]), "ms", p95(alone["review"]))
    emit("team failed writes", len(team["errors"]), "count")
    emit("team lost or duplicated writes", bad, "count")
    emit("team deadlocks", deadlocks, "count")
    for line in sorted(set(team["errors"]))[:5]:
        print(f"# error: {line}", file=sys.stderr)
    return 0 if bad == 0 and deadlocks == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
