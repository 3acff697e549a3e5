"""What a memo template receives: an audit run as plain, read-only data in one language.

`context()` turns an `AuditRun` into the variables of a memo template; `docs/templates.md`
documents each of them. A user's own `--template` gets them for the whole run at once.
The bundled memo and the HTML report are written plan by plan instead, so that a run of
any size takes little memory: each plan's view (`plan_view`) is made as the plan is
audited, its sections are written and set aside, and only its row of the comparison
(`plan_row`) is kept; `assemble` then makes the variables of the memo around them. The
values are text as the plan and the checklist give it, never escaped: the template
environment escapes every value it writes.

The views are frozen dataclasses of strings, numbers, booleans, None and tuples, so a
sandboxed template can read them and change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from herstelcheck import __version__, evidence, scoring
from herstelcheck.audit import AuditRun, CriterionResult, ItemResult, PlanReport, Status
from herstelcheck.formats import RenderOptions
from herstelcheck.i18n import SYMBOLS, long_date, number, t
from herstelcheck.planwords import join

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic

TEMPLATE_WORDS: dict[str, str] = {
    "title_several": "memo.title_several",
    "intro_single": "memo.intro_single",
    "version": "memo.version",
    "adopted": "adopted",
    "audit_date": "memo.audit_date",
    "checklist": "checklist",
    "checklist_version": "version",
    "source": "source",
    "heading_verdict": "memo.verdict",
    "heading_items": "memo.item_by_item",
    "heading_waivers": "waivers",
    "heading_steps": "memo.next_steps",
    "heading_comparison": "comparison",
    "heading_unread": "memo.not_read",
    "column_number": "memo.number",
    "column_item": "item",
    "column_status": "status",
    "column_score": "score",
    "column_gemeente": "gemeente",
    "item": "item",
    "line": "line",
    "status": "status",
    "asks": "asks",
    "has": "memo.has",
    "lacks": "memo.lacks",
    "advice": "advice",
    "waived": "waived",
    "no_waivers": "memo.no_waivers",
    "steps_intro": "memo.steps_intro",
    "no_steps": "memo.no_steps",
    "legend": "memo.legend",
    "columns_are_items": "memo.columns_are_items",
    "unread_intro": "memo.unread_intro",
    "no_plans": "memo.no_plans",
    "explained": "memo.explained",
    "could_improve": "memo.could_improve",
    "recommended": "recommended",
    "advice_intro": "memo.advice_intro",
    "to": "memo.to",
    "sender": "memo.sender",
    "date": "memo.date",
    "subject": "memo.subject",
    "heading_summary": "memo.summary",
    "summary_several": "memo.summary_several",
    "steps_per_item": "memo.steps_per_item",
    "heading_appendix": "memo.appendix",
    "appendix_intro": "memo.appendix_intro",
    "heading_later_steps": "memo.later_steps",
    "heading_recommendations": "memo.recommendations",
    "heading_keys": "memo.keys",
    "column_finding": "memo.finding",
    "column_key": "memo.key",
    "column_line": "memo.line",
}
"""The memo's fixed words: a template's name for each (`words.heading_steps`), and its
key in `i18n`."""

_CAPITALISED = frozenset({"adopted"})
"""Words that stand first on a line in the memo (`- Vastgesteld: ...`)."""
_LABELS = frozenset(
    {"asks", "has", "lacks", "advice", "waived", "explained", "could_improve", "recommended"}
)
"""Words that the memo writes as a bold label in front of a text: `**Advies:**`."""

VERDICT_BANDS = (
    (80.0, "memo.verdict_strong"),
    (45.0, "memo.verdict_underway"),
    (20.0, "memo.verdict_start"),
)
"""Lowest score of each verdict, best first; below the last: `memo.verdict_weak`."""

MAX_STEPS = 5
"""The most items the memo's next steps name; the rest go to the appendix."""
SUMMARY_ITEMS = 2
"""How many of the strongest items, and of the gaps, the summary names."""
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
"""The language of the memo as pandoc's metadata (`lang`) names it."""


def labels(lang: str) -> dict[str, str]:
    """The memo's words in `lang`, as templates receive them (`words`)."""
    words = {}
    for name, key in TEMPLATE_WORDS.items():
        text = t(key, lang)
        if name in _CAPITALISED or name in _LABELS:
            text = text[:1].upper() + text[1:]
        words[name] = f"{text}:" if name in _LABELS else text
    return words


