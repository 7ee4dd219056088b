"""Long texts through the trained components in pieces, cut at paragraph boundaries.

spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters), and its parser and
NER need memory growing with a text's length, so a long article goes through them piece by
piece. A piece ends where a paragraph does (after a line break and the whitespace after
it); a paragraph longer than the bound is cut after a sentence's end, else after any
whitespace. A piece ends after a whole run of whitespace, so each one tokenises as it would
inside the whole text; only where the bound falls inside a run as long as the bound, of
whitespace or of anything else, is the run cut there. The pieces joined are the text again,
character for character.

Each piece is annotated among its neighbours' words and marked as starting a sentence, then
the pieces become one Doc again, over which the finders run: offsets and sentence numbers
refer to the whole text. Cut only at paragraphs, the result is the whole text's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from briefings.extraction import extensions

if TYPE_CHECKING:
    from spacy.language import Language

    from briefings.model import SourceText

# Texts longer than this go through the trained components in pieces of at most this many
# characters, then the finders run over the whole doc.
CHUNK_CHARS = 100_000
# Each piece is read with this many characters of the text around it (far more than the few
# tokens the trained components look at), so that pieces annotate as the whole text would.
CONTEXT_CHARS = 400

# A whole run of whitespace (matched from its first character, so a long run costs one pass).
_SPACE = re.compile(r"(?<!\s)\s+")
# What a sentence ends with: its stop, then any closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def paragraph_chunks(text: str, bound: int) -> list[tuple[int, int]]:
    """The text's pieces of at most `bound` characters, as (start, end) offsets, in order."""
    if bound < 1:
        raise ValueError("a piece holds at least one character")
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > bound:
        end = _cut(text, start, start + bound)
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def with_context(text: str, start: int, end: int, chars: int) -> tuple[int, int]:
    """A piece's offsets widened by `chars` characters on each side that ends in whitespace.

    The trained components read a few tokens around each one, and the parser looks ahead:
    annotated among its neighbours' words, a piece's own tokens get what they get in the
    whole text. A side cut inside a word (a run as long as the bound) is not widened, so
    that the piece's own text tokenises alone there, as it did when it was cut.
    """
    before = max(start - chars, 0) if start == 0 or text[start - 1].isspace() else start
    after = min(end + chars, len(text)) if text[end - 1].isspace() else end
    return before, after


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` ends: after the last best space run within `limit`."""
    # One character past the limit shows whether a run ending at the limit is whole.
    window = text[start : limit + 1]
    runs = [m for m in _SPACE.finditer(window) if m.end() < len(window)]
    # Sentence ends are looked for only where no paragraph ends in the window.
    best = (
        [m for m in runs if "\n" in m.group()]
        or [m for m in runs if _SENTENCE_END.search(window, max(0, m.start() - 8), m.start())]
        or runs
    )
    return start + best[-1].end() if best else limit


def annotated_in_pieces(nlp: Language, source: SourceText, chunk_chars: int) -> Doc:
    """A long body annotated piece by piece by the trained components, then whole by the finders."""
    finders = _finders(nlp)
    pieces = [
        _annotated_piece(nlp, source.text, start, end, finders)
        for start, end in paragraph_chunks(source.text, chunk_chars)
    ]
    # Token attributes, sentence starts and entities are kept; the pieces carry no extension
    # values (the publication day is set on the whole doc) and their tensors are not read.
    # spaCy's stub lacks `exclude`, which Doc.from_docs takes since 3.3.
    doc = Doc.from_docs(  # type: ignore[call-arg]
        pieces, ensure_whitespace=False, exclude=["tensor", "user_data"]
    )
    extensions.set_published(doc, source.published)
    for name, component in nlp.pipeline:
        if name in finders:
            doc = component(doc)
    return doc


def _annotated_piece(nlp: Language, text: str, start: int, end: int, finders: list[str]) -> Doc:
    """One piece of a long text through the trained components, read among its neighbours."""
    before, after = with_context(text, start, end, CONTEXT_CHARS)
    doc = nlp.make_doc(text[before:after])
    # A piece starts a sentence and so does the next one, so no parse arc leaves the piece.
    for token in doc:
        if before + token.idx in (start, end):
            token.is_sent_start = True
    doc = nlp(doc, disable=finders)
    own = [token.i for token in doc if start <= before + token.idx < end]
    return doc[own[0] : own[-1] + 1].as_doc()


def _finders(nlp: Language) -> list[str]:
    """The components that write the project's doc extensions: each reads across the whole doc."""
    return [
        name
        for name in nlp.pipe_names
        if any(assigned.startswith("doc._.") for assigned in nlp.get_pipe_meta(name).assigns)
    ]
