"""Claims: the stage that finds them, and how claims from different documents are compared."""

from __future__ import annotations

import json

import pytest

from sayso.analyse.claims import TermWeights, WordSimilarities, group_claims, relation
from sayso.extract import Pipeline
from sayso.extract.claims import claim_at
from sayso.model import Claim, Document
from sayso.settings import Settings
from sayso.store import StoredClaim


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def _document(pipeline: Pipeline, text: str, **fields: object) -> Document:
    doc = Document(text=text, source="test", start=0, end=len(text), **fields)  # type: ignore[arg-type]
    return pipeline(doc)


def test_a_quoted_figure_is_a_claim_held_by_its_speaker(pipeline: Pipeline) -> None:
    doc = _document(
        pipeline,
        "Russia has massed about 100,000 troops near the border with Ukraine, Pentagon "
        "spokesman John Kirby said on Monday. The weather was mild.",
        date="2022-01-24",
    )
    (claim,) = [c for c in doc.claims if c.figures]
    assert claim.kind == "figure"
    assert claim.holder == "John Kirby"
    assert claim.holder_type == "person"
    assert claim.text.startswith("Russia has massed about 100,000 troops")
    assert "Kirby" not in claim.text  # the claim is what was said, not who said it
    assert [f.value for f in claim.figures] == [100_000]
    assert claim.figures[0].qualifier == "about"
    assert "Q159" in claim.actors  # Russia, from the bundled gazetteer
    assert {"mass", "troop", "border"} <= set(claim.terms)
    assert all("weather" not in c.text for c in doc.claims)  # names nothing checkable


def test_the_documents_own_claims_are_held_by_its_author_or_outlet(pipeline: Pipeline) -> None:
    text = "The sanctions imposed on Russia have failed to stop its war in Ukraine."
    by_author = _document(pipeline, text, authors=["Jane Roe"], outlet="The Daily")
    by_outlet = _document(pipeline, text, outlet="The Daily")
    assert (by_author.claims[0].holder, by_author.claims[0].holder_type) == ("Jane Roe", "author")
    assert (by_outlet.claims[0].holder, by_outlet.claims[0].holder_type) == ("The Daily", "outlet")


@pytest.mark.parametrize(
    ("sentence", "kind", "hedges", "negations"),
    [
        (
            "Russia may invade Ukraine within weeks, officials fear.",
            "prediction",
            ["may", "fear"],
            [],
        ),
        ("Russia is not going to invade Ukraine.", "prediction", [], ["not"]),
        ("The Kremlin denied that its forces had shelled Kharkiv.", "assertion", [], ["denied"]),
        ("Ukraine must join NATO as soon as the war ends.", "evaluation", [], []),
        ("Biden reportedly signed the aid bill on Wednesday.", "assertion", ["reportedly"], []),
    ],
)
def test_kind_hedges_and_negations(
    pipeline: Pipeline, sentence: str, kind: str, hedges: list[str], negations: list[str]
) -> None:
    (claim,) = _document(pipeline, sentence, outlet="Wire").claims
    assert claim.kind == kind
    assert [h.text for h in claim.hedges] == hedges
    assert [n.text for n in claim.negations] == negations
    for mention in [*claim.hedges, *claim.negations]:
        assert sentence[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Will Russia invade Ukraine before the Olympics end?",  # a question
        "Putin in Moscow.",  # no verb, too short
        "It was a long and tiring day for everyone who was there.",  # names nothing
    ],
)
def test_what_is_not_a_claim(pipeline: Pipeline, text: str) -> None:
    assert _document(pipeline, text).claims == []


def test_hard_wrapped_lines_make_one_claim(pipeline: Pipeline) -> None:
    text = (
        "MS. JEAN-PIERRE: The President spoke with President Zelenskyy this morning\n"
        "about the air defense systems that Ukraine needs before the winter.\n"
    )
    doc = _document(pipeline, text)
    assert len(doc.claims) == 1
    assert doc.claims[0].text.endswith("before the winter")


