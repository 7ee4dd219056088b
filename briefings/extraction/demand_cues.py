"""The demand cues of verbs and adjectives: "called for", "must", "will not accept", "ready to"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from briefings.extraction.demand_parts import (
    NEGATIVE_SUBJECTS,
    FoundDemand,
    clause_end,
    clause_start,
    complement_end,
    is_negated,
    span_text,
)
from briefings.extraction.grammar import subject_of
from briefings.extraction.mentions import Source
from briefings.model import DemandKind

# The reader is made by demands.py and handed to each cue; here it is only a type.
if TYPE_CHECKING:
    from briefings.extraction.demand_reader import DemandReader


def verb_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """A verb of demanding, calling, proposing, conditioning or rejecting, and its complement."""
    lemma = reader.lemma(tok)
    kind = reader.lex.demand_verbs.get(lemma)
    if kind is None or tok.pos_ != "VERB" or reader.framed(tok):
        return None
    if _not_own_position(reader, tok) or _inside_another_cue(reader, tok):
        return None
    particles = reader.lex.demand_verb_particles.get(lemma, frozenset())
    needs_inf = lemma in reader.lex.demand_verbs_needing_infinitive
    if particles or needs_inf:
        has_particle = bool(particles) and any(
            c.lower_ in particles for c in tok.children if c.dep_ in {"prep", "prt"}
        )
        has_inf = needs_inf and _has_object_infinitive(tok)
        if not (has_particle or has_inf):
            return None
    if is_negated(tok) and kind != DemandKind.REJECTION:
        return None
    # "accepted the bodies of 900 soldiers" receives something; it takes no position.
    if any(
        c.dep_ == "dobj" and c.lower_ in reader.words.not_position_objects for c in tok.children
    ):
        return None
    party = reader.purpose_party(tok) if tok.dep_ == "acl" else reader.party(tok)
    if party is None:
        return None
    end = tok.sent.end if kind == DemandKind.CONDITION else _bare_infinitive_end(tok)
    start = _fronted_object_start(tok)
    content = [
        t
        for t in [*reader.doc[start : tok.i], *reader.doc[tok.i + 1 : end]]
        if not (t.is_punct or t.is_space) and t.pos_ not in {"DET", "PRON", "ADP"}
    ]
    if len(content) < (2 if kind == DemandKind.CONDITION else 1):
        return None
    if lemma in reader.words.verbs_needing_party_clause and not _about_a_party(reader, tok, party):
        return None
    return FoundDemand(party, *span_text(reader.doc, start, end), kind)


def _bare_infinitive_end(verb: Token) -> int:
    """ "demands Ukraine withdraw its troops": the bare infinitive after the object belongs in."""
    end = _pseudo_cleft_end(verb)
    after = verb.doc[end] if end < len(verb.doc) else None
    if after is not None and after.tag_ == "VB" and verb.doc[end - 1].dep_ == "dobj":
        end = max(end, max(t.i for t in after.subtree) + 1)
    return end


def _fronted_object_start(verb: Token) -> int:
    """ "the truce Ukraine agreed to": a verb whose preposition is stranded takes the noun before
    its subject as its object; a passive verb takes its subject."""
    stranded = any(
        c.dep_ == "prep" and not any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
        for c in verb.children
        if c.i == verb.i + 1
    )
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.i < verb.i:
        return subject.left_edge.i  # "the plan was rejected by X": the plan is what X rejects
    if not stranded or subject is None or subject.i == 0 or subject.i > verb.i:
        return verb.i
    before = verb.doc[subject.i - 1]
    return before.left_edge.i if before.pos_ == "NOUN" else verb.i


def _not_own_position(reader: DemandReader, tok: Token) -> bool:
    """ "X needs to stop": an obligation, read by modal_cue; "X cannot veto": a permission denied."""
    subject = subject_of(tok)
    first_person = subject is not None and subject.lower_ in reader.words.first_person
    if tok.lemma_ in reader.lex.obligation_verbs and not first_person and _has_infinitive(tok):
        return True
    return is_negated(tok) and any(
        c.dep_ == "aux" and c.lower_ in reader.words.permission_modals for c in tok.children
    )


def _inside_another_cue(reader: DemandReader, tok: Token) -> bool:
    """ "demanded that Russia agree to X": the inner verb is the content of the outer demand."""
    current = tok
    while current.dep_ in {"ccomp", "xcomp"}:
        step, current = current.dep_, current.head
        lemma = reader.lemma(current)
        kind = reader.lex.demand_verbs.get(lemma)
        # "told them that we need X" is no demand of telling; "told them to X" is.
        plain = lemma not in reader.lex.demand_verbs_needing_infinitive or step == "xcomp"
        if current.pos_ == "VERB" and kind not in {None, DemandKind.REJECTION} and plain:
            return True
    return False


def _about_a_party(reader: DemandReader, verb: Token, party: Source) -> bool:
    """ "X hopes Y will sign", "we hope": a hope is a position when it asks another party to act
    or is said in the first person."""
    hoper = subject_of(verb)
    if hoper is not None and hoper.lower_ in reader.words.first_person:
        return True
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    subject = subject_of(clause) if clause is not None else None
    other = reader.resolve(subject, None) if subject is not None else None
    return other is not None and other.text != party.text


def _has_object_infinitive(verb: Token) -> bool:
    """ "urged Kyiv to accept", "urged the families who remain to leave": an infinitive on the verb
    or inside its object, not inside a clause of its own ("warned that X could force Y to go")."""
    if _has_infinitive(verb, {"xcomp", "ccomp", "advcl"}):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(t.lower_ == "to" and t.dep_ == "aux" for o in objects for t in o.subtree)


def _has_infinitive(verb: Token, deps: frozenset[str] | set[str] = frozenset({"xcomp"})) -> bool:
    """ "urged Kyiv to accept": an infinitive hung on the verb itself, not deeper in its clause."""
    return any(
        c.dep_ in deps and c.i > verb.i and any(g.lower_ == "to" for g in c.children)
        for c in verb.children
    )


def _pseudo_cleft_end(verb: Token) -> int:
    if verb.dep_ == "csubj" and any(c.lower_ == "what" for c in verb.children):
        return complement_end(verb.head)
    return complement_end(verb)


def modal_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """An obligation ("must", "needs to") in what someone says: the speaker's demand."""
    obligation = tok.lower_ in reader.lex.obligation_modals or (
        tok.lemma_ in reader.lex.obligation_verbs
        and tok.dep_ != "aux"
        and any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in tok.children
        )
        and subject_of(tok) is not None
        # "we need to X" is verb_cue's; "we have to X" is an obligation the speaker states.
        and (
            subject_of(tok).lower_ not in {"i", "we"}  # type: ignore[union-attr]
            or tok.lemma_ not in reader.lex.demand_verbs
        )
    )
    if not obligation:
        return None
    verb = tok.head if tok.dep_ == "aux" else tok
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in {"that", "this", "it", "which"}:
        return None
    speaker = (
        reader.reported_speaker(verb)
        or reader.att.sentence_speaker(reader.att.sentence_index(verb))
        or reader.document_source(verb.sent)
    )
    if speaker is None or reader.framed(verb):
        return None
    start, end = clause_start(verb), clause_end(verb, reader.lex.speech_verbs)
    return FoundDemand(speaker, *span_text(reader.doc, start, end), DemandKind.DEMAND)