# --- the views --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateView:
    iso: str
    """The date as YYYY-MM-DD."""
    text: str
    """The date written out in the memo's language: `30 juni 2021`, `30 June 2021`."""


@dataclass(frozen=True, slots=True)
class ChecklistItemView:
    id: int
    """The item's number."""
    title: str
    """The item's title."""


@dataclass(frozen=True, slots=True)
class ChecklistView:
    name: str
    """The checklist's name."""
    version: str
    """The checklist's version."""
    source: str
    """The publication the checklist follows (may be empty)."""
    url: str
    """Where the publication is found (may be empty)."""
    items: tuple[ChecklistItemView, ...]
    """The checklist's items, in order: the columns of a comparison."""


@dataclass(frozen=True, slots=True)
class CriterionView:
    id: str
    """Stable identifier, `<item slug>.<name>`."""
    title: str
    """What the criterion checks."""
    passed: bool | None
    """True, False, or None where it does not apply to the plan."""
    message: str
    """What the audit found: the title when it passed, what is wrong when it failed."""
    advice: str
    """What to add to the plan, in words for people."""
    key: str
    """The plan key path the finding is about (`organisatie.afdelingen`), to show apart
    from the sentences."""
    role: str
    """`vereist` (required) or `aanvullend` (advisory), as the checklist declares it."""
    role_text: str
    """The role in the memo's language: `vereist`, `aanvullend`; `required`, `advisory`."""
    blocks: bool
    """It failed and keeps its item from being met; a failure that does not is advice."""
    line: int | None
    """The line of the plan the finding is about, or None."""
    weight: float
    """How much it counts within its item."""
    gain: float
    """Points (0-100) the plan's score would rise by if it passed; 0 when it passed, does
    not apply, or belongs to a waived item."""
    gain_text: str
    """`gain` in words: `tot 3,7 punten`, `up to 3.7 points`."""


@dataclass(frozen=True, slots=True)
class WaiverView:
    reason: str
    """The plan's justification."""
    until: str | None
    """The date the waiver runs until, in the memo's language (`31 december 2022`;
    text that reads as no date as the plan writes it), or None."""
    expired: bool
    """The date has passed: the waiver no longer counts and the item is audited."""
    note: str
    """`until` and `expired` in words (`geldig tot ...`, `verlopen op ...`), or empty."""
    line: int | None
    """The line of the plan that gives the waiver."""


@dataclass(frozen=True, slots=True)
class ExplanationView:
    section: str
    """The plan section whose `toelichting` it is (`termijnen`)."""
    text: str
    """The whole `toelichting`, as the plan gives it."""
    quote: str
    """Its start, on one line (cut with `…` when it is long)."""
    sentence: str
    """What the memo says of it: `Het plan licht dit toe in 'termijnen', zonder de
    punten die de checklist vraagt: '...'`."""
    line: int | None
    """The line of the plan where it stands, or None."""


@dataclass(frozen=True, slots=True)
class ValueView:
    text: str
    """A value of the plan as text: as the plan writes it, or in the memo's language
    where the plan format knows its words (`de korte termijn`, `€ 2.500.000`)."""
    line: int | None
    """The line of the plan where it stands, or None."""


@dataclass(frozen=True, slots=True)
class EvidenceView:
    label: str
    """What the values are: `Ambtelijke trekker`, `Partijen`; for a passed criterion
    whose values cannot be shown, the criterion's title."""
    values: tuple[ValueView, ...]
    """The plan's own values, in the plan's order (empty: only the label is shown)."""


