"""HTML: only the visible article prose is linted, entities are decoded, positions point into the source."""

from __future__ import annotations

from pathlib import Path

from format_checks import assert_round_trip, verbatim_segments_match, word_diagnostics
from hypothesis import given, settings
from hypothesis import strategies as st

from presslint import api
from presslint.document import Document
from presslint.formats.html import read_html
from presslint.formats.prose import PLACEHOLDER

DATA = Path(__file__).parent / "data" / "formats"
PAGE = (DATA / "article-page.html").read_text(encoding="utf-8")


def blocks(source: str) -> list[tuple[str, str]]:
    view = read_html(source)
    return [(b.kind.value, view.text[b.start : b.end]) for b in view.blocks]


def test_article_page_prose() -> None:
    assert blocks(PAGE) == [
        ("heading", "Lavrov lands in Bamako for talks on security"),
        ("paragraph", "By Jane Doe · 5 February 2024"),
        (
            "paragraph",
            "Russian Foreign Minister Sergei Lavrov arrived in Bamako on Monday evening\n"
            "for a two-day visit, the first by a Russian foreign minister since independence..\n"
            "He was met by his Malian counterpart, Abdoulaye Diop.",
        ),
        (
            "paragraph",
            "The talks covered security, trade & energy, according to the ministry’s\n"
            "statement,, which called the visit “historic”.",
        ),
        ("blockquote", "“We will continue to support our Malian friends;; whatever the pressure,” Lavrov said."),
        (
            "paragraph",
            "Officials said the Bamako Declaration would be signed on Tuesday.\n"
            "Diop called it a new chapter.. in relations.\n"
            f"Run {PLACEHOLDER} to check the logs.",
        ),
        ("paragraph", "Sergei Lavrov at Bamako airport.."),
        ("list_item", "Meeting with Colonel Assimi Goita.."),
        ("list_item", "Working lunch at Koulouba palace"),
        ("table_cell", "Day"),
        ("table_cell", "Event"),
        ("table_cell", "Monday"),
        ("table_cell", "Arrival.."),
    ]


def test_page_furniture_is_not_prose() -> None:
    text = read_html(PAGE).text
    for hidden in ("Daily Wire", "dataLayer", "content:", "Home", "World", "Subscribe", "editor note",
                   "Hidden teaser", "preformatted", "Enable JavaScript", "All rights", "headline", "lavrov.jpg",
                   "Sergei Lavrov.. at", "grep", "byline", "staff/jane"):
        assert hidden not in text, hidden


def test_diagnostics_point_at_the_source() -> None:
    diags = api.lint(PAGE, fmt="html", lang="en", config={"select": ["PUN101"]})
    got = [(d.line, d.column, PAGE[d.offset : d.end_offset]) for d in diags]
    assert got == [(19, 88, ".."), (22, 18, ",,"), (23, 75, ";;"), (25, 40, ".."), (27, 117, ".."),
                   (29, 46, ".."), (32, 79, "..")]


def test_fix_keeps_markup() -> None:
    fixed = api.fix(PAGE, fmt="html", lang="en", config={"select": ["PUN101"]}).text
    assert fixed == (
        PAGE.replace("independence..", "independence.")
        .replace("statement,,", "statement,")
        .replace("friends;;", "friends;")
        .replace("chapter..</q>", "chapter.</q>")
        .replace("airport..</figcaption>", "airport.</figcaption>")
        .replace("Goita..", "Goita.")
        .replace("Arrival..", "Arrival.")
    )


def test_every_word_maps_back_and_fixes_leave_markup() -> None:
    fixed = assert_round_trip(PAGE, "html")
    assert "XXXXXXXX&#8217;X" in fixed and "&ldquo;XXXXXXXX&rdquo;" in fixed
    for kept in ("<title>Lavrov in Bamako.. |", 'alt="Sergei Lavrov.. at the airport"', "<footer><p>&copy; 2024 The",
                 '<a href="/staff/jane">', "<!-- editor note: confirm the date.. -->"):
        assert kept in fixed


def test_entities_decoded_and_reported_at_their_source() -> None:
    source = "<p>L&#8217;AFP &amp; Reuters&nbsp;: &laquo;&#xA0;oui&#xa0;&raquo; AT&T &copy 2024 &bogus; x</p>"
    doc, _ = word_diagnostics(source, "html")
    assert doc.text == "L’AFP & Reuters\u00a0: «\u00a0oui\u00a0» AT&T © 2024 &bogus; x"
    apostrophe = doc.text.index("’")
    assert doc.source_span(apostrophe, apostrophe + 1) == (source.index("&#8217;"), source.index("&#8217;") + 7)
    assert not doc.offsets.is_verbatim_span(apostrophe, apostrophe + 1)
    verbatim_segments_match(source, read_html(source))
    assert_round_trip(source, "html")


