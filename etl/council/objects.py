"""One OParl 1.0/1.1 object to rows by column name (pure). An object that lacks `id` or `type`,
is of another type than expected, or has a field of the wrong JSON type raises `Malformed`
with the problem; the importer writes `<object URL>: <problem>` and skips the object.
Fields the spec does not require may be absent (NULL); a soft-deleted object keeps only
`id`, `type` and `modified` (spec 2.8), so it becomes a tombstone row."""

from __future__ import annotations

from datetime import date, datetime


class Malformed(ValueError):
    """The object cannot be stored: the message says why, in one line."""


def type_name(obj: dict) -> str:
    """'Paper' for 'https://schema.oparl.org/1.1/Paper' (1.0 and 1.1 alike)."""
    return str(obj.get("type", "")).rstrip("/").rsplit("/", 1)[-1]


def object_id(obj: object, expected: str) -> str:
    """The object's id, after checking it is a JSON object of type `expected`."""
    if not isinstance(obj, dict):
        raise Malformed(f"expected a {expected} object, got {_json_type(obj)}")
    oid = obj.get("id")
    if not isinstance(oid, str) or not oid.strip():
        raise Malformed(f"{expected} without an id")
    if "type" not in obj:
        raise Malformed(f"{expected} without a type")
    if not isinstance(obj["type"], str) or type_name(obj) != expected:
        raise Malformed(f"type is {obj['type']!r}, expected {expected}")
    return oid


def where(obj: object, fallback: str) -> str:
    """The URL a problem line names: the object's id when it has one."""
    oid = obj.get("id") if isinstance(obj, dict) else None
    return oid if isinstance(oid, str) and oid.strip() else fallback


def is_deleted(obj: dict) -> bool:
    return _bool(obj, "deleted") is True


def list_page(doc: object) -> tuple[list, str | None]:
    """A list page's objects and the URL of the next page (None on the last)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        raise Malformed(f"not an OParl list page (expected {{'data': [...]}}, got {_brief(doc)})")
    links = doc.get("links") or {}
    if not isinstance(links, dict):
        raise Malformed("links is not an object")
    nxt = links.get("next")
    if nxt is not None and (not isinstance(nxt, str) or not nxt.strip()):
        raise Malformed(f"links.next is not a URL: {nxt!r}")
    return doc["data"], nxt or None


def system(doc: object) -> tuple[str, str]:
    """(System id, URL of its list of bodies): what the walk starts from."""
    sid = object_id(doc, "System")
    body = _str(doc, "body")
    if body is None:
        raise Malformed("System without a body list")
    return sid, body


def body_row(obj: dict, system_id: str | None) -> dict:
    bid = object_id(obj, "Body")
    if is_deleted(obj):
        return _tombstone("council_bodies", bid, obj, system_id=system_id)
    return {
        "id": bid,
        "system_id": _str(obj, "system") or system_id,
        "name": _str(obj, "name"),
        "short_name": _str(obj, "shortName"),
        "ags": _str(obj, "ags"),
        "website": _str(obj, "website"),
        "meeting_list": _str(obj, "meeting"),
        "paper_list": _str(obj, "paper"),
        "web": _str(obj, "web"),
        "modified": _datetime(obj, "modified"),
        "deleted": False,
    }


def paper_row(obj: dict, body_id: str) -> dict:
    pid = object_id(obj, "Paper")
    if is_deleted(obj):
        return _tombstone("council_papers", pid, obj, body_id=_str(obj, "body") or body_id)
    main = obj.get("mainFile")
    if main is not None and not isinstance(main, dict | str):
        raise Malformed(f"mainFile is {_json_type(main)}, expected a File object or URL")
    return {
        "id": pid,
        "body_id": _str(obj, "body") or body_id,
        "name": _str(obj, "name"),
        "reference": _str(obj, "reference"),
        "date": _date(obj, "date"),
        "paper_type": _str(obj, "paperType"),
        "main_file_id": main if isinstance(main, str) else (main or {}).get("id"),
        "web": _str(obj, "web"),
        "modified": _datetime(obj, "modified"),
        "deleted": False,
    }


def paper_files(obj: dict) -> list[tuple[str, object]]:
    """The paper's files as (role, File object or URL): main first, then auxiliary."""
    files: list[tuple[str, object]] = []
    if obj.get("mainFile") is not None:
        files.append(("main", obj["mainFile"]))
    for item in _list(obj, "auxiliaryFile"):
        files.append(("auxiliary", item))
    return files


