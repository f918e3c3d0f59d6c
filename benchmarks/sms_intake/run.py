"""Benchmark the signed SMS webhook under gunicorn, against a minimal baseline.

    .venv/bin/python -m benchmarks.sms_intake.run [--db sqlite,postgres] [--rounds 3]

For each database (SQLite in a temporary instance folder; PostgreSQL at
``$HOTLINE_BENCH_POSTGRES``, in a database ``hotline_bench`` created and
dropped here) it runs ``hotline init``, then, ``--rounds`` times and
alternating which goes first:

- **intake**: ``hotline serve`` (the project's gunicorn set-up: preload,
  lingua warmed up in the master, no access log) answering
  ``POST /twilio/sms`` with the whole path: signature, strip, language,
  scrub, route, seal to the teams, commit with the outbox jobs, TwiML;
- **baseline**: ``benchmarks.sms_intake.baseline`` under the same gunicorn
  options, which validates the signature and inserts one row.

Load is ``wrk`` on 127.0.0.1 replaying pre-signed requests (``generate.py``,
``replay.lua``): every request a fresh MessageSid and a fresh sender, each
sent once. Each server gets a short warm-up, then the measured run; wrk
stops at ``--duration`` or when its requests run out. Afterwards the rows
each server wrote are counted and must match the 2xx responses, so a run of
403s or 500s cannot pass as fast. A hello-world app under the same options
shows what gunicorn and wrk alone reach on this machine (the load
generator's ceiling), and wrk's own CPU time is recorded for every run.

Writes ``results.json`` and the figures section of ``RESULTS.md`` (between
its ``results`` markers) beside this file. Installs ``wrk`` with apt-get
when it is missing (``install-wrk``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text

from benchmarks.sms_intake.generate import generate, write

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
PUBLIC_URL = "https://hotline.example.org"  # what Twilio would call, behind a proxy
INTAKE_PATH = "/twilio/sms"
BASELINE_PATH = "/twilio/sms/baseline"
DB_NAME = "hotline_bench"
POSTGRES = os.environ.get("HOTLINE_BENCH_POSTGRES",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
# The enabled languages of the benchmarked deployment (complete catalogs).
LANGUAGES = "en,es,fr,ar"
TARGET_RATIO = 0.8
TARGET_P99_MS = 50.0
MARKERS = ("<!-- results:begin -->", "<!-- results:end -->")


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run([str(HERE / "install-wrk")], check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is not installed and could not be installed")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- databases -------------------------------------------------------------

@contextmanager
def database(kind: str, instance: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{instance / 'hotline.db'}"
        return
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{DB_NAME}"'))
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{DB_NAME}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))
        admin.dispose()


COUNTS = {
    "reports": "SELECT count(*) FROM case_file WHERE channel = 'sms'",
    "dedupe_rows": "SELECT count(*) FROM sms_inbound_dedupe",
    "conversations": "SELECT count(*) FROM sms_conversation",
    "sealed_keys": "SELECT count(*) FROM wrapped_key",
    "purge_jobs": "SELECT count(*) FROM outbox_job WHERE kind = 'sms.purge_message'",
    "audit_entries": "SELECT count(*) FROM audit_entry",
}


def count_rows(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            counts = {name: int(connection.execute(text(sql)).scalar_one())
                      for name, sql in COUNTS.items()}
            try:
                counts["baseline_rows"] = int(connection.execute(
                    select(func.count()).select_from(text("bench_baseline"))).scalar_one())
            except Exception:  # not created before the first baseline run
                connection.rollback()
                counts["baseline_rows"] = 0
            return counts
    finally:
        engine.dispose()


# -- servers ---------------------------------------------------------------

def server_command(kind: str, port: int, workers: int) -> list[str]:
    if kind == "intake":
        return [str(BIN / "hotline"), "serve", "--host", "127.0.0.1", "--port", str(port),
                "--workers", str(workers)]
    return [sys.executable, "-m", "benchmarks.sms_intake.baseline", "--app", kind,
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes (gunicorn master and workers)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def postgres_backends(database: str) -> list[int]:
    """The PostgreSQL backend processes serving ``database`` (their titles
    name it), so that the database's CPU time is counted too."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if title.startswith("postgres: ") and f" {database} " in title:
                out.append(int(entry.name))
    return out