def test_claims_point_back_to_their_text(pipeline: Pipeline, dossier_text: str) -> None:
    doc = _document(pipeline, dossier_text[:6000])
    assert len(doc.claims) > 10
    for claim in doc.claims:
        assert doc.text[claim.start : claim.end] == claim.text
        for figure in claim.figures:
            assert claim.start <= figure.start < claim.end
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))).claims == doc.claims


def test_claim_at_reads_any_stretch(pipeline: Pipeline) -> None:
    doc = _document(pipeline, "Hello. Ukraine says it will never cede Crimea.")
    claim = claim_at(doc, 7, len(doc.text))
    assert claim.text == "Ukraine says it will never cede Crimea"
    assert [n.text for n in claim.negations] == ["never"]


# --- comparing ---------------------------------------------------------------------------


def _claims(pipeline: Pipeline, *texts: str) -> list[Claim]:
    return [claim_at(d, 0, len(d.text)) for d in (_document(pipeline, t) for t in texts)]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            "Russia has gathered about 190,000 troops near Ukraine.",
            "US officials put the force massed on Ukraine's border at 190,000 troops.",
            "agrees",
        ),
        (
            "Russia has gathered about 120,000 troops at the border with Ukraine.",
            "Russia has amassed more than 150,000 troops on the border of Ukraine.",
            "contradicts",
        ),
        (
            "In January 2022 Russia had 100,000 troops at the border with Ukraine.",
            "In March 2023 Russia had 300,000 troops at the border with Ukraine.",
            "related",
        ),
        (
            "Russia is going to invade Ukraine within days.",
            "Russia is not going to invade Ukraine.",
            "contradicts",
        ),
        (
            "The sanctions caused the collapse of the Russian economy.",
            "The Russian economy continued to grow despite the sanctions.",
            "contradicts",
        ),
        # a denial against the event it denies; opposite senses of one subject
        (
            "Russia, while mobilizing more than 100,000 troops along the Ukraine border, denies"
            " it plans to invade.",
            "Mr Putin launched a special military operation against Ukraine early on Thursday.",
            "contradicts",
        ),
        (
            "Russia reports that it withdraws its troops from the border.",
            "Russia has increased its troop presence along the Ukrainian border this week.",
            "contradicts",
        ),
        # what only may not be is not denied
        (
            "Russia may not invade Ukraine this winter, analysts in Kyiv said.",
            "Russia invaded Ukraine this winter, officials in Kyiv said.",
            "related",
        ),
        # an addition does not contradict a total
        (
            "The United States sent an additional 3,000 troops to Romania in March.",
            "There were 5,000 troops in Romania in March.",
            "related",
        ),
        # alike, but their sums differ: not an agreement
        (
            "Biden signed the package, worth $95 billion, on Wednesday in Washington.",
            "Biden signed the package, worth $61 billion, on Wednesday in Washington.",
            "related",
        ),
        # alike, but one negates: not an agreement, and not a contradiction either
        (
            "The talks in Istanbul did not address the grain deal, diplomats said.",
            "The talks in Istanbul ended with the grain deal signed, diplomats said.",
            "related",
        ),
        (
            "The first ship carrying Ukrainian grain left Odesa for Lebanon.",
            "The first ship carrying Ukrainian grain has left the port of Odesa for Lebanon.",
            "agrees",
        ),
    ],
)
def test_relation_of_two_claims(pipeline: Pipeline, first: str, second: str, expected: str) -> None:
    a, b = _claims(pipeline, first, second)
    weights = TermWeights([a, b])
    alike = WordSimilarities(
        [StoredClaim("1", None, None, None, a), StoredClaim("2", None, None, None, b)], weights
    )
    label, reason = relation(a, b, alike(0, 1), agree=alike.agree, oppose=alike.oppose)
    assert label == expected, reason
    assert reason