@dataclass(frozen=True, slots=True)
class ItemView:
    id: int
    """The item's number."""
    slug: str
    """The item's short name."""
    title: str
    """The item's title."""
    explanation: str
    """What the checklist asks and why."""
    weight: float
    """How much the item counts in the plan's score."""
    status: str
    """`met`, `partial`, `missing` or `waived`."""
    status_text: str
    """The status in words: `voldaan`, `deels`, `ontbreekt`, `uitgezonderd`."""
    symbol: str
    """The status as a symbol: ✔, ◐, ✘, ⊘."""
    score: float
    """0-10."""
    score_text: str
    """The score with one decimal, as the language writes it (`6,0`, `6.0`)."""
    status_line: str
    """Status and score in words: `deels, score 6,0 van 10` (the status alone if waived)."""
    criteria: tuple[CriterionView, ...]
    """All criteria of the item, in checklist order."""
    passed: tuple[CriterionView, ...]
    """The criteria the plan meets: what it already has."""
    failed: tuple[CriterionView, ...]
    """The criteria the plan does not meet: `blocking` and `advice` together."""
    blocking: tuple[CriterionView, ...]
    """The failed criteria that keep the item from being met: what is missing."""
    advice: tuple[CriterionView, ...]
    """The failed criteria that do not (the item is met without them, or they are
    advisory): what is recommended."""
    alternative: int | None
    """The index (from 0, in the checklist's list) of the alternative that met the item,
    or None."""
    explained: ExplanationView | None
    """The `toelichting` that alone makes the item partial (no criterion passes), or None."""
    waiver: WaiverView | None
    """The plan's waiver for the item (active or expired), or None."""
    evidence: tuple[EvidenceView, ...]
    """What the plan already has for the item, in its own words: the values behind the
    criteria it passes, grouped, each with its line."""


@dataclass(frozen=True, slots=True)
class StepView:
    item_id: int
    """The number of the item the step belongs to."""
    item_title: str
    """The title of that item."""
    criterion: CriterionView
    """The failed criterion; its `advice` says what to do, its `blocks` whether it keeps
    the item from being met."""


@dataclass(frozen=True, slots=True)
class ItemStepView:
    item_id: int
    """The number of the item."""
    item_title: str
    """The title of the item."""
    status: str
    """`missing` or `partial`."""
    status_text: str
    """The status in words."""
    gain: float
    """Points (0-100) the plan's score would rise by if the item were met."""
    gain_text: str
    """`gain` in words: `tot 11,1 punten`."""
    criteria: tuple[CriterionView, ...]
    """The failed criteria that keep the item from being met, the weightiest first: the
    advice of the first is the step."""
    more: str
    """A sentence on the item's other criteria (`Daarnaast nog 2 aandachtspunten bij dit
    item.`), or empty when it has one."""


@dataclass(frozen=True, slots=True)
class CountsView:
    met: int
    partial: int
    missing: int
    waived: int


@dataclass(frozen=True, slots=True)
class PlanView:
    file: str
    """The plan file as it was named (`<stdin>` for standard input)."""
    gemeente: str
    """The municipality."""
    titel: str
    """The plan's title."""
    versie: str | None
    """The plan's version, or None."""
    vastgesteld: str | None
    """The adoption date in the memo's language (`mei 2021`, `May 2021`; text that
    reads as no date as the plan writes it), or None."""
    score: float
    """0-100."""
    score_text: str
    """The score with one decimal, as the language writes it."""
    score_sentence: str
    """`Het plan scoort 48,3 van de 100 punten.`"""
    verdict: str
    """A one-sentence verdict that goes with the score."""
    counts: CountsView
    """How many items have each status."""
    counts_sentence: str
    """The counts in a sentence."""
    items: tuple[ItemView, ...]
    """Every item of the checklist, in order."""
    waivers: tuple[ItemView, ...]
    """The items the plan gives a waiver for (also expired ones)."""
    next_steps: tuple[StepView, ...]
    """The failed criteria that keep an item that counts from being met, the weightiest
    first."""
    advice_steps: tuple[StepView, ...]
    """The failed criteria of the items that count that are advice, the weightiest first."""
    summary: str
    """Three to five sentences for the council: the score, the verdict, the counts, the
    strongest items and the most important gaps."""
    summary_line: str
    """The score, the verdict and the gaps on one line, for a memo of several plans."""
    strongest: tuple[ItemView, ...]
    """The items the plan is strongest on (met first, then by score), at most two; the
    summary names them when the plan lacks something."""
    gaps: tuple[ItemView, ...]
    """The most important gaps: the items of the first next steps, at most two."""
    steps: tuple[ItemStepView, ...]
    """The next steps for the council: one per item that is not met, at most five; missing
    items first, then by the points they would add."""
    later_steps: tuple[ItemStepView, ...]
    """The items' steps after the first five, in the same order (the memo's appendix)."""
    steps_note: str
    """A sentence saying how many items' steps are in the appendix, or empty."""
    findings: tuple[StepView, ...]
    """Every failed criterion of the items that count, in checklist order: the appendix
    names each one's plan key and line."""