@contextmanager
def server(kind: str, env: dict[str, str], workers: int, logs: Path) -> Iterator[tuple[int, list[int]]]:
    port = free_port()
    log = (logs / f"{kind}-{port}.log").open("w")
    process = subprocess.Popen(server_command(kind, port, workers), cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{kind} server exited; see {log.name}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                if len(_children(process.pid)) >= workers:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind} server did not start; see {log.name}")
            time.sleep(0.2)
        yield port, [process.pid, *_children(process.pid)]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# -- load ------------------------------------------------------------------

def run_wrk(wrk: str, port: int, path: str, requests: Path, out: Path, *, threads: int,
            connections: int, duration: int) -> dict[str, Any]:
    env = {**os.environ, "WRK_REQUESTS": str(requests), "WRK_PATH": path,
           "WRK_JSON": str(out), "WRK_THREADS": str(threads)}
    before = os.times()
    subprocess.run([wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
                    "--timeout", "10s", "-s", str(HERE / "replay.lua"),
                    f"http://127.0.0.1:{port}"],
                   env=env, check=True, stdout=subprocess.DEVNULL, timeout=duration + 120)
    after = os.times()
    result = json.loads(out.read_text())
    result["wrk_cpu_seconds"] = round((after.children_user - before.children_user)
                                      + (after.children_system - before.children_system), 3)
    seconds = result["duration_us"] / 1e6
    errors = result["errors"]
    result["ok"] = result["requests"] - errors["status"]
    result["socket_errors"] = errors["connect"] + errors["read"] + errors["write"] \
        + errors["timeout"]
    result["rps"] = round(result["requests"] / seconds, 1)
    result["wrk_cores"] = round(result["wrk_cpu_seconds"] / seconds, 3)
    return result


def probe(port: int, path: str, signature: str, body: str) -> tuple[int, str]:
    """One signed request by hand: the status and the TwiML it answers."""
    payload = body.encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\n"
            f"X-Twilio-Signature: {signature}\r\nContent-Length: {len(payload)}\r\n\r\n"
            .encode() + payload)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), rest.decode("utf-8", "replace")


