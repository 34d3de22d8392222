"""All UI text in one place (German); an English table can be added without touching views."""

DE = {
    "page_title": "Ruhr-Wahlversprechen",
    "title": "Was versprechen die Parteien für das Ruhrgebiet?",
    "intro": (
        "Wahlprogramme zur Wahl des Ruhrparlaments, zerlegt in einzelne Versprechen und "
        "nach Themen geordnet. Die Karte folgt."
    ),
    "building": "Datenbank wird aufgebaut …",
    "pledges_per_party": "Versprechen je Partei",
    "pledges_per_topic": "Versprechen je Thema",
    "col_party": "Partei",
    "col_year": "Jahr",
    "col_topic": "Thema",
    "col_count": "Anzahl",
}

STRINGS = DE


def t(key: str) -> str:
    return STRINGS[key]
