"""The memo as the council reads it: its header, summary, the plan's own values with
their lines, at most five next steps, advice without plan keys, and pandoc metadata."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
import yaml

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck import checklist as checklists
from herstelcheck import memo as memos
from herstelcheck import run as runner

DAY = "2021-06-30"
HOSTILE = DATA / "markdown" / "hostile.yaml"
PLANS = ["examples/bergakker.yaml", "examples/lindewaard.yaml", "examples/zeeveen.yaml"]


@pytest.fixture
def memo(cli, monkeypatch):
    monkeypatch.chdir(ROOT)

    def make(*args: str) -> str:
        result = cli("audit", *args, "-f", "markdown", "--date", DAY, "--no-config")
        assert result.exit_code == 0, result
        return result.stdout

    return make


def section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of that level or higher."""
    level = heading.split(" ", 1)[0]
    after = text.split(f"\n{heading}\n", 1)[1]
    ends = [after.find(f"\n{'#' * n} ") for n in range(1, len(level) + 1)]
    found = [e for e in ends if e >= 0]
    return after[: min(found)] if found else after


# --- the header and the summary ----------------------------------------------------------


def test_the_header_says_to_whom_from_whom_when_and_what(memo):
    text = memo("examples/lindewaard.yaml")
    head = text.split("\n---\n", 1)[1].split("\n\n", 2)[0].strip("\n")
    assert head.splitlines() == [
        "**Aan:** de gemeenteraad\\",
        "**Van:** \\",
        "**Datum:** 30 juni 2021\\",
        "**Onderwerp:** Herstelagenda Lindewaard 2021",
    ]


def test_the_header_takes_the_options(memo):
    text = memo(
        "examples/lindewaard.yaml", "--memo-to", "Raad | commissie", "--memo-from", "<b>EZ</b>"
    )
    assert "**Aan:** Raad \\| commissie\\\n**Van:** \\<b\\>EZ\\</b\\>\\\n" in text


def test_the_header_of_several_plans(memo):
    text = memo("examples/", "--lang", "en")
    assert "**To:** the municipal council\\\n" in text
    assert "**Subject:** Comparison of 3 recovery plans\n" in text


@pytest.mark.parametrize("plan", PLANS)
def test_a_summary_of_three_to_five_sentences_comes_before_any_table(memo, plan):
    text = memo(plan)
    summary = section(text, "## Samenvatting").strip()
    assert "\n" not in summary  # one paragraph
    sentences = re.split(r"(?<=[.])\s+(?=[A-Z])", summary)
    assert 3 <= len(sentences) <= 5, sentences
    assert sentences[0].startswith("Het plan scoort ")
    assert text.index("## Samenvatting") < text.index("\n| ")


def test_the_summary_names_the_strongest_items_and_the_main_gaps(memo):
    summary = section(memo("examples/lindewaard.yaml"), "## Samenvatting")
    assert (
        "Het sterkst is het plan op item 2, Stel de behoefte van de ondernemer centraal "
        "\\(voldaan, 7,5\\) en item 5, Benoem een trekker \\(deels, 7,5\\)."
    ) in summary
    assert (
        "Het meest ontbreekt nog bij item 6, Bouw voort op lessen uit de crisis \\(ontbreekt\\)"
    ) in summary


def test_the_summary_of_several_plans_has_a_line_per_plan(memo):
    summary = section(memo("examples/"), "## Samenvatting")
    lines = [line for line in summary.splitlines() if line.startswith("- ")]
    assert len(lines) == 3
    assert lines[2] == (
        "- **Zeeveen**: 100,0 van de 100 punten. Het voldoet aan elk item van de checklist, "
        "of zondert het met reden uit."
    )


# --- what the plan has, in its own words ------------------------------------------------