def file_row(obj: dict, paper_id: str, role: str) -> dict:
    """A paper's File. Only a main file keeps its text: that is the paper itself, while
    auxiliary files (plans, tables) would multiply the database for little reading."""
    fid = object_id(obj, "File")
    access = _str(obj, "accessUrl")
    if access is None:
        raise Malformed("File without accessUrl")
    size = obj.get("size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool)):
        raise Malformed(f"size is {_json_type(size)}, expected an integer")
    text = _str(obj, "text")
    return {
        "paper_id": paper_id,
        "id": fid,
        "role": role,
        "name": _str(obj, "name"),
        "file_name": _str(obj, "fileName"),
        "mime_type": _str(obj, "mimeType"),
        "size": size,
        "date": _date(obj, "date"),
        "access_url": access,
        "download_url": _str(obj, "downloadUrl"),
        "text": text if role == "main" else None,
        "modified": _datetime(obj, "modified"),
    }


def consultation_row(obj: dict, paper_id: str | None) -> dict:
    cid = object_id(obj, "Consultation")
    return {
        "id": cid,
        "paper_id": _str(obj, "paper") or paper_id,
        "agenda_item_id": _str(obj, "agendaItem"),
        "meeting_id": _str(obj, "meeting"),
        "role": _str(obj, "role"),
        "authoritative": _bool(obj, "authoritative"),
    }


def paper_consultations(obj: dict) -> list[object]:
    return _list(obj, "consultation")


def meeting_row(obj: dict, body_id: str) -> dict:
    mid = object_id(obj, "Meeting")
    if is_deleted(obj):
        return _tombstone("council_meetings", mid, obj, body_id=body_id)
    location = obj.get("location")
    if location is not None and not isinstance(location, dict | str):
        raise Malformed(f"location is {_json_type(location)}, expected a Location")
    return {
        "id": mid,
        "body_id": body_id,
        "name": _str(obj, "name"),
        "meeting_state": _str(obj, "meetingState"),
        "cancelled": _bool(obj, "cancelled"),
        "start_time": _datetime(obj, "start"),
        "end_time": _datetime(obj, "end"),
        "location": _str(location, "description") if isinstance(location, dict) else None,
        "organization_ids": _urls(obj, "organization"),
        "web": _str(obj, "web"),
        "modified": _datetime(obj, "modified"),
        "deleted": False,
    }


def meeting_agenda(obj: dict) -> list[object]:
    return _list(obj, "agendaItem")


def agenda_item_row(obj: dict, meeting_id: str) -> dict:
    """An agenda item; its paper comes later from council_consultations (the paper's
    consultation names the agenda item; the item names only the consultation)."""
    aid = object_id(obj, "AgendaItem")
    order = obj.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        raise Malformed(f"order is {_json_type(order)}, expected an integer")
    consultation = obj.get("consultation")
    if isinstance(consultation, dict):
        consultation = where(consultation, "")
    elif consultation is not None and not isinstance(consultation, str):
        raise Malformed(f"consultation is {_json_type(consultation)}, expected a URL")
    return {
        "id": aid,
        "meeting_id": _str(obj, "meeting") or meeting_id,
        "position": order,
        "number": _str(obj, "number"),
        "name": _str(obj, "name"),
        "public": _bool(obj, "public"),
        "result": _str(obj, "result"),
        "resolution_text": _str(obj, "resolutionText"),
        "consultation_id": consultation or None,
        "paper_id": None,
        "modified": _datetime(obj, "modified"),
    }


_TOMBSTONE_KEPT = {"id", "body_id", "system_id", "modified", "deleted"}
COLUMNS = {
    "council_bodies": [
        "id", "system_id", "name", "short_name", "ags", "website", "meeting_list",
        "paper_list", "web", "modified", "deleted",
    ],
    "council_papers": [
        "id", "body_id", "name", "reference", "date", "paper_type", "main_file_id", "web",
        "modified", "deleted",
    ],
    "council_meetings": [
        "id", "body_id", "name", "meeting_state", "cancelled", "start_time", "end_time",
        "location", "organization_ids", "web", "modified", "deleted",
    ],
}  # fmt: skip


def _tombstone(table: str, oid: str, obj: dict, **parent) -> dict:
    """What is left of a deleted object: its id, parent, modified and the mark. The spec
    lets the server drop the rest, and a de-published object must not linger here."""
    row = {c: None for c in COLUMNS[table]}
    row.update({"id": oid, "modified": _datetime(obj, "modified"), "deleted": True})
    row.update({k: v for k, v in parent.items() if k in _TOMBSTONE_KEPT})
    return row


def _typed(obj: dict, key: str, kind: type, expected: str):
    value = obj.get(key)
    if value is not None and not isinstance(value, kind):
        raise Malformed(f"{key} is {_json_type(value)}, expected {expected}")
    return value


def _str(obj: dict, key: str) -> str | None:
    return _typed(obj, key, str, "a string")


def _bool(obj: dict, key: str) -> bool | None:
    return _typed(obj, key, bool, "true or false")


def _date(obj: dict, key: str) -> date | None:
    value = _str(obj, key)
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:  # some servers give a date-time where the spec says date
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise Malformed(f"{key} is not a date (YYYY-MM-DD): {value!r}") from None


def _datetime(obj: dict, key: str) -> str | None:
    """An ISO 8601 date-time, checked and kept as served (its offset matters)."""
    value = _str(obj, key)
    if value is None or value == "":
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise Malformed(f"{key} is not an ISO 8601 date-time: {value!r}") from None
    return value


def _list(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Malformed(f"{key} is {_json_type(value)}, expected a list")
    return value


def _urls(obj: dict, key: str) -> list[str] | None:
    values = _list(obj, key)
    if any(not isinstance(v, str) for v in values):
        raise Malformed(f"{key} holds something other than URLs")
    return values or None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"a number ({value})"
    return names.get(type(value), type(value).__name__)


def _brief(doc: object) -> str:
    if isinstance(doc, dict):
        return "an object with " + (", ".join(sorted(map(str, doc))[:5]) or "no keys")
    return _json_type(doc)
