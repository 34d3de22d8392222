"""Serving benchmark (issue 28): how many visitors the static site serves from Debian's
nginx against the Streamlit app, both on 127.0.0.1, driven by one asyncio load generator.

A visitor is one page view to completion, in closed loops of 50, 200 and 1,000 concurrent
visitors (each starts its next visit when the last one ended) for a bounded time:

- static: GET the municipality page and then the assets its HTML names (css, js,
  boundaries.js, leaflet.js/css), as a browser's first visit does: new keep-alive
  connections, the assets over up to --browser-connections of them at once;
- app: GET / (the HTML shell), then the websocket /_stcore/stream, the BackMsg the
  frontend sends to run the script (rerun_script with the page's query string), and the
  ForwardMsgs up to script_finished. The frontend's JS bundle is not fetched (a browser's
  first visit would), which favours the app.

It prints visitors completed, visitors/s, requests/s, p50/p95 latency, errors and
timeouts per target and level, the CPU seconds the server and the generator used, and the
ratio of static to app visitors/s. Timed-out visits count at the timeout in the
percentiles (a p95 marked ">=" is censored). Figures are noisy unless the machine is quiet.

Usage: python benchmarks/bench_serving.py [--site DIR] [--levels 50,200,1000]
       [--seconds 10] [--timeout 30] [--json PATH] [--only static|app]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html.parser
import json
import os
import posixpath
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from tests.serve import free_port, streamlit  # noqa: E402

LOCAL = "127.0.0.1"
HERTEN = "05562020"
PAGE = f"kommune/{HERTEN}.html"
APP_QUERY = f"ags={HERTEN}&basemap=none"
MIN_DELTAS = 10  # a script run that drew fewer elements did not really run
GENERATOR_BOUND = 90.0  # % of one core: above it the generator, not the server, is the limit
GOAL = 50.0  # issue 28: the static site serves >= 50x the app's visitors at the same p95
TICK = os.sysconf("SC_CLK_TCK")


# --- localhost only -------------------------------------------------------------------


def local_only(url: str) -> urllib.parse.SplitResult:
    """Every target goes through here: the benchmark floods what it talks to, so it only
    ever talks to a server it started on this machine's loopback address."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname != LOCAL or parts.port is None:
        raise SystemExit(f"refusing target {url!r}: only http://{LOCAL}:PORT is allowed")
    return parts


def raise_file_limit() -> int:
    """1,000 visitors hold ~3,000 sockets here and as many in the server (a child
    inherits the limit): the soft open-file limit goes up to the hard one where allowed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < want:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def cpu_seconds(pid: int) -> float:
    """User+system CPU of a process and its direct children (nginx's workers), from /proc;
    a process that is gone counts 0."""
    total = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = Path(f"/proc/{p}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


# --- HTTP/1.1 keep-alive client on asyncio streams -------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection: GET and read the whole body. Raw streams, as
    the generator has to outrun nginx on the same two cores; no client library here is
    faster per request."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, base: str) -> Connection:
        parts = local_only(base)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port, limit=2**20)
        return cls(reader, writer, parts.netloc)

    async def get(self, path: str) -> tuple[int, int]:
        """(status, body bytes); the body is read to its last byte."""
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: */*\r\n"
            "Accept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            size = int(headers["content-length"])
            await self.reader.readexactly(size)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            size = 0
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        else:
            size = len(await self.reader.read())
        return status, size

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(OSError):
            await self.writer.wait_closed()


# --- the static site --------------------------------------------------------------------


class _Assets(html.parser.HTMLParser):
    """What a browser loads from the HTML before the page is usable: stylesheets and
    scripts (images and fetch() calls in scripts are not followed)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.found.append(a["src"])
        elif tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.found.append(a["href"])


def page_assets(site: Path, page: str) -> list[str]:
    """The same-origin assets the page names, as absolute paths, each once."""
    parser = _Assets()
    parser.feed((site / page).read_text(encoding="utf-8"))
    base = "/" + page
    paths = []
    for ref in parser.found:
        parts = urllib.parse.urlsplit(ref)
        if parts.scheme or parts.netloc:
            continue  # another host: not this server's work
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path))
        if path not in paths:
            paths.append(path)
    return paths


