"""A synthetic OParl 1.1 endpoint on 127.0.0.1 for the council import's tests and benchmark.

Its objects are the spec's example objects (tests/data/oparl/, from OParl/spec) with their
ids moved to this server and the papers' fields replaced by the test's. One body; its paper
and meeting lists are paginated (`page_size`) and filtered by `modified_since` (deleted
objects only then, as the spec says). Faults are injected per request target; `block_at`
holds request N until the test releases it, so a test can kill the importer mid-run.

    with OParlServer(synthetic_papers(5), page_size=2) as server:
        run(server.url, db, client)
"""

from __future__ import annotations

import copy
import csv
import json
import threading
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EXAMPLES = Path(__file__).with_name("data") / "oparl"
EXAMPLE_BASE = "https://oparl.example.org"
OLD = "2024-01-08T12:05:27+01:00"  # modified of every object a test has not changed


def example(name: str) -> dict:
    """One of the spec's example objects: 'Paper', 'File', 'Meeting', 'Body', 'System'."""
    return json.loads((EXAMPLES / f"{name}-01.json").read_text(encoding="utf-8"))


def labelled_papers() -> list[dict]:
    """The 91 papers of tests/data/council_papers_27.csv (made from public sources, see
    tests/data/README.md) as the fixture takes them; the reference is the paper id."""
    path = Path(__file__).parent / "data" / "council_papers_27.csv"
    with path.open(encoding="utf-8") as f:
        return [
            {
                "id": r["paper_id"],
                "name": r["name"],
                "reference": r["paper_id"].upper(),
                "date": r["date"],
                "paper_type": r["paper_type"],
                "text": r["text"],
            }
            for r in csv.DictReader(f)
        ]


def synthetic_papers(n: int, with_text: bool = True) -> list[dict]:
    """`n` papers as the fixture takes them, ids '1' … 'n'."""
    kinds = ("Antrag", "Beschlussvorlage", "Anfrage", "Mitteilung")
    return [
        {
            "id": str(i),
            "name": f"Radschnellweg Ruhr, Abschnitt {i}",
            "reference": f"{i:05d}/2025",
            "date": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            "paper_type": kinds[i % len(kinds)],
            "text": f"Die Verbandsversammlung beschließt den Abschnitt {i}." if with_text else None,
        }
        for i in range(1, n + 1)
    ]


@dataclass
class Fault:
    """An answer other than the object: `status` 404/429/500, or a body cut in half
    (`truncate`), for the next `times` requests of a target (0: every time)."""

    status: int = 200
    retry_after: str | None = None
    truncate: bool = False
    times: int = 1


