"""What a figure measures and whose it is, from the taxonomy in data/measures.json and the parse.

A figure's words come from three places: the noun phrase it counts, the events around it (its
governing verb and what hangs on it), and its unit. Each measure says which of these must carry
its cue words; the best-scoring measure wins. The side comes from nationality words in the noun
phrase, then from the subject of a verb the measure names, then (for some measures) from the
clause. data/measures.json documents the file's shape and the rules in its "_doc" entry;
briefings.vocabulary.lexicon loads it with the other cue words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from briefings.vocabulary.lexicon import Measure, Taxonomy, load_lexicon

_EXPRESSION_DEPS = {"nummod", "quantmod", "compound"}
_MODIFIER_DEPS = {"amod", "compound", "nmod"}
_OWNER_DEPS = _MODIFIER_DEPS | {"poss"}
_VERB_PARTS = {"prt", "dobj", "acomp", "oprd", "attr", "advmod", "dative"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_ARGUMENTS = _SUBJECTS | {"dobj", "attr"}
# Clauses of their own: what they say is not about the figure's clause.
_OTHER_CLAUSES = {"nsubj", "agent", "ccomp", "advcl", "relcl", "parataxis", "csubj"}
_LONGEST_SIDE_FORM = 3
_NAMED = {"GPE", "LOC", "PERSON", "ORG", "FAC"}


@dataclass(frozen=True)
class Measured:
    """What a figure measures (a measure id) and the side measured, each None when unclear."""

    measure: str | None
    side: str | None


@dataclass(frozen=True)
class _Context:
    """The parts of the parse around one number that the measures are matched on."""

    phrase: tuple[Token, ...]
    owners: tuple[Token, ...]
    events: tuple[Token, ...]
    verbs: tuple[Token, ...]
    clause: Token | None
    bare: bool


# -- the parse around a number ---------------------------------------------------------


def _words(tokens: Iterable[Token]) -> set[str]:
    return {w for t in tokens for w in (t.lower_, t.lemma_.lower())}


def _expression(tok: Token, taxonomy: Taxonomy) -> Token:
    """The token heading the number's expression: "43,000", or "cent" in "90 per cent"."""
    while (
        tok.dep_ in _EXPRESSION_DEPS
        and tok.head is not tok
        and _words([tok.head]) & taxonomy.unit_words
    ):
        tok = tok.head
    return tok


def _partitive(expr: Token, preps: frozenset[str] = frozenset({"of", "in"})) -> Token | None:
    """X in "three of the ambulances", "90 per cent of prisoners", "$64bn in aid"."""
    for prep in expr.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _governing(tok: Token) -> Token | None:
    """The verb of the clause a token is in; "including" and "according" are prepositions here."""
    clause = (t for t in (tok, *tok.ancestors) if t.pos_ in {"VERB", "AUX"} and t.dep_ != "prep")
    return next(clause, None)


def _argument(verb: Token | None, deps: tuple[str, ...]) -> Token | None:
    """What a verb puts a number on: "put [the toll] at 350", "[GDP] will grow by 3.8%"."""
    if verb is None:
        return None
    for dep in deps:
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None and found.pos_ in {"NOUN", "PROPN"} and found.ent_type_ != "PERSON":
            return found
    return None


def _own_noun(tok: Token, taxonomy: Taxonomy) -> Token | None:
    """The noun a number counts, as the parse attaches it; None for "370,000 wounded"."""
    expr = _expression(tok, taxonomy)
    head = expr.head
    partitive = _partitive(expr)
    if partitive is not None:
        return partitive
    if expr.dep_ in _EXPRESSION_DEPS | {"nmod"} and _is_common(head):
        return head
    if (expr.dep_ == "pobj" and head.lower_ in taxonomy.carrier_preps) or expr.dep_ == "attr":
        return _argument(_governing(head), ("dobj", "nsubjpass", "nsubj"))
    if expr.dep_ == "dobj" and head.lemma_.lower() in taxonomy.level_verbs:
        return _argument(head, ("nsubjpass", "nsubj"))
    if expr.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    if head.pos_ == "ADJ" and head.head.pos_ == "NOUN":  # aid worth €28bn
        return head.head
    return None