def negated_acceptance(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "will not accept", "nobody agreed to": a rejection by the subject or the speaker."""
    if tok.lemma_ not in reader.lex.negated_acceptance_verbs or tok.pos_ != "VERB":
        return None
    subject = subject_of(tok)
    clause = tok
    negated = is_negated(tok) or (subject is not None and subject.lower_ in NEGATIVE_SUBJECTS)
    if not negated and tok.dep_ == "relcl" and is_negated(tok.head.head):
        negated, clause = True, tok.head.head
    if not negated or subject is None:
        return None
    speaker = reader.reported_speaker(tok)
    if subject.lower_ in NEGATIVE_SUBJECTS | {"i", "we"}:
        party = speaker or reader.speaker_of(tok)
    elif reader.att.in_quote(reader.att.sentence_index(tok)):
        party = None
    else:
        party = reader.resolve(subject, speaker)
    if party is None:
        return None
    start = (
        min(t.i for t in clause.subtree)
        if clause is not tok
        else min([tok.i, *(c.i for c in tok.children if c.dep_ in {"aux", "neg", "advmod"})])
    )
    return FoundDemand(
        party, *span_text(reader.doc, start, complement_end(clause)), DemandKind.REJECTION
    )


def no_more_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "there can be no deal": the speaker's rejection."""
    if tok.lower_ != "there" or tok.dep_ != "expl":
        return None
    verb = tok.head
    attr = next((c for c in verb.children if c.dep_ in {"attr", "nsubj"} and c.i > verb.i), None)
    if attr is None or not any(c.lower_ == "no" for c in attr.children):
        return None
    speaker = reader.speaker_of(verb)
    if speaker is None:
        return None
    end = max(t.i for t in verb.subtree) + 1
    return FoundDemand(speaker, *span_text(reader.doc, tok.i, end), DemandKind.REJECTION)


def ready_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "ready to talk", "open to a truce": the subject's proposal."""
    if tok.lower_ not in reader.lex.ready_adjectives or tok.dep_ != "acomp":
        return None
    verb = tok.head
    subject = subject_of(verb)
    if subject is None or not any(c.dep_ in {"xcomp", "prep"} for c in tok.children):
        return None
    first_person = subject.lower_ in reader.words.first_person
    speaker = reader.speaker_of(verb) if first_person else reader.reported_speaker(verb)
    party = reader.resolve(subject, speaker)
    if party is None:
        return None
    # "not ready to discuss our territory": a refusal, from the negation to the complement.
    negated = is_negated(verb)
    start = min(c.i for c in verb.children if c.dep_ == "neg") if negated else tok.i
    kind = DemandKind.REJECTION if negated else DemandKind.PROPOSAL
    return FoundDemand(party, *span_text(reader.doc, start, complement_end(tok)), kind)
