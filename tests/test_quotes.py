"""The quotes stage on real sentences of every construction it knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.extract.quotes import find_quotes, find_turns
from sayso.ingest import split_text
from sayso.model import Quote


def _only(text: str, kind: str | None = None) -> Quote:
    quotes = [q for q in find_quotes(text) if kind is None or q.kind == kind]
    assert len(quotes) == 1, quotes
    return quotes[0]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue_start is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        speaker = quote.speaker
        if speaker.start is not None:
            assert text[speaker.start : speaker.end] == speaker.mention


def test_direct_quote_with_the_cue_after_it() -> None:
    text = (
        "“Any decisions about negotiations are up to Ukraine,” Adrienne Watson, spokesperson "
        "for the National Security Council, said in a statement."
    )
    quote = _only(text)
    assert (quote.kind, quote.text, quote.cue) == (
        "direct",
        "Any decisions about negotiations are up to Ukraine",
        "said",
    )
    assert quote.speaker.name == "Adrienne Watson" and quote.speaker.type == "person"
    assert quote.speaker.descriptor == "spokesperson for the National Security Council"
    _check_offsets(text, [quote])


def test_cue_before_the_quote_and_the_next_quote_goes_on() -> None:
    text = (
        "In August national security adviser Jake Sullivan told reporters, “We do not assess "
        "that the conflict is a stalemate.” “Ukraine is taking territory every week.”"
    )
    first, second = find_quotes(text)
    assert (first.cue, first.speaker.name) == ("told", "Jake Sullivan")
    assert first.text == "We do not assess that the conflict is a stalemate."
    assert second.speaker.name == "Jake Sullivan" and second.cue is None
    assert (first.evidence, second.evidence) == ("claimed", "continued")
    _check_offsets(text, [first, second])


def test_split_quote_gives_both_parts_to_one_speaker() -> None:
    text = "“If they had agreed in Istanbul,” the foreign minister said, “we would have peace now.”"
    first, second = find_quotes(text)
    assert first.text == "If they had agreed in Istanbul"
    assert second.text == "we would have peace now."
    assert first.speaker.mention == second.speaker.mention == "the foreign minister"
    assert first.speaker.type == "anonymous"


def test_colon_introduction_and_a_quote_over_two_paragraphs() -> None:
    text = (
        "Lavrov placed the blame on Europe, saying:\n"
        "“They have confessed after all that no one intended to implement the agreements.\n"
        "“In 2022, this was stated publicly by the former chancellor and the president.”\n"
        "The talks collapsed."
    )
    quote = _only(text)
    assert quote.speaker.name == "Lavrov"
    assert quote.text.startswith("They have confessed") and quote.text.endswith("the president.")


def test_a_quote_opened_inside_a_paragraph_runs_on_into_the_next() -> None:
    text = (
        '"Our teams should continue to engage," Biden said. "We should give diplomacy every'
        " chance to succeed.\n\n"
        '"The United States has put concrete ideas on the table."\n\n'
        'The markets fell. One trader said "nothing.\n\nThe day ended.'
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert [(q.text, q.speaker.name) for q in quotes] == [
        ("Our teams should continue to engage", "Biden"),
        ("We should give diplomacy every chance to succeed.", "Biden"),
        ("The United States has put concrete ideas on the table.", "Biden"),
    ]  # a mark left open before a paragraph that does not open with one opens nothing


def test_dash_attribution() -> None:
    text = (
        "“Our relations have always been driven by goodwill and mutual respect.” — Vladimir Putin"
    )
    quote = _only(text)
    assert (quote.speaker.name, quote.cue) == ("Vladimir Putin", "—")


def test_cue_in_the_next_clause_points_back_to_an_anonymous_source() -> None:
    text = (
        "President Joe Biden has been intensely focused on Ukraine’s depleting military forces, "
        "according to two people familiar with the matter.\n"
        "“Manpower is at the top of the administration’s concerns right now,” one said."
    )
    reported, direct = find_quotes(text)
    assert reported.kind == "indirect" and reported.cue == "according to"
    assert reported.speaker.type == "anonymous"
    assert reported.speaker.descriptor == "two people familiar with the matter"
    assert direct.speaker.mention == "one"
    assert direct.speaker.descriptor == "two people familiar with the matter"


def test_mixed_quote_keeps_the_reported_clause() -> None:
    text = (
        "Instead, Sullivan said, Ukraine is taking territory on a “methodical, systematic basis.”"
    )
    quote = _only(text)
    assert quote.kind == "mixed"
    assert quote.text == "Ukraine is taking territory on a “methodical, systematic basis.”"
    assert quote.speaker.name == "Sullivan"


@pytest.mark.parametrize(
    ("text", "content", "cue", "kind"),
    [
        (
            "Biden administration officials also are worried that Ukraine is running out of "
            "forces, officials said.",
            "Biden administration officials also are worried that Ukraine is running out of forces",
            "said",
            "anonymous",
        ),
        (
            "Antony Blinken told NBC’s “Meet the Press” on Sunday that the talks would resume.",
            "the talks would resume",
            "told",
            "person",
        ),
        (
            "A senior European diplomat warned that the coalition would not survive the winter.",
            "the coalition would not survive the winter",
            "warned",
            "anonymous",
        ),
        (
            "The Kremlin denied that any talks with Kyiv had taken place.",
            "any talks with Kyiv had taken place",
            "denied",
            "organization",
        ),
        (
            "The Biden administration has spent $43.9 billion on security assistance for Ukraine, "
            "according to the Pentagon.",
            "The Biden administration has spent $43.9 billion on security assistance for Ukraine",
            "according to",
            "organization",
        ),
        (
            "Reuters reported that the convoy had crossed the border overnight.",
            "the convoy had crossed the border overnight",
            "reported",
            "publication",
        ),
        (
            "The communiqué stated that all parties would respect the ceasefire line.",
            "all parties would respect the ceasefire line",
            "stated",
            "document",
        ),
        (
            "Three people briefed on the talks told reporters the sides were close to a deal.",
            "the sides were close to a deal",
            "told",
            "anonymous",
        ),
    ],
)
def test_reported_speech(text: str, content: str, cue: str, kind: str) -> None:
    quote = _only(text)
    assert (quote.kind, quote.text, quote.cue, quote.speaker.type) == (
        "indirect",
        content,
        cue,
        kind,
    )
    _check_offsets(text, [quote])


def test_names_resolve_to_the_fullest_form_and_pronouns_to_the_last_speaker() -> None:
    text = (
        "John Kirby, the National Security Council spokesman, spoke to reporters on Monday. "
        "Kirby said the United States would send more air defence systems. "
        "He added that the shipment would arrive within weeks. "
        "“We are not going to let up,” the spokesman said."
    )
    quotes = find_quotes(text)
    assert [q.speaker.name for q in quotes] == ["John Kirby", "John Kirby", "John Kirby"]
    assert [q.speaker.mention for q in quotes] == ["Kirby", "He", "the spokesman"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Liz Truss met Vladimir Putin in Moscow on Thursday. She said Western allies must "
            "“double down” in their support for Ukraine.",
            "Liz Truss",
        ),
        (
            "Maria Zakharova spoke after Sergei Lavrov left. He said “the talks are over”.",
            "Sergei Lavrov",
        ),
        (
            "Ursula von der Leyen met Joe Biden in Washington. “We stand united,” she said.",
            "Ursula von der Leyen",
        ),
    ],
)
def test_a_pronoun_is_never_a_person_of_the_other_sex(text: str, name: str) -> None:
    assert _only(text).speaker.name == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (  # a surname whose sex the text does not give, named in passing since
            "Foreign Secretary Liz Truss gave a speech in London. Ms Truss said victory for "
            "Ukraine was a “strategic imperative”. The speech went further than the aims of "
            "the past, which were limited to saying that President Putin's invasion “must "
            "fail”. She said Western allies must “double down” in their support for Ukraine.",
            "Liz Truss",
        ),
        (  # the subject of the sentence before, not the object named after it
            "Dmytro Kuleba met the German envoy in Kyiv on Friday and thanked Berlin for its "
            "tanks. He said “the next weeks will be decisive”.",
            "Dmytro Kuleba",
        ),
    ],
)
def test_a_pronoun_stands_for_the_most_salient_person(text: str, name: str) -> None:
    said = [q for q in find_quotes(text) if q.speaker.mention in {"She", "He"}]
    assert [q.speaker.name for q in said] == [name]


def test_a_word_spoken_of_is_not_a_quote_but_words_someone_uses_are() -> None:
    text = (
        "Its committees changed the word “war” to “conflict”. Trump has used the phrase "
        "“Islamic terrorism” often in his campaign. Putin used the words “denazification” "
        "and “demilitarisation” again."
    )
    quoted = [text[q.start : q.end] for q in find_quotes(text)]
    assert not any(words in quoted for words in ("war", "conflict"))
    assert {"Islamic terrorism", "denazification", "demilitarisation"} <= set(quoted)


def test_a_description_points_back_only_to_one_described_alike() -> None:
    text = (
        "“We will not give up,” Zelensky said in a video address.\n\n"
        "The mayor said the city was calm. A senior official said the strikes had stopped. "
        "The official added that power was back."
    )
    speakers = [(q.speaker.name, q.speaker.descriptor) for q in find_quotes(text)]
    assert speakers[1:] == [
        (None, "The mayor"),
        (None, "A senior official"),
        (None, "A senior official"),
    ]


def test_a_description_points_back_to_the_person_named_with_that_title() -> None:
    text = (
        "MINSK, 26 September (BelTA) – Minister of Foreign Affairs of Belarus Vladimir Makei "
        "spoke in New York on Monday. “This war has been going on since 2014,” the Belarusian "
        "foreign minister said."
    )
    assert _only(text).speaker.name == "Vladimir Makei"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Former President Bill Clinton spoke on Monday. Hillary Clinton, the former secretary "
            "of state, also attended. “We have to stand with Ukraine,” Clinton said.",
            "Hillary Clinton",
        ),
        (
            "Hillary Clinton spoke on Monday. Later, Bill Clinton arrived at the rally. "
            "“This is a fight for democracy,” Clinton told the crowd.",
            "Bill Clinton",
        ),
    ],
)
def test_a_shared_surname_goes_to_the_person_named_last(text: str, name: str) -> None:
    quote = _only(text)
    assert (quote.speaker.name, quote.speaker.mention) == (name, "Clinton")


def test_a_headline_names_its_speaker_before_a_colon() -> None:
    text = "Zelenskyy: ‘We will not give up an inch of our land’\n\nThe president spoke in Kyiv."
    quote = _only(text)
    assert (quote.kind, quote.text) == ("direct", "We will not give up an inch of our land")
    assert (quote.speaker.name, quote.speaker.type) == ("Zelenskyy", "person")
    _check_offsets(text, [quote])


def test_an_age_is_not_a_role() -> None:
    quote = _only(
        "Ben Wallace, 53, a former defence secretary, said the offensive had stalled in the south."
    )
    assert (quote.speaker.name, quote.speaker.descriptor) == (
        "Ben Wallace",
        "a former defence secretary",
    )


def test_guillemets_and_a_stray_mark_do_not_swallow_the_text() -> None:
    text = (
        "A stray “ mark sits here without a mate.\n"
        "«Мы готовы к переговорам», said Dmitry Peskov, the Kremlin spokesman.\n"
        "“The offer stands,” Peskov added."
    )
    quotes = find_quotes(text)
    assert [(q.text, q.speaker.name) for q in quotes] == [
        ("Мы готовы к переговорам", "Dmitry Peskov"),
        ("The offer stands", "Dmitry Peskov"),
    ]


def test_scare_quotes_and_titles_are_not_statements() -> None:
    text = "He appeared on “Fox News Sunday” to discuss what critics call the “war of inches.”"
    assert [q.text for q in find_quotes(text)] == ["war of inches."]
    assert find_quotes("The show “Morning Joe” aired at nine.") == []
    assert [q.text for q in find_quotes("“I am not shy,” the judge said.")] == ["I am not shy"]
    assert [q.text for q in find_quotes("The crowd chanted “USA! USA!”")] == ["USA! USA!"]


def test_briefing_turns(fixtures: Path) -> None:
    text = (fixtures / "briefing_excerpt.txt").read_text()
    turns = [q for q in find_quotes(text) if q.kind == "turn"]
    labels = [q.speaker.mention for q in turns]
    press, reporter, aide = "MS. JEAN-PIERRE", "Q", "WHITE HOUSE AIDE"
    assert labels == [press, reporter, press, reporter, aide, press, reporter, press]
    press_secretary = turns[0]
    assert (
        press_secretary.speaker.name == "Jean-Pierre" and press_secretary.speaker.type == "person"
    )
    assert press_secretary.text.startswith("All right. Hello, hello.")
    assert press_secretary.text.endswith("on the chopping block.")  # the unlabelled paragraph
    assert turns[1].speaker.type == "anonymous" and turns[1].speaker.name is None
    assert turns[4].speaker.type == "anonymous"  # WHITE HOUSE AIDE
    assert not turns[-1].text.endswith("EDT")  # the closing time line is not speech
    _check_offsets(text, turns)


def test_interview_opening_question_belongs_to_the_interviewer(dossier_text: str) -> None:
    interview = split_text(dossier_text)[1]
    text = dossier_text[interview.start : interview.end]
    turns = [q for q in find_quotes(text) if q.kind == "turn"]
    opening = turns[0]
    assert opening.text.startswith("First of all, please accept my greetings")
    assert (opening.speaker.name, opening.speaker.mention) == ("Wang Guan", None)
    assert turns[1].speaker.name == "Vladimir Putin"
    assert {q.speaker.name for q in turns} == {"Wang Guan", "Vladimir Putin"}


def test_quotes_inside_a_turn_and_i_is_the_turn_speaker() -> None:
    text = (
        "MR. KIRBY: I said it before: “We will support Ukraine for as long as it takes.”\n"
        "Q Thank you, John.\n"
        "MR. KIRBY: And I told them that the shipment would arrive soon.\n"
        "Q Thanks."
    )
    quotes = find_quotes(text)
    inner = [q for q in quotes if q.kind != "turn"]
    assert [q.speaker.mention for q in inner] == ["I", "I"]
    assert {q.speaker.name for q in inner} == {"Kirby"}
    assert inner[0].text == "We will support Ukraine for as long as it takes."


def test_a_briefings_long_opening_statement_is_one_turn() -> None:
    statement = "\n\n".join(
        f"The pause has now held for {n} days, and more trucks are getting into Gaza."
        if n % 2
        else f"We have provided Ukraine with {n} more air-defense systems this week."
        for n in range(40)
    )
    text = (
        "MS. JEAN-PIERRE: Good afternoon. John?\n\nMR. KIRBY: Thanks, Karine.\n\n"
        f"{statement}\n\nQ Thank you, Admiral.\n\nMR. KIRBY: Sure.\n\n"
        "Q And Ukraine?\n\nMR. KIRBY: The same.\n\nMS. JEAN-PIERRE: Thanks, John."
    )
    kirby = find_turns(text)[1]
    assert kirby.label == "MR. KIRBY"
    said = text[kirby.start : kirby.end]
    assert said.endswith("held for 39 days, and more trucks are getting into Gaza.")


def test_find_turns_ignores_labels_that_do_not_recur() -> None:
    assert find_turns("Poll: Voters Abandon Party.\nMost voters said they were unsure.") == []


def test_every_dossier_quote_slices_back(dossier_text: str) -> None:
    for segment in split_text(dossier_text):
        text = dossier_text[segment.start : segment.end]
        quotes = find_quotes(text)
        assert quotes
        _check_offsets(text, quotes)
        assert all(0 < q.confidence <= 1 for q in quotes)


def test_some_of_the_sources_just_quoted() -> None:
    text = (
        "Some U.S. military officials have privately begun using the term “stalemate” to "
        "describe the battle, with some saying it may come down to which side can maintain "
        "a military force the longest."
    )
    quote = _only(text, "indirect")
    assert quote.text.startswith("it may come down to which side")
    assert (quote.speaker.mention, quote.speaker.type) == ("some", "anonymous")
    assert quote.speaker.descriptor == "Some U.S. military officials"


def test_you_in_an_interview_is_the_other_speaker() -> None:
    text = (
        "Interviewer: Mr. Peskov, you said last week that the talks in Istanbul had stalled. Why?\n"
        "Dmitry Peskov: Because nobody in Kyiv wants to negotiate now.\n"
        "Interviewer: Will that change?\n"
        "Dmitry Peskov: I told your colleagues that it might change in the spring.\n"
    )
    reported = [q for q in find_quotes(text) if q.kind == "indirect"]
    assert [(q.text, q.speaker.mention, q.speaker.name) for q in reported] == [
        ("the talks in Istanbul had stalled", "you", "Dmitry Peskov"),
        ("it might change in the spring", "I", "Dmitry Peskov"),
    ]


def test_a_cue_inside_a_quote_reports_nothing_outside_it() -> None:
    text = (
        "In his interview on Monday, the foreign minister placed the blame on Europe for the "
        "failure of the accords: “They have confessed after all that no one intended to "
        "implement the agreements. They said the agreements were needed to gain time.”"
    )
    quote = _only(text)
    assert quote.kind == "direct" and quote.text.startswith("They have confessed")
    assert (quote.speaker.mention, quote.speaker.type) == ("the foreign minister", "anonymous")


@pytest.mark.parametrize(
    ("text", "name", "descriptor"),
    [
        ("The administration said the aid package would pass.", None, "The administration"),
        ("The Biden administration said the aid would pass.", "Biden administration", None),
        ("The army said it had repelled 12 attacks near Bakhmut.", None, "The army"),
    ],
)
def test_institutions_named_by_what_they_are(
    text: str, name: str | None, descriptor: str | None
) -> None:
    speaker = _only(text).speaker
    assert (speaker.name, speaker.descriptor, speaker.type) == (name, descriptor, "organization")


def test_a_few_words_under_a_verb_of_complaint_are_its_subjects() -> None:
    text = (
        "Rubio also bemoaned the current political climate in which people “literally hate "
        "each other” because they differ politically."
    )
    quote = _only(text)
    assert (quote.text, quote.speaker.name, quote.kind) == (
        "literally hate each other",
        "Rubio",
        "direct",
    )


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Mr. Trump spoke to RT on Monday. In the interview he blasted the American media "
            "for being “unbelievably dishonest.”",
            "unbelievably dishonest.",
            "Trump",
        ),
        (
            "In recent weeks, Reid has gone after Trump as a “human leech who will bleed the "
            "country” and a “spoiled brat.”",
            "spoiled brat.",
            "Reid",
        ),
    ],
)
def test_a_few_words_presented_as_someones_are_a_quote(text: str, words: str, speaker: str) -> None:
    quote = next(q for q in find_quotes(text) if q.text == words)
    assert (quote.kind, quote.evidence) == ("direct", "governed")
    assert speaker in (quote.speaker.name or "")


SCARE_QUOTES = (
    "The Post sent its “national enterprise reporter” Stephanie McCrummen to a living room in "
    "western Pennsylvania. Ukraine's troops fought off the “meat assaults” near Bakhmut."
)


def test_scare_quotes_are_no_quotes_unless_terms_are_asked_for() -> None:
    assert find_quotes(SCARE_QUOTES) == []
    terms = find_quotes(SCARE_QUOTES, terms=True)
    assert [(q.kind, q.text, q.speaker.mention) for q in terms] == [
        ("term", "national enterprise reporter", "The Post"),
        ("term", "meat assaults", "Ukraine's troops"),
    ]
    _check_offsets(SCARE_QUOTES, terms)


def test_a_term_is_nobodys_speech_so_the_next_quote_is_not_its_speakers() -> None:
    text = (
        "Ukraine's troops fought off the “meat assaults” near Bakhmut. “We will keep fighting "
        "until every occupied village is free again,” a Ukrainian commander said on Monday."
    )
    with_terms = find_quotes(text, terms=True)
    assert [q.kind for q in with_terms] == ["term", "direct"]
    assert with_terms[1:] == find_quotes(text)


def test_a_demand_with_an_owner_is_reported_speech() -> None:
    quote = _only(
        "A core pillar of the dispute is Russia’s demand that Ukraine will not join NATO."
    )
    assert (quote.kind, quote.text, quote.cue) == (
        "indirect",
        "Ukraine will not join NATO",
        "demand",
    )
    assert quote.speaker.name == "Russia"


@pytest.mark.parametrize(
    "text",
    [
        "Manchester United welcomed three new players on Monday.",
        "John Smith backed his car into the garage.",
        "The council rejected the planning application for the new stadium.",
        "Arsenal seek a new striker before the transfer window closes.",
        "Emma Watson's refusal to sign autographs upset fans.",  # the parse makes it all one noun
    ],
)
def test_verbs_of_position_without_a_clause_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


def test_a_demand_that_is_the_subject_of_the_sentence() -> None:
    quote = _only("Russia's demand that Ukraine stay neutral was rejected by Kyiv.")
    assert (quote.text, quote.speaker.name) == ("Ukraine stay neutral", "Russia")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a role named before with a title points back to its holder
        (
            "Belarusian President Alexander Lukashenko met reporters on Friday. “Any peace is"
            " better than a good war,” the head of state said.",
            "Alexander Lukashenko",
        ),
        (
            "Serbian Foreign Minister Ivica Dacic spoke in Belgrade. “We will not impose"
            " sanctions on Russia,” the minister said.",
            "Ivica Dacic",
        ),
        # a role anyone may hold: the last person quoted
        (
            "“Serbia will not join the sanctions,” Ivica Dacic said on Monday. “We have our"
            " own interests,” the politician added.",
            "Ivica Dacic",
        ),
        # a role beside an organisation's name, with no article, or alone as a name
        (
            "NATO Secretary General Jens Stoltenberg spoke. “We must sustain support,” the NATO"
            " head said.",
            "Jens Stoltenberg",
        ),
        (
            "Brazilian President Lula spoke on Monday. “There must be a path to peace,”"
            " Brazilian leader said.",
            "Lula",
        ),
        (
            "Taoiseach Leo Varadkar arrived in Kyiv. “We need to make sure that Ukraine"
            " succeeds,” Taoiseach said.",
            "Leo Varadkar",
        ),
        ("“We will win,” a minister said.", None),
        # no one named with the role: the description stays unnamed
        (
            "Joe Biden spoke on Monday. Then Vladimir Putin answered. “We are ready,” the"
            " president said.",
            None,
        ),
        ("“We will not impose sanctions,” the official said.", None),
    ],
)
def test_a_definite_description_points_back_to_the_person_with_that_role(
    text: str, name: str | None
) -> None:
    quotes = find_quotes(text)
    assert quotes[-1].speaker.name == name
    _check_offsets(text, quotes)


def test_a_cue_tagged_as_a_noun_and_a_name_cut_before_its_state() -> None:
    # the tagger takes "underscores" for a plural noun, and the name's entity for "the
    # Ministry of Foreign Affairs of", without its state
    text = (
        "“Russia must de-escalate, withdraw its military forces from Ukraine's sovereign"
        " territory and stop destabilizing the international security situation,” the Ministry"
        " of Foreign Affairs of Ukraine underscores."
    )
    quote = _only(text)
    assert quote.cue == "underscores"
    assert quote.speaker.type == "organization"
    assert quote.speaker.name is not None and not quote.speaker.name.endswith(" of")
    said = "“Russia must withdraw its forces,” the Ministry of Foreign Affairs of Ukraine said."
    assert _only(said).speaker.name == "Ministry of Foreign Affairs of Ukraine"


def test_a_quote_after_a_full_stop_with_no_space_and_a_speaker_after_the_place() -> None:
    # translated news: the space after a full stop forgotten, the verb before its subject
    text = (
        '"The image on the border is becoming more and more disturbing," said the Prime '
        'Minister of Great Britain Boris Johnson."I am still calling Russia to get involved in '
        'negotiations," wrote on Twitter the head of the British government, who said that he '
        "was informed."
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    by_text = {q.text: q for q in quotes}
    assert by_text["The image on the border is becoming more and more disturbing"].speaker.name == (
        "Boris Johnson"
    )
    written = by_text["I am still calling Russia to get involved in negotiations"]
    assert written.speaker.mention == "the head of the British government"
    assert written.speaker.name == "Boris Johnson"  # the head last named
    assert all(q.speaker.name != "Twitter" for q in quotes)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname the tagger took for an organisation, and "the diplomat" after it
        (
            "Ukrainian Foreign Ministry spokesperson Oleg Nikolenko said this in a comment.\n\n"
            '"It is important to face the truth," Nikolenko said.\n\n'
            '"We expect that instead, Beijing will use its influence on Moscow," the diplomat'
            " said.",
            "Oleg Nikolenko",
        ),
        # a person named after the body they speak for, which the tagger made one body
        (
            "A spokesman for the Ukrainian Ministry of Foreign Affairs Oleh Nikołenko referred"
            ' to the matter on Saturday. "The sanctions are effective," wrote Nikołenko. He'
            " added that the sanctions had reduced the ability of Russia to wage war.",
            "Oleh Nikołenko",
        ),
    ],
)
def test_a_name_the_tagger_took_for_an_organisation_is_a_person(text: str, name: str) -> None:
    quotes = find_quotes(text)
    assert [(q.speaker.name, q.speaker.type) for q in quotes] == [
        (name, "person"),
        (name, "person"),
    ]


def test_an_address_published_in_full_is_the_speakers_but_for_the_pages_links() -> None:
    text = (
        "In his latest address on Thursday evening, the Ukrainian President Volodymyr Zelensky"
        " commented on the grain crisis.\n\n"
        "Read the President’s full address below:\n\n"
        "Good health to you, fellow Ukrainians!\n\n"
        "Each of these shelling occasions only strengthens our desire to defeat the occupiers."
        "\n\nOther Topics of Interest Estonia’s PM: Troop Training Won't Trigger War Kallas said"
        " that training would not be escalatory.\n\n"
        "Glory to Ukraine!\n\n"
        "Earlier, Zelensky met the Turkish president in Lviv and spoke of grain."
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    turns = [q for q in quotes if q.kind == "turn"]
    assert [(q.speaker.name, q.text.split("\n")[0]) for q in turns] == [
        ("Volodymyr Zelensky", "Good health to you, fellow Ukrainians!"),
        ("Volodymyr Zelensky", "Glory to Ukraine!"),
    ]
    assert "occupiers." in turns[0].text and "Kallas" not in turns[0].text
    assert turns[-1].text == "Glory to Ukraine!"  # the report that goes on is no one's speech


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('"We will not talk," said an adviser to Volodymyr Zelensky.', "an adviser to"),
        ('"We will not talk," said the spokesman for Vladimir Putin.', "the spokesman for"),
        ("Zelensky said and added in Kyiv, the capital of Ukraine, that talks were over.", "Zel"),
    ],
)
def test_a_name_after_a_preposition_or_a_place_after_the_cue_is_not_the_speaker(
    text: str, mention: str
) -> None:
    (quote,) = find_quotes(text)
    assert quote.speaker.mention is not None and quote.speaker.mention.startswith(mention)
    assert quote.speaker.name not in {"Volodymyr Zelensky", "Vladimir Putin", "the capital"}


def test_a_pronoun_is_not_someone_named_in_the_words_it_speaks() -> None:
    text = (
        "Foreign Minister Gabrielius Landsbergis spoke to reporters in Vilnius on Monday."
        ' "Putin is far too heavily invested in his crusade against the West. He cannot turn'
        ' back," he noted.\n\nLandsbergis also met Ursula von der Leyen. " Peace can only be'
        ' sustainable if Putin is defeated," he said.'
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert [(q.speaker.name, q.text.split()[0]) for q in quotes] == [
        ("Gabrielius Landsbergis", "Putin"),
        ("Gabrielius Landsbergis", "Peace"),  # opened by a mark with a space after it
    ]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("“We will not stop the work we started in May,” Kiev said.", "Kiev", "organization"),
        (
            "“We will not stop the work we started in May,” the Elysée said.",
            "Elysée",
            "organization",
        ),
        (
            "According to General Pack, this war “is a great collective crime, a crime” for all.",
            "Pack",
            "person",
        ),
        (
            "“We will not stop the work we started in May,” General Motors said.",
            "General Motors",
            "organization",
        ),
    ],
)
def test_speaker_types_a_capital_a_palace_and_a_rank(text: str, name: str, kind: str) -> None:
    speaker = find_quotes(text)[0].speaker
    assert (speaker.name, speaker.type) == (name, kind)


def test_he_is_never_a_capital_the_tagger_took_for_a_person() -> None:
    text = (
        "General Bogusław Pacek spoke on TVN24. The Russians tried to conquer Kiev, then "
        "escaped from the Kharkiv region. But this does not mean that the Russians have lost "
        "this war, he emphasized."
    )
    quote = _only(text)
    assert quote.speaker.mention == "he" and quote.speaker.name == "Bogusław Pacek"


def test_page_furniture_labels_never_speak() -> None:
    text = (
        "WATCH BELOW: The clip shows the strike on the bridge.\n\n"
        "The minister said the bridge would be repaired within weeks.\n\n"
        "WATCH BELOW: The second clip, filmed from the river bank.\n\n"
        "“We will rebuild every bridge they destroy,” Kuleba said.\n\n"
        "Look: a map of the front as it stood on Monday.\n\nLook: another map of the front."
    )
    assert find_turns(text) == []
    assert [(q.kind, q.speaker.name) for q in find_quotes(text)] == [
        ("indirect", None),
        ("direct", "Kuleba"),
    ]


def test_speech_set_off_by_dashes() -> None:
    text = (
        "The talks were opened by Foreign Minister Sergei Lavrov on Saturday.\n\n"
        "- Russia has made Ukraine's membership of NATO a cause for war, which is a paradox"
        " - said Lavrov. He spoke for an hour.\n\n"
        "- We lost twice - the first time near Kyiv, the second near Kharkiv. But the war is"
        " not over - he emphasized."
    )
    first, second = find_quotes(text)
    assert first.text == (
        "Russia has made Ukraine's membership of NATO a cause for war, which is a paradox"
    )
    assert second.text.startswith("We lost twice - the first time near Kyiv")
    assert second.text.endswith("But the war is not over")
    assert [(q.kind, q.speaker.name) for q in (first, second)] == [
        ("direct", "Sergei Lavrov"),
        ("direct", "Sergei Lavrov"),
    ]
    _check_offsets(text, [first, second])


def test_a_name_in_someones_words_is_no_antecedent_of_a_pronoun_outside_them() -> None:
    text = (
        "“Vladimir Putin wants a war, Vladimir Putin will get one, and Vladimir Putin will "
        "lose it,” said Sergei Lavrov. He noted that the West is ready to negotiate on "
        "security demands."
    )
    reported = [q for q in find_quotes(text) if q.kind == "indirect"]
    assert [(q.speaker.mention, q.speaker.name) for q in reported] == [("He", "Sergei Lavrov")]


def test_a_quote_with_no_cue_after_another_person_is_named_stays_unresolved() -> None:
    text = (
        "“We will hold every line,” the commander said on Monday. Olena Zelenska visited the "
        "hospital later that day. “Nobody here expects the front to move before the winter "
        "rains come.”"
    )
    said, floating = find_quotes(text)
    assert said.speaker.descriptor == "the commander"
    assert (floating.evidence, floating.speaker.name, floating.speaker.type) == (
        "unattributed",
        None,
        "unknown",
    )
    assert floating.confidence < 0.1 < said.confidence


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "HSBC has about 200 staff in Russia, according to the FT.\n\nThe bank said it had "
            "been “steadily reducing its Russian business for the last decade” but would stay.",
            "HSBC",
            "organization",
        ),
        (
            "The Institute for the Study of War published its report on Monday. “Russian forces "
            "are unlikely to take the city this year,” the institute said.",
            "Institute for the Study of War",
            "organization",
        ),
        (
            "Reuters reported the strike. “Two people were killed,” the agency said.",
            "Reuters",
            "publication",
        ),
        # a ministry is never just the last body named
        (
            "NATO met on Monday. “We will answer every attack,” the ministry said.",
            None,
            "organization",
        ),
    ],
)
def test_the_body_a_description_points_back_to(text: str, name: str | None, kind: str) -> None:
    speaker = [q for q in find_quotes(text) if q.kind != "indirect"][-1].speaker
    assert (speaker.name, speaker.type) == (name, kind)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "The participants in the second summit of the Crimea Platform said this in a joint "
            "statement published on Monday.\n\n“We call on Russia to withdraw all its forces "
            "from Ukraine,” the statement said.",
            "The participants in the second summit of the Crimea Platform",
        ),
        (
            "The Institute for the Study of War (ISW) published a new report on Sunday. "
            "“Russian forces are unlikely to advance,” the report said.",
            "Institute for the Study of War",
        ),
        ("“Russian forces are unlikely to advance,” the report said.", "the report"),
    ],
)
def test_a_text_speaks_for_whoever_issued_it(text: str, who: str) -> None:
    speaker = find_quotes(text)[-1].speaker
    assert speaker.mention in {"the statement", "the report"}
    assert who in {speaker.name, speaker.descriptor}


@pytest.mark.parametrize(
    "text",
    [
        "Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. Darrell Issa said "
        "Democrats were wrong.",
        "Wednesday on Fox News Channel’s “Hannity,” Newt Gingrich said the ticket was wrong.",
        "Britain and the so- called ‘special relationship’ with Washington has been the "
        "cornerstone of its policy.",
    ],
)
def test_a_show_named_with_the_comma_its_closing_mark_takes_in_is_no_quote(text: str) -> None:
    assert all(q.kind == "indirect" for q in find_quotes(text))


def test_one_word_said_with_a_comma_is_still_a_quote() -> None:
    assert [(q.text, q.speaker.mention) for q in find_quotes("“Absolutely,” he said.")] == [
        ("Absolutely", "he")
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("“Slava Ukraini,” Zelensky said at the end of his address.", "Slava Ukraini"),
        ("“Glory to Ukraine,” the president said.", "Glory to Ukraine"),
        ("“Never Again,” Scholz told the Bundestag.", "Never Again"),
    ],
)
def test_words_in_title_case_said_with_a_comma_are_speech(text: str, said: str) -> None:
    assert [q.text for q in find_quotes(text)] == [said]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Dmytro Kuleba rejected the statement on Monday. “Ukraine must give up "
        "the occupied territories,” the statement said.",
        "Kuleba dismissed the report as propaganda. “Ukrainian forces are exhausted,” the "
        "report said.",
        "Lavrov read the report aloud. “Ukrainian forces are exhausted,” the report said.",
    ],
)
def test_who_reads_or_rejects_a_text_does_not_speak_for_it(text: str) -> None:
    speaker = find_quotes(text)[-1].speaker
    assert (speaker.name, speaker.type) == (None, "document")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intro.\n\n- We lost twice - the first time near Kyiv, the second near Kharkiv - "
            "said Lavrov.",
            [("We lost twice - the first time near Kyiv, the second near Kharkiv", "Lavrov")],
        ),
        (
            "The minister and his guest spoke. - Nor do we want peace talks - Kuleba replied. "
            "- We do not want wars - said Lavrov.",
            [("Nor do we want peace talks", "Kuleba"), ("We do not want wars", "Lavrov")],
        ),
        ("Prices rose sharply in May - said officials in the capital city.", []),
    ],
)
def test_the_dash_that_closes_speech_is_the_one_before_its_cue(
    text: str, expected: list[tuple[str, str]]
) -> None:
    quotes = find_quotes(text)
    assert [(q.text, q.speaker.name) for q in quotes] == expected
    _check_offsets(text, quotes)


def test_a_headline_gives_the_words_of_the_person_it_names() -> None:
    text = (
        "Crisis around Ukraine.Joe Biden: I am convinced that Putin has already made a "
        "decision\n\n“Russian soldiers have circled Ukraine at the moment,” he said.\n\n"
        "Analysis: Why the talks in Istanbul failed last spring\n\n"
        "Ukraine: Russia shells Kherson again overnight"
    )
    quotes = find_quotes(text)
    assert [(q.text, q.speaker.name, q.evidence) for q in quotes] == [
        ("I am convinced that Putin has already made a decision", "Joe Biden", "introduced"),
        ("Russian soldiers have circled Ukraine at the moment", "Joe Biden", "claimed"),
    ]
    _check_offsets(text, quotes)
