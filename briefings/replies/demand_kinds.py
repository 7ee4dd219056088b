"""The kinds of position a party takes (model.DemandKind), named in the interface's language."""

from __future__ import annotations

from briefings.i18n import N_, _
from briefings.model import DemandKind

# How answers name each kind: "• demand: security guarantees [3]".
KIND_LABELS: dict[str, str] = {
    # i18n: a kind of position a party takes: something it demands (a noun, as a label).
    DemandKind.DEMAND: N_("demand"),
    # i18n: a kind of position a party takes: a condition it sets (a noun, as a label).
    DemandKind.CONDITION: N_("condition"),
    # i18n: a kind of position a party takes: a call for something (a noun, as a label).
    DemandKind.CALL: N_("call"),
    # i18n: a kind of position a party takes: something it proposes (a noun, as a label).
    DemandKind.PROPOSAL: N_("proposal"),
    # i18n: a kind of position a party takes: something it rejects (a noun, as a label).
    DemandKind.REJECTION: N_("rejection"),
}


def kind_label(kind: str) -> str:
    """A kind of position as answers name it ("demand", "proposal"), in the current language;
    a kind this list does not know, as stored."""
    label = KIND_LABELS.get(kind)
    return _(label) if label else kind