def _is_common(noun: Token) -> bool:
    """A noun that can be counted: "soldiers", "Ukrainians"; not "Ukraine" in "and Ukraine 400,000"."""
    return noun.pos_ in {"NOUN", "PROPN"} and noun.ent_type_ not in _NAMED


def _gapped_owner(expr: Token) -> list[Token]:
    """The name a number hangs on when the verb is left out: "Russia lost 600,000 and [Ukraine] 400,000"."""
    head = expr.head
    return [head] if expr.dep_ in _EXPRESSION_DEPS and head.ent_type_ in _NAMED else []


def _is_counted(noun: Token | None, taxonomy: Taxonomy) -> bool:
    return noun is not None and noun.pos_ in {"NOUN", "PROPN"} and not _is_carrier(noun, taxonomy)


def _is_carrier(noun: Token, taxonomy: Taxonomy) -> bool:
    return noun.lemma_.lower() in taxonomy.carrier_nouns


def _antecedent(tok: Token, taxonomy: Taxonomy) -> Token | None:
    """The noun of the nearest number before this one in its sentence: "43,000 soldiers ... 370,000"."""
    for other in reversed(tok.doc[tok.sent.start : tok.i]):
        noun = _own_noun(other, taxonomy) if other.like_num else None
        # Only a subject or object is taken up again; "in 24 hours, 12 died" is not about hours.
        if noun is not None and _is_counted(noun, taxonomy) and noun.dep_ in _ARGUMENTS:
            return noun
    return None


def _phrase(noun: Token, deps: set[str]) -> list[Token]:
    """The noun, its modifiers, the noun it is "of" and the noun "of" it: "bodies of fallen soldiers".

    Owners leave out participles: "Russian-held Ukrainian prisoners" are Ukraine's.
    """
    heads = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        heads.append(noun.head.head)
    of = _partitive(noun, frozenset({"of"}))
    heads.extend([of] if of is not None and of.pos_ != "PRON" else [])
    tokens = list(heads)
    for head in heads:
        for child in head.children:
            if child.dep_ in deps and not (deps is _OWNER_DEPS and child.pos_ == "VERB"):
                tokens.extend(child.subtree)
    return tokens


def _is_participle_complement(tok: Token) -> bool:
    """ "went [missing]", "were left [wounded]": a bare participle the parse calls an adverbial clause."""
    bare = not any(c.dep_ in _SUBJECTS | {"mark"} for c in tok.children)
    return tok.dep_ == "advcl" and tok.tag_ in {"VBG", "VBN", "JJ"} and bare