@dataclass(frozen=True, slots=True)
class ItemRowView:
    """An item in a plan's row of the comparison of several plans: the fields of
    `ItemView` that the comparison shows."""

    id: int
    status: str
    symbol: str
    score_text: str
    status_line: str


@dataclass(frozen=True, slots=True)
class PlanRowView:
    """A plan in the comparison of several plans: the fields of `PlanView` that the
    comparison (and the chart of several plans) shows, all that a memo written plan by
    plan keeps of a plan once its sections are written."""

    file: str
    gemeente: str
    titel: str
    score: float
    score_text: str
    summary_line: str
    items: tuple[ItemRowView, ...]


Plans = tuple[PlanView | PlanRowView, ...]
"""The plans of a memo: every one in full, or (the bundled memo of several plans, written
plan by plan) their rows of the comparison."""


@dataclass(frozen=True, slots=True)
class ErrorView:
    file: str
    """The plan file that could not be read."""
    line: int
    """1-based line, or 0 when the problem has no place in the file."""
    column: int
    """1-based column, or 0."""
    message: str
    """What is wrong."""


@dataclass(frozen=True, slots=True)
class HeaderView:
    to: str
    """Aan: `--memo-to` or `memo_to`, else `de gemeenteraad` (`the municipal council`)."""
    sender: str
    """Van: `--memo-from` or `memo_from`, else empty."""
    date: str
    """Datum: the date of the audit, written out."""
    subject: str
    """Onderwerp: the plan's title; for several plans `Vergelijking van 3 herstelplannen`."""
    title: str
    """The memo's title: `Lindewaard: Herstelagenda Lindewaard 2021`, or the subject of a
    memo of several plans."""


@dataclass(frozen=True, slots=True)
class FrontMatterView:
    title: str
    """The document's title (pandoc's `title`)."""
    lang: str
    """The document's language (pandoc's `lang`): `nl-NL` or `en-GB`."""
    date: str
    """The date of the audit, written out (pandoc's `date`)."""


@dataclass(frozen=True, slots=True)
class ChartView:
    file: str
    """The name of the chart's file, beside the memo: `memo.svg`."""
    alt: str
    """What the chart shows, in words: the text of the image."""


@dataclass(frozen=True, slots=True)
class Memo:
    """The variables of a memo template, one attribute each."""

    lang: str
    """`nl` or `en`."""
    date: DateView
    """The date of the audit."""
    checklist: ChecklistView
    """The checklist the plans were audited against."""
    plans: Plans
    """The audited plans, in the order they were read: in full (`PlanView`), but for
    the bundled memo of several plans, which gets their rows (`PlanRowView`) and their
    sections written already."""
    errors: tuple[ErrorView, ...]
    """The problems of the plans that could not be read."""
    words: dict[str, str]
    """The memo's fixed words in `lang` (headings, labels)."""
    intro: str
    """The memo's opening sentence (it differs for no plans, one plan and several)."""
    version: str
    """The version of herstelcheck."""
    header: HeaderView
    """The memo's header: to whom, from whom, the date and the subject."""
    front_matter: FrontMatterView | None
    """The pandoc metadata of the memo, or None with `--no-front-matter`."""
    chart: ChartView | None
    """The chart written beside the memo (`--chart`), or None."""

    def variables(self) -> dict[str, Any]:
        """The template variables: each attribute by its name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# --- building them ----------------------------------------------------------------------


def context(
    run: AuditRun,
    lang: str,
    *,
    memo_to: str | None = None,
    memo_from: str | None = None,
    front_matter: bool = True,
    chart: str | None = None,
) -> Memo:
    """The memo's data for an audit run, in `lang`: addressed to `memo_to` (default: the
    council) from `memo_from`, with pandoc metadata unless `front_matter` is off, and
    referring to the chart in the file `chart` when one is written."""
    options = RenderOptions(
        lang=lang, memo_to=memo_to, memo_from=memo_from, front_matter=front_matter, chart=chart
    )
    return for_options(run, options)


def for_options(run: AuditRun, options: RenderOptions) -> Memo:
    """The memo's data for an audit run, as the render options of a report ask."""
    plans = tuple(plan_view(report, options.lang) for report in run.reports)
    return assemble(run.checklist, run.today, run.errors, plans, options)