def test_figures_published_months_apart_are_not_set_against_each_other(
    pipeline: Pipeline,
) -> None:
    a, b = _claims(
        pipeline,
        "Russia has suffered about 70,000 casualties in the war, officials said.",
        "Russia has suffered about 300,000 casualties in the war, officials said.",
    )
    weights = TermWeights([a, b])
    alike = WordSimilarities(
        [StoredClaim("1", None, None, None, a), StoredClaim("2", None, None, None, b)], weights
    )

    def label(published: tuple[str, str]) -> tuple[str, str]:
        return relation(
            a, b, alike(0, 1), agree=alike.agree, oppose=alike.oppose, published=published
        )

    assert label(("2023-08-18", "2023-08-25"))[0] == "contradicts"
    assert label(("2023-08-18", "2023-12-12")) == (
        "related",
        "70,000 and 300,000 for casualties, not at one time",  # counts grow
    )


def _published(a: Claim, b: Claim, published: tuple[str, str]) -> str:
    """The label of two claims that share no words, their documents published then."""
    return relation(a, b, 0.0, agree=0.25, oppose=0.15, published=published)[0]


def test_what_happens_at_a_time_opposes_only_claims_of_that_time(pipeline: Pipeline) -> None:
    a, b = _claims(
        pipeline,
        "Russia is not ready to negotiate with Ukraine, officials in Kyiv said.",
        "Russia is ready to negotiate with Ukraine, the Kremlin said.",
    )
    assert _published(a, b, ("2023-06-01", "2023-06-05")) == "contradicts"
    assert _published(a, b, ("2022-03-01", "2023-06-05")) == "related"


def test_an_attack_denied_opposes_one_reported_later_not_earlier(pipeline: Pipeline) -> None:
    denied, done, named = _claims(
        pipeline,
        "Russia is not going to attack Ukraine, the Kremlin said.",
        "Russia has been bombarding Ukrainian cities for 100 days.",
        "Russia's invasion of Ukraine has driven a wedge between Moscow and the West.",
    )
    # a prediction, then the deed
    assert _published(denied, done, ("2022-02-10", "2022-06-03")) == "contradicts"
    assert _published(denied, done, ("2024-02-10", "2022-06-03")) == "related"
    # a later claim that only names the invasion in passing reports no deed of its own
    assert _published(denied, named, ("2022-02-10", "2023-06-03")) == "related"


def test_groups_join_claims_about_one_thing_across_documents(pipeline: Pipeline) -> None:
    texts = [
        "Russia has gathered about 120,000 troops at the border with Ukraine, officials said.",
        "Russia has amassed more than 150,000 troops on the border of Ukraine.",
        "The central bank in Tokyo raised interest rates for the first time in years.",
        "Farmers in Kenya expect a record coffee harvest this autumn.",
    ]
    stored = [
        StoredClaim(f"doc{i}", None, f"outlet {i}", None, claim)
        for i, text in enumerate(texts)
        for claim in _document(pipeline, text).claims
    ]
    groups = group_claims(stored)
    assert len(groups) == 1
    (group,) = groups
    assert {c.document_id for c in group.claims} == {"doc0", "doc1"}
    (link,) = group.links
    assert link.relation == "contradicts"
    assert "120,000" in link.reason and "150,000" in link.reason
    assert "troop" in group.about
    data = json.loads(json.dumps(group.to_dict()))
    assert data["links"][0]["relation"] == "contradicts"
    assert data["claims"][0]["outlet"] == "outlet 0"


def test_claims_of_one_document_and_one_holder_are_never_compared(pipeline: Pipeline) -> None:
    doc = _document(
        pipeline,
        "Russia has gathered about 120,000 troops at the border with Ukraine. "
        "Russia has amassed more than 150,000 troops on the border of Ukraine.",
    )
    stored = [StoredClaim("only", None, None, None, c) for c in doc.claims]
    assert len(stored) == 2
    assert group_claims(stored) == []


