"""Markdown: only the prose is linted, and every position and fix lands on the exact source place."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_checks import assert_round_trip, verbatim_segments_match, word_diagnostics
from hypothesis import given, settings
from hypothesis import strategies as st

from presslint import api
from presslint.document import Document
from presslint.formats import build_view
from presslint.formats.markdown import read_markdown
from presslint.formats.prose import PLACEHOLDER

DATA = Path(__file__).parent / "data" / "formats"
EN = (DATA / "article-en.md").read_text(encoding="utf-8")
FR = (DATA / "article-fr.md").read_text(encoding="utf-8")


def blocks(source: str) -> list[tuple[str, str]]:
    view = read_markdown(source)
    return [(b.kind.value, view.text[b.start : b.end]) for b in view.blocks]


def test_article_blocks_are_the_prose_and_only_the_prose() -> None:
    assert blocks(EN) == [
        ("heading", "Lavrov lands in Bamako for talks on security"),
        ("paragraph", "Published Tuesday · Africa desk"),
        (
            "paragraph",
            "Russian Foreign Minister Sergei Lavrov arrived in Bamako on Monday evening for a\n"
            "two-day visit, the first by a Russian foreign minister since independence..\n"
            "He was met at the airport by his Malian counterpart, Abdoulaye Diop.",
        ),
        (
            "paragraph",
            "The talks covered security, trade & energy, according to a statement from\n"
            "the ministry (see the full statement).\n"
            "Officials said the Bamako Declaration would be signed on Tuesday;; no text has\n"
            "been published.",
        ),
        (
            "blockquote",
            '"We will continue to support our Malian friends,, whatever the pressure," Lavrov\n'
            "told reporters after the meeting.",
        ),
        ("paragraph", "Key points of the visit:"),
        ("list_item", "a meeting with the transitional president, Colonel Assimi Goita.."),
        ("list_item", f"a working lunch at the {PLACEHOLDER} palace"),
        ("list_item", "talks on grain deliveries, fertiliser *and* fuel"),
        ("table_cell", "Date"),
        ("table_cell", "Event"),
        ("table_cell", "Monday"),
        ("table_cell", "Arrival in Bamako.."),
        ("table_cell", "Tuesday"),
        ("table_cell", "Talks | press conference"),
        ("paragraph", f"Read more at {PLACEHOLDER} or contact the desk.\nReporting by Staff; editing by Desk"),
    ]


def test_nothing_outside_the_prose_is_seen() -> None:
    text = read_markdown(EN).text
    for hidden in ("Mali and Russia sign", "Staff reporter", "do not lint", "indented code", "Goita..--",
                   "editor:", "Advertisement", "example.com", "example.org", "Statement, part 1", "Koulouba"):
        assert hidden not in text


def test_diagnostics_point_at_the_source() -> None:
    diags = api.lint(EN, fmt="md", lang="en", config={"select": ["PUN101"]})
    got = [(d.line, d.column, EN[d.offset : d.end_offset]) for d in diags]
    assert got == [(12, 74, ".."), (17, 67, ";;"), (20, 50, ",,"), (25, 66, ".."), (31, 29, "..")]


def test_fix_keeps_markup() -> None:
    result = api.fix(FR, fmt="md", lang="fr", config={"select": ["PUN101"]})
    assert result.text == (
        FR.replace("travail..", "travail.")
        .replace("**,,", "**,")
        .replace(";;", ";")
        .replace("bénéfique..", "bénéfique.")
        .replace("heures..", "heures.")
    )
    assert "`config..yaml`" in result.text and 'title = "Visite de Sergueï Lavrov à Bamako.."' in result.text


@pytest.mark.parametrize("source", [EN, FR], ids=["en", "fr"])
def test_every_word_maps_back_and_fixes_leave_markup(source: str) -> None:
    fixed = assert_round_trip(source, "md")
    # Markup and skipped content are byte for byte what they were.
    for kept in ("[", "](https://example", "`Koulouba`", "```python", "<!-- editor", "|------|-------|", "\\*", "&amp;",
                 "&nbsp;", "&#8239;", "title = \"Visite"):
        assert fixed.count(kept) == source.count(kept)


def test_front_matter_yaml_and_toml() -> None:
    yaml = "---\ntitle: Un titre..\n---\nLe texte.\n"
    toml = "+++\ntitle = 'Un titre..'\n+++\n\nLe texte.\n"
    assert read_markdown(yaml).text == "Le texte."
    assert read_markdown(toml).text == "Le texte."
    # Line numbers still count the front matter lines.
    d = api.lint("---\ntitle: x\n---\nIl est parti..\n", fmt="md", lang="fr", config={"select": ["PUN101"]})
    assert [(x.line, x.column) for x in d] == [(4, 13)]


def test_unclosed_front_matter_is_a_thematic_break() -> None:
    assert read_markdown("---\nLe texte continue..\n").text == "Le texte continue.."


def test_only_front_matter() -> None:
    view = read_markdown("---\ntitle: x\n---\n")
    assert view.text == "" and view.blocks == []
    assert read_markdown("").text == ""


def test_escapes_and_entities_stand_for_their_source() -> None:
    source = "Fertiliser \\*and\\* fuel &amp; grain &#8217; ok."
    doc, _ = word_diagnostics(source, "md")
    assert doc.text == "Fertiliser *and* fuel & grain ’ ok."
    view = read_markdown(source)
    amp = doc.text.index("&")
    assert doc.source_span(amp, amp + 1) == (source.index("&amp;"), source.index("&amp;") + 5)
    star = doc.text.index("*")
    assert doc.source_span(star, star + 1) == (11, 13)
    verbatim_segments_match(source, view)


def test_fix_refused_across_markup_or_entity() -> None:
    # The two dots are in the prose side by side, but one is behind markup or an entity.
    for source in ("Il est arrivé **mardi.**.\n", "Il est arrivé mardi&period;.\n", "Il est arrivé mardi\\..\n"):
        diags = api.lint(source, fmt="md", lang="fr", config={"select": ["PUN101"]})
        assert len(diags) == 1 and diags[0].fix is None, source
        assert api.fix(source, fmt="md", lang="fr", config={"select": ["PUN101"]}).text == source


def test_links_keep_their_text_only() -> None:
    source = (
        "Voir le [rapport *annuel*](https://ex.fr/a..b \"Titre..\") et le [bilan][1], puis [ici].\n\n"
        "[1]: https://ex.fr/bilan..pdf \"Bilan..\"\n[ici]: https://ex.fr/ici\n"
    )
    view = read_markdown(source)
    assert view.text == "Voir le rapport annuel et le bilan, puis ici."
    assert [view.text[s:e] for s, e in view.emphasis] == ["annuel"]
    fixed = assert_round_trip(source, "md")
    # Inline and full-reference link text may be fixed; a shortcut reference's text is its label.
    assert "[XXXXXXX *XXXXXX*](https://ex.fr/a..b" in fixed and "[XXXXX][1]" in fixed
    assert "[ici]." in fixed and "[ici]: https" in fixed


def test_collapsed_reference_text_is_not_fixed() -> None:
    source = "Selon [l’AFP][], le ministre est parti.\n\n[l’AFP]: https://afp.com\n"
    _, diags = word_diagnostics(source, "md")
    by_word = {source[d.offset : d.end_offset]: d for d in diags}
    assert by_word["ministre"].fix is not None
    inside = [d for d in diags if source.index("[") < d.offset < source.index("]")]
    # Not verbatim: a finding inside is reported on the whole link text (so the two merge), unfixed.
    assert [source[d.offset : d.end_offset] for d in inside] == ["l’AFP"]
    assert all(d.fix is None for d in inside)


def test_images_autolinks_and_inline_html_are_left_out() -> None:
    source = "Photo ![Lavrov.. à Bamako](img.jpg) prise à <https://ex.fr/x..> par <span class=\"x\">AFP</span>.<br>Fin."
    assert read_markdown(source).text == f"Photo {PLACEHOLDER} prise à {PLACEHOLDER} par AFP.\nFin."
    assert_round_trip(source, "md")


def test_code_never_linted() -> None:
    source = "Texte.\n\n```\nfoo.. bar,,\n```\n\n    code.. indenté\n\n~~~\nautre..\n~~~\n\nUn `a..b` et ``c `..` d``.\n"
    assert read_markdown(source).text == f"Texte.\n\nUn {PLACEHOLDER} et {PLACEHOLDER}."
    assert api.lint(source, fmt="md", lang="fr", config={"select": ["PUN101"]}) == []


def test_breaks_read_as_line_breaks() -> None:
    source = "Première ligne  \ndeuxième\\\ntroisième\nquatrième"
    view = read_markdown(source)
    assert view.text == "Première ligne\ndeuxième\ntroisième\nquatrième"
    assert_round_trip(source, "md")


def test_crlf_source() -> None:
    lf = EN
    crlf = EN.replace("\n", "\r\n")
    assert read_markdown(crlf).text == read_markdown(lf).text
    d_lf = api.lint(lf, fmt="md", lang="en", config={"select": ["PUN101"]})
    d_crlf = api.lint(crlf, fmt="md", lang="en", config={"select": ["PUN101"]})
    assert [(d.line, d.column) for d in d_lf] == [(d.line, d.column) for d in d_crlf]
    fixed = api.fix(crlf, fmt="md", lang="en", config={"select": ["PUN101"]}).text
    assert fixed.count("\r\n") == crlf.count("\r\n")
    assert_round_trip(crlf, "md")


def test_nested_containers_and_kinds() -> None:
    source = (
        "> Cité :\n>\n> - premier point\n>   suite du point\n> - second point\n\n"
        "- élément\n\n  second paragraphe de l'élément\n\t- sous-élément avec tabulation\n\n"
        "Titre\n=====\n\n### Sous-titre ###\n"
    )
    assert blocks(source) == [
        ("blockquote", "Cité :"),
        ("blockquote", "premier point\nsuite du point"),
        ("blockquote", "second point"),
        ("list_item", "élément"),
        ("list_item", "second paragraphe de l'élément"),
        ("list_item", "sous-élément avec tabulation"),
        ("heading", "Titre"),
        ("heading", "Sous-titre"),
    ]
    assert_round_trip(source, "md")


def test_table_cells_with_escaped_pipes_and_code() -> None:
    # As in GFM, a pipe splits cells even inside code unless it is escaped.
    source = "| Pays | Note |\n|:-----|-----:|\n| Mali \\| Niger | `a\\|b` vu |\n| Tchad |\n"
    assert blocks(source) == [
        ("table_cell", "Pays"),
        ("table_cell", "Note"),
        ("table_cell", "Mali | Niger"),
        ("table_cell", f"{PLACEHOLDER} vu"),
        ("table_cell", "Tchad"),
    ]
    assert_round_trip(source, "md")


def test_emphasis_spans_are_italics_only() -> None:
    view = read_markdown("Il lit *Le Monde* et **pas** _Libération_ ni ~~rien~~.")
    assert [view.text[s:e] for s, e in view.emphasis] == ["Le Monde", "Libération"]
    doc = Document("", view)
    assert [doc.text[s.start : s.end] for s in doc.emphasis] == ["Le Monde", "Libération"]


def test_blockquote_is_a_quotation() -> None:
    source = "Le ministre a parlé.\n\n> J'ai été accueilli par mon homologue.\n"
    doc = Document(source, build_view(source, "md"), fmt="md", lang="fr")
    start = doc.text.index("J'ai")
    assert doc.in_quotation(start, start + 4)
    assert not doc.in_quotation(0, 2)


def test_suppression_comment_in_markdown() -> None:
    source = "<!-- presslint-disable-next-line PUN101 -->\nIl est parti..\n\nIl est revenu..\n"
    diags = api.lint(source, fmt="md", lang="fr", config={"select": ["PUN101"]})
    assert [d.line for d in diags] == [4]


_PIECES = st.sampled_from(
    ["mot", "Été", " ", "  ", "\n", "\n\n", "*", "**", "_", "`", "[", "]", "(", ")", "](u)", "<", ">", "&amp;",
     "&#8217;", "\\", "\\*", "#", "# ", "- ", "> ", "| ", " |", "|", "---", "\t", "1. ", "![", "<b>", "<!--",
     "-->", "~~", ":", ".", "..", "\r\n", "    ", "```", "+++"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_markdown_maps_back(source: str) -> None:
    view = read_markdown(source)
    verbatim_segments_match(source, view)
    doc = Document(source, view, fmt="md", lang="fr")
    for b in view.blocks:
        s, e = doc.source_span(b.start, b.end)
        assert 0 <= s <= e <= len(source)


def test_inline_html_leaves_no_empty_paragraph_or_edge_space() -> None:
    source = "Un.\n\n<span></span> <!-- note -->\n\n<b>Deux</b> mots <i></i>\n\nTrois."
    assert blocks(source) == [("paragraph", "Un."), ("paragraph", "Deux mots"), ("paragraph", "Trois.")]
    assert_round_trip(source, "md")
