"""All UI text in one place. German now; an English table can be added without touching
the views (set STRINGS = EN)."""

from __future__ import annotations

DE = {
    "page_title": "Ruhr-Wahlversprechen",
    "title": "Was versprechen die Parteien für das Ruhrgebiet?",
    "intro": (
        "Wahlprogramme zur Wahl des Ruhrparlaments, zerlegt in einzelne Versprechen, nach "
        "Themen geordnet und den 53 Kommunen des Regionalverbands Ruhr zugeordnet."
    ),
    "building": (
        "Datenbank wird aufgebaut … (beim ersten Aufruf nach einer Änderung einige Sekunden)"
    ),
    "stale_data": "Daten vom {date}; die Aktualisierung ist fehlgeschlagen.",
    "export_failed": (
        "Diese Datei konnte gerade nicht erzeugt werden. Bitte versuchen Sie es erneut "
        "oder laden Sie ein anderes Format herunter."
    ),
    "x_notice": "Hinweis",
    "reviewed_badge": "geprüft",
    "found_automatically": "automatisch erkannt",
    "pair_confirmed": "Von einer Person als dieselbe Verpflichtung bestätigt.",
    "updating_data": "Daten vom {date}; neuere Daten werden gerade aufbereitet.",
    "data_unavailable": (
        "Die Daten können gerade nicht geladen werden. Bitte versuchen Sie es später erneut."
    ),
    "page_error": (
        "Diese Ansicht konnte nicht angezeigt werden. Bitte laden Sie die Seite neu oder "
        "ändern Sie die Filter."
    ),
    "building_progress": "Programm {done} von {total} gelesen ({document})",
    # sidebar
    "filters": "Filter",
    "party": "Partei",
    "topic": "Thema",
    "all_parties": "Alle Parteien",
    "all_topics": "Alle Themen",
    "commitment": "Verbindlichkeit",
    "commitment_help": (
        "Prüfbar: eine konkrete Maßnahme, Einrichtung, Zahl, Frist oder ein Ort, deren "
        "Umsetzung man nachprüfen kann. Allgemein: eine Richtung ohne prüfbares Ergebnis. "
        "Keine Zusage: Leitsatz, Definition oder Begründung, die in einer Liste steht."
    ),
    "commitment_pruefbar": "prüfbar",
    "commitment_allgemein": "allgemein",
    "commitment_keine": "keine Zusage",
    "commitment_why": "Erkannt: {evidence}",
    "commitment_why_default": "Keine konkrete Maßnahme, Zahl, Frist oder Einrichtung erkannt.",
    "commitment_why_reviewed": (
        "Geprüft: {reason}. Die Regeln hatten „{before}“ ergeben ({rules})"
    ),
    "context_before": "Davor im Programm:",
    "source": "Quelle",
    "source_line": "Zeile {n}",
    "source_page": "S. {n}",
    "all_links": "Alle Arten",
    "municipality": "Kommune",
    "municipality_all": "Alle Kommunen",
    "site": "Ort",
    "site_all": "Alle Orte",
    "link": "Art des Ortsbezugs",
    "search": "Suche im Text",
    "search_help": "Groß-/Kleinschreibung egal; „oepnv“ findet „ÖPNV“.",
    "basemap": "Kartenhintergrund",
    "basemap_light": "Hell (Kartenkacheln)",
    "basemap_none": "Keiner (offline, druckfreundlich)",
    "screenshot_mode": "Screenshot-Modus",
    "view_programm": "Im Programm lesen",
    "chart_description": "Balkendiagramm: {title}. Die Zahlen stehen auch in der Tabelle.",
    "programme_none": (
        "Wählen Sie auf der Karte oder in der Liste ein Versprechen und dort „Im Programm "
        "lesen“: Hier steht dann das Programm, an der Stelle des Versprechens."
    ),
    "programme_heading": "{document} ({year})",
    "programme_chapter": "Kapitel",
    "programme_original": "Original öffnen",
    "programme_copy_note": (
        "Der Text so, wie diese Anwendung ihn aus dem Programm gelesen hat; die Zeilen "
        "sind die der Quelle. Gelb: das Versprechen."
    ),
    "read_in_programme": "Im Programm lesen",
    "screenshot_back": "← Zurück zur Ansicht mit Filtern (Esc)",
    "screenshot_help": (
        "Blendet alle Bedienelemente aus, für Bildschirmfotos. Zurück mit der Esc-Taste "
        "(oder den Parameter mode aus der Adresse entfernen)."
    ),
    "kreisfrei": "Kreisfreie Städte",
    "note_dropped": "Ungültige Angabe in der Adresse ignoriert: {keys}",
    # map
    "map_title_all": "Ortsbezogene Wahlversprechen im Ruhrgebiet",
    "map_title_filters": "Filter: {filters}",
    "map_title_town": "Wahlversprechen für {name}",
    "programmes_one": "Programm",
    "programmes_many": "Programme",
    "map_title_none": "alle Parteien, alle Themen",
    "legend_title": "Versprechen für die Kommune: nennt sie oder einen Ort in ihr",
    "legend_title_groups": (
        "Versprechen für die Kommune: nennt sie, einen Ort in ihr oder eine Gruppe, "
        "zu der sie gehört"
    ),
    "legend_title_themes": (
        "Versprechen für die Kommune: nennt sie, einen Ort in ihr oder Orte ihrer Art"
    ),
    "legend_title_groups_themes": (
        "Versprechen für die Kommune: nennt sie, einen Ort in ihr, eine Gruppe, zu der sie "
        "gehört, oder Orte ihrer Art"
    ),
    "legend_dashed": "gestrichelt: nur über ihre Orte gezählt (thematisch)",
    "legend_features": "Orte der Themen (Quadrate):",
    "tooltip_plus_group": "+{n} über Gruppe, nicht gezählt",
    "tooltip_of_which_group": "davon {n} über Gruppe",
    "tooltip_of_which_theme": "davon {n} über ihre Orte",
    "tooltip_plus_theme": "+{n} über ihre Orte, nicht gezählt",
    "role_note_example": "als Vorbild genannt",
    "role_note_context": "nur beschreibend erwähnt",
    "groups_counted": "auch über Gruppen gezählt",
    "groups_toggle": "Auch über Gruppen zählen (Kreis, Teilregion, Verbund)",
    "groups_help": (
        "Ein Versprechen für den Kreis Unna oder die Universitätsallianz betrifft jede "
        "Kommune darin. Ausgeschaltet zählt die Karte nur Versprechen, die die Kommune "
        "oder einen Ort in ihr nennen."
    ),
    "themes_toggle": "Auch über ihre Orte zählen (RVR-Wälder, Halden, RS1, Hochschulen …)",
    "themes_help": (
        "Ein Versprechen für „die RVR-Wälder“ oder „die Hochschulen der Region“ betrifft "
        "die Kommunen, in denen solche Orte liegen (Liste mit Quellen in geo/features.csv). "
        "Eingeschaltet zählt die Karte diese Versprechen mit; Kommunen, die nur so gezählt "
        "werden, sind gestrichelt umrandet."
    ),
    "features_toggle": "Orte der Themen auf der Karte zeigen",
    "features_help": (
        "Zeigt RVR-Wälder, Halden, Hochschulen und Ankerpunkte der Route der Industriekultur "
        "als kleine Quadrate. RS1 und Emscher sind Linien ohne eigene Punkte; ihre "
        "Kommunen stehen in der Liste."
    ),
    "legend_zero": "keine (0)",
    "legend": "Legende",
    "inset_title": "Lage im Ruhrgebiet",
    "map_frame_title": "Karte der Wahlversprechen im Ruhrgebiet",
    "zoom_in": "Vergrößern",
    "zoom_out": "Verkleinern",
    "map_empty": (
        "Unter diesen Filtern nennt kein Versprechen eine Kommune oder einen Ort in ihr – "
        "darum ist die Karte grau. Die Versprechen für die ganze Region stehen unten."
    ),
    "kreisfrei_one": "kreisfreie Stadt",
    "town_in_kreis": "{kind} im {kreis}",
    "legend_kreis": "Kreisgrenze",
    "legend_outline": "Grenze RVR",
    "tooltip_total": "Versprechen für die Kommune",
    "attribution_bkg": "Grenzen: © GeoBasis-DE / BKG 2013 (Daten verändert), dl-de/by-2-0",
    "attribution_tiles": "Kartenhintergrund: © OpenStreetMap-Mitwirkende, © CARTO",
    "popup_none": "Keine Versprechen unter den aktuellen Filtern.",
    "map_hint": "Klick auf eine Kommune wählt sie aus.",
    # municipality view
    "profile": "Profil: {name}",
    "profile_counts": "Versprechen für die Kommune: nennen sie oder einen Ort in ihr",
    "profile_counts_groups": (
        "Versprechen für die Kommune: nennen sie, einen Ort in ihr oder eine Gruppe, zu der "
        "sie gehört"
    ),
    "profile_counts_themes": (
        "Versprechen für die Kommune: nennen sie, einen Ort in ihr oder Orte ihrer Art"
    ),
    "profile_counts_groups_themes": (
        "Versprechen für die Kommune: nennen sie, einen Ort in ihr, eine Gruppe, zu der sie "
        "gehört, oder Orte ihrer Art"
    ),
    "profile_plus_theme": "+{n} über ihre Orte (nicht gezählt)",
    "profile_counts_help": (
        "Gezählt wird, was die Kommune oder einen Ort in ihr nennt (mit dem Schalter "
        "„Auch über Gruppen zählen“ auch Versprechen für Kreis, Teilregion oder Verbund); "
        "nicht, wo sie nur als Vorbild oder beschreibend erwähnt wird."
    ),
    "profile_plus_group": "+{n} über Gruppen (nicht gezählt)",
    "section_direct": "Nennen {name} oder einen Ort dort ({n})",
    "section_group": "Für eine Gruppe, zu der {name} gehört ({n})",
    "section_thematic": "Betrifft {name} über ihre Orte ({n})",
    "section_thematic_help": (
        "Diese Versprechen nennen {name} nicht, aber eine Art von Ort, die es dort gibt "
        "(RVR-Wälder, Halden, den RS1, Hochschulen, die Route der Industriekultur, die "
        "Emscher). Welcher Ort es ist, steht bei jedem Versprechen."
    ),
    "section_example": "Als Vorbild genannt ({n})",
    "section_context": "Nur beschreibend erwähnt ({n})",
    "specific_none": (
        "Keine Partei nennt {name}, einen Ort dort oder eine Gruppe, zu der die Kommune "
        "gehört – unter den aktuellen Filtern."
    ),
    "region_wide": "Für die ganze Region ({n} Versprechen)",
    "all_pledges": "Alle Versprechen ({n})",
    "no_results": "Keine Versprechen passen zu diesen Filtern.",
    "reason": "Bezug",
    "kind_bullet": "Aufzählungspunkt",
    "kind_goal": "Ziel",
    "kind_statement": "Aussage",
    "page": "Seite",
    "page_of": "Seite {page} von {pages}",
    "years_differ": (
        "Hinweis: Die Programme stammen aus verschiedenen Wahlen ({years}); "
        "Jahreszahlen stehen bei jeder Partei."
    ),
    # charts and counts
    "counts": "Anzahl nach Partei und Thema",
    "chart_as_table": "Als Tabelle",
    "chart_title": "Versprechen je Partei und Thema",
    "col_party": "Partei",
    "col_topic": "Thema",
    "col_count": "Anzahl",
    # views
    "view": "Ansicht",
    "sidebar_button": "Filter",  # beside the collapsed sidebar's control
    "picker_empty": "Keine Treffer",  # a picker whose search finds nothing
    "view_karte": "Karte und Versprechen",
    "view_vergleich": "Parteien vergleichen",
    "view_korrekturen": "Korrekturen",
    "corrections_title": "Korrekturen",
    "corrections_intro": (
        "Was Menschen an der Auswertung geändert haben. Regeln ordnen jedes Versprechen "
        "automatisch ein; wo eine Person eine Einordnung geprüft und geändert hat, steht es "
        "hier: mit Datum, Begründung und dem, was die Regeln vorher ergeben hatten."
    ),
    "corrections_none": "Bisher hat niemand eine Einordnung geändert.",
    "corrections_before": "vorher",
    "corrections_after": "jetzt",
    "corrections_by": "Begründung",
    "corrections_source": "Beleg",
    "review_field_not_a_pledge": "kein Versprechen",
    "review_field_commitment": "Verbindlichkeit",
    "review_field_topic": "Thema",
    "review_field_context": "Satz davor",
    "review_field_place": "Ortsbezug",
    "review_field_pair": "Gegenstück",
    "review_link_removed": "kein Bezug zu diesem Ort",
    "view_redaktion": "Redaktion",
    "review_title": "Redaktion",
    "review_password": "Passwort der Redaktion",
    "review_sign_in": "Anmelden",
    "review_wrong_password": "Das Passwort stimmt nicht.",
    "review_reviewer": "Ihr Name (steht bei jeder Entscheidung)",
    "review_queue_size": "{n} Einordnungen, die unsichersten zuerst.",
    "review_page": "Seite",
    "review_other": "Gegenstück",
    "review_rules_say": "Die Regeln sagen",
    "review_decision": "Ihre Entscheidung",
    "review_context": "Satz davor (leer: keiner nötig)",
    "review_not_a_pledge": "Das ist kein Versprechen (ausblenden)",
    "review_reason": "Begründung",
    "review_source_url": "Beleg (Adresse, freiwillig)",
    "review_save": "Entscheidung speichern",
    "review_needs_reason": "Bitte Ihren Namen und eine Begründung angeben.",
    "review_saved": (
        "Gespeichert. Die Änderung erscheint, sobald die Daten neu aufbereitet sind "
        "(beim nächsten Seitenaufruf)."
    ),
    "review_read_only": (
        "Der Ordner data/reviews kann hier nicht beschrieben werden. {n} neue Entscheidungen "
        "liegen zum Herunterladen bereit: die Datei gehört nach data/reviews/ im Repository."
    ),
    "review_download": "Neue Entscheidungen als CSV herunterladen",
    "review_pair_confirmed": "dieselbe Verpflichtung",
    "review_pair_rejected": "nicht dieselbe Verpflichtung",
    "review_pair_possible": "mögliches Gegenstück",
    "level_common": "Gemeinsamkeit",
    "similar_title": "Ähnliche Versprechen ({n} Paare)",
    "similar_help": (
        "Automatisch gefundene mögliche Gegenstücke, die noch niemand geprüft hat: gleiche "
        "Wörter oder ähnliche Bedeutung, aber nicht sicher dieselbe Verpflichtung. Je Thema "
        "die {n} ähnlichsten."
    ),
    "similar_topic": "{topic} ({n} Paare)",
    "level_weak": "schwach ähnlich",
    "level_none": "nicht vorgeschlagen",
    "x_reviewed": "Von einer Person geprüft",
    "status_heading": "Umsetzung",
    "status_summary": "Umsetzung abgelaufener Wahlperioden",
    "status_summary_help": (
        "Prüfbare Versprechen je Partei und Thema nach ihrer Umsetzung: {rated} von {total} "
        "sind mit einem Beleg bewertet, die übrigen noch nicht."
    ),
    "status_summary_row": "Partei · Thema",
    "status_umgesetzt": "umgesetzt",
    "status_teilweise_umgesetzt": "teilweise umgesetzt",
    "status_begonnen": "begonnen",
    "status_nicht_umgesetzt": "nicht umgesetzt",
    "status_nicht_pruefbar": "nicht prüfbar",
    "status_nicht_bewertet": "noch nicht bewertet",
    "status_filter": "Umsetzung",
    "status_all": "Alle, auch laufende Wahlperioden",
    "status_filter_help": (
        "Was aus den Versprechen abgelaufener Wahlperioden geworden ist. Bewertet wird nur "
        "mit einem Beleg (etwa einer Drucksache); alles andere ist „noch nicht bewertet“."
    ),
    "review_tab_queue": "Unsichere Einordnungen",
    "review_tab_status": "Umsetzung bewerten",
    "review_status_none": "Keine Wahlperiode ist abgelaufen: noch ist nichts zu bewerten.",
    "review_status_help": (
        "Prüfbare Versprechen abgelaufener Wahlperioden, die noch nicht bewerteten zuerst. "
        "Jede Bewertung braucht einen Beleg: Adresse, Titel, Datum und ein kurzes Zitat."
    ),
    "review_status_pledge": "Versprechen",
    "review_status_now": "Bisher",
    "review_evidence_title": "Titel des Belegs (etwa die Drucksache)",
    "review_evidence_date": "Datum des Belegs",
    "review_evidence_quote": "Zitat aus dem Beleg",
    "review_status_needs": (
        "Bitte Ihren Namen, eine Begründung und den ganzen Beleg angeben (Adresse mit http)."
    ),
    "status_evidence": "Beleg",
    "status_rated": (
        "Umsetzung: {rated} von {total} Versprechen abgelaufener Wahlperioden bewertet."
    ),
    "x_status": "Umsetzung",
    "x_status_url": "Beleg der Umsetzung",
    "x_status_date": "Beleg vom",
    "yes": "ja",
    "no": "nein",
    "x_review_note": "Prüfung",
    # comparison
    "compare_title": "Parteien vergleichen",
    "compare_years": (
        "Die Programme stammen aus verschiedenen Wahlen ({years}). Gemeinsamkeiten heißen: "
        "Beide Programme fordern Ähnliches – nicht, dass die Parteien es gleichzeitig wollten."
    ),
    "shares_title": "Anteil der Versprechen je Thema (in % der Versprechen der Partei)",
    "col_share": "Anteil",
    "common_title": "Gemeinsamkeiten ({n} Paare)",
    "common_help": (
        "Paare von Versprechen verschiedener Parteien, die dasselbe zusagen: von einer Person "
        "bestätigt („geprüft“) oder automatisch erkannt, weil sie dieselben spezifischen "
        "Begriffe verwenden und Ähnliches meinen (ab Ähnlichkeit {threshold}; die Bedeutung "
        "misst ein Satz-Embedding-Modell); die gemeinsamen Begriffe stehen dabei."
    ),
    "common_none": "Keine Gemeinsamkeiten unter diesen Filtern.",
    "shared_terms": "Gemeinsame Begriffe",
    "similarity": "Ähnlichkeit",
    "only_title": "Nur bei {party} ({n} Versprechen ohne erkanntes Gegenstück)",
    "only_help": (
        "Ohne erkanntes Gegenstück heißt: Kein Versprechen der anderen Partei kommt ihm in "
        "Worten oder Bedeutung auch nur nahe. Versprechen mit einem möglichen Gegenstück "
        "stehen hier nicht, auch wenn sie nicht unter den Gemeinsamkeiten sind – ein "
        "Ausgangspunkt zum Lesen, kein Beleg."
    ),
    "compare_map_title": "Wer verspricht wo mehr?",
    "party_a": "Partei A",
    "party_b": "Partei B",
    "compare_a_strong": "{a}: mindestens 3 mehr",
    "compare_a": "{a}: 1–2 mehr",
    "compare_equal": "gleich viele",
    "compare_b": "{b}: 1–2 mehr",
    "compare_b_strong": "{b}: mindestens 3 mehr",
    "compare_none": "keine ortsbezogenen Versprechen",
    "compare_need_two": "Für den Vergleich werden zwei Parteien gebraucht.",
    # downloads
    "downloads": "Herunterladen",
    "copy_link": "Link kopieren",
    "filters_open": "Filter öffnen",
    "filters_close": "Filter schließen",
    "copy_link_done": "Link kopiert – er enthält alle Filter.",
    "download_csv": "Versprechen als CSV",
    "download_xlsx": "Versprechen als Excel",
    "download_png": "Karte als PNG",
    "download_pdf": "Karte als PDF",
    "download_html": "Karte als HTML",
    # table headers of exports
    "x_pledge_id": "ID",
    "x_party": "Partei",
    "x_year": "Jahr",
    "x_document": "Programm",
    "x_section": "Kapitel",
    "x_subsection": "Abschnitt",
    "x_kind": "Art",
    "x_topic": "Hauptthema",
    "x_topics": "Themen",
    "x_text": "Text",
    "x_places": "Ortsbezug",
    "x_link_types": "Art des Ortsbezugs",
    "x_role": "Rolle des Ortes",
    "x_role_target": "Versprechen für den Ort",
    "x_role_example": "als Vorbild genannt",
    "x_role_context": "nur beschreibend erwähnt",
    "x_role_region": "ganze Region",
    "x_commitment": "Verbindlichkeit",
    "x_commitment_evidence": "Verbindlichkeit begründet durch",
    "x_context": "Kontext (Satz davor)",
    "x_source_line": "Zeile",
    "x_source_page": "Seite",
    "x_read": "Im Programm lesen (URL)",
    "x_url": "Original (URL)",
    "commitment_counts": "Verbindlichkeit der Versprechen je Partei",
    "commitment_share": "Anteil prüfbar",
    "commitment_counts_help": (
        "Prüfbar heißt: Man kann später nachsehen, ob es umgesetzt wurde (Maßnahme, "
        "Einrichtung, Zahl, Frist, Ort genannt). Gezählt werden alle Versprechen der Partei "
        "unter dem Themenfilter."
    ),
}