def test_two_speakers_of_one_report_who_contradict_each_other_are_set_against_each_other(
    pipeline: Pipeline,
) -> None:
    # they share hardly a word, and one document holds both: the propositions pair them
    doc = _document(
        pipeline,
        "They began amid concerns among U.S. and European officials that the war has reached a"
        " stalemate and about the ability to continue providing aid to Ukraine, officials said."
        "\n\nIn August Jake Sullivan told reporters, “We do not assess that the conflict is a"
        " stalemate.”",
    )
    stored = [StoredClaim("report", None, None, None, c) for c in doc.claims]
    assert {c.claim.holder for c in stored} == {"officials", "Jake Sullivan"}
    (group,) = group_claims(stored)
    (link,) = group.links
    assert (link.relation, link.reason) == ("contradicts", "war: stalemate against not stalemate")
    assert group.title == "war: stalemate"  # what they disagree on, not the words they share


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # the same figure said of different actors is not an agreement
        (
            "Russia lost 300 tanks in the battle last winter.",
            "Ukraine lost 300 tanks in the battle last winter.",
            "related",
        ),
        # sums in one currency agree only when they are the same sum
        (
            "The Pentagon said the budget deficit reached $90 billion.",
            "Congress approved $95 billion in aid for Ukraine and Israel.",
            "related",
        ),
        # failing to do a thing is not a defeat; taking one's time is not taking ground
        (
            "Moscow failed to reply to a formal request from Ukraine.",
            "Russia's victory in the war would threaten NATO, officials fear.",
            "related",
        ),
        (
            "But the Russians are taking their time to get the final pieces into place.",
            "Russia has lost between 3,000 and 4,000 armored vehicles.",
            "related",
        ),
        # agreeing and rejecting oppose only where it is one thing that is agreed or rejected
        (
            "Vladimir Putin and Joe Biden had agreed to continue the talks.",
            "Today, Putin has rejected this path.",
            "related",
        ),
        (
            "Kyiv refused to hold talks with Moscow.",
            "Ukraine agreed to hold talks with Russia.",
            "contradicts",
        ),
        # what would have been, or will be if, is not said to be
        (
            "The 2022 Russian invasion would never have occurred if he were still president.",
            "Russia invaded Ukraine on February 24, 2022.",
            "related",
        ),
        (
            "China will not continue to rise if they do not play by the rules.",
            "China continues to rise, its exports growing every year.",
            "related",
        ),
        # a verb with an object does another thing than one without
        (
            "China has refused to condemn the invasion of Ukraine by Russia.",
            "China agreed to the import of German apples and beef.",
            "related",
        ),
        # the invasion of a country says nothing that the country does; the killed are not
        # the killers
        (
            "The United States warned of a possible military invasion of Ukraine.",
            "Ukraine is not going to attack anyone, its president said.",
            "related",
        ),
        (
            "At least eight Russian generals were killed in the first weeks of the war.",
            "Russia denied that its soldiers killed civilians in Bucha.",
            "related",
        ),
        # what would happen in the event of an invasion is not an invasion
        (
            "London prepares sanctions that would come into force in the event of Moscow's"
            " invasion.",
            "Russia denies it plans to invade Ukraine.",
            "related",
        ),
        # what cannot be is denied only by what is: "cannot win" against "won", not against
        # two villages taken
        (
            "Russia cannot win in Ukraine, the chancellor said.",
            "Russian forces have taken control of two villages in the Donetsk region.",
            "related",
        ),
        # withdrawing from talks moves no troops; repelling an attack is no defeat
        (
            "The United States withdrew from talks with Moscow on Friday.",
            "The United States will deploy 3,000 more troops to Romania and Poland.",
            "related",
        ),
        (
            "Ukrainian forces repelled a Russian attack near Brody in western Ukraine.",
            "Ukrainian forces have made major advances in the south.",
            "related",
        ),
        # who did it, said by a passive's agent or by a charge, against its denial
        (
            "Moscow blamed Ukraine for provoking Russia's full-scale invasion last year.",
            "Russia's aggression was not provoked by Ukraine, the minister said.",
            "contradicts",
        ),
        # a stalemate reached by sinking into it
        (
            "The general admitted that the conflict had devolved into a stalemate.",
            "We do not assess that the conflict is a stalemate.",
            "contradicts",
        ),
        # a war of no one said is one war only where the claims name one of its sides
        (
            "If it depends on the Russian Federation, there will be no war.",
            "President Joe Biden wants to end America's forever wars, but he is pumping billions"
            " of dollars into one that could grind on for a long time.",
            "related",
        ),
    ],
)
def test_what_does_not_relate_two_claims(
    pipeline: Pipeline, first: str, second: str, expected: str
) -> None:
    a, b = _claims(pipeline, first, second)
    label, reason = relation(a, b, 0.0, agree=0.25, oppose=0.15)
    assert label == expected, reason