def assemble(
    checklist: Checklist,
    today: dt.date,
    errors: Iterable[Diagnostic],
    plans: Plans,
    options: RenderOptions,
) -> Memo:
    """The memo around its `plans` (views or rows), for the `errors` of the plans that
    could not be read, as the render options ask."""
    lang = options.lang
    words = labels(lang)
    if not plans:
        intro = words["no_plans"]
    elif len(plans) == 1:
        intro = words["intro_single"]
    else:
        intro = t("memo.intro_several", lang, count=len(plans))
    date = date_view(today, lang)
    header = header_view(plans, lang, date, options.memo_to, options.memo_from)
    return Memo(
        lang=lang,
        date=date,
        checklist=checklist_view(checklist, lang),
        plans=plans,
        errors=tuple(
            ErrorView(d.file, d.line, d.column, d.message) for d in errors if d.severity == "error"
        ),
        words=words,
        intro=intro,
        version=__version__,
        header=header,
        front_matter=FrontMatterView(header.title, LANGUAGE_TAGS.get(lang, lang), date.text)
        if options.front_matter
        else None,
        chart=chart_view(plans, lang, options.chart) if options.chart else None,
    )


def checklist_view(checklist: Checklist, lang: str) -> ChecklistView:
    return ChecklistView(
        name=checklist.name,
        version=checklist.version,
        source=checklist.source.get(lang),
        url=checklist.url,
        items=tuple(ChecklistItemView(i.id, i.title.get(lang)) for i in checklist.items),
    )


def plan_row(plan: PlanView, shared: dict[ItemRowView, ItemRowView] | None = None) -> PlanRowView:
    """The plan's row of the comparison. Items that are alike in many plans (the same
    status and score) are one object in `shared`, when given, which keeps the rows of a
    large run small."""
    items = []
    for item in plan.items:
        row = ItemRowView(item.id, item.status, item.symbol, item.score_text, item.status_line)
        items.append(row if shared is None else shared.setdefault(row, row))
    return PlanRowView(
        file=plan.file,
        gemeente=plan.gemeente,
        titel=plan.titel,
        score=plan.score,
        score_text=plan.score_text,
        summary_line=plan.summary_line,
        items=tuple(items),
    )


def header_view(
    plans: Plans,
    lang: str,
    date: DateView,
    memo_to: str | None,
    memo_from: str | None,
) -> HeaderView:
    if len(plans) == 1:
        subject = plans[0].titel
        title = f"{plans[0].gemeente}: {plans[0].titel}"
    elif plans:
        subject = title = t("memo.subject_several", lang, count=len(plans))
    else:
        subject = title = t("memo.title_several", lang)
    return HeaderView(
        to=memo_to if memo_to is not None else t("memo.default_to", lang),
        sender=memo_from or "",
        date=date.text,
        subject=subject,
        title=title,
    )


def chart_view(plans: Plans, lang: str, file: str) -> ChartView:
    if len(plans) == 1:
        alt = t("memo.chart_alt", lang, gemeente=plans[0].gemeente)
    else:
        alt = t("memo.chart_alt_several", lang)
    return ChartView(file, alt)


def date_view(date: dt.date, lang: str) -> DateView:
    return DateView(date.isoformat(), long_date(date, lang))


def verdict(report: PlanReport, lang: str) -> str:
    """One sentence on the plan as a whole, from its score."""
    if not any(i.status in (Status.PARTIAL, Status.MISSING) for i in report.items):
        return t("memo.verdict_done", lang)
    for lowest, key in VERDICT_BANDS:
        if report.score >= lowest:
            return t(key, lang)
    return t("memo.verdict_weak", lang)


