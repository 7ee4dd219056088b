"""Ages are no figures of the story, unless a demand or deal sets them.

"aged 18 to 60", "the ages of 18 and 60", "18 years of age", "men over 65", "Petro Bondar, 54";
but "calling on Kyiv to lower the mobilisation age to 18" keeps its numbers. Cue words are
data/non_figures.json.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from briefings.extraction.non_figure_cues import NonFigureCues, first_of_run, words_before

_OLDEST = 120


def is_age(tok: Token, cues: NonFigureCues) -> bool:
    """ "aged 18 to 60", "the ages of 18 and 60", "18 years of age", "the draft age was lowered to 25"."""
    return (
        _has_age_word_before(tok, cues)
        or _has_age_follower(tok, cues)
        or _age_given(tok, cues)
        or _is_apposed_age(tok)
        or _is_group_age(tok, cues)
    )


def _is_group_age(tok: Token, cues: NonFigureCues) -> bool:
    """ "men over 60", "children under 14", "men between 18 and 60", "once they turn 18".

    Read on the words, not the parse, which often takes the group for the number's noun.
    """
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    counts = after is not None and after.pos_ == "NOUN" and after.lower_ not in {"years", "year"}
    if not tok.text.isdigit() or int(tok.text) > _OLDEST or counts:  # "over 60 kilometres"
        return False
    first = first_of_run(tok, cues)
    before = list(tok.doc[max(tok.sent.start, first.i - 2) : first.i])
    if len(before) == 2 and before[1].lower_ in cues.age_preps:
        return before[0].lower_ in cues.age_groups
    return bool(before) and before[-1].lemma_.lower() in cues.age_verbs


def in_demand(tok: Token, cues: NonFigureCues) -> bool:
    """An age a demand or deal sets ("urged Kyiv to lower the draft age to 18") is its figure."""
    return any(_is_demand_word(a, cues) for a in tok.ancestors)


def _is_demand_word(tok: Token, cues: NonFigureCues) -> bool:
    """ "urged", "a proposal", "the ceasefire"; a phone "call" or "called up" is no demand."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        # A particle makes another verb: "called up" conscripts is no call for anything.
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        return lemma in cues.demand_verbs and not particles & cues.other_verb_particles
    return lemma in cues.demand_nouns


def _has_age_word_before(tok: Token, cues: NonFigureCues) -> bool:
    first = first_of_run(tok, cues)
    i = first.i
    while i > first.sent.start and first.doc[i - 1].lower_ in cues.age_lead_ins:
        i -= 1
    lead = first.doc[i]
    return words_before(lead, 1) in cues.age_words or words_before(lead, 2) in cues.age_words


def _has_age_follower(tok: Token, cues: NonFigureCues) -> bool:
    after = tok.doc[tok.i + 1 : tok.i + 6].text.lower()
    glued = "".join(t.text_with_ws for t in tok.doc[tok.i + 1 : tok.i + 6]).lower()
    if re.match(r"-?years?[- ]old", glued):
        return True
    return any(after.startswith(f) or glued.startswith(f) for f in cues.age_followers)


def _age_given(tok: Token, cues: NonFigureCues) -> bool:
    """A number a verb gives to an age: "the age limit was lowered from 27 to 25", "men aged 60"."""
    if tok.head.lemma_.lower() in cues.age_nouns and tok.head.pos_ == "VERB":
        return True
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.head.pos_ not in {"VERB", "AUX"}:
        return False
    verb = tok.head.head
    arguments = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return any(t.lemma_.lower() in cues.age_nouns for a in arguments for t in a.subtree)


def _is_apposed_age(tok: Token) -> bool:
    """ "Petro Bondar, 54, said": a bare number between commas after a name."""
    doc = tok.doc
    if not 0 < tok.i < len(doc) - 1:
        return False
    prev, after = doc[tok.i - 1], doc[tok.i + 1]
    return prev.text == "," and after.text == "," and prev.i > 0 and doc[prev.i - 1].pos_ == "PROPN"
