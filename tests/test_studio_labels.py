"""The Label Studio side without a server: the generated config, tasks from real documents, and reading results
back (`results.read_labels` is the inverse of `tasks.result_items`, and refuses what breaks the schema)."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from builder.records import (
    Attribution,
    AttributionRole,
    CheckWorthiness,
    Document,
    LabeledClaim,
    Labels,
    NoneKind,
    Prediction,
    Stance,
)
from builder.records.labels import LABEL_DESCRIPTIONS
from builder.studio import config
from builder.studio.guidelines import render_guidelines
from builder.studio.offsets import Utf16Offsets
from builder.studio.results import Problem, read_labels
from builder.studio.tasks import (
    prediction_for,
    result_items,
    speaker_notes,
    task_key,
    tasks_for_document,
    to_studio,
)
from builder.targets import load_targets
from tests.paths import REPO, SAMPLES
from tests.samples_support import TARGETS, sample_documents


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    return sample_documents(tmp_path_factory.mktemp("ingest"))


def test_config_offers_every_label_of_every_enum_with_its_description():
    xml = config.labeling_config()
    config.check_config(xml)
    for label, description in LABEL_DESCRIPTIONS.items():
        assert f'value="{label.value}"' in xml
        assert f'hint="{description}"' in xml
    for role in AttributionRole:
        assert f'<Label value="{role.value}"' in xml


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        ('<Choice value="CFS"', "checkworthiness"),
        ('<Label value="cue"', "spans"),
        ("<Relation ", "Relation"),
    ],
)
def test_check_config_notices_a_lost_label(broken, complaint):
    xml = config.labeling_config()
    start = xml.index(broken)
    damaged = xml[:start] + xml[xml.index("/>", start) + 2 :]
    with pytest.raises(ValueError, match=complaint):
        config.check_config(damaged)


def test_the_source_name_field_shows_for_source_spans_only_and_check_config_insists():
    xml = config.labeling_config()
    [field] = [element for element in ElementTree.fromstring(xml).iter("TextArea")]
    assert field.attrib == {
        "name": config.FROM_SOURCE_NAME,
        "toName": config.TEXT,
        "perRegion": "true",
        "visibleWhen": "region-selected",
        "whenLabelValue": AttributionRole.source.value,
        "editable": "true",
        "transcription": "true",
        "maxSubmissions": "1",
        "rows": "1",
        "placeholder": field.get("placeholder"),
    }
    for attribute, value, complaint in (
        ("perRegion", None, "perRegion"),
        ("whenLabelValue", "cue", "whenLabelValue"),
        ("name", "speaker", "source_name"),
    ):
        root = ElementTree.fromstring(xml)
        [damaged] = root.iter("TextArea")
        if value is None:
            del damaged.attrib[attribute]
        else:
            damaged.set(attribute, value)
        with pytest.raises(ValueError, match=complaint):
            config.check_config(ElementTree.tostring(root, encoding="unicode"))


def test_one_task_per_mentioned_target_in_order_of_first_mention(documents):
    targets = {target.target_id: target for target in load_targets(TARGETS)}
    main = documents[0]
    tasks = tasks_for_document(main, targets)
    assert [task.target.target_id for task in tasks if task.target] == ["ukraine-ceasefire", "us-weapons-ukraine"]
    assert [task.task_key for task in tasks] == [
        task_key(main.doc_id, "ukraine-ceasefire"),
        task_key(main.doc_id, "us-weapons-ukraine"),
    ]
    assert tasks_for_document(main, {"gaza-ceasefire": targets["gaza-ceasefire"]}) == []
    untargeted = tasks_for_document(main, None)
    assert len(untargeted) == 1
    assert untargeted[0].target is None
    assert untargeted[0].task_key == task_key(main.doc_id, None) != tasks[0].task_key


def test_prediction_links_each_quote_to_its_speaker_and_cue(documents):
    main = documents[0]
    prediction = prediction_for(main)
    assert prediction.model_version == main.extractor_version
    claims = prediction.claims
    ushakov = next(i for i, claim in enumerate(claims) if claim["text"].startswith("'Our president said"))
    linked = {(a["role"], a["text"]) for a in prediction.attributions if a["claim"] == ushakov}
    assert linked == {(AttributionRole.source, "Yuri Ushakov"), (AttributionRole.cue, "told")}
    for span in [*claims, *prediction.attributions]:
        assert main.text[span["start"] : span["end"]] == span["text"]
    suggested = {(claim["start"], claim["end"]): claim["checkworthiness"] for claim in claims}
    for candidate in main.claims:
        assert suggested[(candidate["start"], candidate["end"])] == candidate["suggested"]


def test_a_pronoun_source_comes_with_its_name_filled_in_and_a_claim_without_a_source_with_a_note(documents):
    """A pronoun source's name field holds whom the extractor took it for (the annotator corrects it there, and a
    pull reads it); a claim without a source span says in a note whom the extractor credits it to; a named source
    has neither."""
    pronouns = {
        quote["speaker"]["text"]: quote["speaker_name"]
        for document in documents
        for quote in document.quotes
        if quote.get("speaker") and quote.get("speaker_name")
    }
    assert pronouns == {"He": "Volodymyr Zelensky", "he": "Donald Trump", "she": "Mayar Al Farr"}
    main = documents[0]
    prediction = prediction_for(main)
    named = {(a["text"], a["role"]): a.get("name") for a in prediction.attributions}
    assert named[("He", AttributionRole.source)] == "Volodymyr Zelensky"
    assert {name for (text, _), name in named.items() if text != "He"} == {None}
    assert all("name" not in a for a in prediction.attributions if a["text"] != "He")  # absent, not None

    notes = speaker_notes(main)
    items = result_items(prediction, Utf16Offsets(main.text), notes)
    noted = {item["value"]["text"]: item["meta"]["text"] for item in items if "meta" in item}
    assert noted == {
        "'Russia will not give up on these aims.'": [
            "Said by Yuri Ushakov (the machine's guess: if right, link the source that names them)"
        ]
    }
    [he] = [item for item in items if item["type"] == "labels" and item["value"]["text"] == "He"]
    [field] = [item for item in items if item["type"] == "textarea"]
    assert field == {
        "id": he["id"],
        "from_name": config.FROM_SOURCE_NAME,
        "to_name": config.TEXT,
        "type": "textarea",
        "value": {"start": he["value"]["start"], "end": he["value"]["end"], "text": ["Volodymyr Zelensky"]},
    }
    assert items.index(he) < items.index(field)  # the region is built from its first item, the labels one
    assert to_studio(tasks_for_document(main, None)[0], notes)["predictions"][0]["result"] == items


def test_a_speaker_span_two_quotes_share_is_one_region_with_its_first_quote_s_name(documents):
    """One region has one name field, so every link of a shared pronoun carries the same name, and the
    prediction reads back as it was."""
    main = documents[0]
    he = next(q for q in main.quotes if q.get("speaker_name") == "Volodymyr Zelensky")
    other = next(q for q in main.quotes if q.get("speaker") and not q.get("speaker_name"))
    also_his = {**other, "speaker": he["speaker"], "speaker_name": "Someone Else"}
    shared = main.model_copy(update={"quotes": [he, also_his]})
    prediction = prediction_for(shared)
    sources = [a for a in prediction.attributions if a["role"] is AttributionRole.source]
    assert [(a["text"], a.get("name")) for a in sources] == [("He", "Volodymyr Zelensky")] * 2
    items = result_items(prediction, Utf16Offsets(main.text))
    assert [item["value"]["text"] for item in items if item["type"] == "textarea"] == [["Volodymyr Zelensky"]]
    read = read_labels([*items, _choice(config.FROM_STANCE, "FAVOR")], main.text)
    assert isinstance(read, Labels)
    assert sorted(read.attributions, key=_key) == sorted(prediction.attributions, key=_key)


def test_studio_task_carries_what_the_config_shows_and_push_matches_by(documents):
    targets = {target.target_id: target for target in load_targets(TARGETS)}
    task = tasks_for_document(documents[2], targets)[0]
    studio = to_studio(task, speaker_notes(documents[2]))
    assert set(config.DATA_FIELDS) <= set(studio["data"])
    assert studio["data"]["task_key"] == task.task_key
    assert studio["data"]["outlet"] == "Malay Mail"
    assert studio["data"]["target_text"] == "the Gaza ceasefire proposal"
    [prediction] = studio["predictions"]
    assert prediction["model_version"] == documents[2].extractor_version
    assert 0.0 <= prediction["score"] <= 1.0


def test_the_date_annotators_see_tells_a_publication_from_an_update(documents):
    """By the title: the publication's day, with the last update's when the page gives one, and the update's alone
    said to be one, never passed off as the publication's."""
    targets = {target.target_id: target for target in load_targets(TARGETS)}
    task = tasks_for_document(documents[2], targets)[0]
    published, updated = datetime(2025, 7, 5, 9, tzinfo=UTC), datetime(2025, 7, 9, 8, tzinfo=UTC)
    shown = {
        (when_published, when_updated): to_studio(
            task.model_copy(update={"published_at": when_published, "updated_at": when_updated}), {}
        )["data"]["date"]
        for when_published in (published, None)
        for when_updated in (updated, published, None)
    }
    assert shown == {
        (published, updated): "2025-07-05, updated 2025-07-09",
        (published, published): "2025-07-05",
        (published, None): "2025-07-05",
        (None, updated): "updated 2025-07-09",
        (None, published): "updated 2025-07-05",
        (None, None): "date unknown",
    }


