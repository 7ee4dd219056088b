"""Tests of briefings.reading on the seed articles and the development set: what each keeps and drops."""

from __future__ import annotations

from datetime import date

from reading_builders import DEV, LIMIT, SEED_000, SEED_004, needs, paragraphs

from briefings.reading.articles import read_path

# --- seeds and dev files ---------------------------------------------------------------------


def test_seed_000() -> None:
    article = read_path(needs(SEED_000), max_bytes=LIMIT)
    body = paragraphs(article)
    assert (
        article.title == "Trump calls for 'immediate ceasefire' in Ukraine after meeting Zelenskyy"
    )
    assert body[0].startswith("US president-elect claims Kyiv 'would like to make a deal'")
    assert body[1].startswith("Donald Trump has called for an immediate ceasefire")
    assert "Trump has already appointed the retired army general Keith Kellogg" in article.text
    assert "of the Biden administration had disastrous" in article.text
    assert "Putin also wants a ban on Ukraine joining Nato, as well" in article.text
    for furniture in ("min. read", "View original", "---", "Photograph", "Wounded Ukrainian", "]("):
        assert furniture not in article.text
    assert article.text.endswith("said one source in the Russian foreign policy establishment.")


def test_seed_004() -> None:
    article = read_path(needs(SEED_004), max_bytes=LIMIT)
    assert article.title == "Zelensky Says Kyiv Wants 'Enduring' Peace To Protect it From Russia"
    assert (article.byline, article.outlet, article.published) == (
        "AFP",
        "themoscowtimes.com",
        date(2024, 12, 8),
    )
    assert '"Zelensky said on social media.' not in article.text
    assert "Zelensky said on social media." in article.text
    assert "'Key conditions' discussed'" in paragraphs(article)
    for furniture in ("Related article", "Original url", "https://", "December 08", "By AFP", "**"):
        assert furniture not in article.text
    assert article.text.endswith("wounded by attacks in the southern Kherson region.")


def test_d1_wire_copy_keeps_its_dateline_and_subheads() -> None:
    article = read_path(needs(DEV / "d1_wire_kellogg.txt"), max_bytes=LIMIT)
    body = paragraphs(article)
    assert (
        article.title == "Trump envoy Kellogg plans early-January trip to Kyiv, no stop in Moscow"
    )
    assert article.byline == "Eurowire staff"
    assert body[0].startswith("WASHINGTON, Dec 17 (Eurowire) - Keith Kellogg")
    assert "MOSCOW REJECTS FREEZE" in body
    assert body[-1].startswith("(Reporting by Eurowire staff")


def test_d2_markdown_analysis() -> None:
    article = read_path(needs(DEV / "d2_analysis_prisoners.md"), max_bytes=LIMIT)
    body = paragraphs(article)
    assert article.title == (
        "Analysis: Prisoners and the missing are the hardest line in any Ukraine ceasefire"
    )
    assert (article.byline, article.published) == ("the Eastern Europe desk", date(2024, 12, 20))
    assert body[0].startswith("As talk of a truce grows louder")
    assert body[1].startswith("For all the attention paid to maps")
    assert body[2] == "The numbers behind the swaps"
    for syntax in ("#", "**", "> ", "---", "min read", "20 December 2024"):
        assert syntax not in article.text


D3_WANTED = ["Tusk", "Tykhyi", "realities on the ground", "4,000", "690,000", "42,000"]
D3_WANTED += ["772,000", "3.8%", "9.5%", "Welcome to our coverage"]
D3_UNWANTED = ["Skip to main content", "subscribe", "Advertisement", "Most read", "Baltic cable"]
D3_UNWANTED += ["Comments (312)", "Privacy policy", "Northline Media Ltd", "nlTrack", "Business"]


def test_d3_liveblog_html() -> None:
    article = read_path(needs(DEV / "d3_liveblog_putin.html"), max_bytes=LIMIT)
    assert article.title.startswith("Putin year-end press conference: Russian leader restates")
    assert (article.byline, article.outlet, article.published) == (
        "Anna Kovalenko",
        "The Northline",
        date(2024, 12, 19),
    )
    for wanted in D3_WANTED:
        assert wanted in article.text
    for unwanted in D3_UNWANTED:
        assert unwanted not in article.text
    assert not article.text.startswith(article.title)
    assert "\n\n" in article.text and "\n\n\n" not in article.text


def test_d4_feature_keeps_its_dateline() -> None:
    article = read_path(needs(DEV / "d4_feature_frontline.txt"), max_bytes=LIMIT)
    body = paragraphs(article)
    assert article.title.startswith("In a town near the front")
    assert body[0] == "VERKHNIA SOSNIVKA, Zaporizhzhia region"
    assert body[-1] == '"She asks me when it will end," she said. "I tell her: when they stop."'


def test_d5_brief_keeps_dateline_and_caps_subheads() -> None:
    article = read_path(needs(DEV / "d5_brief_europe.txt"), max_bytes=LIMIT)
    body = paragraphs(article)
    assert article.title.startswith("EUROPE BRIEF: Nordic and Baltic leaders pledge")
    assert body[0] == "TALLINN/BERLIN/LONDON, 18 December"
    assert article.published is None
    assert {"GERMANY: GUARANTEES FIRST", "WASHINGTON"} <= set(body)