def test_what_the_plan_has_are_its_own_values_with_their_lines(memo):
    text = memo("examples/lindewaard.yaml")
    item1 = section(text, "### 1. Organiseer herstel vanuit de bestaande structuur en middelen")
    has = item1.split("**Wat het plan al heeft:**\n\n", 1)[1].split("\n\n", 1)[0]
    assert has.splitlines() == [
        "- Organisatievorm: de bestaande organisatie (regel 10)",
        "- Bestaande budgetten: € 2.500.000 (regel 14)",
        "- Afdelingen: Economische Zaken (regel 11)",  # one, where two are asked
    ]
    item3 = section(text, "### 3. Maak gebruik van een divers en cross-sectoraal netwerk")
    assert (  # two partners, where three are asked: what the plan has all the same
        "- Partijen:\n"
        "    - Ondernemersvereniging Lindewaard, sector: ondernemers (regel 27)\n"
        "    - Bibliotheek Lindewaard, sector: cultuur (regel 29)\n"
    ) in item3
    item5 = section(text, "### 5. Benoem een trekker")
    assert (
        "- Ambtelijke trekker: Pieter Jansen, functie: beleidsadviseur economie, "
        "uren per week: 16 (regel 40)\n"
        "- Bestuurlijke trekker: Anouk Visser, functie: wethouder Economie (regel 44)\n"
    ) in item5
    item10 = section(text, "### 10. Houd rekening met een terugvalscenario")
    assert "- Triggers: lockdown (regel 69)" in item10


def test_partners_with_their_sectors_lessons_and_sources(memo):
    text = memo("examples/zeeveen.yaml")
    item3 = section(text, "### 3. Maak gebruik van een divers en cross-sectoraal netwerk")
    assert (
        "- Partijen:\n"
        "    - Ondernemersvereniging Binnenstad, sector: ondernemers (regel 48)\n"
        "    - ROC Zeeveen, sector: onderwijs (regel 50)\n"
    ) in item3
    item4 = section(text, "### 4. Gebruik data en actieve monitoring")
    assert "- Databronnen: CBS, KVK Regiodata, Waarstaatjegemeente, Arbeidsmarktinzicht" in item4
    item6 = section(text, "### 6. Bouw voort op lessen uit de crisis")
    assert (
        "- Lessen: Eén loket voor ondernemers werkt sneller dan vijf., borging: Het "
        "ondernemersloket blijft bestaan na 2021. (regel 82)"
    ) in item6


def test_every_passed_criterion_shows_something_of_the_plan():
    run = runner.audit_paths(
        [str(EXAMPLES)], checklists.load(), today=dt.date(2021, 6, 30), sink=print
    )
    for plan in memos.context(run, "nl").plans:
        for item in plan.items:
            if item.status == "waived":
                continue
            assert bool(item.evidence) == bool(item.passed), (plan.gemeente, item.id)
            for group in item.evidence:
                assert all(value.text and value.line for value in group.values)


def test_values_are_escaped(memo):
    text = memo(str(HOSTILE.relative_to(ROOT)))
    item2 = section(text, "### 2. Stel de behoefte van de ondernemer centraal")
    assert "- Behoeftepeiling: \\*\\*vet\\*\\* \\_schuin\\_ \\~\\~weg\\~\\~ (regel 21)" in item2
    item1 = section(text, "### 1. Organiseer herstel vanuit de bestaande structuur en middelen")
    assert "- Toelichting \\(organisatie\\): Regel een \\# kop in een blok \\> citaat" in item1


# --- the next steps ---------------------------------------------------------------------


def _steps(text: str) -> list[str]:
    steps = section(text, "## Volgende stappen")
    return [line for line in steps.splitlines() if re.match(r"\d+\. ", line)]


@pytest.mark.parametrize("plan", [*PLANS, str(HOSTILE.relative_to(ROOT))])
def test_at_most_five_next_steps_one_per_item(memo, plan):
    steps = _steps(memo(plan))
    assert len(steps) <= 5
    items = [re.match(r"\d+\. \*\*Item (\d+),", s).group(1) for s in steps]  # type: ignore[union-attr]
    assert len(items) == len(set(items))