class OParlServer:
    """`papers`: dicts with id (suffix), name, reference, date, paper_type, text (the main
    file's text or None) and optionally files (False: a paper without files), modified,
    deleted. `meetings`: dicts with id and papers (suffixes on its agenda); by default one
    meeting per ten papers. `files_by_url`: papers name their files by URL only, so each is
    a request of its own. `faults`: request target (path, or path?query) → Fault."""

    def __init__(
        self,
        papers: list[dict],
        meetings: list[dict] | None = None,
        page_size: int = 2,
        faults: dict[str, Fault] | None = None,
        files_by_url: bool = False,
        block_at: int | None = None,
    ):
        self.papers = {p["id"]: {"modified": OLD, "files": True, **p} for p in papers}
        ids = list(self.papers)
        if meetings is None:
            meetings = [
                {"id": str(k // 10 + 1), "papers": ids[k : k + 10]} for k in range(0, len(ids), 10)
            ]
        self.meetings = {m["id"]: {"modified": OLD, **m} for m in meetings}
        self.page_size = page_size
        self.faults = dict(faults or {})
        self.files_by_url = files_by_url
        self.block_at = block_at
        self.reached = threading.Event()  # request `block_at` has arrived
        self.release = threading.Event()  # let it go on
        self.requests: list[str] = []  # targets (path?query) in the order they came
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], dict] = {}

    # the test's side

    def __enter__(self) -> OParlServer:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}/oparl"
        self.url = self.base
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def change_paper(self, pid: str, **fields) -> None:
        """Edit a paper now: its `modified` moves to the present."""
        with self._lock:
            self.papers[pid].update(fields, modified=_now())
            self._cache.pop(("paper", pid), None)

    def delete_paper(self, pid: str) -> None:
        """Soft-delete a paper, as the spec says a server must."""
        self.change_paper(pid, deleted=True)

    def count(self, fragment: str) -> int:
        """Requests whose target contains `fragment`."""
        return sum(fragment in r for r in self.requests)

    # the objects

    def system(self) -> dict:
        obj = self._example("System")
        obj.update(id=self.base, body=f"{self.base}/bodies", otherOparlVersions=[])
        return obj

    def body(self) -> dict:
        obj = self._example("Body")
        body = f"{self.base}/body/1"
        obj.update(id=body, system=self.base, name="Regionalverband Ruhr", shortName="RVR")
        for key, path in (("organization", "organizations"), ("person", "persons")):
            obj[key] = f"{body}/{path}"
        obj.update(meeting=f"{body}/meetings", paper=f"{body}/papers", ags="05")
        return obj

    def paper(self, pid: str) -> dict:
        with self._lock:
            cached = self._cache.get(("paper", pid))
            if cached is None:
                cached = self._cache[("paper", pid)] = self._paper(self.papers[pid])
            return cached

    def _paper(self, p: dict) -> dict:
        pid, base = p["id"], self.base
        if p.get("deleted"):
            return {
                "id": f"{base}/paper/{pid}",
                "type": "https://schema.oparl.org/1.1/Paper",
                "created": OLD,
                "modified": p["modified"],
                "deleted": True,
            }
        obj = self._example("Paper")
        obj.update(
            id=f"{base}/paper/{pid}",
            body=f"{base}/body/1",
            name=p["name"],
            reference=p["reference"],
            date=p["date"],
            paperType=p["paper_type"],
            modified=p["modified"],
        )
        consultation = obj["consultation"][0]
        consultation.update(
            id=f"{base}/consultation/{pid}",
            paper=f"{base}/paper/{pid}",
            agendaItem=f"{base}/agendaitem/{pid}",
            meeting=f"{base}/meeting/{self._meeting_of(pid)}",
        )
        if not p.get("files", True):
            del obj["mainFile"], obj["auxiliaryFile"]
        elif self.files_by_url:
            obj["mainFile"] = f"{base}/file/{pid}"
            obj["auxiliaryFile"] = [f"{base}/file/{pid}-a"]
        else:
            obj["mainFile"] = self.file(pid)
            obj["auxiliaryFile"] = [self.file(f"{pid}-a")]
        return obj

    def file(self, fid: str) -> dict:
        """A paper's main file ('7') or its auxiliary file ('7-a'), with the paper's text
        on the main file (File.text) and the example's on the auxiliary one."""
        pid, _, aux = fid.partition("-")
        p = self.papers[pid]
        obj = self._example("File")
        obj.pop("derivativeFile", None)
        obj.update(
            id=f"{self.base}/file/{fid}",
            name=f"Anlage zu {p['reference']}" if aux else p["name"],
            fileName=f"{p['reference'].replace('/', '-')}{'-anlage' if aux else ''}.pdf",
            accessUrl=f"{self.base}/file/{fid}.pdf",
            downloadUrl=f"{self.base}/file/download/{fid}.pdf",
            paper=[f"{self.base}/paper/{pid}"],
        )
        text = "Der Übersichtsplan zeigt alle Ebenen des ..." if aux else p.get("text")
        if text is not None:
            obj["text"] = text
        return obj

    def meeting(self, mid: str) -> dict:
        m = self.meetings[mid]
        obj = self._example("Meeting")
        template = obj["agendaItem"][0]
        obj.update(id=f"{self.base}/meeting/{mid}", name=f"{mid}. Verbandsversammlung")
        obj["modified"] = m["modified"]
        obj["organization"] = [f"{self.base}/organization/1"]
        items = []
        for n, pid in enumerate(m["papers"], start=1):
            item = copy.deepcopy(template)
            item.update(
                id=f"{self.base}/agendaitem/{pid}",
                meeting=obj["id"],
                number=str(n),
                order=n,
                name=self.papers[pid]["name"],
                consultation=f"{self.base}/consultation/{pid}",
                result="beschlossen",
            )
            items.append(item)
        obj["agendaItem"] = items
        return obj

    def _meeting_of(self, pid: str) -> str:
        for mid, m in self.meetings.items():
            if pid in m["papers"]:
                return mid
        return "0"

    def _example(self, name: str) -> dict:
        key = ("example", name)
        if key not in self._cache:
            text = (EXAMPLES / f"{name}-01.json").read_text(encoding="utf-8")
            self._cache[key] = json.loads(text.replace(EXAMPLE_BASE, self.base))
        return copy.deepcopy(self._cache[key])

    # lists

    def page(self, kind: str, query: dict[str, str]) -> dict:
        source = self.papers if kind == "papers" else self.meetings
        since = query.get("modified_since")
        ids = list(source)
        if since is not None:
            cut = datetime.fromisoformat(since)
            ids = [i for i in ids if datetime.fromisoformat(source[i]["modified"]) >= cut]
        else:  # deleted objects only on request (spec 2.5, Filter)
            ids = [i for i in ids if not source[i].get("deleted")]
        number = int(query.get("page", "1"))
        size = self.page_size
        chunk = ids[(number - 1) * size : number * size]
        make = self.paper if kind == "papers" else self.meeting
        list_url = f"{self.base}/body/1/{kind}"
        links = {"first": _page_url(list_url, query, 1)}
        if number * size < len(ids):
            links["next"] = _page_url(list_url, query, number + 1)
        pages = max(1, -(-len(ids) // size))
        return {
            "data": [make(i) for i in chunk],
            "pagination": {
                "totalElements": len(ids),
                "elementsPerPage": size,
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }

    def answer(self, target: str) -> tuple[int, dict]:
        """(status, document) for a request target, faults aside."""
        parts = urllib.parse.urlsplit(target)
        query = dict(urllib.parse.parse_qsl(parts.query))
        path = parts.path.removeprefix("/oparl").strip("/").split("/")
        empty = {"data": [], "pagination": {}, "links": {}}
        try:
            match path:
                case [""]:
                    return 200, self.system()
                case ["bodies"]:
                    return 200, {"data": [self.body()], "pagination": {}, "links": {}}
                case ["body", "1"]:
                    return 200, self.body()
                case ["body", "1", ("papers" | "meetings") as kind]:
                    return 200, self.page(kind, query)
                case ["body", "1", ("organizations" | "persons")]:
                    return 200, empty
                case ["paper", pid]:
                    return 200, self.paper(pid)
                case ["meeting", mid]:
                    return 200, self.meeting(mid)
                case ["file", fid]:
                    return 200, self.file(fid)
        except KeyError:
            pass
        return 404, {
            "type": "https://schema.oparl.org/1.1/Error",
            "message": "Objekt nicht gefunden",
            "debug": target,
        }

    def fault(self, target: str) -> Fault | None:
        with self._lock:
            path = urllib.parse.urlsplit(target).path
            for key in (target, path):
                fault = self.faults.get(key)
                if fault is not None:
                    if fault.times == 1:
                        del self.faults[key]
                    elif fault.times > 1:
                        fault.times -= 1
                    return fault
        return None


def _handler(server: OParlServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            with server._lock:
                server.requests.append(self.path)
                number = len(server.requests)
            if server.block_at is not None and number == server.block_at:
                server.reached.set()
                server.release.wait(timeout=30)
            fault = server.fault(self.path)
            status, doc = server.answer(self.path)
            if fault is not None and fault.status != 200:
                status, doc = fault.status, {"type": "https://schema.oparl.org/1.1/Error"}
            body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            if fault is not None and fault.truncate:
                body = body[: len(body) // 2]
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if fault is not None and fault.retry_after is not None:
                    self.send_header("Retry-After", fault.retry_after)
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client was killed while this request was held
                pass

        def log_message(self, *args) -> None:
            pass

    return Handler


def _page_url(list_url: str, query: dict[str, str], number: int) -> str:
    """A page's URL with the filters kept, as the spec requires of `links`."""
    kept = {k: v for k, v in query.items() if k != "page"}
    return f"{list_url}?{urllib.parse.urlencode({**kept, 'page': number})}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
