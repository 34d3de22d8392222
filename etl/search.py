"""Search keys that ignore case and umlaut spellings: "oepnv" finds ÖPNV."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_SPACE = re.compile(r"\s+")


def search_key(text: str) -> str:
    """Lower-case, umlauts spelled out (ä -> ae), other accents dropped, spaces folded."""
    folded = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", plain).strip()