def _verb_parts(verb: Token) -> list[Token]:
    """A verb with its particles, objects and complements: "handed over", "are said to be in prisons"."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ in _VERB_PARTS:
            parts.append(child)
        elif child.dep_ in {"prep", "agent"}:
            parts.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
        elif child.dep_ == "xcomp" or _is_participle_complement(child):
            parts.extend(_verb_parts(child))
    return parts


def _verbs(clause: Token | None, noun: Token | None) -> list[Token]:
    """The governing verb, its conjuncts without a subject of their own, and verbs on the noun."""
    verbs = [clause] if clause is not None else []
    for verb in list(verbs):
        verbs += [c for c in verb.children if c.dep_ == "conj" and not _has_subject(c)]
    if noun is not None:
        verbs += [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
    return verbs


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in tok.children)


def _subject(verb: Token) -> Token | None:
    for candidate in (verb, verb.head) if verb.dep_ in {"conj", "xcomp"} else (verb,):
        found = next((c for c in candidate.children if c.dep_ == "nsubj"), None)
        if found is not None:
            return found
    return None


def _context(tok: Token, unit: str | None, taxonomy: Taxonomy) -> _Context:
    own, expr = _own_noun(tok, taxonomy), _expression(tok, taxonomy)
    carrier = own is not None and _is_carrier(own, taxonomy)
    # Only a number standing alone borrows a noun: "$64 billion" is not "soldiers" again.
    alone = unit is None and expr is tok
    borrowed = _antecedent(tok, taxonomy) if alone else None
    noun = own if _is_counted(own, taxonomy) or carrier else borrowed
    clause = _governing(own if own is not None else expr)
    if noun is None:
        phrase: list[Token] = []
        owners: list[Token] = []
    elif carrier:
        phrase = owners = [t for t in noun.subtree if t.i != tok.i]
    else:
        phrase, owners = _phrase(noun, _MODIFIER_DEPS), _phrase(noun, _OWNER_DEPS)
    owners = _gapped_owner(expr) or owners
    verbs = _verbs(clause, noun if noun is own else None)
    subject = _subject(clause) if clause is not None else None
    events = phrase + [p for v in verbs for p in _verb_parts(v)] + ([subject] if subject else [])
    return _Context(
        phrase=tuple(phrase),
        owners=tuple(owners),
        events=tuple(events),
        verbs=tuple(verbs),
        clause=clause,
        bare=noun is None or carrier,
    )


# -- matching --------------------------------------------------------------------


def _unit_kind(unit: str | None, taxonomy: Taxonomy) -> str | None:
    return next((k for k, units in taxonomy.unit_kinds.items() if unit in units), None)


def _score(measure: Measure, context: _Context, kind: str | None) -> int | None:
    """Points for the slots a measure's cues fill, or None if it cannot be the measure."""
    if kind not in measure.units:
        return None
    phrase, events = _words(context.phrase), _words(context.events)
    slots = {kind} if kind is not None else set()
    slots |= {"noun"} if phrase & measure.nouns else set()
    slots |= {"event"} if events & measure.events else set()
    slots |= {"term"} if phrase & measure.terms else set()
    slots |= {"bare"} if context.bare else set()
    if not any(alternative <= slots for alternative in measure.requires):
        return None
    return len(slots & {"noun", "event"}) + (kind != "count")


def _choose(tied: list[Measure], taxonomy: Taxonomy) -> Measure:
    """One of equally good measures.

    A narrower one beats one that includes it ("lost their lives": killed, not losses); siblings
    give way to the narrowest measure including them all ("killed or wounded": losses); else the
    first listed.
    """
    ids = {m.id for m in tied}
    narrowest = [m for m in tied if not m.overlaps & ids]
    names = {m.id for m in narrowest}
    covering = [m for m in taxonomy.measures if len(names) > 1 and names - {m.id} <= m.overlaps]
    return min(covering, key=lambda m: len(m.overlaps)) if covering else (narrowest or tied)[0]


def _best(context: _Context, unit: str | None, taxonomy: Taxonomy) -> Measure | None:
    kind = _unit_kind(unit, taxonomy)
    scored = [(s, m) for m in taxonomy.measures if (s := _score(m, context, kind)) is not None]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    return _choose([m for s, m in scored if s == top], taxonomy)


# -- sides -----------------------------------------------------------------------


def _named_side(words: tuple[str, ...], taxonomy: Taxonomy) -> str | None:
    folded = tuple(w.lower() for w in words)
    return taxonomy.exact_sides.get(words) or taxonomy.folded_sides.get(folded)