def test_fix_refused_across_an_entity() -> None:
    source = "<p>Il est parti mardi&#46;.</p>"
    diags = api.lint(source, fmt="html", lang="fr", config={"select": ["PUN101"]})
    assert len(diags) == 1 and diags[0].fix is None
    assert source[diags[0].offset : diags[0].end_offset] == "&#46;."


def test_fragment_without_article_is_read_whole() -> None:
    source = "<h2>Titre</h2>\n<p>Premier paragraphe.</p><div>Deuxième <b>bloc</b>.</div>Texte libre<p>Fin"
    assert blocks(source) == [
        ("heading", "Titre"),
        ("paragraph", "Premier paragraphe."),
        ("paragraph", "Deuxième bloc."),
        ("paragraph", "Texte libre"),
        ("paragraph", "Fin"),
    ]


def test_article_named_only_in_a_script_does_not_hide_the_page() -> None:
    source = '<script>var t = "<article>";</script><p>Le texte.</p>'
    assert read_html(source).text == "Le texte."


def test_white_space() -> None:
    source = "<p>\n   Un  texte\n   sur deux lignes <b> gras</b>\t</p>"
    view = read_html(source)
    # Line breaks in the source read as one line break; spaces on a line are kept as typed.
    assert view.text == "Un  texte\nsur deux lignes gras"
    assert_round_trip(source, "html")


def test_breaks_and_implicit_ends() -> None:
    source = "<ul><li>un<li>deux<br/>suite</ul><p>a<p>b<dl><dt>terme<dd>définition</dl>"
    assert blocks(source) == [
        ("list_item", "un"),
        ("list_item", "deux\nsuite"),
        ("paragraph", "a"),
        ("paragraph", "b"),
        ("paragraph", "terme"),
        ("paragraph", "définition"),
    ]


def test_upper_case_tags_and_unquoted_attributes() -> None:
    source = "<P CLASS=x>Un texte..</P><SCRIPT>var a = 'b..';</SCRIPT><BLOCKQUOTE>Cité.</BLOCKQUOTE>"
    assert blocks(source) == [("paragraph", "Un texte.."), ("blockquote", "Cité.")]


def test_quotation_and_emphasis_spans() -> None:
    source = "<p>Il a lu <cite>Le Monde</cite> et dit <q>j’ai été accueilli</q> puis <em>rien</em>.</p>"
    view = read_html(source)
    doc = Document(source, view, fmt="html", lang="fr")
    assert [doc.text[s.start : s.end] for s in doc.emphasis] == ["Le Monde", "rien"]
    start = doc.text.index("j’ai")
    assert doc.in_quotation(start, start + 4)
    assert not doc.in_quotation(doc.text.index("puis"))


def test_hidden_and_aria_hidden() -> None:
    source = '<p>Visible.</p><p hidden>Caché.</p><span aria-hidden="true">Icône</span><p aria-hidden="false">Vu.</p>'
    assert read_html(source).text == "Visible.\n\nVu."


def test_malformed_html_does_not_break() -> None:
    for source in ("<p>Texte < 5 et > 3</p>", "</p></div>Texte", "<p>Non fermé <b>gras", "<script>jamais fermé",
                   "<p>a &", "<!-- commentaire non fermé", "<p>x</p><", "<![CDATA[x]]><p>y</p>", "\x00<p>z"):
        view = read_html(source)
        verbatim_segments_match(source, view)
    assert read_html("<p>Texte < 5 et > 3</p>").text == "Texte < 5 et > 3"


def test_crlf_source() -> None:
    crlf = PAGE.replace("\n", "\r\n")
    d_lf = api.lint(PAGE, fmt="html", lang="en", config={"select": ["PUN101"]})
    d_crlf = api.lint(crlf, fmt="html", lang="en", config={"select": ["PUN101"]})
    assert [(d.line, d.column) for d in d_lf] == [(d.line, d.column) for d in d_crlf]
    assert_round_trip(crlf, "html")


def test_suppression_comment_in_html() -> None:
    source = "<!-- presslint-disable-next-line PUN101 -->\n<p>Il est parti..</p>\n<p>Il est revenu..</p>\n"
    diags = api.lint(source, fmt="html", lang="fr", config={"select": ["PUN101"]})
    assert [d.line for d in diags] == [3]


_PIECES = st.sampled_from(
    ["mot", "Été", " ", "\n", "\r\n", "<p>", "</p>", "<b>", "</b>", "<br>", "<q>", "</q>", "<li>", "<td>",
     "<script>", "</script>", "<code>", "</code>", "&amp;", "&#8217;", "&nbsp;", "&", "<", ">", "<!--", "-->",
     "<article>", "</article>", "<h1>", "</h1>", "<a href='x'>", "</a>", "..", '"', "<div hidden>", "</div>"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_html_maps_back(source: str) -> None:
    view = read_html(source)
    verbatim_segments_match(source, view)
    doc = Document(source, view, fmt="html", lang="fr")
    for b in view.blocks:
        s, e = doc.source_span(b.start, b.end)
        assert 0 <= s <= e <= len(source)