def plan_view(report: PlanReport, lang: str) -> PlanView:
    plan = report.plan
    counted = sum(i.item.weight for i in report.items if i.status is not Status.WAIVED)
    items = tuple(item_view(result, lang, counted, report) for result in report.items)
    counts = CountsView(*(report.count(s) for s in Status))
    steps = item_steps(items, lang)
    strongest = strongest_items(items)
    gaps = tuple(items[[i.id for i in items].index(step.item_id)] for step in steps)
    gaps = gaps[:SUMMARY_ITEMS]
    score_text = number(report.score, lang)
    score_sentence = t("memo.score", lang, score=score_text)
    plan_verdict = verdict(report, lang)
    counts_sentence = t(
        "memo.counts",
        lang,
        total=len(items),
        met=counts.met,
        partial=counts.partial,
        missing=counts.missing,
        waived=counts.waived,
    )
    gaps_sentence = t("memo.gaps", lang, items=item_refs(gaps, lang)) if gaps else ""
    summary = [score_sentence, plan_verdict, counts_sentence]
    if strongest and steps:  # a plan that lacks nothing has no item that stands out
        summary.append(t("memo.strongest", lang, items=item_refs(strongest, lang)))
    if gaps_sentence:
        summary.append(gaps_sentence)
    later = steps[MAX_STEPS:]
    return PlanView(
        file=report.file,
        gemeente=plan.gemeente or "",
        titel=plan.titel or "",
        versie=plan.versie,
        vastgesteld=plan.vastgesteld.show(lang) if plan.vastgesteld else None,
        score=report.score,
        score_text=score_text,
        score_sentence=score_sentence,
        verdict=plan_verdict,
        counts=counts,
        counts_sentence=counts_sentence,
        items=items,
        waivers=tuple(i for i in items if i.waiver is not None),
        next_steps=next_steps(items),
        advice_steps=next_steps(items, advice=True),
        summary=" ".join(summary),
        summary_line=" ".join(
            part
            for part in (
                t("memo.summary_line", lang, score=score_text, verdict=plan_verdict),
                gaps_sentence,
            )
            if part
        ),
        strongest=strongest,
        gaps=gaps,
        steps=steps[:MAX_STEPS],
        later_steps=later,
        steps_note=t("memo.steps_rest", lang, count=len(later)) if later else "",
        findings=tuple(
            StepView(item.id, item.title, criterion)
            for item in items
            if item.status != Status.WAIVED.value
            for criterion in item.failed
        ),
    )


def strongest_items(items: tuple[ItemView, ...]) -> tuple[ItemView, ...]:
    """The items the plan is strongest on: met before partial, then the highest score,
    then in checklist order; none that scores 0."""
    scored = [i for i in items if i.status in ("met", "partial") and i.score > 0]
    scored.sort(key=lambda i: (i.status != "met", -round(i.score, 6), i.id))
    return tuple(scored[:SUMMARY_ITEMS])


def item_refs(items: tuple[ItemView, ...], lang: str) -> str:
    """`item 6, Bouw voort op lessen uit de crisis (ontbreekt) en item 3, ... (deels,
    2,5)`."""
    refs = [
        t(
            "memo.item_ref",
            lang,
            number=item.id,
            title=item.title,
            detail=item.status_text
            if item.status == "missing"
            else f"{item.status_text}, {item.score_text}",
        )
        for item in items
    ]
    return join(refs, lang)


def item_steps(items: tuple[ItemView, ...], lang: str) -> tuple[ItemStepView, ...]:
    """A step per item that counts and is not met: missing items before partial ones,
    then the items whose failed criteria add most to the score, then checklist order.
    Each step's criteria are the ones that keep the item from being met (never advice),
    the weightiest first."""
    found = []
    for index, item in enumerate(items):
        if item.status not in (Status.MISSING.value, Status.PARTIAL.value) or not item.blocking:
            continue
        criteria = tuple(sorted(item.blocking, key=lambda c: -round(c.gain, 6)))
        gain = sum(c.gain for c in criteria)
        more = len(criteria) - 1
        step = ItemStepView(
            item_id=item.id,
            item_title=item.title,
            status=item.status,
            status_text=item.status_text,
            gain=gain,
            gain_text=t("memo.gain", lang, points=number(gain, lang)),
            criteria=criteria,
            more=t("memo.step_more", lang, count=more) if more else "",
        )
        found.append(((item.status != Status.MISSING.value, -round(gain, 6), index), step))
    found.sort(key=lambda pair: pair[0])
    return tuple(step for _, step in found)