def _sides_in(tokens: Iterable[Token], taxonomy: Taxonomy) -> set[str]:
    """Every side named by a nationality word, country or capital among these tokens."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    found: set[str] = set()
    end = -1
    for n, tok in enumerate(ordered):
        for width in range(_LONGEST_SIDE_FORM, 0, -1):
            run = ordered[n : n + width]
            consecutive = len(run) == width and run[-1].i - tok.i == width - 1
            side = _named_side(tuple(t.text for t in run), taxonomy) if consecutive else None
            if side is not None and tok.i > end:  # "North Korean" is not also "Korean"
                found.add(side)
                end = run[-1].i
                break
    return found


def _agents(context: _Context, measure: Measure) -> list[Token]:
    """Subjects and "by" agents of the measure's side verbs: "Kyiv had lost", "unveiled by the US"."""
    tokens: list[Token] = []
    for verb in context.verbs:
        if verb.lemma_.lower() not in measure.side_verbs:
            continue
        subject = _subject(verb)
        tokens.extend(subject.subtree if subject is not None else ())
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            tokens.extend(agent.subtree)
    return tokens


def _clause_words(context: _Context) -> list[Token]:
    """The figure's clause without its subject, agent and embedded clauses."""
    clause = context.clause
    if clause is None:
        return []
    others = [c for c in clause.children if c.dep_ in _OTHER_CLAUSES or _has_subject(c)]
    left_out = {t.i for c in others for t in c.subtree}
    return [t for t in clause.subtree if t.i not in left_out]


def _side(context: _Context, measure: Measure, taxonomy: Taxonomy) -> str | None:
    steps = (
        lambda: context.owners,
        lambda: _agents(context, measure),
        lambda: _clause_words(context) if measure.side_from_clause else [],
    )
    for step in steps:
        found = _sides_in(step(), taxonomy)
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def classify_figure(tok: Token, unit: str | None, taxonomy: Taxonomy) -> Measured:
    """What the number at this token measures and whose it is, from the parse around it."""
    while tok.dep_ == "conj" and tok.head.like_num:  # "between 35,000 and 40,000"
        tok = tok.head
    context = _context(tok, unit, taxonomy)
    measure = _best(context, unit, taxonomy)
    if measure is None:
        return Measured(measure=None, side=None)
    return Measured(measure=measure.id, side=_side(context, measure, taxonomy))


# -- the taxonomy for readers of stored figures ---------------------------------------------


def _taxonomy() -> Taxonomy:
    return load_lexicon().measures


def measure_label(measure_id: str) -> str:
    """A measure's label for readers ("soldiers killed"); the id itself if the data lacks it."""
    measure = _taxonomy().measure(measure_id)
    return measure.label if measure is not None else measure_id.replace("_", " ")


def measure_family(measure_id: str) -> str:
    """The measure a figure is listed under: soldiers killed and wounded under military losses."""
    measure = _taxonomy().measure(measure_id)
    return measure.family if measure is not None else measure_id


def comparable(first: str, second: str) -> bool:
    """Whether figures of two measures count the same thing, or one counts part of the other."""
    a, b = _taxonomy().measure(first), _taxonomy().measure(second)
    if a is None or b is None:
        return first == second
    return a == b or a.id in b.overlaps or b.id in a.overlaps


def comparable_measures(measure_id: str) -> frozenset[str]:
    """Every measure whose figures can be set against this one's (itself included)."""
    taxonomy = _taxonomy()
    return frozenset(
        {measure_id} | {m.id for m in taxonomy.measures if comparable(measure_id, m.id)}
    )


def _topic_words(measure: Measure, side_words: set[str]) -> set[str]:
    label = {w.strip("(),").lower() for w in measure.label.split()}
    # Events are left out: "have", "use" and "give" name no measure to a reader.
    cues = measure.nouns | measure.terms | set(measure.id.split("_"))
    return (label | cues) - side_words


def measures_for_topic(words: Iterable[str]) -> frozenset[str]:
    """Ids of the measures a reader's words name: "losses", "prisoners", "drones", "aid"."""
    taxonomy = _taxonomy()
    side_words = {w for form in taxonomy.folded_sides for w in form}
    wanted = {w.lower() for w in words}
    wanted |= {w[:-1] for w in wanted if w.endswith("s")} | {f"{w}s" for w in wanted}
    return frozenset(m.id for m in taxonomy.measures if wanted & _topic_words(m, side_words))