def measure(kind: str, wrk: str, env: dict[str, str], url: str, work: Path, seed: int,
            args: argparse.Namespace) -> dict[str, Any]:
    path = BASELINE_PATH if kind == "baseline" else INTAKE_PATH
    token = env["TWILIO_AUTH_TOKEN"]
    # More requests than the fastest server could take in the time: wrk
    # never runs out (and stops by itself if it does).
    rate = {"hello": 12000, "baseline": 3000, "intake": 3000}[kind]
    warm, main = work / f"{kind}-{seed}-warm.tsv", work / f"{kind}-{seed}.tsv"
    for file, count, offset in ((warm, rate * args.warmup + 1000, 1),
                                (main, rate * args.duration, 2)):
        if not file.exists():  # the hello world rounds share theirs
            write(file, generate(count, token, PUBLIC_URL + path, seed * 10 + offset))
    check = generate(2, token, PUBLIC_URL + path, seed * 10 + 3)
    before = count_rows(url)
    with server(kind, env, args.workers, work) as (port, pids):
        status, reply = probe(port, path, *check[0])
        bad_status, _ = probe(port, path, "bm90IHRoZSBzaWduYXR1cmU=", check[1][1])
        if status != 200 or (kind == "intake" and "<Message" not in reply):
            raise RuntimeError(f"{kind}: a signed request answered {status}")
        if kind != "hello" and bad_status != 403:
            raise RuntimeError(f"{kind}: a bad signature answered {bad_status}, not 403")
        warmup = run_wrk(wrk, port, path, warm, work / "warm.json", threads=args.threads,
                         connections=args.connections, duration=args.warmup)
        backends = postgres_backends(DB_NAME) if url.startswith("postgresql") else []
        cpu_before, db_before = cpu_seconds(pids), cpu_seconds(backends)
        load = os.getloadavg()[0]
        result = run_wrk(wrk, port, path, main, work / "main.json", threads=args.threads,
                         connections=args.connections, duration=args.duration)
        result["server_cpu_seconds"] = round(cpu_seconds(pids) - cpu_before, 2)
        # Backends that exited during the run are not counted (none should).
        result["db_cpu_seconds"] = round(cpu_seconds(backends) - db_before, 2)
        result["load_average_1min"] = [load, os.getloadavg()[0]]
        result["server_cpu_ms_per_request"] = round(
            1000 * result["server_cpu_seconds"] / max(result["requests"], 1), 3)
        result["db_cpu_ms_per_request"] = round(
            1000 * result["db_cpu_seconds"] / max(result["requests"], 1), 3)
    after = count_rows(url)
    delta = {name: after[name] - before[name] for name in after}
    answered = 1 + warmup["ok"] + result["ok"]
    rows = delta["baseline_rows"] if kind == "baseline" else delta["reports"]
    result["rows_written"] = rows
    result["rows_expected_min"] = answered
    if kind == "intake":
        result["db_delta"] = delta
    # Requests still in flight when wrk stopped may have been stored unanswered.
    slack = 2 * args.connections
    result["verified"] = (kind == "hello" or answered <= rows <= answered + slack) and \
        result["errors"]["status"] == 0 and result["socket_errors"] == 0 \
        and warmup["errors"]["status"] == 0
    if kind == "intake":
        result["verified"] = result["verified"] and all(
            answered <= delta[name] <= answered + slack
            for name in ("dedupe_rows", "conversations", "purge_jobs"))
    result["warmup_requests"] = warmup["requests"]
    return result


# -- report ----------------------------------------------------------------