STRINGS = DE


def t(key: str, **values) -> str:
    text = STRINGS[key]
    return text.format(**values) if values else text


# Streamlit's and Vega's own English labels (aria-label, aria-roledescription, title,
# placeholder) in German;
# dashboard/views.py page_helper applies them in the page as it changes. Exact texts,
# then prefixes ("Help for Thema" -> "Hilfe zu Thema"). README lists what stays English.
FRAMEWORK_LABELS = {
    "Sidebar": "Filterleiste",
    "App pages": "Seiten der Anwendung",
    "Clear all": "Alle entfernen",
    "Clear": "Entfernen",
    "Increment": "Erhöhen",
    "Decrement": "Verringern",
    "Skip to main content": "Zum Inhalt springen",
    "Collapse sidebar": "Filter schließen",
    "Expand sidebar": "Filter öffnen",
    "Link to heading": "Link zu dieser Überschrift",
    "Open": "Öffnen",
    "Close": "Schließen",
    "Selected values": "Ausgewählte Werte",
    "Choose an option": "Bitte wählen",
    "Copy Vega-Lite spec": "Diagrammdefinition kopieren",
    "Download as PNG": "Als PNG herunterladen",
    "Download as SVG": "Als SVG herunterladen",
    "Show data": "Daten zeigen",
    "Fullscreen": "Vollbild",
    "View fullscreen": "Vollbild",
    "Exit fullscreen": "Vollbild beenden",
    "Close fullscreen": "Vollbild beenden",
    "Vega visualization": "Diagramm",
    "st.iframe": "Eingebettete Ansicht",
    # Vega's roles of chart parts (aria-roledescription)
    "visualization": "Diagramm",
    "group mark container": "Gruppe",
    "rect mark container": "Balken",
    "title": "Titel",
    "axis": "Achse",
    "legend": "Legende",
    "bar": "Balken",
}
FRAMEWORK_PREFIXES = {
    "Help for ": "Hilfe zu ",
    "Remove ": "Entfernen: ",
}