def test_typographic_apostrophes_negate_and_going_to_ends_a_sentence(pipeline: Pipeline) -> None:
    (negated,) = _document(pipeline, "Russia won’t invade Ukraine this winter.").claims
    assert [n.text for n in negated.negations] == ["n’t"]
    (predicted,) = _document(pipeline, "Officials in Kyiv say that Putin is about to").claims
    assert predicted.kind == "prediction"


def test_claim_at_refuses_an_empty_stretch(pipeline: Pipeline) -> None:
    doc = _document(pipeline, "Ukraine says it will never cede Crimea.")
    with pytest.raises(ValueError, match="offsets"):
        claim_at(doc, 10, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the negation of a verb of belief denies the clause below it; a linking verb gives
        # way to what it says of its subject
        (
            "In August national security adviser Jake Sullivan told reporters, “We do not"
            " assess that the conflict is a stalemate.”",
            ("conflict", None, "stalemate", -1),
        ),
        (
            "They began amid concerns among U.S. and European officials that the war has"
            " reached a stalemate and about the ability to continue providing aid to Ukraine,"
            " officials said.",
            ("war", None, "stalemate", 1),
        ),
        # "no indication that …" denies it; the subject is the state its leader acts for, and
        # readiness gives way to what one is ready for
        (
            "The Biden administration does not have any indication that Russian President"
            " Vladimir Putin is ready to negotiate with Ukraine, two U.S. officials said.",
            ("putin", "Russia", "negotiate", -1),
        ),
        # a noun said of someone is a proposition too
        (
            "There is a growing danger that Ukraine’s now imminent rout on the battlefield will"
            " lead to a period of ruin.",
            ("ukraine", "Ukraine", "rout", 1),
        ),
        # a denial denies the clause it says, whose pronoun stands for the one who denies;
        # what is planned is what is said
        (
            "Russia, while mobilizing more than 100,000 troops along the Ukraine border, denies"
            " it plans to invade.",
            ("it", "Russia", "invade", -1),
        ),
        # a denial denies what an allegation alleges, or an accusation's clause
        (
            "Russia has denied allegations of war crimes in Ukraine.",
            ("russia", "Russia", "crime", -1),
        ),
        (
            "Joe Biden rejected the accusation he was fighting a proxy war.",
            ("he", "United States", "fight", -1),
        ),
        # a denial of a verb, or of an intent, denies what is intended, by the one who denies
        ("Russia denies planning to invade Ukraine.", ("russia", "Russia", "invade", -1)),
        ("The Kremlin denies any intention to invade.", ("kremlin", "Russia", "invade", -1)),
        # "no signs of" denies the noun it takes, said of the troops' state
        (
            "There are no signs of the withdrawal of Russian troops from the border, officials"
            " in Kyiv said.",
            ("troop", "Russia", "withdrawal", -1),
        ),
        # a noun's clause: its pronoun stands for the subject of the verb that has the noun,
        # and "engage in" gives way to what one engages in
        (
            "Russia has shown no signs that they are willing to seriously engage in negotiations.",
            ("they", "Russia", "negotiation", -1),
        ),
        # an event that only happens is what is said, its doer unsaid
        (
            "Washington warned that an all-out invasion could begin any day.",
            (None, None, "invasion", 1),
        ),
        # a quote whose cue denies it is turned round, and "it" in reported speech is the
        # organisation that speaks
        ("Moscow denied that it had attacked the hospital.", ("it", "Russia", "attack", -1)),
        # but "it" in a clause that "we" say is not "we"
        (
            "“We are seeing it continue to take territory on a methodical basis,” Jake"
            " Sullivan said in Washington.",
            ("it", None, "take territory", 1),
        ),
        # a participle without a subject of its own is done by the sentence's subject
        (
            "After repeatedly denying plans to invade, Putin announced a special military"
            " operation in Ukraine.",
            ("putin", "Russia", "invade", -1),
        ),
    ],
)
def test_what_a_claim_asserts(
    pipeline: Pipeline, text: str, expected: tuple[str, str | None, str, int]
) -> None:
    (claim,) = _claims(pipeline, text)
    found = [(p.subject, p.actor, p.predicate, p.polarity) for p in claim.propositions]
    assert expected in found