def test_every_prediction_reads_back_as_the_same_labels(documents):
    """What the annotator starts from, submitted unchanged, is what the ingest suggested (the notes on speakers
    are not read back)."""
    for document in documents:
        prediction = prediction_for(document)
        items = result_items(prediction, Utf16Offsets(document.text), speaker_notes(document))
        read = read_labels([*items, _choice(config.FROM_STANCE, "FAVOR")], document.text)
        assert isinstance(read, Labels), read
        assert read.claims == prediction.claims
        assert sorted(read.attributions, key=_key) == sorted(prediction.attributions, key=_key)


def test_offsets_count_astral_characters_twice_as_the_browser_does():
    text = "Gaza 🕊 talks 🇺🇸 resume: 'ceasefire now'"
    offsets = Utf16Offsets(text)
    quote = text.index("'ceasefire")
    assert offsets.to_js(quote) == len(text[:quote].encode("utf-16-le")) // 2 == quote + 3
    assert offsets.to_py(offsets.to_js(quote)) == quote
    prediction = Prediction(
        stance=Stance.NONE,
        none_kind=NoneKind.neutral,
        claims=[LabeledClaim(start=quote, end=len(text), text=text[quote:], checkworthiness=CheckWorthiness.NFS)],
        model_version="test",
        score=0.5,
    )
    items = result_items(prediction, offsets)
    assert items[2]["value"]["start"] == quote + 3
    read = read_labels(items, text)
    assert isinstance(read, Labels)
    assert read.claims[0]["start"] == quote
    assert (read.stance, read.none_kind) == (Stance.NONE, NoneKind.neutral)


