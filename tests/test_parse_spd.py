"""The RuhrSPD 2020 programme (text extracted from its PDF)."""

from collections import Counter

from etl.parse.blocks import BULLET, LEAD_IN


def spd(extracted):
    return extracted["spd-2020"]


def by_start(pledges, start):
    hits = [p for p in pledges if p.text.startswith(start)]
    assert len(hits) == 1, f"{len(hits)} pledges start with {start!r}"
    return hits[0]


def test_every_bullet_is_a_pledge(extracted):
    bullets = [p for p in spd(extracted) if p.kind == "bullet"]
    assert len(bullets) == 113  # 114 items, one of them continues the one before


def test_conference_bullet_keeps_its_sub_bullets_as_children(extracted):
    pledges = spd(extracted)
    parent = by_start(pledges, "Wir wollen ab 2022 jährlich im April eine regionale Konferenz")
    assert parent.text.endswith("mit den Zielen:")
    children = [p for p in pledges if p.parent_id == parent.pledge_id]
    assert [c.text.split()[0] for c in children] == ["Austausch", "Verbesserte", "Unterstützung"]
    after = pledges[pledges.index(children[-1]) + 1]
    assert after.text.startswith("Wir wollen die Industrie") and after.parent_id is None
    assert sum(1 for p in pledges if p.parent_id) == 3


def test_chapters_lost_at_page_breaks_are_recovered(extracted):
    pledges = spd(extracted)
    assert by_start(pledges, "Wir bauen ungenutzte Schienentrassen").section == "Mobilität"
    assert by_start(pledges, "Das Regionale Mobilitätsentwicklungskonzept").section == "Mobilität"
    assert by_start(pledges, "Bereitstellung eines öffentlichen und kostenfreien WLAN").section == (
        "Digitalisierung und Daten"
    )
    assert by_start(pledges, "Wir wollen einen „Kriminalpräventiven Rat").section == "Sicherheit"
    assert by_start(pledges, "Wir möchten eine Wasserstoffwirtschaft").section == (
        "Umwelt und Gesundheit"
    )
    sections = list(dict.fromkeys(p.section for p in pledges))
    assert sections == [
        "Einleitung",
        "Talente und Innovationen",
        "Umwelt und Gesundheit",
        "Mobilität",
        "Digitalisierung und Daten",
        "Sicherheit",
    ]


def test_subsections_follow_headings_and_list_lead_ins(extracted):
    pledges = spd(extracted)
    assert by_start(pledges, "Wir ermöglichen die Wohnraumverdichtung").subsection == (
        "HEIMAT RUHRGEBIET"
    )
    assert by_start(pledges, "Wir schaffen mittel- und langfristig").subsection == (
        "Was wir ab 2020 in der Metropole Ruhr anpacken"
    )


def test_bullets_broken_by_page_breaks_are_whole(extracted):
    pledges = spd(extracted)
    assert by_start(pledges, "Wir fördern die bestehenden Potenziale").text.endswith(
        "überdurchschnittlich stark wachsenden Wirtschaftszweig."
    )
    assert (
        "in der RVR-Verbandsversammlung beschlossen wurde"
        in by_start(pledges, "Das Regionale Mobilitätsentwicklungskonzept").text
    )


def test_hyphenation_is_repaired_and_suspended_hyphens_kept(extracted, blocks):
    pledges = spd(extracted)
    campus = by_start(pledges, "Wir fördern eine enge Verzahnung")
    assert "wie im Wissenschafts- und Technologiecampus in Dortmund" in campus.text
    assert "insbesondere bei den neuen Fachhochschulen" in campus.text
    intro = " ".join(b.text for b in blocks["spd-2020"])
    assert "Industrie-, Handels- und Dienstleistungsunternehmen" in intro
    assert "Nordrhein-Westfalen" in intro


def test_no_glyph_debris_survives(extracted):
    for p in spd(extracted):
        assert "\ufffd" not in p.text and "•" not in p.text
        assert "  " not in p.text and p.text == p.text.strip()


def test_lead_ins_and_back_cover_are_not_pledges(extracted, blocks):
    texts = [p.text for p in spd(extracted)]
    assert not any("anpacken:" in t for t in texts)
    assert not any("Demokrat*innen auf am 13.09.2020" in t for t in texts)
    assert not any("ruhrspd.de" in t for t in texts)
    kinds = Counter(b.kind for b in blocks["spd-2020"])
    assert kinds[LEAD_IN] >= 5 and kinds[BULLET] == 114


def test_prose_commitments_are_statements_and_descriptions_are_not(extracted):
    texts = {p.text for p in spd(extracted) if p.kind == "statement"}
    assert "Vorantreiben wollen wir den Ausbau erneuerbarer Energien." in texts
    assert any(
        t.startswith("Die RuhrSPD wird den RVR als Planungs- und Umweltverband") for t in texts
    )
    assert any(
        t.startswith("Gezielt unterstützen wir daher den Ausbau des Projekts") for t in texts
    )
    assert not any(t.startswith("Im Ruhrgebiet wurden mit der Förderung") for t in texts)
    assert not any("Willy Brandt" in t for t in texts)
    assert not any(t.startswith("Denn es bleibt dabei: Wer aufholt") for t in texts)
    assert not any("prognostiziert das Institut Rufis" in t for t in texts)
