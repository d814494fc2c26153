"""The stances stage: who holds which stance on which issue, and who says so, read from the
parse of real sentences of conflict coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.extract import Pipeline
from sayso.model import Document, Stance
from sayso.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def stances(pipeline: Pipeline, text: str, date: str = "2023-10-30") -> list[Stance]:
    doc = Document(text=text, source="t", start=0, end=len(text), date=date)
    return pipeline(doc).stances


def one(found: list[Stance], issue: str) -> Stance:
    on_issue = [s for s in found if s.issue == issue]
    assert len(on_issue) == 1, [(s.issue, s.holder.label, s.side) for s in found]
    return on_issue[0]


def test_the_holder_is_whom_the_clause_names_not_the_speaker(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“However, the opposing side does not want to enter into any negotiations,” Putin said.",
    )
    stance = one(found, "negotiations")
    assert (stance.side, stance.holder.mention, stance.source) == (
        "against",
        "the opposing side",
        "Putin",
    )
    assert stance.kind == "reported" and [n.text for n in stance.negations] == ["not"]


def test_we_said_by_a_minister_is_the_state_and_its_condition_is_kept(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“In that version, on those conditions, we support Ukraine's territorial integrity,”"
        " Russian Foreign Minister Sergey Lavrov said.",
    )
    stance = one(found, "territorial_concessions")
    assert (stance.side, stance.holder.name, stance.party, stance.kind) == (
        "against",
        "Russia",
        "Russia",
        "own words",
    )
    assert stance.condition is not None and stance.condition.text == "on those conditions"


def test_a_plural_names_attempts_are_its_own(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“This was aggravated by the United States’ attempts to drag Ukraine into NATO,”"
        " Putin said.",
    )
    stance = one(found, "nato_membership")
    assert (stance.side, stance.party, stance.source) == ("for", "United States", "Putin")


def test_a_stance_reported_about_a_third_party(pipeline: Pipeline) -> None:
    stance = one(
        stances(pipeline, "U.S. officials see no sign that Putin is ready to negotiate."),
        "negotiations",
    )
    # the negation stands outside the clause that holds the stance, and still turns it round
    assert (stance.side, stance.holder.name, stance.party) == (
        "against",
        "Vladimir Putin",
        "Russia",
    )
    assert stance.source == "U.S. officials" and stance.kind == "reported"


@pytest.mark.parametrize(
    ("text", "issue", "side", "holder", "party"),
    [
        # negation inside the stance's clause
        (
            "Russia demands that Ukraine never join NATO.",
            "nato_membership",
            "against",
            "Russia",
            "Russia",
        ),
        (
            "“We will not accept any territorial concessions,” Zelenskyy said.",
            "territorial_concessions",
            "against",
            "Ukraine",
            "Ukraine",
        ),
        # two negations cancel
        (
            "“We do not oppose talks with Kyiv,” Peskov said.",
            "negotiations",
            "for",
            "Russia",
            "Russia",
        ),
        # a capital for its government
        ("Kyiv refuses to negotiate with Moscow.", "negotiations", "against", "Ukraine", "Ukraine"),
        (
            "Washington insisted on its open-door policy.",
            "nato_membership",
            "for",
            "United States",
            "United States",
        ),
        # a complaint about arms for Ukraine is against arming it
        (
            "The Kremlin condemned the supply of weapons to Ukraine.",
            "military_aid",
            "against",
            "Kremlin",
            "Russia",
        ),
        # the judgement "illegal" does not turn round the demand to lift them
        (
            "“These illegal sanctions against Russia must be lifted,” Lukashenko said.",
            "sanctions",
            "against",
            "Alexander Lukashenko",
            "Belarus",
        ),
        # a decree's clause is its issuer's, where the parser hangs its infinitive elsewhere
        (
            "“In fact, the President of Ukraine has issued a decree prohibiting everyone to"
            " conduct any negotiations with us,” Putin said.",
            "negotiations",
            "against",
            "Volodymyr Zelenskyy",
            "Ukraine",
        ),
        (
            "The EU adopted a new package of sanctions against Moscow.",
            "sanctions",
            "for",
            "European Union",
            "European Union",
        ),
        # what a third party "must" do is the demand of whoever says so
        (
            "Russian officials said NATO must promise not to allow Ukraine to join the alliance.",
            "nato_membership",
            "against",
            "Russia",
            "Russia",
        ),
        # a participle's subject is the sentence's
        (
            "Turkish President Recep Tayyip Erdogan called Putin on Sunday, offering to mediate"
            " between Russia and Ukraine.",
            "negotiations",
            "for",
            "Recep Tayyip Erdoğan",
            "Turkey",
        ),
        # "prompting X to send": X sends
        (
            "Russia launched its full-scale invasion, prompting Western countries to send"
            " weapons and aid to the government in Kyiv.",
            "military_aid",
            "for",
            "the West",
            "West",
        ),
        # a verb with a noun that takes the side: "take revenge for"
        (
            "Zelensky said Russia was preparing to take revenge against the West for aiding"
            " Ukraine.",
            "military_aid",
            "against",
            "Russia",
            "Russia",
        ),
        # what a verb of regarding takes its object as
        (
            "Putin has indicated he sees NATO's expansion as an existential threat.",
            "nato_membership",
            "against",
            "Vladimir Putin",
            "Russia",
        ),
        # a noun that takes a side, object of a verb that takes none: the verb's subject's
        (
            "Zelensky set Ukrainian forces a goal of defeating the Russian invasion next year.",
            "negotiations",
            "against",
            "Volodymyr Zelenskyy",
            "Ukraine",
        ),
        # taking troops out of the occupied territories gives them back
        (
            "Ukraine demands that Russia withdraws its troops from all its occupied territories.",
            "territorial_concessions",
            "against",
            "Ukraine",
            "Ukraine",
        ),
        # a region that returns holds no stance: the speaker does
        (
            "“Crimea and the occupied regions of Donbas will certainly return to Ukraine, but"
            " only peacefully,” Zelensky said.",
            "territorial_concessions",
            "against",
            "Volodymyr Zelenskyy",
            "Ukraine",
        ),
        # warning someone against a thing is the warner's stance
        (
            "Russia warns the United States against the transfer of long-range weapons.",
            "military_aid",
            "against",
            "Russia",
            "Russia",
        ),
        (
            "The western community is preparing further restrictions on the Russian economy.",
            "sanctions",
            "for",
            "the West",
            "West",
        ),
        # a verb that is also a noun of urging ("request") has its own subject
        (
            "Zelensky requested a face-to-face meeting with Putin.",
            "negotiations",
            "for",
            "Volodymyr Zelenskyy",
            "Ukraine",
        ),
        # what one gives up something in return for, one wants
        (
            "Kyiv would give up its NATO ambitions in return for security guarantees.",
            "security_guarantees",
            "for",
            "Ukraine",
            "Ukraine",
        ),
        (
            "Ukraine is also hoping for security guarantees.",
            "security_guarantees",
            "for",
            "Ukraine",
            "Ukraine",
        ),
        # a threat to something is deplored for what it threatens
        (
            "Ursula von der Leyen said Russian aggression poses a direct threat to the "
            "principles of sovereignty and territorial integrity enshrined in the UN Charter.",
            "territorial_concessions",
            "against",
            "Ursula von der Leyen",
            "European Union",
        ),
    ],
)
def test_the_side_and_the_holder_of_real_sentences(
    pipeline: Pipeline, text: str, issue: str, side: str, holder: str, party: str
) -> None:
    stance = one(stances(pipeline, text), issue)
    assert (stance.side, stance.holder.name, stance.party) == (side, holder, party)


@pytest.mark.parametrize(
    ("text", "issue", "side", "holder"),
    [
        (
            "Kyiv proposed new peace talks on Monday. The Kremlin rejected them.",
            "negotiations",
            "against",
            "Kremlin",
        ),
        (
            "Russia held sham referendums in four regions. Washington described them as "
            "illegal and illegitimate.",
            "territorial_concessions",
            "against",
            "United States",
        ),
        (
            "Russia demands that Ukraine accept the annexation of four regions. “This is "
            "unacceptable,” Kuleba said.",
            "territorial_concessions",
            "against",
            "Dmytro Kuleba",
        ),
    ],
)
def test_a_pronoun_stands_for_the_words_that_raised_the_issue_just_before(
    pipeline: Pipeline, text: str, issue: str, side: str, holder: str
) -> None:
    last = text.rindex(". ") + 2
    found = [s for s in stances(pipeline, text) if s.start >= last and s.issue == issue]
    assert [(s.side, s.holder.name) for s in found] == [(side, holder)]


def test_what_was_asked_for_named_again_raises_the_issue_with_its_side(
    pipeline: Pipeline,
) -> None:
    text = (
        "Russia proposed a ceasefire on Monday. Kyiv rejected the proposal, and Germany "
        "backed the proposal. Poland rejected the proposal on grain imports."
    )
    found = {(s.holder.name, s.side) for s in stances(pipeline, text) if s.issue == "negotiations"}
    assert found == {("Russia", "for"), ("Ukraine", "against"), ("Germany", "for")}


def test_a_pronoun_for_people_or_another_word_raises_no_issue(pipeline: Pipeline) -> None:
    text = (
        "The EU imposed sanctions on Russian banks. Hungary condemned these who want them. "
        "Ukraine asked for more weapons. Its soldiers are brave, and Russia condemned them."
    )
    assert not [s for s in stances(pipeline, text) if s.holder.name in {"Hungary", "Russia"}]


def test_what_is_said_to_constitute_a_threat_is_opposed_by_who_says_so(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "The Kremlin denies planning an attack, insisting instead that NATO support for "
        "Ukraine constitutes a growing threat on Russia's western flank.",
    )
    sides = {(s.holder.name, s.issue, s.side) for s in found}
    assert ("Kremlin", "military_aid", "against") in sides  # and NATO, who supports, for


def test_whom_an_appositive_describes_holds_its_stance(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "President Macron, initially one of the leading advocates for peace talks between Kyiv"
        " and Moscow, has increasingly become one of the most hawkish voices in the EU.",
    )
    stance = one(found, "negotiations")
    assert (stance.side, stance.holder.name, stance.party) == ("for", "Emmanuel Macron", "France")


def test_who_does_what_another_refuses_holds_it_too(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "The increasingly authoritarian Vučić has refused to join Western sanctions against"
        " Moscow over its full-scale invasion of Ukraine.",
    )
    sides = sorted((s.party, s.side) for s in found if s.issue == "sanctions")
    assert sides == [("Serbia", "against"), ("West", "for")]


def test_leaders_of_allied_countries_are_the_west_and_their_military_support_is_aid(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "He added that the leaders of allied countries expressed their desire to further"
        " humanitarian and military support of Ukraine.",
    )
    stance = one(found, "military_aid")
    assert (stance.side, stance.party) == ("for", "West")
    assert not stances(pipeline, "The EU pledged humanitarian aid to Ukraine.")


def test_the_alliance_a_relative_clause_joins_is_named_by_its_antecedent(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Mr Putin said the US was ignoring Russia's concerns about the expansion of Nato, the"
        " Western military alliance which Ukraine is seeking to join.",
    )
    sides = sorted((s.party, s.side) for s in found if s.issue == "nato_membership")
    assert ("Ukraine", "for") in sides and ("Russia", "against") in sides


def test_a_stance_of_each_of_several_named_holders(pipeline: Pipeline) -> None:
    found = stances(
        pipeline, "The U.S. and Britain said they would never support peace talks with Russia now."
    )
    assert sorted((s.party, s.side) for s in found if s.issue == "negotiations") == [
        ("United Kingdom", "against"),
        ("United States", "against"),
    ]


def test_a_conditional_stance_keeps_its_condition(pipeline: Pipeline) -> None:
    stance = one(
        stances(
            pipeline, "“If Russia withdraws its troops, we are ready for talks,” Zelenskyy said."
        ),
        "negotiations",
    )
    assert (stance.side, stance.party, stance.modality) == ("for", "Ukraine", "ready to")
    assert (
        stance.condition is not None and stance.condition.text == "If Russia withdraws its troops"
    )


def test_a_stance_inside_a_supposition_or_a_question_is_none(pipeline: Pipeline) -> None:
    assert stances(pipeline, "Is Putin ready to negotiate?") == []
    found = stances(
        pipeline,
        "“So if the Ukrainian side is willing to negotiate, the first thing to do is to revoke"
        " the decree,” Putin said.",
    )
    assert [s for s in found if s.issue == "negotiations"] == []


def test_a_news_reports_own_narration_takes_no_side(pipeline: Pipeline) -> None:
    # "will resume" names no holder: the report itself would hold it, and reports take none;
    # an opinion piece's author does hold what it argues
    report = (
        "ISTANBUL (Reuters) — Russian and Ukrainian delegations held peace talks in Istanbul on"
        " Tuesday. The talks will resume next week, the Turkish foreign ministry said."
    )
    assert [(s.holder.label, s.party) for s in stances(pipeline, report)] == [
        ("the Turkish foreign ministry", "Turkey")
    ]
    opinion = "Peace talks between Russia and Ukraine must resume soon."
    (stance,) = stances(pipeline, opinion)
    assert (stance.side, stance.source_type, stance.kind) == ("for", "outlet", "own words")


def test_the_dossier_gives_each_party_its_stances(pipeline: Pipeline) -> None:
    """Putin's interview: Ukraine and the West are against negotiating, as Putin tells it;
    Russia itself is not. Lavrov tells of Ukraine proposing a ceasefire in 2022."""
    from sayso.ingest import cut
    from sayso.ingest.readers import read_source

    source = read_source(str(ROOT / "examples" / "dossier.txt"), Settings().max_bytes)
    found = []
    for doc in cut(source, Settings()):
        for stance in pipeline(doc).stances:
            assert doc.text[stance.start : stance.end] == stance.text
            found.append(stance)
    russia_on_talks = {s.side for s in found if s.party == "Russia" and s.issue == "negotiations"}
    assert "for" in russia_on_talks
    ukraine_on_talks = [s for s in found if s.party == "Ukraine" and s.issue == "negotiations"]
    by_putin = [s for s in ukraine_on_talks if s.source == "Vladimir Putin"]
    assert by_putin and all(s.side == "against" for s in by_putin)
    assert [(s.side, s.cue.text) for s in ukraine_on_talks if s.source == "Sergey Lavrov"] == [
        ("for", "proposed")
    ]


def test_who_urged_it_holds_the_stance_too(pipeline: Pipeline) -> None:
    found = stances(
        pipeline, "“Ukraine abandoned the talks at the insistence of the US and UK,” Putin said."
    )
    assert sorted((s.party, s.side) for s in found if s.issue == "negotiations") == [
        ("Ukraine", "against"),
        ("United Kingdom", "against"),
        ("United States", "against"),
    ]


def test_an_official_unknown_to_the_gazetteer_acts_for_the_state_of_their_title(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Ukrainian Foreign Ministry spokesperson Oleg Nikolenko said this on Tuesday."
        " “We support the new sanctions on Russia,” Nikolenko added."
        " “We want more arms,” said Hanna Kovalenko, an envoy to Ukraine.",
    )
    assert {(s.holder.label, s.party) for s in found if s.issue == "sanctions"} == {
        ("Ukraine", "Ukraine")
    }
    # the state an envoy is sent to is not the state she acts for
    assert [s.party for s in found if s.issue == "military_aid"] == [None]


def test_aid_to_another_state_is_not_aid_to_ukraine(pipeline: Pipeline) -> None:
    found = stances(pipeline, "China is considering sending lethal aid to Russia, Blinken said.")
    assert [s for s in found if s.issue == "military_aid"] == []
    found = stances(pipeline, "China is considering sending lethal aid to Kyiv, Blinken said.")
    assert [s.party for s in found if s.issue == "military_aid"] == ["China"]


def test_they_after_a_persons_verb_of_speech_is_not_that_person(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "The Russians do not feel the sanctions. “They are circumventing them,” Zelensky said.",
    )
    assert all(s.holder.name != "Volodymyr Zelenskyy" for s in found if s.issue == "sanctions")


def test_what_a_third_party_could_do_is_also_the_suggestion_of_who_says_so(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "U.S. officials say the war has reached a stalemate. As incentive for Zelenskyy to"
        " consider negotiations, NATO could offer Kyiv some security guarantees, officials said.",
    )
    # the bare "officials" are the U.S. officials named before
    assert sorted((s.party, s.side) for s in found if s.issue == "security_guarantees") == [
        ("NATO", "for"),
        ("United States", "for"),
    ]


def test_a_deed_reported_done_takes_no_side(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“The very fact the sanctions have been launched serves as an indicator of their"
        " effectiveness,” Makei said. “These sanctions must be lifted,” he added.",
    )
    assert [s.side for s in found if s.issue == "sanctions"] == ["against"]


def test_who_does_it_together_with_the_holder_holds_it_too(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Poland joins Finland, Estonia and Latvia in introducing a European ban on issuing"
        " tourist visas for Russians. The European Union prepared a package of sanctions in"
        " cooperation with the United States and Canada.",
    )
    assert sorted(str(s.party) for s in found if s.issue == "sanctions" and s.side == "for") == [
        "Canada",
        "Estonia",
        "European Union",
        "Finland",
        "Latvia",
        "Poland",
        "United States",
    ]


def test_an_administration_named_after_its_leader_is_the_leaders_state(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "The Biden administration has developed new sanctions packages for Russian elites,"
        " Psaki said.",
    )
    assert [(s.holder.label, s.party, s.side) for s in found if s.issue == "sanctions"] == [
        ("Biden administration", "United States", "for")
    ]


def test_western_supplies_are_the_wests_not_the_speakers(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Russian President Vladimir Putin has repeatedly declared that Western military"
        " supplies to Kyiv will not change the course of the conflict.",
    )
    assert [(s.party, s.side) for s in found if s.issue == "military_aid"] == [("West", "for")]


def test_it_before_an_adjective_and_a_clause_is_no_one(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Facing renewed vows that Ukraine would enter NATO, Putin turned to Lavrov and said,"
        " “it is imperative to push for serious, long-term security guarantees.”",
    )
    assert {s.party for s in found if s.issue == "security_guarantees"} == {"Russia"}


def test_they_after_a_plural_subject_is_that_subject(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Instead, “President Vladimir Putin’s co-authors with regard to the Minsk agreements"
        " openly admitted that they had deceived him . . . and this is why they are to blame"
        " for destroying Ukraine’s territorial integrity,” Lavrov said. NATO countries warned"
        " that they would impose sanctions on Russia.",
    )
    assert [s.party for s in found if s.issue == "territorial_concessions"] == [None]
    assert [s.party for s in found if s.issue == "sanctions"] == ["NATO"]


def test_companies_that_evade_sanctions_are_not_the_speaker(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Mr Varadkar said: “We don’t believe any Irish companies have evaded sanctions.”",
    )
    assert all(s.party != "Ireland" for s in found if s.issue == "sanctions")


def test_what_everyone_remembers_is_no_ones_stance(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“Everyone remembers how the reluctance of great empires to negotiate ends,”"
        " Lukashenko said.",
    )
    assert all(s.party is None for s in found if s.issue == "negotiations")


def test_guarantees_named_for_another_state_are_not_ukraines(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "The Russian president accused the US of ignoring Russia's demands to block Ukraine"
        " from ever joining Nato and offer Moscow security guarantees.",
    )
    assert [s for s in found if s.issue == "security_guarantees"] == []
    assert {s.party for s in found if s.issue == "nato_membership"} == {"Russia"}


def test_officials_with_a_possessor_are_not_the_last_states_officials(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Russian officials were angry. Biden and his national security officials weighed"
        " where to send troops in Eastern Europe to aid Ukraine.",
    )
    assert "Russia" not in {s.party for s in found if s.issue == "military_aid"}


@pytest.mark.parametrize(
    ("text", "issue", "expected"),
    [
        # "in return for" needs "in … for"
        ("Russia is opposed to a return to peace talks.", "negotiations", [("against", "Russia")]),
        # a state named before the guarantees is who gives them here
        (
            "Kyiv wants U.S. security guarantees, Zelensky said.",
            "security_guarantees",
            [("for", "Ukraine")],
        ),
        # guarantees asked from the West by a third party are its own, not Ukraine's
        (
            "Moscow demands binding security guarantees from the west. Zelensky asked for"
            " security guarantees from the US.",
            "security_guarantees",
            [("for", "Ukraine")],
        ),
        # weapons "against" Russia are not given to it; aid to several states is the target's
        (
            "Ukraine needs weapons against Russia, Zelensky said.",
            "military_aid",
            [("for", "Ukraine")],
        ),
        ("The US approved aid to Israel and Ukraine.", "military_aid", [("for", "United States")]),
        # "humanitarian" in the phrase of a context word: not arms; elsewhere in the sentence:
        # no matter
        (
            "We call for Russia to facilitate unhindered access to providers of humanitarian"
            " assistance in Ukraine, Blinken said.",
            "military_aid",
            [],
        ),
        (
            "Germany will send tanks to Ukraine, while the UN sends humanitarian aid to Gaza.",
            "military_aid",
            [("for", "Germany")],
        ),
        # "it" is the last subject named before, through a chain of "it"s if need be, to the
        # first sentence too
        (
            "Ukraine has to be armed to the teeth to deter future Russian incursions."
            " It is also hoping for security guarantees, including from the UK.",
            "security_guarantees",
            [("for", "Ukraine")],
        ),
        (
            "Britain - like other western powers - is coming to Ukraine's aid. It's threatening"
            " economic sanctions against Russia if it invades. It's providing Ukraine with"
            " anti-tank weapons and armoured vehicles.",
            "military_aid",
            [("for", "United Kingdom")],
        ),
        (
            "Britain said it would help. It is sending weapons to Ukraine.",
            "military_aid",
            [("for", "United Kingdom")],
        ),
        # whose sanctions they are, named before them, where no one else is said to do them;
        # a named state before a word the tagger takes for a name; not their target
        (
            "Additional EU sanctions, including on oil, are imminent.",
            "sanctions",
            [("for", "European Union")],
        ),
        (
            "U.S. sanctions on Russia were expanded on Friday.",
            "sanctions",
            [("for", "United States")],
        ),
        (
            "Western sanctions against Moscow over its invasion have hurt its economy.",
            "sanctions",
            [("for", "West")],
        ),
        ("Russia sanctions have hurt European industry.", "sanctions", []),
        # a ministry the gazetteer does not know is the state its name names
        (
            "The Ministry of Defence of Poland will send more tanks to Ukraine.",
            "military_aid",
            [("for", "Poland")],
        ),
        # a pronoun may stand for the target named in the sentence before; what is done with
        # it must still be said in the clause
        (
            "Ukraine's forces are running short of shells. We will get them the artillery they"
            " need, Kirby said.",
            "military_aid",
            [("for", "Ukraine")],
        ),
        (
            "The US will send more aid to Ukraine. Their systems can intercept Russia's"
            " hypersonic missiles, officials said.",
            "military_aid",
            [("for", "United States")],
        ),
        # a demand made a condition of talks takes no side on the talks
        (
            "Ukraine demands that Russia withdraws its troops from all its occupied territories"
            " as a condition for peace talks.",
            "negotiations",
            [],
        ),
        # what is preferred against ("rather than", "instead of") is not wanted; pressing
        # someone to do a thing is wanting it
        (
            "The West pressured Kyiv to continue the war rather than conclude the Istanbul talks.",
            "negotiations",
            [("against", "West")],
        ),
        (
            "Kyiv chose to fight instead of negotiating with Moscow.",
            "negotiations",
            [("against", "Ukraine")],
        ),
        (
            "Washington wants Kyiv to negotiate rather than fight on.",
            "negotiations",
            [("for", "United States")],
        ),
        # who is thanked or blamed for a deed did it: their stance as well as the judge's
        (
            "Zelensky thanked Germany for sending tanks to Ukraine.",
            "military_aid",
            [("for", "Ukraine"), ("for", "Germany")],
        ),
        (
            "Lavrov criticized the West for supplying weapons to Ukraine.",
            "military_aid",
            [("against", "Russia"), ("for", "West")],
        ),
        # "neither … nor" turns each subject's stance round; proposing an alternative to a
        # thing is against it
        (
            "Neither the United States, nor the North Atlantic Alliance proposed an alternative"
            " to NATO expansion, Lavrov said.",
            "nato_membership",
            [("for", "United States"), ("for", "NATO")],
        ),
        (
            "Neither Kyiv nor Moscow wants peace talks.",
            "negotiations",
            [("against", "Ukraine"), ("against", "Russia")],
        ),
        # ", which X rejected" after a demand is X's answer to it; after the issue's own
        # words, "which" may stand for either, and nothing is read
        (
            "Russia said NATO must promise not to allow Ukraine to join the alliance, among"
            " other demands, which the United States and NATO have rejected.",
            "nato_membership",
            [("against", "Russia"), ("for", "United States"), ("for", "NATO")],
        ),
        (
            "Kyiv wants security guarantees, which Moscow opposes.",
            "security_guarantees",
            [("for", "Ukraine")],
        ),
        # attacking what is supplied is against supplying it; being hit by a deed is no
        # stance on it
        (
            "Ukraine needs more weapons, Zelensky said. Russia says it may target NATO arms"
            " supply convoys.",
            "military_aid",
            [("for", "Ukraine"), ("against", "Russia")],
        ),
        (
            "China and Belarus, which was also targeted in hefty Western sanctions following"
            " the invasion, will bolster their cooperation.",
            "sanctions",
            [("for", "West")],
        ),
        # a proposal is its maker's: named by an agent of the verb it is the object of, or by
        # a demonym ("peace" a modifier in quotation marks)
        (
            "There have been reports of talks and publicly voiced peace initiatives by Ukraine"
            " itself as well as China and Brazil.",
            "negotiations",
            [("for", "Ukraine"), ("for", "China"), ("for", "Brazil")],
        ),
        (
            "Kremlin propaganda celebrates Italian and French “peace” proposals favourable to"
            " Moscow.",
            "negotiations",
            [("for", "Italy"), ("for", "France")],
        ),
        # a judgement of effect, and "a need to", take sides
        ("“The sanctions are effective,” Kuleba said.", "sanctions", [("for", "Ukraine")]),
        (
            "“There is a need to bring this conflict to an end and reach peace,” Erdogan said"
            " of the war in Ukraine.",
            "negotiations",
            [("for", "Turkey")],
        ),
        # training a state's forces is aiding it; calling it provocative is against
        (
            "Moscow said training Ukrainian pilots in Poland would be provocative.",
            "military_aid",
            [("against", "Russia")],
        ),
        # talks of another kind ("accession" talks) are not peace talks; keeping up with
        # supplies is no wish for them
        (
            "Kyiv wants EU accession talks to start in June.",
            "negotiations",
            [],
        ),
        (
            "Both Ukraine and Russia are struggling to keep up with military supplies.",
            "military_aid",
            [],
        ),
        (
            "The US will send military and humanitarian aid to Ukraine.",
            "military_aid",
            [("for", "United States")],
        ),
        (
            "Kyiv now wants Russia driven out of all of Ukraine, including Crimea.",
            "territorial_concessions",
            [("against", "Ukraine")],
        ),
        (
            "Zelenskiy's request for new planes was turned down.",
            "military_aid",
            [("for", "Ukraine")],
        ),
        # what a state leads is that state's
        (
            "A Czech-led initiative will begin supplying Ukraine with artillery shells.",
            "military_aid",
            [("for", "Czech Republic")],
        ),
        # an issue's only context group may be met in the sentence before, where "it" may
        # stand for what it named
        (
            "NATO met in Bucharest in 2008. It declared its intention to offer membership to"
            " Ukraine some day.",
            "nato_membership",
            [("for", "NATO")],
        ),
        # a person named in the sentence before may be whom "he" stands for
        (
            "Zelensky met Biden on Thursday. He now wants jets and more artillery.",
            "military_aid",
            [("for", "Ukraine")],
        ),
        # a negation on the copula above "ready" turns it round
        ("Russia is not ready to negotiate.", "negotiations", [("against", "Russia")]),
        ("Kyiv is not willing to negotiate with Moscow.", "negotiations", [("against", "Ukraine")]),
        (
            "“Our Western colleagues are not prepared to negotiate,” Lavrov said.",
            "negotiations",
            [("against", "West")],
        ),
        ("Zelensky said he was not against talks.", "negotiations", [("for", "Ukraine")]),
        ("Russia is not in favour of negotiations.", "negotiations", [("against", "Russia")]),
        # a place kept or given back is the "against" pole of concessions; what someone "has
        # to" do is the demand of who says so; a purpose is wanted whatever the verb gives up
        (
            "Zelensky insisted Ukraine would never give up Crimea.",
            "territorial_concessions",
            [("against", "Ukraine")],
        ),
        ("Russian troops shelled Kherson on Monday.", "territorial_concessions", []),
        (
            "Ukraine will have to give up Crimea to end the war, Orban said.",
            "territorial_concessions",
            [("for", "Hungary")],
        ),
        (
            "Ukraine will have to give up Crimea to end the war, Orban said.",
            "negotiations",
            [("for", "Hungary")],
        ),
        # a red line is against; questioning is against; aid supplied to another state with
        # "with" is not aid to Ukraine
        (
            "The Kremlin said Ukraine's accession to NATO would be a red line.",
            "nato_membership",
            [("against", "Russia")],
        ),
        (
            "Orban has questioned the continued aid to Ukraine.",
            "military_aid",
            [("against", "Hungary")],
        ),
        ("China is considering providing Russia with lethal aid.", "military_aid", []),
        # providing Ukraine with guarantees or relief is not arming it
        (
            "Britain said it was providing Ukraine with security guarantees.",
            "military_aid",
            [],
        ),
        (
            "Britain said it was providing Ukraine with tanks.",
            "military_aid",
            [("for", "United Kingdom")],
        ),
        # those thanked for trying to end the war, described by their state, hold it too
        (
            "“We are thankful to our Chinese friends for trying to find ways to end this"
            " crisis,” Putin said.",
            "negotiations",
            [("for", "Russia"), ("for", "China")],
        ),
        # who believes what a clause says holds it, not who reports the belief
        (
            "Western leaders believe that sanctions against Russia must be tightened, Ratas said.",
            "sanctions",
            [("for", "West")],
        ),
        (
            "The democratic world has always believed that Ukraine's territorial integrity is"
            " unconditional, Ratas said.",
            "territorial_concessions",
            [("against", "West")],
        ),
        # a party's statement or plan speaks for it; its decision to do a thing is its own
        (
            "The Kremlin summary of the call said Russia wants talks with Ukraine.",
            "negotiations",
            [("for", "Russia")],
        ),
        (
            "Zelensky welcomed Germany's decision to send tanks to Ukraine.",
            "military_aid",
            [("for", "Ukraine"), ("for", "Germany")],
        ),
        # "its" after "the West" named as a subject is the West
        (
            "It was exactly the West that made this conflict inevitable – not only through its"
            " decision to expand NATO.",
            "nato_membership",
            [("for", "West")],
        ),
        # a head described by an organisation is of it
        (
            "The NATO head said the alliance must sustain its support for Ukraine.",
            "military_aid",
            [("for", "NATO")],
        ),
        # "it is … for someone to do it" is the judgement of who says so, not that someone's
        (
            "Biden said it is still not too late for Russia to choose the path of diplomacy.",
            "negotiations",
            [("for", "United States")],
        ),
        (
            "It is important for Ukraine to join NATO, Stoltenberg said.",
            "nato_membership",
            [("for", "NATO")],
        ),
        ("“It is too late for talks,” Zelensky said.", "negotiations", [("against", "Ukraine")]),
        # a participle after "he said," is the speaker's, though parsed as the quote's
        (
            "Putin spoke in Moscow on Tuesday. Washington is “using the people of Ukraine as"
            " cannon fodder”, he said, lashing out at the United States for supplying weapons"
            " to Kyiv.",
            "military_aid",
            [("against", "Russia")],
        ),
        # a place's name before a plant names the plant, not the land
        (
            "Kyiv and Moscow have traded accusations over a series of strikes on Zaporizhzhia"
            " nuclear plant in southern Ukraine.",
            "territorial_concessions",
            [],
        ),
        # a minister's "the government" is their own; undertaking to do it is wanting it
        (
            "Hungary's foreign minister Szijjártó added that the government does not undertake"
            " to introduce sanctions in the event of Russia's invasion of Ukraine.",
            "sanctions",
            [("against", "Hungary")],
        ),
        (
            "Blinken said everything suggested Russia had decided not to embark on the path of"
            " diplomacy.",
            "negotiations",
            [("against", "Russia")],
        ),
        (
            "Germany decided against sending tanks to Ukraine.",
            "military_aid",
            [("against", "Germany")],
        ),
        # who the verb of speech names says so, whoever the quote marks were given to
        (
            "“This summit matters,” the analyst Anna Dyner said. Erdogan emphasized that"
            " Russia and Ukraine “should return to peace talks”.",
            "negotiations",
            [("for", "Turkey")],
        ),
        # "I" beside someone named is the speaker too
        (
            "“President Putin and I agreed that our teams should continue to engage” in a"
            " diplomatic solution, Biden said.",
            "negotiations",
            [("for", "Russia"), ("for", "United States")],
        ),
        # prepositions of time say when, not what is wanted
        (
            "Biden warned that the U.S. was not willing to “sacrifice basic principles” during"
            " negotiations with Russia.",
            "negotiations",
            [],
        ),
        # "not … without" something says it is needed, by whoever says so
        (
            "“We will not stop this war without negotiations,” Zelensky said.",
            "negotiations",
            [("for", "Ukraine")],
        ),
        (
            "Ukraine cannot maintain its lines without US military aid, Blinken said.",
            "military_aid",
            [("for", "United States")],
        ),
        # a word of an issue inside a name is no stance on it
        (
            "“Crimea will celebrate Victory Day with dignity,” said Aksyonov, the"
            " Russian-installed head of Crimea.",
            "negotiations",
            [],
        ),
        # giving up another state's land is not giving up Ukraine's
        (
            "In 1918 Russia ceded Poland and the three Baltic states to Germany.",
            "territorial_concessions",
            [],
        ),
        ("Russia annexed Crimea in 2014.", "territorial_concessions", [("for", "Russia")]),
        # what a state asks of another for itself is not for Ukraine
        (
            "Russia asked China on Sunday for military equipment to support the invasion of"
            " Ukraine, US officials said.",
            "military_aid",
            [],
        ),
        (
            "Zelensky asked the West for more weapons to defend Ukraine.",
            "military_aid",
            [("for", "Ukraine")],
        ),
        # a state's own territory, named by "its" or "their", is no stance on Ukraine's
        (
            "PACE notes that Belarus has allowed its territory to be used by the Russian"
            " Federation.",
            "territorial_concessions",
            [],
        ),
        (
            "Pushing Russian forces back is no longer enough for many Ukrainians who want all"
            " their territory, including Crimea, back.",
            "territorial_concessions",
            [("against", "Ukraine")],
        ),
        # talks about an attack are no peace talks
        (
            "Lukashenko said the West is keeping on the boil talks about Russia's attack on"
            " Ukraine.",
            "negotiations",
            [],
        ),
        # support for a state's sovereignty is no arms
        (
            "Payne reiterated Australia’s “strong support for Ukraine sovereignty” and"
            " signalled more help.",
            "military_aid",
            [],
        ),
        # membership of the EU is not of NATO; arms negotiations are not peace talks
        (
            "Sullivan said the United States continues to support Türkiye getting on the path"
            " to membership to the European Union, after NATO met.",
            "nato_membership",
            [],
        ),
        (
            "Ukraine wants membership in NATO and the EU, Zelensky said.",
            "nato_membership",
            [("for", "Ukraine")],
        ),
        (
            "“We urge the DPRK to cease its arms negotiations with Russia,” Jean-Pierre said.",
            "negotiations",
            [],
        ),
        # an election victory is not the war's; fighting "to the victory" is
        (
            "In 2020, there were protests in Belarus, when Aleksander Lukashenko's victory with"
            " 80.1 percent was announced in the presidential election.",
            "negotiations",
            [],
        ),
        (
            "“We will defend our country to the victory,” Ukraine's ambassador Oksana Markarova"
            " said.",
            "negotiations",
            [("against", "Ukraine")],
        ),
        # a victory over someone else is no stance on talks
        (
            "After Putin was not invited in 2019, the Kremlin questioned the importance of the"
            " day of landing, to secure victory over Nazi Germany.",
            "negotiations",
            [],
        ),
        # guarantees in a state's own requests are its own
        (
            "Russia has accused the west of ignoring its requests for security guarantees.",
            "security_guarantees",
            [],
        ),
        # blood for the wounded is no arms
        (
            "Ukraine denied the transfer of any blood supply to the front lines.",
            "military_aid",
            [],
        ),
    ],
)
def test_whose_side_a_sentence_gives_on_an_issue(
    pipeline: Pipeline, text: str, issue: str, expected: list[tuple[str, str]]
) -> None:
    found = [(s.side, s.party) for s in stances(pipeline, text) if s.issue == issue]
    assert found == expected


def test_a_description_naming_no_state_is_the_last_like_it_that_named_one(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "The Ukrainian side walked out. “However, the opposing side does not want to enter into"
        " any negotiations,” Putin said.",
    )
    assert [(s.holder.mention, s.party) for s in found if s.issue == "negotiations"] == [
        ("the opposing side", "Ukraine")
    ]


def test_we_in_a_briefing_turn_is_the_state_of_the_labelled_speaker(pipeline: Pipeline) -> None:
    # the label gives the surname alone, the gazetteer the full name and the office; what
    # the speaker only speaks of ("speak to the referenda") is no wish
    text = (
        "MS. PSAKI: Hi, everyone. We are continuing to provide Ukraine with the weapons and"
        " equipment they need.\n"
        "Q Thank you, Jen.\n"
        "MS. PSAKI: I also want to speak to the sham referenda that Russia has staged in"
        " occupied areas in Ukraine.\n"
        "Q Thanks."
    )
    found = [
        (s.issue, s.side, s.holder.name, s.party) for s in stances(pipeline, text, "2022-05-09")
    ]
    assert found == [("military_aid", "for", "United States", "United States")]


def test_a_bare_title_in_a_speakers_words_is_their_own_states_leader(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“The President is ready for negotiations with Ukraine,” Peskov told reporters."
        " “The President has approved new military aid for Ukraine,” Kirby said.",
        "2023-05-10",
    )
    assert [(s.issue, s.side, s.holder.name, s.party) for s in found] == [
        ("negotiations", "for", "Vladimir Putin", "Russia"),
        ("military_aid", "for", "Joe Biden", "United States"),
    ]


def test_an_unnamed_official_in_a_governments_transcript_speaks_for_it(pipeline: Pipeline) -> None:
    text = (
        "SENIOR ADMINISTRATION OFFICIAL: Thanks, everybody. We will keep ratcheting up the costs"
        " on Putin.\n"
        "Q Thank you.\n"
        "SENIOR ADMINISTRATION OFFICIAL: We have been strengthening Ukraine's air defense"
        " capabilities.\n"
        "Q Thanks."
    )
    doc = Document(
        text=text,
        source="t",
        start=0,
        end=len(text),
        date="2022-05-09",
        outlet="The White House (press briefing transcript)",
    )
    found = [(s.issue, s.side, s.party) for s in pipeline(doc).stances]
    assert found == [
        ("sanctions", "for", "United States"),
        ("military_aid", "for", "United States"),
    ]


def test_a_purpose_is_held_by_the_subject_of_the_verb_it_serves(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“We will work with our allies and partners to impose additional economic costs on"
        " Russia,” Karine Jean-Pierre, the White House press secretary, said.",
    )
    stance = one(found, "sanctions")
    assert (stance.side, stance.party) == ("for", "United States")


def test_what_a_thing_does_to_something_else_is_no_side_on_it(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“The sanctions must drive the Russian economy back to Soviet times,” Truss said.",
    )
    assert [s.side for s in found if s.issue == "sanctions"] != ["against"]


def test_she_is_not_the_man_named_last(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Liz Truss met Vladimir Putin in Moscow on Thursday. She said Western allies must"
        " “double down” in their support for Ukraine.",
        date="2022-02-10",
    )
    stance = one(found, "military_aid")
    assert (stance.side, stance.holder.name, stance.party) == (
        "for",
        "Liz Truss",
        "United Kingdom",
    )


def test_a_possessives_country_is_its_state(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "British Prime Minister Rishi Sunak said Tuesday that his country would provide more"
        " air defence missiles to Ukraine.",
    )
    stance = one(found, "military_aid")
    assert (stance.side, stance.party, stance.holder.mention) == (
        "for",
        "United Kingdom",
        "his country",
    )


def test_the_union_is_the_union_named_before(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Leaders of the European Union met in Brussels on Monday. Charles Michel said the"
        " Union still hopes for a diplomatic solution to the crisis in Ukraine.",
    )
    stance = one(found, "negotiations")
    assert (stance.side, stance.party) == ("for", "European Union")


def test_the_allies_of_ukraine_or_the_united_states_are_the_west(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Kiev allies would introduce sanctions, Peskov said. “The European allies of the United"
        " States continue to pump Ukraine with weapons,” the Belarusian minister said.",
    )
    assert (one(found, "sanctions").party, one(found, "sanctions").side) == ("West", "for")
    # and the minister, who says they pump Ukraine with weapons, complains of it
    assert [(s.party, s.side) for s in found if s.issue == "military_aid"] == [
        ("West", "for"),
        ("Belarus", "against"),
    ]


def test_a_stance_named_by_a_noun_is_the_speakers(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“There must be no delay in the provision of arms to Ukraine,” Ukrainian President"
        " Volodymyr Zelenskyy said. “Weapons supply from the West saves the lives of"
        " Ukrainians,” Ukrainian Foreign Ministry spokesman Oleg Nikolenko said.",
    )
    assert [(s.party, s.side, s.kind) for s in found if s.issue == "military_aid"] == [
        ("Ukraine", "for", "own words"),
        ("Ukraine", "for", "own words"),
    ]


def test_the_owner_of_aims_holds_what_they_are_said_to_be(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Those statements refer to three of Ukraine’s key goals: peace, territorial integrity"
        " and sovereignty, the analyst wrote. Russia's demand is that NATO stop its expansion,"
        " Peskov said.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("territorial_concessions", "Ukraine", "against"),
        ("nato_membership", "Russia", "against"),
    ]


def test_a_kind_of_thing_takes_the_side_of_what_it_is_a_kind_of(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "The expansion of the NATO alliance to include former members of the Warsaw Pact was an"
        " act of aggression directed at Russia, Lavrov said.",
    )
    assert (one(found, "nato_membership").party, one(found, "nato_membership").side) == (
        "Russia",
        "against",
    )


def test_not_only_adds_and_a_denied_saying_turns_round_or_says_nothing(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "“Germany not only supports sanctions against Russia but also sends weapons to"
        " Ukraine,” Scholz said. “We never said we would stop arming Ukraine,” Blinken said."
        " Kyiv does not believe that talks with Moscow are possible, Podolyak said."
        " Peskov did not say that talks were impossible.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("military_aid", "Germany", "for"),
        ("sanctions", "Germany", "for"),
        ("military_aid", "United States", "for"),
        ("negotiations", "Ukraine", "against"),
    ]


def test_the_allies_of_the_united_states_are_the_west_and_russias_partners_are_not(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "The allies of the United States will impose sanctions, Peskov said. Russia's"
        " European partners continue to send weapons, he said. “We have not seen China evade"
        " the sanctions,” Blinken said.",
    )
    assert [(s.issue, s.party) for s in found] == [("sanctions", "West")]


def test_a_deed_blamed_as_the_opposite_of_a_stance_is_against_it(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "US Secretary of State Antony Blinken accused China of doing the opposite of"
        " supporting peace in Ukraine.",
    )
    assert sorted((s.party, s.side) for s in found if s.issue == "negotiations") == [
        ("China", "against"),
        ("United States", "for"),
    ]


def test_a_denied_modal_verb_about_something_else_takes_no_side(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "US Secretary of State Antony Blinken said China “can’t have it both ways,” by"
        " “putting itself out as a force for peace in public.” Talks must resume, Blinken said."
        " “By liberating Crimea, we will put a historic end to any attempts by Russia to ruin"
        " the lives of Ukrainians,” Zelensky said.",
    )
    assert [(s.issue, s.party, s.side, s.modality) for s in found] == [
        ("negotiations", "United States", "for", "must"),
        ("territorial_concessions", "Ukraine", "against", "will"),
    ]


def test_where_troops_are_is_no_side_on_the_territory(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Kallas said that training Ukraine’s forces on their territory would not be escalatory.",
    )
    assert [(s.issue, s.holder.name, s.side) for s in found] == [
        ("military_aid", "Kaja Kallas", "for")
    ]


def test_the_first_countries_to_do_it_are_the_owners_of_the_commitment(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Zelensky welcomed the Netherlands' commitment to be the first country to donate"
        " F-16s to Ukraine.",
    )
    assert ("Netherlands", "for") in [(s.party, s.side) for s in found if s.issue == "military_aid"]


def test_attacks_on_what_serves_a_cause_are_against_it(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Defense Minister Sergei Shoigu vowed to step up attacks on storage facilities for"
        " Western weapons supplied to Ukraine.",
    )
    assert ("Russia", "against") in [(s.party, s.side) for s in found]
    assert ("Russia", "for") not in [(s.party, s.side) for s in found]


def test_what_a_state_tries_to_do_is_its_aim(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "As they move west, Russian forces attempt to occupy and annex territories."
        " Since 2014, Ukraine has tried three times to"
        " convene consultations with the guarantor states of the Budapest Memorandum.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("territorial_concessions", "Russia", "for"),
        ("security_guarantees", "Ukraine", "for"),
    ]


def test_a_participle_after_even_is_done_by_the_subject_of_its_clause(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Australia has been an enthusiastic advocate of the Ukrainian cause, even providing"
        " $70m-worth of defensive equipment.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [("military_aid", "Australia", "for")]


def test_a_clause_with_its_own_subject_gives_no_context_to_the_one_beside(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "The Kremlin said it remains open to talks, but Kyiv has legally banned them. Lavrov"
        " said that Western countries continue to pump weapons into Ukraine.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("negotiations", "Russia", "for"),
        ("military_aid", "West", "for"),
    ]


def test_who_uses_a_pretext_does_what_it_is_a_pretext_for(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "We expect Russia to use these sham referenda as a false pretext to try to annex"
        " Ukrainian territory, Kirby said. Putin said America's goal was to use a"
        " confrontation as a pretext to impose more sanctions on Russia.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("territorial_concessions", "Russia", "for"),
        ("sanctions", "United States", "for"),
    ]


def test_a_passives_agent_holds_the_stance_and_the_subjects_owner_its_own(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Ukraine's request for tanks was rejected by Germany. Russia wants talks by March.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("military_aid", "Germany", "against"),
        ("military_aid", "Ukraine", "for"),
        ("negotiations", "Russia", "for"),
    ]


def test_aggression_against_integrity_is_for_taking_territory(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Lithuania imposed sanctions on Belarus, which supports Russia's aggression against"
        " the sovereignty and territorial integrity of Ukraine.",
    )
    assert ("territorial_concessions", "Russia", "for") in [
        (s.issue, s.party, s.side) for s in found
    ]


def test_a_place_where_something_happens_is_no_stance_on_it(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Insurers are cutting back cover, as Russia continues to amass huge amounts of"
        " firepower at the country's borders. “I thank everyone who helps our people in the"
        " temporarily occupied territory,” Zelensky said. Ukraine will celebrate the next"
        " Independence Day within its internationally recognized borders, Kuleba said.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("territorial_concessions", "Ukraine", "against")
    ]


def test_what_is_done_to_a_subject_is_not_its_stance(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Despite the Kremlin being sanctioned over its invasion of Ukraine, the IMF upgraded"
        " its forecast for the Russian economy. Ukraine was not permitted to join NATO in 2008,"
        " Kuleba said. Zelensky asked why Ukraine had not been permitted to join NATO.",
    )
    assert [(s.issue, s.party, s.side) for s in found if s.party is not None] == []


def test_who_makes_another_stop_or_temper_their_support_is_against_it(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Moscow uses nuclear threats to cause the West to stop providing military support for"
        " Ukraine, the report said. The Kremlin hopes to force Western leaders to temper their"
        " support for Ukraine, the report said.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("military_aid", "Russia", "against"),
        ("military_aid", "Russia", "against"),
    ]


def test_the_first_clause_of_the_farther_the_more_supposes(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "The farther west Russian forces move and attempt to occupy and annex territories, the"
        " likelihood of a partisan army grows. Russian forces attempt to annex territories.",
    )
    assert [(s.issue, s.party, s.side, s.text.split()[0]) for s in found] == [
        ("territorial_concessions", "Russia", "for", "Russian")
    ]


def test_one_of_someones_demands_is_theirs(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Putin wants guarantees. After all, one of his core demands is that Nato curbs its"
        " expansion close to the Russian border, and that Ukraine must not join.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [("nato_membership", "Russia", "against")]


def test_food_or_humanitarian_aid_and_sites_beyond_borders_raise_no_issue(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Japan pledged $5.5 billion in humanitarian aid to Ukraine. Moscow withdrew from the"
        " deal, sparking fears over global food supplies to Ukraine. “We do not encourage"
        " Ukraine or enable it to hit sites outside its borders,” Biden said.",
    )
    assert found == []


def test_a_ceasefire_elsewhere_is_not_peace_talks_over_ukraine(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "“We will continue to send weapons to Ukraine. Turning to the Middle East, the"
        " President spoke with leaders of the region today. He discussed the hostages. He"
        " discussed aid deliveries. He discussed the situation on the border. The Secretary"
        " travels next week. He will meet partners. We want a 21-day ceasefire. You’d have to"
        " talk to Beijing about that. Putin can end this war today. We want him to negotiate,”"
        " Jean-Pierre said.",
    )
    assert [(s.issue, s.text.split()[0]) for s in found] == [
        ("military_aid", "“We"),
        ("negotiations", "Putin"),
        ("negotiations", "We"),
    ]


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        (
            "Russia's war goes on. Lukashenko emphasized that the West is keeping on the boil"
            " talks about the attack on a convoy.",
            "negotiations",
        ),
        (
            "“They're being attacked from within Russian territory,” Johnson said of the"
            " Ukrainians.",
            "territorial_concessions",
        ),
        (
            "Macron said that he hoped that Xi would speak to reason and help to end the war in"
            " Ukraine.",
            "military_aid",
        ),
        (
            "US intelligence assesses that China is seriously considering sending lethal aid to"
            " Russia amid continued pressure on Ukraine.",
            "military_aid",
        ),
    ],
)
def test_talk_about_a_place_of_another_or_help_elsewhere_is_no_stance_on_the_issue(
    pipeline: Pipeline, text: str, issue: str
) -> None:
    assert issue not in [s.issue for s in stances(pipeline, text)]


def test_hesitating_to_arm_is_against_and_withdrawing_all_troops_gives_land_back(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "Throughout the war, Biden has dithered and hesitated in providing Ukraine the kinds of"
        " weapons that could prove decisive, the editorial said. “Russia must withdraw all of"
        " its troops from Ukraine's territory,” Kuleba said.",
    )
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("military_aid", "United States", "against"),
        ("territorial_concessions", "Ukraine", "against"),
    ]


def test_a_clause_opening_with_should_or_had_supposes(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Moscow intends to invade Kyiv should the U.S. and NATO not adhere to its demands to"
        " halt NATO expansion, the report said. Had the West imposed sanctions on Russia in"
        " 2014, the war would not have started, Kuleba said. The U.S. should impose sanctions"
        " on Russia, Kuleba said.",
    )
    assert [(s.issue, s.party, s.side, s.modality) for s in found] == [
        ("sanctions", "Ukraine", "for", "should")
    ]


def test_what_an_ally_must_do_to_ensure_something_is_the_speakers_demand(
    pipeline: Pipeline,
) -> None:
    found = stances(
        pipeline,
        "“NATO must unleash its considerable power to ensure Ukrainian victory over Russia,”"
        " Boris Johnson said. NATO members are sending equipment to Poland.",
    )
    assert [(s.issue, s.holder.name, s.side) for s in found] == [
        ("negotiations", "Boris Johnson", "against")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # sentences a review of this session's rules found read wrongly, each with its stances
        (
            "“Ukraine must be allowed to join NATO,” Stoltenberg said.",
            {("nato_membership", "NATO", "for")},
        ),
        (
            "“We are ready to talk to President Putin,” Erdogan said.",
            {("negotiations", "Turkey", "for")},
        ),
        (
            "“We welcome all steps leading to negotiations between Russia and Ukraine,” Erdogan"
            " said.",
            {("negotiations", "Turkey", "for")},
        ),
        (
            "“Ukraine needs more weapons, and Germany will deliver more tanks and artillery,”"
            " Scholz said.",
            {("military_aid", "Ukraine", "for"), ("military_aid", "Germany", "for")},
        ),
        (
            "“Russia's demand for Ukraine's neutrality is unacceptable,” Zelensky said.",
            {("neutrality", "Ukraine", "against"), ("neutrality", "Russia", "for")},
        ),
        (
            "Putin said he was open to negotiations about Ukraine.",
            {("negotiations", "Russia", "for")},
        ),
        (
            "“We will continue our attacks on Crimea until we liberate it,” Zelensky said.",
            {("territorial_concessions", "Ukraine", "against")},
        ),
        (
            "“We will insist on Ukraine's internationally recognised borders,” Kuleba said.",
            {("territorial_concessions", "Ukraine", "against")},
        ),
        (
            "“We will return to every Ukrainian town in the Donbas,” Zelensky said.",
            {("territorial_concessions", "Ukraine", "against")},
        ),
        (
            "“Germany will send tanks, ammunition and medical supplies to Ukraine,” Scholz said.",
            {("military_aid", "Germany", "for")},
        ),
        ("“Every delay in military aid to Ukraine costs lives,” Zelensky said.", set()),
        ("“The war caused Finland to join NATO,” Stoltenberg said.", set()),
        (
            "Advertisement The White House said on Tuesday that it would send more weapons to"
            " Ukraine.",
            {("military_aid", "United States", "for")},
        ),
    ],
)
def test_sentences_the_review_found(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert {(s.issue, s.party, s.side) for s in stances(pipeline, text)} == expected


def test_he_in_someones_own_words_is_not_the_speaker(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Sergei Lavrov spoke in Moscow about Joe Biden. “He wants sanctions on Russia,” Lavrov"
        " said. Putin said he would never accept sanctions on Russia.",
    )
    assert [(s.holder.name, s.side) for s in found] == [
        ("Joe Biden", "for"),
        ("Vladimir Putin", "against"),
    ]


def test_guarantees_a_state_demands_for_no_one_named_are_its_own(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "The Kremlin said it sees NATO as a security threat, and is demanding legal guarantees"
        " that it will not add new members. Zelensky wants security guarantees for Ukraine."
        " Kyiv demands security guarantees.",
    )
    assert [(s.issue, s.party) for s in found] == [
        ("security_guarantees", "Ukraine"),
        ("security_guarantees", "Ukraine"),
    ]


def test_he_said_he_is_who_speaks_and_a_capital_believing_is_its_state(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "Blinken met Lavrov in Geneva. Blinken said he remained fully engaged with diplomacy"
        " over Ukraine. The defeats led Kyiv to believe it would win, and Kyiv believed talks"
        " were pointless.",
    )
    assert [(s.holder.name, s.side) for s in found if s.issue == "negotiations"] == [
        ("Antony Blinken", "for"),
        ("Ukraine", "against"),
    ]


@pytest.mark.parametrize(
    ("text", "issue", "expected"),
    [  # sentences a review of the eleventh session's rules found read wrongly
        (
            "“Putin says he is ready for talks, but he is lying,” Zelensky said.",
            "negotiations",
            [("for", "Russia")],
        ),
        (
            "Putin said Russia was ready for negotiations about the future of Ukraine.",
            "negotiations",
            [("for", "Russia")],
        ),
        (
            "Zelensky rejected negotiations about Ukraine's neutrality.",
            "negotiations",
            [("against", "Ukraine")],
        ),
        (
            "Russia will not accept a ceasefire without sanctions relief, Peskov said.",
            "sanctions",
            [("against", "Russia")],
        ),
        (
            "Putin will not stop the war without the annexation of Donbas, analysts say.",
            "territorial_concessions",
            [("for", "Russia")],
        ),
        (
            "It took months for Germany to agree to send tanks to Ukraine, Zelensky said.",
            "military_aid",
            [("for", "Germany")],
        ),
        (
            "It was easy for Hungary to block sanctions against Russia, diplomats said.",
            "sanctions",
            [("against", "Hungary")],
        ),
        (
            "Biden met Zelensky. He said that if Putin were serious, he would agree to a"
            " ceasefire.",
            "negotiations",
            [("for", "Russia")],
        ),
        ("The EU will decide next week on new sanctions against Russia.", "sanctions", []),
        (
            "Kyiv is awaiting the outcome of talks between Washington and Moscow on military aid.",
            "negotiations",
            [],
        ),
        (
            "The new package aims to alleviate Ukraine's shortage of air defense systems, Biden"
            " said.",
            "military_aid",
            [("for", "United States")],
        ),
        ("Sanctions against Russia were too late and too weak, Zelensky said.", "sanctions", []),
        (
            "Scholz was late to agree to send tanks to Ukraine, critics said.",
            "military_aid",
            [("for", "Germany")],
        ),
        (
            "Zelensky refused to cede Russia any land.",
            "territorial_concessions",
            [("against", "Ukraine")],
        ),
        (
            "Putin demands that Ukraine cede Russia the Donbas.",
            "territorial_concessions",
            [("for", "Russia")],
        ),
        (
            "Zelensky asked for a NATO Membership Action Plan for Ukraine.",
            "nato_membership",
            [("for", "Ukraine")],
        ),
        (
            "Zelensky criticised Hungary. “The government has blocked military aid for Ukraine for"
            " months,” he said.",
            "military_aid",
            [("against", None)],
        ),
        (  # a scare quote left open is no quote running into the next paragraph
            "Biden mocked Putin's \"special operation in a speech in Warsaw. He pledged to send"
            ' more weapons to Ukraine.\n\n"We stand with Kyiv," Biden said.',
            "military_aid",
            [("for", "United States")],
        ),
    ],
)
def test_sentences_the_second_review_found(
    pipeline: Pipeline, text: str, issue: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(s.side, s.party) for s in stances(pipeline, text) if s.issue == issue] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The counterparties have been trying to downplay the Russian proposals on security"
        " guarantees, Makei said.",
        '"The main thing here is that no one gives Russia security guarantees," Lukashenko said.',
        "Referring to the issue of security guarantees, which the Kremlin demands from the west,"
        " the minister said there was no progress.",
        "Lavrov said the proposals for security guarantees that the United States presented are"
        " better than those proposed by NATO.",
    ],
)
def test_guarantees_a_state_asks_or_is_given_for_itself_are_no_stance_on_ukraines(
    pipeline: Pipeline, text: str
) -> None:
    found = stances(pipeline, text, date="2022-01-20")
    assert not [s for s in found if s.issue == "security_guarantees"]


def test_guarantees_proposed_by_ukraine_or_for_it_stay_on_the_issue(pipeline: Pipeline) -> None:
    own = one(
        stances(pipeline, "Ukraine's proposals on security guarantees were discussed."),
        "security_guarantees",
    )
    assert (own.party, own.side) == ("Ukraine", "for")
    found = stances(
        pipeline, "Kyiv welcomed the French proposal on security guarantees for Ukraine."
    )
    assert {(s.party, s.side) for s in found if s.issue == "security_guarantees"} >= {
        ("Ukraine", "for")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Russia asked China on Sunday with a request for military equipment to support the"
        " invasion of Ukraine.",
        "Lukashenko is a close ally of Russia president Vladimir Putin, providing military"
        " support in the invasion of Ukraine.",
        "Additionally, the constant supply of Iranian drones allows Russia to pursue its intense"
        " bombing crusade against Ukrainian cities and the country's civilian infrastructure.",
    ],
)
def test_arms_for_the_attacker_are_no_stance_on_military_aid_to_ukraine(
    pipeline: Pipeline, text: str
) -> None:
    found = stances(pipeline, text, date="2022-03-14")
    assert not [s for s in found if s.issue == "military_aid"]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Washington is providing military support for Ukraine's defence against the invasion.",
            "United States",
        ),
        ("Germany is providing military support to Ukraine in its counteroffensive.", "Germany"),
        ("The United States approved a request for more weapons to Ukraine.", "United States"),
    ],
)
def test_arms_for_ukraines_defence_or_asked_by_others_stay_on_the_issue(
    pipeline: Pipeline, text: str, party: str
) -> None:
    found = stances(pipeline, text, date="2022-03-14")
    assert [(s.party, s.side) for s in found if s.issue == "military_aid"] == [(party, "for")]


@pytest.mark.parametrize(
    ("text", "issue", "expected"),
    [
        # a way found to do it: the finder's
        (
            "Scholz visited Kyiv and Moscow. “(These trips are) about how we can find a way to"
            " ensure peace in Europe,” Olaf Scholz said.",
            "negotiations",
            [("Germany", "for")],
        ),
        # "in order to": the purpose of whoever the clause names
        (
            "China is ready to cooperate with France in order to end the war in Ukraine on a"
            " diplomatic path.",
            "negotiations",
            [("China", "for")],
        ),
        # the time due to do it: the speaker's view
        (
            "“So now is the time to support Ukraine’s plan to re-arm, regroup, and push"
            " forward,” Olaf Scholz said.",
            "military_aid",
            [("Germany", "for")],
        ),
    ],
)
def test_who_an_infinitive_of_purpose_or_occasion_belongs_to(
    pipeline: Pipeline, text: str, issue: str, expected: list[tuple[str, str]]
) -> None:
    found = stances(pipeline, text, date="2023-05-11")
    assert [(s.party, s.side) for s in found if s.issue == issue] == expected


def test_whom_a_prediction_says_will_be_forced_holds_no_stance(pipeline: Pipeline) -> None:
    found = stances(
        pipeline,
        "There’s a risk, if the current counteroffensive produces no breakthrough, that"
        " Zelenskiy will be forced into negotiations.",
        date="2023-07-10",
    )
    stance = one(found, "negotiations")
    assert stance.party is None and stance.holder.label is None


@pytest.mark.parametrize(
    "text",
    [
        "Biden and his national security officials weighed where to send troops in Eastern"
        " Europe to aid Ukraine as part of a broader NATO effort.",
        "Moscow has reacted with fury to suggestions the West could deploy forces to support Kyiv.",
        "Germany sent food to help Ukraine.",
        "As the crisis unfolded, the US and UK almost immediately ruled out direct military"
        " support on the ground to Kyiv.",
        "Against the background of such regular diplomatic activity with Russia, it was strange"
        " to hear today an old fake of Russian propaganda, Zelensky said.",
        # measures laid on another state, another state's territory
        "The European Union agreed to accept sanctions against Belarus, including for the"
        " involvement of this country on the Russian side in the war against Ukraine.",
        "Sanctions against us are being announced already, Lukashenko said about the war in"
        " Ukraine and Russia.",
        "The threat of missile strikes on Ukraine from the territory of Belarus by the Russian"
        " enemy remains, it said.",
    ],
)
def test_troops_food_backgrounds_and_other_states_are_no_stance_on_the_issues(
    pipeline: Pipeline, text: str
) -> None:
    found = stances(pipeline, text, date="2022-02-01")
    assert [(s.issue, s.party) for s in found if s.party is not None] == []


def test_arms_sent_to_help_ukraine_stay_on_the_issue(pipeline: Pipeline) -> None:
    found = stances(pipeline, "Britain will send tanks to help Ukraine.", date="2023-01-14")
    assert [(s.issue, s.party, s.side) for s in found] == [
        ("military_aid", "United Kingdom", "for")
    ]


@pytest.mark.parametrize(
    ("text", "issue", "expected"),
    [
        (  # who says others pump weapons in complains of it, unless they are pumped for him
            "We see how America is pumping weapons into Ukraine, Lavrov said. “The United States"
            " has pumped billions of dollars of weapons into Ukraine, and it has saved lives,”"
            " Zelensky said.",
            "military_aid",
            [("United States", "for"), ("Russia", "against"), ("United States", "for")],
        ),
        (
            "Kyiv is awaiting the arrival of billions of dollars in US weapons, which it hopes"
            " will stabilize the front lines in Ukraine.",
            "military_aid",
            [("Ukraine", "for")],
        ),
        (
            "The US Congress voted through fresh military aid worth $61bn to Ukraine.",
            "military_aid",
            [("United States", "for")],
        ),
        (
            "Russia's aggression must end in talks, Scholz said.",
            "negotiations",
            [("Germany", "for")],
        ),
        (
            "We support Ukraine's territorial sovereignty, Blinken said.",
            "territorial_concessions",
            [("United States", "against")],
        ),
        (
            "Russia's actions violate the principle of the inviolability of state borders,"
            " Scholz said about Ukraine.",
            "territorial_concessions",
            [("Russia", "for")],
        ),
        (  # sanctions laid on Russia, or lifted from "us" as Putin says
            "The EU adopted new sanctions against Russia. “Sanctions against us must be"
            " lifted,” Putin said.",
            "sanctions",
            [("European Union", "for"), ("Russia", "against")],
        ),
        (  # aid to Ukraine's forces is aid to Ukraine; "send troops" is not
            "The United States announced a new package of military aid to Ukrainian forces."
            " Biden weighed where to send troops in Eastern Europe to aid Ukraine.",
            "military_aid",
            [("United States", "for")],
        ),
        (  # the weapons the recipient needs; a request put to Congress
            "Warsaw will give Ukraine all the weapons it needs, Duda said. The White House"
            " sent Congress a request for more military aid, Biden said.",
            "military_aid",
            [("Poland", "for"), ("United States", "for")],
        ),
        (  # whoever says a thing would violate the ceasefire upholds it
            "“Any strike on Russian territory would violate the ceasefire,” Peskov said.",
            "negotiations",
            [("Russia", "for")],
        ),
        (  # a clause of time before the main clause keeps its own participle
            "Although Hungary vetoed the package, refusing to back sanctions on Russian oil,"
            " the EU pressed ahead.",
            "sanctions",
            [("Hungary", "against")],
        ),
        (  # a just outcome of talks is wanted; the outcome awaited is not
            "“We want a just outcome of the negotiations,” Zelensky said. Kyiv is awaiting the"
            " outcome of talks between Washington and Moscow on military aid.",
            "negotiations",
            [("Ukraine", "for")],
        ),
        (  # a participle after a clause of time is the main subject's
            "Moldova has performed a difficult balancing act since Russia invaded Ukraine,"
            " staunchly supporting Ukraine and taking in thousands of refugees.",
            "military_aid",
            [("Moldova", "for")],
        ),
        (  # weapons a state needs for itself are no aid to Ukraine
            "“We have all the weapons we need for this,” Putin said about Ukraine. “We have all"
            " the weapons we need,” Zelensky said about the counteroffensive in Ukraine.",
            "military_aid",
            [("Ukraine", "for")],
        ),
        (  # a word of talks describing another thing is no stance
            "The US diplomats will carry out core diplomatic functions in Lviv, the official"
            " said about Ukraine. Russia wants a diplomatic solution in Ukraine, Lavrov said.",
            "negotiations",
            [("Russia", "for")],
        ),
    ],
)
def test_verbs_of_sending_voting_ending_and_violating(
    pipeline: Pipeline, text: str, issue: str, expected: list[tuple[str, str]]
) -> None:
    found = stances(pipeline, text, date="2024-05-02")
    assert [(s.party, s.side) for s in found if s.issue == issue] == expected