def machine() -> dict[str, Any]:
    def first(pattern: str, path: str) -> str:
        match = re.search(pattern, Path(path).read_text(), re.M)
        return match.group(1).strip() if match else "?"

    def version(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
        except OSError:
            return "?"
        return (done.stdout + done.stderr).strip().splitlines()[0]

    mem_kb = int(first(r"^MemTotal:\s+(\d+)", "/proc/meminfo"))
    return {
        "nproc": os.cpu_count(),
        "cpu": first(r"^model name\s*:(.*)$", "/proc/cpuinfo"),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "gunicorn": version([str(BIN / "gunicorn"), "--version"]),
        "wrk": version(["wrk", "--version"]).split(" Copyright")[0],
        "postgresql": version(["psql", "--version"]),
        "sqlite": __import__("sqlite3").sqlite_version,
        "load_average_at_start": os.getloadavg(),
    }


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str, inner: str | None = None) -> float:
        values = [r[key][inner] if inner else r[key] for r in runs]
        return float(statistics.median(values))

    return {
        "rps": round(median("rps"), 1),
        "p50_ms": round(median("latency_us", "p50") / 1000, 1),
        "p90_ms": round(median("latency_us", "p90") / 1000, 1),
        "p99_ms": round(median("latency_us", "p99") / 1000, 1),
        "non_2xx": sum(r["errors"]["status"] for r in runs),
        "socket_errors": sum(r["socket_errors"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "wrk_cores": round(median("wrk_cores"), 2),
        "server_cores": round(statistics.median(
            r["server_cpu_seconds"] / (r["duration_us"] / 1e6) for r in runs), 2),
        "server_cpu_ms_per_request": round(median("server_cpu_ms_per_request"), 2),
        "db_cpu_ms_per_request": round(median("db_cpu_ms_per_request"), 2),
        "load_average_1min": round(statistics.median(
            x for r in runs for x in r["load_average_1min"]), 2),
        "verified": all(r["verified"] for r in runs),
    }


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Run {results['date']}: {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB, "
        f"Linux {m['kernel']}, Python {m['python']}, {m['gunicorn']}, {m['wrk']}, "
        f"{m['postgresql']}, SQLite {m['sqlite']}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in m['load_average_at_start'])}.",
        "",
        f"`{results['command']}`: gunicorn sync workers: {results['settings']['workers']}; "
        f"wrk -t{results['settings']['threads']} -c{results['settings']['connections']} "
        f"-d{results['settings']['duration']}s (after a {results['settings']['warmup']} s "
        f"warm-up); medians of {results['settings']['rounds']} rounds, intake and baseline "
        "alternating.",
        "",
        "| database | endpoint | req/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors "
        "| requests | rows verified | gunicorn CPU ms/req | database CPU ms/req "
        "| gunicorn cores | wrk cores | load avg |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]

    def row(db: str, kind: str, s: dict[str, Any], verified: str) -> str:
        return (f"| {db} | {kind} | {s['rps']:.0f} | {s['p50_ms']} | {s['p90_ms']} | "
                f"{s['p99_ms']} | {s['non_2xx']} | {s['socket_errors']} | {s['requests']} | "
                f"{verified} | {s['server_cpu_ms_per_request']} | "
                f"{s['db_cpu_ms_per_request'] if db == 'postgres' else 'in process'} | "
                f"{s['server_cores']} | {s['wrk_cores']} | {s['load_average_1min']} |")

    for db, entry in results["databases"].items():
        for kind in ("intake", "baseline"):
            s = entry[kind]["median"]
            lines.append(row(db, kind, s, "yes" if s["verified"] else "NO"))
    if results.get("hello"):
        lines.append(row("(none)", "hello world", results["hello"]["median"], "n/a"))
    lines += ["", "| database | intake / baseline req/s | per-round ratios | intake p99 "
              f"| target met (>= {TARGET_RATIO}x and p99 < {TARGET_P99_MS:.0f} ms) "
              "| baseline / intake CPU per request |",
              "|---|---:|---|---:|---|---:|"]
    for db, entry in results["databases"].items():
        cost = {kind: entry[kind]["median"]["server_cpu_ms_per_request"]
                + entry[kind]["median"]["db_cpu_ms_per_request"] for kind in ("intake", "baseline")}
        lines.append(f"| {db} | {entry['ratio']:.2f}x | "
                     f"{', '.join(f'{r:.2f}' for r in entry['round_ratios'])} | "
                     f"{entry['intake']['median']['p99_ms']} ms | "
                     f"{'yes' if entry['target_met'] else 'no'} | "
                     f"{cost['baseline'] / max(cost['intake'], 1e-9):.2f}x |")
    return "\n".join(lines)


def write_results(results: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(results, indent=2) + "\n")
    page = HERE / "RESULTS.md"
    section = f"{MARKERS[0]}\n{markdown(results)}\n{MARKERS[1]}"
    if page.exists() and MARKERS[0] in page.read_text():
        before, rest = page.read_text().split(MARKERS[0], 1)
        after = rest.split(MARKERS[1], 1)[1]
        page.write_text(before + section + after)
    else:
        page.write_text(f"# SMS intake benchmark\n\n{section}\n")


# -- main ------------------------------------------------------------------

def bench_env(instance: Path, url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("HOTLINE_", "TWILIO_")) and key != "DATABASE_URL"}
    env.update({
        "HOTLINE_INSTANCE": str(instance),
        "HOTLINE_ENV": "production",
        "HOTLINE_PUBLIC_URL": PUBLIC_URL,
        "HOTLINE_LANGUAGES": LANGUAGES,
        "HOTLINE_LOG_LEVEL": "WARNING",
        "DATABASE_URL": url,
        "TWILIO_ACCOUNT_SID": "AC" + secrets.token_hex(16),
        "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "TWILIO_FROM": "+15005550006",
        "PYTHONPATH": str(ROOT),
    })
    return env


def init(env: dict[str, str]) -> None:
    """``hotline init`` (its output, with the admin's one-time password, is
    not kept). Retried once: a start-up check can fail for a moment while
    someone edits the catalogs in the same tree."""
    for attempt in (1, 2):
        done = subprocess.run([str(BIN / "hotline"), "init"], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        if done.returncode == 0:
            return
        last = [line for line in done.stderr.splitlines() if line.strip()][-1:]
        print(f"hotline init failed (attempt {attempt}): {' '.join(last)}", flush=True)
        time.sleep(20)
    raise SystemExit("hotline init failed")


def bench_database(kind: str, wrk: str, args: argparse.Namespace,
                   results: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix=f"hotline-bench-{kind}-") as tmp:
        instance = Path(tmp) / "instance"
        with database(kind, instance) as url:
            env = bench_env(instance, url)
            init(env)
            runs: dict[str, list[dict[str, Any]]] = {"intake": [], "baseline": []}
            for round_no in range(args.rounds):
                order = ("intake", "baseline") if round_no % 2 == 0 else ("baseline", "intake")
                for endpoint in order:
                    seed = 1000 * (1 + list(runs).index(endpoint)) + round_no
                    run = measure(endpoint, wrk, env, url, Path(tmp), seed, args)
                    run["round"] = round_no + 1
                    runs[endpoint].append(run)
                    print(f"{kind} round {round_no + 1} {endpoint}: {run['rps']:.0f} req/s, "
                          f"p99 {run['latency_us']['p99'] / 1000:.1f} ms, "
                          f"non-2xx {run['errors']['status']}, rows verified {run['verified']}",
                          flush=True)
            if args.hello and not results.get("hello"):
                hello = [measure("hello", wrk, env, url, Path(tmp), 9000, args)
                         for i in range(args.rounds)]
                results["hello"] = {"runs": hello, "median": summarize(hello)}
                print(f"hello world: {results['hello']['median']['rps']:.0f} req/s", flush=True)
    intake, baseline = summarize(runs["intake"]), summarize(runs["baseline"])
    ratio = intake["rps"] / baseline["rps"]
    results["databases"][kind] = {
        "intake": {"runs": runs["intake"], "median": intake},
        "baseline": {"runs": runs["baseline"], "median": baseline},
        "ratio": round(ratio, 3),
        "round_ratios": [round(i["rps"] / b["rps"], 3)
                         for i, b in zip(runs["intake"], runs["baseline"], strict=True)],
        "target_met": ratio >= TARGET_RATIO and intake["p99_ms"] < TARGET_P99_MS
        and intake["verified"] and baseline["verified"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgres",
                        help="comma-separated: sqlite, postgres")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per server")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=10, help="wrk connections")
    parser.add_argument("--no-hello", dest="hello", action="store_false",
                        help="skip the hello-world run (the load generator's ceiling)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--merge", action="store_true",
                        help="keep the figures of databases not run now from --out")
    args = parser.parse_args()
    wrk = ensure_wrk()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m benchmarks.sms_intake.run " + " ".join(sys.argv[1:]),
        "machine": machine(),
        "settings": {key: value for key, value in vars(args).items() if key != "out"},
        "databases": {},
    }
    if args.merge and args.out.exists():  # keep the other database's figures
        previous = json.loads(args.out.read_text())
        results["databases"] = previous.get("databases", {})
        results["hello"] = previous.get("hello", results.get("hello"))
        results["runs"] = previous.get("runs", {})
    results.setdefault("runs", {})
    for kind in args.db.split(","):
        bench_database(kind.strip(), wrk, args, results)
        results["runs"][kind.strip()] = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                                         "command": results["command"]}
        write_results({k: v for k, v in results.items() if v is not None}, args.out)
    print(markdown(results))


if __name__ == "__main__":
    main()