TEXT = "Putin said the ceasefire 'won't hold', Kremlin spokesman Dmitry Peskov told reporters."
CLAIM = {"start": 26, "end": 37}
SOURCE = {"start": 57, "end": 70}


def _span(region: str, label: str, start: int, end: int) -> dict:
    return {
        "id": region,
        "from_name": "spans",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]},
    }


def _choice(name: str, value: str, region: str | None = None) -> dict:
    item = {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": [value]}}
    return {**item, "id": region} if region else item


def _relation(source: str, target: str) -> dict:
    return {"type": "relation", "from_id": source, "to_id": target, "direction": "right", "labels": ["says"]}


def _key(attribution: Attribution) -> tuple:
    return (attribution["claim"], attribution["start"], attribution["role"].value)


GOOD = [
    _choice("stance", "AGAINST"),
    _span("c", "claim", **CLAIM),
    _choice("checkworthiness", "NFS", "c"),
    _choice("claim_stance", "NONE", "c"),
    _choice("claim_none_kind", "neutral", "c"),
    _span("s", "source", **SOURCE),
    _span("q", "cue", 71, 75),
    _relation("s", "c"),
    _relation("c", "q"),  # the direction does not matter
]


def test_a_complete_annotation_reads_as_labels():
    labels = read_labels(GOOD, TEXT)
    assert isinstance(labels, Labels)
    assert (labels.stance, labels.none_kind) == (Stance.AGAINST, None)
    assert labels.claims == [
        LabeledClaim(
            start=26,
            end=37,
            text=TEXT[26:37],
            checkworthiness=CheckWorthiness.NFS,
            stance=Stance.NONE,
            none_kind=NoneKind.neutral,
        )
    ]
    assert [(a["role"], a["text"], a["claim"]) for a in labels.attributions] == [
        (AttributionRole.source, "Dmitry Peskov", 0),
        (AttributionRole.cue, "told", 0),
    ]


def _name(region: str, lines: object) -> dict:
    """The name field of `region` as the labeling UI writes it: the span's offsets, the lines as `text`."""
    [span] = [item for item in GOOD if item.get("id") == region and item["type"] == "labels"]
    value = {"start": span["value"]["start"], "end": span["value"]["end"], "text": lines}
    return {"id": region, "from_name": config.FROM_SOURCE_NAME, "to_name": "text", "type": "textarea", "value": value}


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Dmitry Peskov"], "Dmitry Peskov"),
        (["  Dmitry \t Peskov\n"], "Dmitry Peskov"),
        (["Dmitry Peskov", " Dmitry Peskov "], "Dmitry Peskov"),
        (["", "Dmitry Peskov"], "Dmitry Peskov"),
        ("Dmitry Peskov", "Dmitry Peskov"),
        ([], None),
        ([""], None),
        (["  "], None),
        (None, None),
    ],
)
def test_a_source_s_name_field_becomes_its_name_trimmed_and_an_empty_one_none(lines, name):
    labels = read_labels([*GOOD, _name("s", lines)], TEXT)
    assert isinstance(labels, Labels), labels
    [source] = [a for a in labels.attributions if a["role"] is AttributionRole.source]
    assert source.get("name") == name
    assert ("name" in source) == (name is not None)  # written only when given: an unnamed line keeps its bytes
    assert Labels.model_validate(labels.model_dump()) == labels