def stand_in_site(out: Path) -> Path:
    """What `python -m etl publish` is expected to write for one municipality, sized like
    it: a ~60 KB page, ~60 KB of boundaries, Leaflet and a 4 KB stylesheet."""
    (out / "kommune").mkdir(parents=True)
    (out / "assets" / "leaflet").mkdir(parents=True)
    leaflet = ROOT / "dashboard" / "static" / "leaflet"
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(leaflet / name, out / "assets" / "leaflet" / name)
    geo = (ROOT / "dashboard" / "static" / "geo" / "rvr_municipalities.geojson").read_text()
    boundaries = f"window.RUHR_BOUNDARIES = {geo};\n"
    (out / "assets" / "boundaries.js").write_text(boundaries.ljust(60_000) + "\n")
    (out / "assets" / "site.css").write_text(
        "".join(f".c{i} {{ margin: {i}px; color: #{i:06x}; }}\n" for i in range(4096))[:4096]
    )
    rng = random.Random(28)
    cards = "".join(
        f'<article class="pledge"><h3>Versprechen {i}</h3><p>'
        + " ".join(rng.choice(["Radweg", "Schule", "Klima", "Wohnen", "Bus"]) for _ in range(60))
        + "</p></article>\n"
        for i in range(120)
    )
    (out / PAGE).write_text(
        "<!doctype html><html lang=de><head><meta charset=utf-8><title>Herten</title>\n"
        '<link rel=stylesheet href="../assets/leaflet/leaflet.css">\n'
        '<link rel=stylesheet href="../assets/site.css">\n'
        '<script src="../assets/leaflet/leaflet.js" defer></script>\n'
        '<script src="../assets/boundaries.js" defer></script>\n'
        f"</head><body><h1>Herten</h1><div id=map></div>\n{cards}</body></html>\n"[:60_000]
    )
    return out


def etl_has(command: str) -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode == 0 and command in result.stdout.split("positional")[-1]