def item_view(
    result: ItemResult, lang: str, counted_weight: float, report: PlanReport | None = None
) -> ItemView:
    item = result.item
    applicable = sum(c.criterion.weight for c in result.criteria if c.passed is not None)
    counts = result.status is not Status.WAIVED
    criteria = tuple(
        criterion_view(
            c,
            lang,
            scoring.criterion_gain(item.weight, c.criterion.weight, applicable, counted_weight)
            if counts and c.passed is False
            else 0.0,
        )
        for c in result.criteria
    )
    status_text = t(result.status.value, lang)
    score_text = number(result.score, lang)
    return ItemView(
        id=item.id,
        slug=item.slug,
        title=item.title.get(lang),
        explanation=item.explanation.get(lang),
        weight=item.weight,
        status=result.status.value,
        status_text=status_text,
        symbol=SYMBOLS[result.status.value],
        score=result.score,
        score_text=score_text,
        status_line=status_text
        if result.status is Status.WAIVED
        else t("memo.status_line", lang, status=status_text, score=score_text),
        criteria=criteria,
        passed=tuple(c for c in criteria if c.passed),
        failed=tuple(c for c in criteria if c.passed is False),
        blocking=tuple(c for c in criteria if c.blocks),
        advice=tuple(c for c in criteria if c.passed is False and not c.blocks),
        alternative=result.alternative,
        explained=explanation_view(result, lang),
        waiver=waiver_view(result, lang),
        evidence=evidence_views(result, lang, report),
    )


COUNTING = frozenset({"min_count", "distinct_count", "distinct_sectors", "share"})
"""Criterion kinds that count: a plan that fails one may still have part of it."""


def evidence_views(
    result: ItemResult, lang: str, report: PlanReport | None
) -> tuple[EvidenceView, ...]:
    """What the plan has for the item, in its own words (see `evidence`)."""
    if report is None:
        return ()
    groups = evidence.evidence(
        report.plan,
        report.places,
        ((c.criterion, c.message(lang)) for c in result.passed),
        lang,
        some=(c.criterion for c in result.failed if c.criterion.kind in COUNTING),
    )
    return tuple(
        EvidenceView(g.label, tuple(ValueView(v.text, v.line) for v in g.values)) for g in groups
    )


def explanation_view(result: ItemResult, lang: str) -> ExplanationView | None:
    explained = result.explained
    if explained is None:
        return None
    quote = explained.quote()
    return ExplanationView(
        section=explained.section,
        text=explained.text,
        quote=quote,
        sentence=t("explained", lang, section=explained.section, quote=quote),
        line=explained.line,
    )


def criterion_view(result: CriterionResult, lang: str, gain: float) -> CriterionView:
    return CriterionView(
        id=result.criterion.id,
        title=result.criterion.title.get(lang),
        passed=result.passed,
        message=result.message(lang),
        advice=result.advice(lang),
        key=result.key,
        role=result.criterion.role.value,
        role_text=t(f"role.{result.criterion.role.value}", lang),
        blocks=result.blocks,
        line=result.line,
        weight=result.criterion.weight,
        gain=gain,
        gain_text=t("memo.gain", lang, points=number(gain, lang)),
    )


def waiver_view(result: ItemResult, lang: str) -> WaiverView | None:
    waiver = result.waiver
    if waiver is None:
        return None
    until = waiver.until.show(lang) if waiver.until else None
    note = ""
    if until is not None:
        note = t("waiver_expired" if waiver.expired else "waiver_until", lang, date=until)
    return WaiverView(waiver.reason, until, waiver.expired, note, waiver.line)


def next_steps(items: tuple[ItemView, ...], *, advice: bool = False) -> tuple[StepView, ...]:
    """The failed criteria of every item that counts that keep it from being met (with
    `advice`: those that do not), the one that adds most to the score first; equal ones
    in checklist order."""
    steps = [
        (index, position, StepView(item.id, item.title, criterion))
        for index, item in enumerate(items)
        if item.status != Status.WAIVED.value
        for position, criterion in enumerate(item.criteria)
        if criterion.passed is False and criterion.blocks is not advice
    ]
    steps.sort(key=lambda s: (-round(s[2].criterion.gain, 6), s[0], s[1]))
    return tuple(step for _, _, step in steps)
