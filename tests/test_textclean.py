from etl.parse.textclean import join_lines, strip_glyphs, strip_markdown, title_from_caps


def test_line_break_hyphenation_is_joined():
    assert join_lines(["im Wissenschafts- und Techno-", "logiecampus in Dortmund"]) == (
        "im Wissenschafts- und Technologiecampus in Dortmund"
    )


def test_suspended_hyphen_at_line_end_stays():
    assert join_lines(["erfolgreiche Industrie-, Handels- ", "und Dienstleistungsunternehmen"]) == (
        "erfolgreiche Industrie-, Handels- und Dienstleistungsunternehmen"
    )
    assert (
        join_lines(["Wasserstoff-", "und Elektromobilität"]) == "Wasserstoff- und Elektromobilität"
    )


def test_compound_hyphen_before_capital_stays():
    assert join_lines(["der RVR-", "Verbandsversammlung"]) == "der RVR-Verbandsversammlung"
    assert join_lines(["Nord-", "rhein-Westfalen"]) == "Nordrhein-Westfalen"


def test_whitespace_is_folded_and_glyphs_dropped():
    assert " ".join(strip_glyphs("• \ufffd\ufffdWir  fördern").split()) == "Wir fördern"
    assert join_lines(["  Wir   sanieren ", "", " Quartiere.  "]) == "Wir sanieren Quartiere."


def test_markdown_emphasis_escapes_and_html_go():
    assert (
        strip_markdown("**Wohnen ist ein Menschenrecht.** Volt")
        == "Wohnen ist ein Menschenrecht. Volt"
    )
    assert strip_markdown('und "*Wohnen gegen Hilfe*"') == 'und "Wohnen gegen Hilfe"'
    assert strip_markdown(r"**Bürger\*innen** sollen") == "Bürger*innen sollen"
    assert strip_markdown("CO<sub>2</sub> wird eingespart") == "CO2 wird eingespart"
    assert strip_markdown("[ruhr@voltdeutschland.org](mailto:ruhr@voltdeutschland.org)") == (
        "ruhr@voltdeutschland.org"
    )


def test_caps_headings_get_german_title_style():
    assert title_from_caps("TALENTE UND INNOVATIONEN") == "Talente und Innovationen"
    assert title_from_caps("UMWELT UND GESUNDHEIT") == "Umwelt und Gesundheit"