def test_the_next_steps_put_missing_items_first_and_never_advice():
    run = runner.audit_paths(
        [str(EXAMPLES), str(HOSTILE)],
        checklists.load(),
        today=dt.date(2021, 6, 30),
        sink=lambda d: None,
    )
    for plan in memos.context(run, "nl").plans:
        steps = plan.steps + plan.later_steps
        statuses = [step.status for step in steps]
        assert statuses == sorted(statuses, key=lambda s: s != "missing")
        for step in steps:
            assert step.criteria and all(c.blocks for c in step.criteria)
        for first, second in itertools.pairwise(steps):
            if first.status == second.status:
                assert round(first.gain, 6) >= round(second.gain, 6)
        blocked = {i.id for i in plan.items if i.status != "waived" and i.blocking}
        assert {s.item_id for s in steps} == blocked
        assert len(plan.steps) == min(5, len(blocked))


# --- plan keys stay out of the sentences ------------------------------------------------


def _keys() -> set[str]:
    keys = set()
    for item in checklists.load().items:
        for criterion in item.criteria:
            if "." in criterion.key or "[" in criterion.key:
                keys.add(criterion.key)
    return keys


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("plan", PLANS)
def test_no_advice_sentence_holds_a_plan_key(memo, plan, lang):
    from herstelcheck.i18n import t

    text = memo(plan, "--lang", lang)
    appendix = f"\n## {t('memo.appendix', lang)}\n"
    before = text.split(appendix, 1)[0]
    shown = before.replace("\\", "")
    for key in _keys():
        assert key not in shown, key
    if appendix in text:  # the keys are in the appendix, in a table of their own
        rows = [line for line in text.split(appendix, 1)[1].splitlines() if line.startswith("| ")]
        assert any("organisatie.afdelingen" in row.replace("\\", "") for row in rows) or (
            plan != "examples/lindewaard.yaml"
        )


# --- the pandoc metadata ----------------------------------------------------------------


def _front_matter(text: str) -> dict[str, str]:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"title": "Lindewaard: Herstelagenda Lindewaard 2021", "lang": "nl-NL"}),
        (["--lang", "en"], {"title": "Lindewaard: Herstelagenda Lindewaard 2021", "lang": "en-GB"}),
    ],
)
def test_front_matter_gives_title_lang_and_date(memo, args, expected):
    meta = _front_matter(memo("examples/lindewaard.yaml", *args))
    assert {k: meta[k] for k in expected} == expected
    assert meta["date"] in ("30 juni 2021", "30 June 2021")


def test_no_front_matter_puts_the_title_in_a_heading(memo):
    text = memo("examples/lindewaard.yaml", "--no-front-matter")
    assert text.startswith("# Lindewaard: Herstelagenda Lindewaard 2021\n\n**Aan:** ")
    assert "\n---\n" not in text


def test_a_hostile_title_stays_text_in_the_front_matter(memo):
    meta = _front_matter(memo(str(HOSTILE.relative_to(ROOT))))
    assert meta["title"].startswith("Kwaadorp \\| \\<script\\>alert\\(1\\)\\</script\\>: \\# kop")
    assert set(meta) == {"title", "lang", "date"}


# --- templates of one's own -------------------------------------------------------------


def test_a_template_of_ones_own_gets_the_old_and_the_new_variables(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    template = tmp_path / "t.md.j2"
    template.write_text(
        "{{ plans[0].next_steps|length }} {{ plans[0].advice_steps|length }} "
        "{{ words.heading_steps }} {{ intro }}\n"
        "{{ header.to }} / {{ header.subject }} / {{ front_matter.lang }} / {{ chart }}\n"
        "{{ plans[0].steps|length }} {{ plans[0].items[4].evidence[0].label }}\n",
        encoding="utf-8",
    )
    result = cli("audit", "examples/lindewaard.yaml", "-f", "markdown", "--template", str(template))
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        "16 1 Volgende stappen Deze memo toetst het herstelplan item voor item aan de checklist.",
        "de gemeenteraad / Herstelagenda Lindewaard 2021 / nl-NL / ",
        "5 Ambtelijke trekker",
    ]