@pytest.mark.parametrize("region", ["q", "c"])
def test_a_name_left_on_a_cue_or_a_claim_is_dropped(region):
    """The field shows for sources only: a name on another span is one the annotator cannot see to clear, so it
    is not held against the annotation."""
    labels = read_labels([*GOOD, _name(region, ["Dmitry Peskov"])], TEXT)
    assert isinstance(labels, Labels), labels
    assert labels == read_labels(GOOD, TEXT)


@pytest.mark.parametrize(
    ("item", "code"),
    [
        (_name("s", ["Dmitry Peskov", "Vladimir Putin"]), "several_names"),
        ({**_name("s", ["Dmitry Peskov"]), "id": "gone"}, "orphan_name"),
        (_name("s", [3]), "invalid_name"),
        (_name("s", {"name": "Dmitry Peskov"}), "invalid_name"),
        ({**_name("s", ["Dmitry Peskov"]), "value": ["Dmitry Peskov"]}, "invalid_name"),
    ],
)
def test_a_name_that_cannot_be_read_as_one_is_a_problem_not_a_guess(item, code):
    problems = read_labels([*GOOD, item], TEXT)
    assert isinstance(problems, list)
    assert [(problem.field, problem.reason_code) for problem in problems] == [(config.FROM_SOURCE_NAME, code)]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda items: [i for i in items if i.get("from_name") != "checkworthiness"], "claim_without_checkworthiness"),
        (lambda items: [i for i in items if i.get("from_id") != "s"], "attribution_unlinked"),
        (lambda items: [i for i in items if i.get("from_name") != "stance"], "missing_stance"),
        (lambda items: [_choice("stance", "NONE"), *items[1:]], "none_without_kind"),
        (lambda items: [_choice("stance", "MAYBE"), *items[1:]], "unknown_label"),
        (lambda items: [*items, _choice("sentiment", "positive")], "unknown_control"),
        (lambda items: [*items, _relation("s", "q")], "relation_without_claim"),
        (lambda items: [*items, _relation("s", "gone")], "dangling_relation"),
        (
            lambda items: [*items[:5], {**items[5], "value": {**items[5]["value"], "start": 56}}, *items[6:]],
            "span_text_mismatch",
        ),
    ],
)
def test_an_annotation_that_breaks_the_schema_gives_its_reason(change, code):
    problems = read_labels(change(GOOD), TEXT)
    assert isinstance(problems, list)
    assert code in {problem.reason_code for problem in problems}
    assert all(isinstance(problem, Problem) and problem.reason for problem in problems)


