"""Tests of briefings.identity.merging: an article's actors merged into stored snapshots."""

from __future__ import annotations

from identity_builders import make_actor, make_stored

from briefings.identity.merging import kinds_compatible, link_name, merge_actors, with_holders
from briefings.model import ActorKind
from briefings.records import MergedActor


def test_an_actor_named_twice_in_one_article_is_one_new_actor() -> None:
    merge = merge_actors([], [make_actor("Donald Trump"), make_actor("Trump")])
    assert merge.known == (MergedActor(None, "Donald Trump", "person", None, None, ("Trump",)),)
    assert (merge.picks, merge.n_new) == ((0, 0), 1)


def test_a_fuller_name_later_in_the_article_becomes_canonical() -> None:
    merge = merge_actors([], [make_actor("Trump"), make_actor("Donald Trump")])
    [trump] = merge.known
    assert (trump.name, trump.aliases) == ("Donald Trump", ("Trump",))


def test_a_spelling_variant_merges_into_the_stored_actor_keeping_its_role() -> None:
    stored = [make_stored(7, "Zelensky", role="Ukrainian president")]
    article = [make_actor("Volodymyr Zelenskyy", role="President of Ukraine")]
    merge = merge_actors(stored, article)
    assert merge.known == (
        MergedActor(7, "Volodymyr Zelenskyy", "person", "Ukrainian president", None, ("Zelensky",)),
    )
    assert (merge.picks, merge.n_new) == ((0,), 0)


def test_a_role_and_a_side_are_taken_when_the_stored_actor_has_none() -> None:
    merge = merge_actors(
        [make_stored(1, "Witkoff")], [make_actor("Steve Witkoff", role="envoy", side="US")]
    )
    [witkoff] = merge.known
    assert (witkoff.name, witkoff.role, witkoff.side, witkoff.aliases) == (
        "Steve Witkoff",
        "envoy",
        "US",
        ("Witkoff",),
    )


def test_aliases_add_up_without_repeats_ignoring_case() -> None:
    stored = [make_stored(1, "Vladimir Putin", "Putin")]
    merge = merge_actors(stored, [make_actor("PUTIN", "Vladimir Putin", "Putin")])
    assert merge.known[0].aliases == ("Putin",)


def test_people_never_merge_with_countries_but_collectives_do() -> None:
    stored = [make_stored(1, "Jordan"), make_stored(2, "Ukraine", kind=ActorKind.COUNTRY)]
    article = [
        make_actor("Jordan", kind=ActorKind.COUNTRY),
        make_actor("Ukraine", kind=ActorKind.ORGANISATION),
    ]
    merge = merge_actors(stored, article)
    assert merge.picks == (2, 1)
    assert [(a.id, a.name, a.kind) for a in merge.known[2:]] == [(None, "Jordan", "country")]
    assert kinds_compatible("organisation", "country")
    assert not kinds_compatible("person", "country")


def test_a_same_spelling_match_wins_over_an_older_variant() -> None:
    stored = [make_stored(1, "Andriy Yermak"), make_stored(2, "Yermak")]
    assert merge_actors(stored, [make_actor("yermak")]).picks == (1,)
    stored = [make_stored(1, "Andriy Yermak"), make_stored(2, "Andriy Borysovych Yermak")]
    assert merge_actors(stored, [make_actor("Yermak")]).picks == (0,)


def test_a_rename_respells_the_alias_in_place_and_successive_renames_keep_aliases_unique() -> None:
    stored = [make_stored(1, "Trump", "Donald Trump")]
    merge = merge_actors(stored, [make_actor("Donald Trump")])
    assert (merge.known[0].name, merge.known[0].aliases) == ("Donald Trump", ("Trump",))

    merge = merge_actors(stored, [make_actor("Donald Trump"), make_actor("Donald John Trump")])
    assert (merge.known[0].name, merge.known[0].aliases) == (
        "Donald John Trump",
        ("Trump", "Donald Trump"),
    )


def test_new_actors_follow_the_stored_ones_in_order_of_appearance() -> None:
    stored = [make_stored(3, "Emmanuel Macron")]
    article = [make_actor("Keir Starmer"), make_actor("Macron"), make_actor("Friedrich Merz")]
    merge = merge_actors(stored, article)
    assert [actor.name for actor in merge.known] == [
        "Emmanuel Macron",
        "Keir Starmer",
        "Friedrich Merz",
    ]
    assert (merge.picks, merge.n_new) == ((1, 0, 2), 2)


def test_a_name_links_to_the_article_actor_only_when_one_fits() -> None:
    actors = [make_actor("Donald Trump"), make_actor("Melania Trump")]
    picks = merge_actors([], actors).picks
    assert link_name("Trump", actors, picks) is None
    assert link_name("melania trump", actors, picks) == 1
    assert link_name("Donald Trump", actors, picks) == 0
    assert link_name("The Kremlin", actors, picks) is None
    assert link_name(None, actors, picks) is None


def test_holders_read_apart_are_known_after_the_merge_which_stands() -> None:
    stored = [make_stored(3, "Zelensky")]
    merge = merge_actors(stored, [make_actor("Zelenskyy"), make_actor("Jane Roe")])
    spokesman = make_stored(9, "Dmitry Peskov", role="Kremlin spokesman")
    held = with_holders(merge, [spokesman])
    assert (held.picks, held.mentions, held.n_new) == (merge.picks, merge.mentions, merge.n_new)
    assert held.known == (
        *merge.known,
        MergedActor(9, "Dmitry Peskov", "person", "Kremlin spokesman", None, ()),
    )