def site_to_serve(args, tmp: Path, db: Path | None) -> tuple[Path, str]:
    """(site directory, what it is): --site, else the published site, else the stand-in
    with the reason the published one is not there."""
    if args.site:
        return Path(args.site).resolve(), f"--site {args.site}"
    why = "`python -m etl publish` does not exist yet"
    if etl_has("publish"):
        out = tmp / "release"
        command = [sys.executable, "-m", "etl", "publish"]
        usage = subprocess.run(
            [*command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
        ).stdout
        command += ["--db", str(db)] if "--db" in usage else []
        done = subprocess.run(
            [*command, str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        if done.returncode == 0 and (out / "site").is_dir():
            return out / "site", f"published: {' '.join(command[1:])} {out} -> site/"
        said = (done.stderr.strip().splitlines() or [""])[-1][:200]
        why = f"`python -m etl publish` wrote no site/ (exit {done.returncode}: {said})"
    return stand_in_site(tmp / "stand-in"), f"STAND-IN (1 page, ~60 KB + assets): {why}"


def page_in(site: Path, wanted: str) -> str:
    """The municipality page: the one asked for, else the first kommune page, else index."""
    if (site / wanted).is_file():
        return wanted
    found = sorted(site.glob("kommune/*.html")) or sorted(site.glob("*.html"))
    if not found:
        raise SystemExit(f"{site}: no HTML page to serve")
    return found[0].relative_to(site).as_posix()


NGINX_CONF = """\
worker_processes auto;
worker_rlimit_nofile {files};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections {connections}; multi_accept on; }}
http {{
    types {{ text/html html; text/css css; application/javascript js; image/png png;
             application/json json geojson; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 30s;
    keepalive_requests 10000;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen {host}:{port} backlog=4096;
        root {root};
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def nginx_binary() -> str | None:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


@contextlib.contextmanager
def nginx(binary: str, root: Path, prefix: Path, files: int):
    """Its own nginx in the foreground (`daemon off`), on a free port of 127.0.0.1, with a
    generated configuration in a temporary prefix; stopped afterwards, whatever happens."""
    port = free_port()
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            prefix=prefix,
            host=LOCAL,
            port=port,
            root=root,
            files=files,
            connections=max(1024, files // 2),
        )
    )
    process = subprocess.Popen(
        [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)]
        + ["-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=open(prefix / "stderr.log", "w"),  # noqa: SIM115 - closed with the process
    )
    url = f"http://{LOCAL}:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx ended: {(prefix / 'stderr.log').read_text()[-500:]}")
            try:
                with urllib.request.urlopen(url + "/", timeout=1):
                    break
            except urllib.error.HTTPError:
                break  # 403/404 for / is an answer: the server is up
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not answer within 10 s") from None
                time.sleep(0.05)
        yield url, process
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


async def static_visit(url: str, page: str, assets: list[str], connections: int) -> int:
    """One first visit: the page, then its assets over up to `connections` keep-alive
    connections (the page's own and new ones opened meanwhile); returns requests made."""
    first = await Connection.open(url)
    opening = [asyncio.ensure_future(Connection.open(url)) for _ in range(connections - 1)]
    pool = [first]
    try:
        status, _ = await first.get("/" + page)
        if status != 200:
            raise RuntimeError(f"GET /{page}: {status}")
        pool += await asyncio.gather(*opening)

        async def fetch(conn: Connection, paths: list[str]) -> None:
            for path in paths:
                status, _ = await conn.get(path)
                if status != 200:
                    raise RuntimeError(f"GET {path}: {status}")

        await asyncio.gather(*(fetch(c, assets[i :: len(pool)]) for i, c in enumerate(pool)))
        return 1 + len(assets)
    finally:
        for task in opening:
            task.cancel()
        for task in opening:  # opened but never joined the pool: the page failed first
            if task.done() and not task.cancelled() and task.exception() is None:
                if task.result() not in pool:
                    pool.append(task.result())
        for conn in pool:
            await conn.close()


# --- the app --------------------------------------------------------------------------


def built_database(tmp: Path) -> Path:
    """A database built before the run, so that no visitor waits for a build."""
    db = tmp / "ruhr.duckdb"
    subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=900,
    )
    return db


@dataclass
class Run:
    """What one app visit received: for the check that the script really ran."""

    deltas: int = 0
    messages: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)


async def app_visit(url: str, query: str, run: Run | None = None) -> int:
    """One visit: GET / and the script run the frontend asks for over the websocket,
    to its script_finished; returns requests made (the GET and the websocket)."""
    conn = await Connection.open(url)
    try:
        status, _ = await conn.get("/")
    finally:
        await conn.close()
    if status != 200:
        raise RuntimeError(f"GET /: {status}")
    parts = local_only(url)
    back = BackMsg()
    back.rerun_script.query_string = query
    back.rerun_script.page_script_hash = ""
    back.rerun_script.widget_states.SetInParent()
    # permessage-deflate, as a browser negotiates it: the server pays for compression
    async with connect(
        f"ws://{parts.netloc}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=None,
        close_timeout=1,
        ping_interval=None,
    ) as ws:
        await ws.send(back.SerializeToString())
        while True:
            data = await ws.recv()
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if run is not None:
                run.messages += 1
                run.bytes += len(data)
                if kind == "delta":
                    run.deltas += 1
                    element = forward.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        run.errors.append(f"exception: {element.exception.message[:200]}")
                    if (
                        element.WhichOneof("type") == "alert"
                        and element.alert.format == Alert.ERROR
                    ):
                        run.errors.append(f"error alert: {element.alert.body[:200]}")
            if kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.rerun(): the page ends with the next run
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script compile error")
                return 2


# --- closed loops -----------------------------------------------------------------------


@dataclass
class Level:
    target: str
    visitors: int
    completed: int = 0
    errors: int = 0
    timeouts: int = 0
    requests: int = 0
    seconds: float = 0.0
    visitors_per_s: float = 0.0
    requests_per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p95_censored: bool = False
    server_cpu_s: float = 0.0
    generator_cpu_pct: float = 0.0
    first_errors: list[str] = field(default_factory=list)


async def closed_loops(
    target: str, visit, visitors: int, seconds: float, timeout: float, max_visits: int, pid: int
) -> Level:
    """`visitors` loops that start a visit when their last one ended, until `seconds` have
    passed or `max_visits` started; every visit has `timeout`. Visits running at the
    deadline are waited for (within their timeout) and counted, so the rate is completed
    visits over the whole time, and an overloaded server is not flattered."""
    level = Level(target, visitors)
    latencies: list[float] = []
    started = 0
    begin = time.perf_counter()
    deadline = begin + seconds
    cpu0, server0 = time.process_time(), cpu_seconds(pid)

    async def loop() -> None:
        nonlocal started
        while time.perf_counter() < deadline and started < max_visits:
            started += 1
            t0 = time.perf_counter()
            try:
                requests = await asyncio.wait_for(visit(), timeout)
            except TimeoutError:
                level.timeouts += 1
                latencies.append(timeout)
                continue
            except Exception as exc:  # counted and shown, never hidden
                level.errors += 1
                if len(level.first_errors) < 3:
                    level.first_errors.append(f"{type(exc).__name__}: {exc}"[:200])
                await asyncio.sleep(0.05)  # a refused connection must not spin
                continue
            latencies.append(time.perf_counter() - t0)
            level.completed += 1
            level.requests += requests

    await asyncio.gather(*(loop() for _ in range(visitors)))
    level.seconds = time.perf_counter() - begin
    level.server_cpu_s = cpu_seconds(pid) - server0
    level.generator_cpu_pct = 100 * (time.process_time() - cpu0) / level.seconds
    level.visitors_per_s = level.completed / level.seconds
    level.requests_per_s = level.requests / level.seconds
    if latencies:
        ordered = sorted(latencies)
        level.p50_ms = 1000 * statistics.median(ordered)
        at = min(len(ordered) - 1, int(0.95 * len(ordered)))
        level.p95_ms = 1000 * ordered[at]
        level.p95_censored = ordered[at] >= timeout
    return level


async def settle(url: str, query: str, baseline: float, limit: float = 180) -> float:
    """After a level the app may still run the scripts of visitors that left: wait until
    one visit takes at most twice the idle time again (bounded); returns seconds waited."""
    begin = time.perf_counter()
    while time.perf_counter() - begin < limit:
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(app_visit(url, query), 30)
            if time.perf_counter() - t0 <= max(2 * baseline, baseline + 0.2):
                break
        await asyncio.sleep(1)
    return time.perf_counter() - begin


# --- report ---------------------------------------------------------------------------


def ratios(levels: list[Level]) -> dict:
    """Static over app visitors/s at each level, and the goal's measure: the highest static
    rate whose p95 is within the app's p95 at its lowest level, over that app rate."""
    static = {lv.visitors: lv for lv in levels if lv.target == "static"}
    app = {lv.visitors: lv for lv in levels if lv.target == "app"}
    out: dict = {"per_level": {}}
    for n in sorted(static.keys() & app.keys()):
        if app[n].visitors_per_s > 0:
            out["per_level"][n] = static[n].visitors_per_s / app[n].visitors_per_s
        else:
            out["per_level"][n] = None  # the app completed no visit at this level
    # levels without timeouts only: abandoned visits cost CPU but complete nothing
    clean = {
        name: [lv for lv in group.values() if lv.completed and not lv.timeouts]
        for name, group in (("static", static), ("app", app))
    }
    cost = {
        name: sum(lv.server_cpu_s for lv in group) / sum(lv.completed for lv in group)
        for name, group in clean.items()
        if group
    }
    if cost.get("static") and cost.get("app"):
        # independent of the generator: what one visit costs each server in CPU
        out["server_cpu_ms_per_visit"] = {k: 1000 * v for k, v in cost.items()}
        out["cpu_cost_ratio"] = cost["app"] / cost["static"]
    if static and app:
        low = app[min(app)]
        fits = [lv for lv in static.values() if lv.p95_ms <= low.p95_ms and lv.completed]
        if fits and low.visitors_per_s > 0:
            best = max(fits, key=lambda lv: lv.visitors_per_s)
            out["at_app_p95"] = {
                "app_visitors": low.visitors,
                "app_p95_ms": low.p95_ms,
                "app_visitors_per_s": low.visitors_per_s,
                "static_visitors": best.visitors,
                "static_p95_ms": best.p95_ms,
                "static_visitors_per_s": best.visitors_per_s,
                "ratio": best.visitors_per_s / low.visitors_per_s,
                "goal": GOAL,
                "goal_met": best.visitors_per_s / low.visitors_per_s >= GOAL,
            }
    return out


def table(levels: list[Level]) -> str:
    head = (
        f"{'target':<7}{'visitors':>9}{'done':>8}{'visits/s':>10}{'req/s':>10}"
        f"{'p50 ms':>9}{'p95 ms':>11}{'errors':>8}{'timeouts':>9}{'srv cpu/visit':>14}"
        f"{'gen cpu':>9}"
    )
    rows = [head, "-" * len(head)]
    for lv in levels:
        per_visit = f"{1000 * lv.server_cpu_s / lv.completed:.2f} ms" if lv.completed else "-"
        p95 = (">=" if lv.p95_censored else "") + f"{lv.p95_ms:.0f}"
        rows.append(
            f"{lv.target:<7}{lv.visitors:>9}{lv.completed:>8}{lv.visitors_per_s:>10.1f}"
            f"{lv.requests_per_s:>10.0f}{lv.p50_ms:>9.0f}{p95:>11}{lv.errors:>8}"
            f"{lv.timeouts:>9}{per_visit:>14}{lv.generator_cpu_pct:>8.0f}%"
            + (" generator-bound" if lv.generator_cpu_pct >= GENERATOR_BOUND else "")
        )
    return "\n".join(rows)


# --- main -----------------------------------------------------------------------------


async def bench_static(args, url: str, page: str, assets: list[str], pid: int) -> list[Level]:
    visit = lambda: static_visit(url, page, assets, args.browser_connections)  # noqa: E731
    await asyncio.wait_for(visit(), 10)  # warm the page cache; an error stops here
    levels = []
    for n in args.levels:
        lv = await closed_loops(
            "static", visit, n, args.seconds, args.timeout, args.max_visits, pid
        )
        levels.append(lv)
        print(table([lv]).splitlines()[-1], flush=True)
    return levels


async def bench_app(args, url: str, pid: int) -> tuple[list[Level], dict]:
    check = Run()
    await asyncio.wait_for(app_visit(url, args.app_query, check), 180)  # first run: caches
    check = Run()
    t0 = time.perf_counter()
    await asyncio.wait_for(app_visit(url, args.app_query, check), 60)
    idle = time.perf_counter() - t0
    facts = {**asdict(check), "idle_visit_ms": 1000 * idle}
    if check.deltas < MIN_DELTAS:
        raise SystemExit(f"the app's script did not really run: {check.deltas} deltas")
    print(
        f"app check: {check.deltas} deltas, {check.messages} messages, "
        f"{check.bytes / 1000:.0f} KB, idle visit {1000 * idle:.0f} ms",
        flush=True,
    )
    for error in check.errors:
        print(f"  WARNING the page shows an error, the run is shorter than a good one: {error}")
    visit = lambda: app_visit(url, args.app_query)  # noqa: E731
    levels = []
    for n in args.levels:
        lv = await closed_loops("app", visit, n, args.seconds, args.timeout, args.max_visits, pid)
        levels.append(lv)
        print(table([lv]).splitlines()[-1], flush=True)
        waited = await settle(url, args.app_query, idle)
        if waited > 2:
            print(f"  (the app needed {waited:.0f} s to be idle again)", flush=True)
    return levels, facts


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="the static site's directory (default: etl publish)")
    parser.add_argument("--page", default=PAGE, help=f"the page a visitor opens ({PAGE})")
    parser.add_argument("--app-query", default=APP_QUERY, help=f"the app's URL ({APP_QUERY})")
    parser.add_argument("--levels", default="50,200,1000", help="concurrent visitors")
    parser.add_argument("--seconds", type=float, default=10, help="per level and target")
    parser.add_argument("--max-visits", type=int, default=200_000, help="per level")
    parser.add_argument("--timeout", type=float, default=30, help="seconds one visit may take")
    parser.add_argument("--browser-connections", type=int, default=3, help="per static visit")
    parser.add_argument("--only", choices=("static", "app"), help="one target only")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    args.levels = [int(n) for n in args.levels.split(",")]
    if min(args.levels) < 1 or args.seconds <= 0 or args.timeout <= 0:
        parser.error("levels, --seconds and --timeout must be positive")
    if not 1 <= args.browser_connections <= 6:
        parser.error("--browser-connections: 1 to 6, as a browser per host")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    binary = nginx_binary()
    if binary is None and args.only != "app":
        print("nginx is not installed (Debian: apt-get install nginx); nothing measured")
        return 1
    files = raise_file_limit()
    if files < 4 * max(args.levels):
        print(f"note: open-file limit {files}; {max(args.levels)} visitors may run out")
    levels: list[Level] = []
    report: dict = {"machine": {"cpus": os.cpu_count(), "open_files": files}, "args": {}}
    report["args"] = {k: v for k, v in vars(args).items() if k != "json"}
    with tempfile.TemporaryDirectory(prefix="bench_serving_") as name:
        tmp = Path(name)
        tmp.chmod(0o755)  # nginx's workers drop root: they must read the site in here
        db = built_database(tmp) if args.only != "static" or not args.site else None
        if args.only != "app":
            site, what = site_to_serve(args, tmp, db)
            page = page_in(site, args.page)
            assets = page_assets(site, page)
            size = sum((site / p.lstrip("/")).stat().st_size for p in ["/" + page, *assets])
            print(f"static site: {what}\n  page /{page} + {len(assets)} assets, {size // 1000} KB")
            report["static"] = {"site": what, "page": page, "assets": assets, "bytes": size}
            with nginx(binary, site, tmp / "nginx", files) as (url, process):
                print(f"nginx {url} (worker_processes auto)\n" + table([]), flush=True)
                levels += asyncio.run(bench_static(args, url, page, assets, process.pid))
        if args.only != "static":
            env = {"RUHR_DB": str(db), "RUHR_DB_AS_IS": "1"}  # no rebuild mid-run
            log = open(tmp / "streamlit.log", "w")  # noqa: SIM115 - closed below
            try:
                with streamlit(ROOT / "dashboard" / "app.py", ROOT, env=env, log=log) as (
                    url,
                    process,
                ):
                    local_only(url)
                    print(f"streamlit {url} ?{args.app_query}", flush=True)
                    app_levels, facts = asyncio.run(bench_app(args, url, process.pid))
                    levels += app_levels
                    report["app"] = {"query": args.app_query, "check": facts}
            finally:
                log.close()
    report["levels"] = [asdict(lv) for lv in levels]
    report["ratios"] = ratios(levels)
    print("\n" + table(levels))
    for lv in levels:
        for error in lv.first_errors:
            print(f"  {lv.target} {lv.visitors}: {error}")
    print_ratios(report["ratios"])
    print("Figures are noisy unless the machine is quiet; generator and servers share its CPUs.")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


def print_ratios(found: dict) -> None:
    for n, ratio in found.get("per_level", {}).items():
        shown = f"{ratio:.0f}x" if ratio is not None else "n/a (no app visit completed)"
        print(f"static/app visitors/s at {n} concurrent: {shown}")
    cost = found.get("server_cpu_ms_per_visit")
    if cost:
        print(
            f"server CPU per visit: static {cost['static']:.2f} ms, app {cost['app']:.0f} ms: "
            f"one app visit costs {found['cpu_cost_ratio']:.0f} static visits"
        )
    best = found.get("at_app_p95")
    if best:
        print(
            f"at the app's p95 of {best['app_p95_ms']:.0f} ms ({best['app_visitors']} visitors, "
            f"{best['app_visitors_per_s']:.1f}/s) the static site serves "
            f"{best['static_visitors_per_s']:.0f}/s ({best['static_visitors']} visitors, "
            f"p95 {best['static_p95_ms']:.0f} ms): {best['ratio']:.0f}x "
            f"(goal >= {best['goal']:.0f}x: {'met' if best['goal_met'] else 'NOT met'})"
        )


if __name__ == "__main__":
    sys.exit(main())
