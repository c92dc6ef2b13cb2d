"""The Document: the quotation finder (French continuation guillemets, English single quotes) and positions."""

from __future__ import annotations

from helpers import make_doc, quoted
from hypothesis import given
from hypothesis import strategies as st

from presslint.document import Document, Span, SpanList
from presslint.formats import build_view


def test_closing_guillemet_opening_a_paragraph_continues_the_quotation() -> None:
    text = (
        "Le ministre a déclaré : « Nous avons tout essayé.\n\n"
        "» Nous continuerons, quoi qu’il arrive. »\n\n"
        "La séance a été levée."
    )
    doc = make_doc(text, "fr")
    assert quoted(text) == ["« Nous avons tout essayé.\n\n» Nous continuerons, quoi qu’il arrive. »"]
    assert doc.in_quotation(text.index("Nous continuerons"))
    assert not doc.in_quotation(text.index("La séance"))


def test_closing_guillemet_mid_paragraph_still_closes() -> None:
    text = "« Nous avons tout essayé.\n\nNous continuerons », a-t-il dit.\n\nFin de la séance."
    assert quoted(text) == ["« Nous avons tout essayé.\n\nNous continuerons »"]


def test_closing_guillemet_at_paragraph_start_without_open_quotation_is_a_closer_as_before() -> None:
    # No « open from an earlier paragraph: nothing to continue, nothing quoted.
    assert quoted("Texte.\n\n» Suite sans ouverture.") == []


def test_british_single_quotes_are_quotations_and_apostrophes_are_not_closers() -> None:
    text = "‘We won,’ he said. The minister’s aide left. ‘We don’t know,’ she said."
    assert quoted(text, "en") == ["‘We won,’", "‘We don’t know,’"]


def test_single_quotes_nested_in_double_quotes() -> None:
    text = "“He told me ‘we will stay’ and left,” she said. Then we left."
    assert quoted(text, "en") == ["“He told me ‘we will stay’ and left,”"]


def test_single_quote_never_runs_past_its_paragraph() -> None:
    text = "‘We will stay, he said.\n\nThe players’ union met on Monday."
    doc = make_doc(text, "en")
    assert quoted(text, "en") == ["‘We will stay, he said."]
    assert not doc.in_quotation(text.index("union"))


def test_elisions_and_mistyped_apostrophes_do_not_open_quotations() -> None:
    assert quoted("Music of the ‘90s came back.", "en") == []
    assert quoted("Il est descendu de l‘avion à Bamako.", "fr") == []


def test_german_low_single_quote_still_closes_with_high_single_quote() -> None:
    assert quoted("Er sagte ‚nein‘ dazu.", "en") == ["‚nein‘"]


@given(st.text(alphabet="ab\n\r", max_size=40), st.data())
def test_line_cols_agrees_with_line_col(source: str, data: st.DataObject) -> None:
    doc = Document(source, build_view(source, "txt"), lang="en")
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, len(source)))
    assert doc.line_cols(start, end) == (*doc.line_col(start), *doc.line_col(end))


def test_shared_values_are_computed_once_per_document() -> None:
    calls: list[str] = []

    def scan(doc: Document) -> int:
        calls.append(doc.text)
        return len(doc.text)

    first, second = make_doc("Un texte.", "fr"), make_doc("Un autre texte.", "fr")
    assert first.shared("test.length", scan) == first.shared("test.length", scan) == 9
    assert second.shared("test.length", scan) == 15
    assert calls == ["Un texte.", "Un autre texte."]


@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 10**12)), max_size=30), st.data())
def test_span_list_reads_as_the_list_of_spans_it_holds(pairs: list[tuple[int, int]], data: st.DataObject) -> None:
    spans = [Span(s, e) for s, e in pairs]
    held = SpanList(pairs)
    assert len(held) == len(spans) and list(held) == spans and held == spans
    assert list(held.starts) == [s.start for s in spans] and list(held.ends) == [s.end for s in spans]
    if spans:
        i = data.draw(st.integers(-len(spans), len(spans) - 1))
        assert held[i] == spans[i] and isinstance(held[i], Span)
    lo, hi = data.draw(st.integers(0, 30)), data.draw(st.integers(0, 30))
    assert list(held[lo:hi]) == spans[lo:hi] and held[lo:hi] == SpanList(pairs[lo:hi])
    assert list(zip(held, held[1:])) == list(zip(spans, spans[1:]))


def test_sentences_and_quotations_are_compact_span_lists() -> None:
    doc = make_doc("M. Diop a dit « oui ». Il est parti. « Non », a répondu l’autre.", "fr")
    assert isinstance(doc.sentences, SpanList) and isinstance(doc.quotations, SpanList)
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "M. Diop a dit « oui ».", "Il est parti.", "« Non », a répondu l’autre."
    ]
    assert [doc.text[q.start : q.end] for q in doc.quotations] == ["« oui »", "« Non »"]
    assert doc.sentence_at(doc.text.index("parti")) == doc.sentences[1]
    assert doc.in_quotation(doc.text.index("oui")) and not doc.in_quotation(doc.text.index("parti"))