def test_guidelines_render_as_html_without_letting_markup_through():
    html = render_guidelines((REPO / "annotations" / "guidelines.md").read_text(encoding="utf-8"))
    assert "<h1>Annotation guidelines" in html
    assert "<table>" in html
    for label in LABEL_DESCRIPTIONS:
        assert f"<code>{label.value}</code>" in html
    hostile = render_guidelines('Hello <script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script>" not in hostile
    assert "<img" not in hostile
    assert "&lt;script&gt;" in hostile


def test_guidelines_say_when_to_fill_a_source_s_name_in_the_field_s_own_words():
    markdown = (REPO / "annotations" / "guidelines.md").read_text(encoding="utf-8")
    question = config.SOURCE_NAME_PROMPT.split("?")[0] + "?"
    assert f'the field "{question}" appears' in " ".join(markdown.split())
    html = render_guidelines(markdown)
    assert f"<td>{config.SOURCE_NAME_PROMPT}</td>" in html  # the reference row, as the labeling page says it
    assert "<strong>name</strong> (of a source)" in html


def test_guidelines_cite_the_sample_articles():
    guidelines = " ".join((REPO / "annotations" / "guidelines.md").read_text(encoding="utf-8").split())
    sample = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8")
    for quoted in (
        "Moscow has for months refused to agree to a US-proposed ceasefire in Ukraine",
        "Nvidia declined to comment",
    ):
        assert quoted in guidelines
        assert quoted in sample


@pytest.mark.parametrize(
    ("broken", "code"),
    [
        ({"labels": [["source"]]}, "unknown_label"),
        ({"labels": "source"}, "unknown_label"),
        ({"labels": 3}, "unknown_label"),
    ],
)
def test_a_malformed_span_label_is_a_problem_not_a_crash(broken, code):
    # The server stores any result JSON: a label that is not a string must reach the quarantine, not stop a pull.
    items = [*GOOD[:5], {**GOOD[5], "value": {**GOOD[5]["value"], **broken}}, *GOOD[6:]]
    problems = read_labels(items, TEXT)
    assert isinstance(problems, list)
    assert code in {problem.reason_code for problem in problems}


@pytest.mark.parametrize("name", ["spans", "stance", "checkworthiness"])
def test_a_result_value_that_is_not_an_object_is_a_problem_not_a_crash(name):
    kind = "labels" if name == "spans" else "choices"
    items = [*GOOD, {"id": "c", "from_name": name, "to_name": "text", "type": kind, "value": ["claim"]}]
    problems = read_labels(items, TEXT)
    assert isinstance(problems, list)
    assert problems


@pytest.mark.parametrize("item", ["claim", 3, None, ["spans"]])
def test_a_result_item_that_is_not_an_object_is_a_problem_not_a_crash(item):
    problems = read_labels([*GOOD, item], TEXT)
    assert isinstance(problems, list)
    assert [(problem.field, problem.reason_code) for problem in problems] == [("result", "unknown_control")]