def test_a_defeat_of_someone_is_not_the_winners_loss(pipeline: Pipeline) -> None:
    (claim,) = _claims(
        pipeline, "The memorial is dedicated to the Soviet Union's defeat of Nazi Germany."
    )
    assert "defeat" not in [p.predicate for p in claim.propositions]


def test_what_is_sunk_in_a_place_is_no_state_and_a_charge_denied_denies_the_deed(
    pipeline: Pipeline,
) -> None:
    (claim,) = _claims(pipeline, "Ukraine sank the Moskva in the Black Sea.")
    assert [p.predicate for p in claim.propositions] == ["sink"]
    (claim,) = _claims(pipeline, "Moscow denied accusing Kyiv of shelling the plant.")
    shelled = [p for p in claim.propositions if p.predicate == "shell"]
    assert [(p.actor, p.polarity) for p in shelled] == [("Ukraine", -1)]


def test_a_deed_is_said_of_who_does_it_not_of_what_it_is_done_to(pipeline: Pipeline) -> None:
    (claim,) = _claims(pipeline, "The Russian invasion of Ukraine began on February 24, 2022.")
    assert ("ukraine", "invasion") not in [(p.subject, p.predicate) for p in claim.propositions]
    (claim,) = _claims(pipeline, "Russia's invasion of Ukraine has failed, Kyiv says.")
    assert ("russia", "invasion") in [(p.subject, p.predicate) for p in claim.propositions]


def test_a_stalemate_denied_contradicts_one_reached_with_the_proposition_as_reason(
    pipeline: Pipeline,
) -> None:
    a, b = _claims(
        pipeline,
        "They began amid concerns among U.S. and European officials that the war has reached a"
        " stalemate and about the ability to continue providing aid to Ukraine, officials said.",
        "In August Jake Sullivan told reporters, “We do not assess that the conflict is a"
        " stalemate.”",
    )
    weights = TermWeights([a, b])
    alike = WordSimilarities(
        [StoredClaim("1", None, None, None, a), StoredClaim("2", None, None, None, b)], weights
    )
    label, reason = relation(a, b, alike(0, 1), agree=alike.agree, oppose=alike.oppose)
    assert (label, reason) == ("contradicts", "war: stalemate against not stalemate")


def test_what_is_dismissed_as_something_else_is_named_not_denied(pipeline: Pipeline) -> None:
    (claim,) = _claims(
        pipeline,
        "The Republican governor dismissed the Russian invasion as a territorial dispute.",
    )
    assert [p.polarity for p in claim.propositions if p.predicate == "invasion"] == []
    assert "dismiss" in [p.predicate for p in claim.propositions]
    (claim,) = _claims(pipeline, "Russia has dismissed allegations of war crimes in Ukraine.")
    assert [(p.predicate, p.polarity) for p in claim.propositions if p.predicate == "crime"] == [
        ("crime", -1)
    ]
    (claim,) = _claims(
        pipeline, "The Kremlin dismissed the reports of the shelling of the plant as a provocation."
    )
    assert [(p.predicate, p.polarity) for p in claim.propositions if p.predicate == "shelling"] == [
        ("shelling", -1)
    ]
