"""The plan format, version 1, as typed objects.

These classes are the single definition of the format: the loader (`plan.py`) reads
files by walking them, and the JSON Schema (`schema.py`) is generated from them, so the
two cannot drift apart. Field names are the plan's Dutch keys; each field's metadata
holds its description in Dutch and English.

The sections are frozen dataclasses compared by identity; the values inside them
(PlanDate, MoneyOrText) compare by value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from herstelcheck.errors import Mark
from herstelcheck.i18n import long_date, month_name


def spec(nl: str, en: str, *, required: bool = False, example: Any = None) -> Any:
    """A plan field: optional (None) unless required, with its descriptions."""
    meta = {"nl": nl, "en": en, "required": required, "example": example}
    return field(default=None, metadata=meta)


def list_spec(nl: str, en: str, *, example: Any = None) -> Any:
    meta = {"nl": nl, "en": en, "required": False, "example": example}
    return field(default_factory=list, metadata=meta)


def explanation_spec() -> Any:
    """The `toelichting` of a section (plan format 1.1): what the plan says about the
    item that fits no other field."""
    return spec(
        "Toelichting: wat het plan over dit onderwerp zegt dat in geen ander veld past.",
        "Notes: what the plan says on this subject that fits no other field.",
    )


class Money(float):
    """An amount in euros, from a number or a string as people write it."""


class Term(str, Enum):
    """A term of the recovery approach (item 9)."""

    KORT = "kort"
    MIDDELLANG = "middellang"
    LANG = "lang"


class OrganisatieVorm(str, Enum):
    BESTAANDE_ORGANISATIE = "bestaande-organisatie"
    APARTE_HERSTELORGANISATIE = "aparte-herstelorganisatie"


class Bron(str, Enum):
    """Where an action's money comes from."""

    BESTAAND = "bestaand"
    EXTRA = "extra"


class Niveau(str, Enum):
    OUTPUT = "output"
    OUTCOME = "outcome"


@dataclass(frozen=True, slots=True)
class PlanDate:
    """A date as the plan gives it: a full date, a month, or a year, with its text."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def last_day(self) -> dt.date | None:
        """The last day the date stands for (the month's last day for '2021-03')."""
        if self.year is None:
            return None
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:  # the month's last day, also in December 9999
            import calendar

            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def show(self, lang: str) -> str:
        """The date in words of `lang`, for a reader: `12 mei 2021` / `12 May 2021`,
        `mei 2021` / `May 2021`, `2021`. Text that reads as no date stays as written."""
        if self.year is None:
            return self.text
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{month_name(self.month, lang)} {self.year}"
        return long_date(dt.date(self.year, self.month, self.day), lang)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class MoneyOrText:
    """A value that may be an amount of money or a description (`budgetruimte`)."""

    text: str
    amount: float | None = None

    def __str__(self) -> str:
        return self.text


# --- sections -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Organisatie:
    """How the recovery is organised (item 1)."""

    vorm: OrganisatieVorm | None = spec(
        "Hoe het herstel is georganiseerd: vanuit de bestaande organisatie of met een "
        "aparte herstelorganisatie.",
        "How the recovery is organised: from the existing organisation or separately.",
        example="bestaande-organisatie",
    )
    afdelingen: list[str] = list_spec(
        "De afdelingen die samenwerken aan het herstel.",
        "The departments that work together on the recovery.",
        example=["Economische Zaken", "Onderwijs"],
    )
    toelichting: str | None = spec(
        "Toelichting op de organisatie, ook wat in geen ander veld past.",
        "Notes on the organisation, also what fits no other field.",
    )


@dataclass(frozen=True, slots=True, eq=False)
class Financiering:
    """Where the money for the recovery comes from (item 1)."""

    bestaande_budgetten: Money | None = spec(
        "Geld uit bestaande budgetten, in euro's.",
        "Money from existing budgets, in euros.",
        example="€ 1.200.000",
    )
    extra_middelen: Money | None = spec(
        "Extra middelen bovenop de bestaande budgetten, in euro's.",
        "Additional money on top of existing budgets, in euros.",
        example=500000,
    )
    extra_middelen_termijn: Term | None = spec(
        "De termijn waarin extra middelen beschikbaar komen.",
        "The term in which additional money is released.",
        example="lang",
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Behoeftepeiling:
    """How the needs of entrepreneurs were surveyed (item 2)."""

    methode: str | None = spec(
        "Hoe de behoeften van ondernemers zijn gepeild.",
        "How entrepreneurs' needs were surveyed.",
        example="enquête en rondetafelgesprekken",
    )
    datum: PlanDate | None = spec("Wanneer de peiling is gedaan.", "When the survey was done.")
    bereik: str | None = spec("Wie de peiling bereikte.", "Whom the survey reached.")


@dataclass(frozen=True, slots=True, eq=False)
class Behoefte:
    """A need of entrepreneurs, which actions can refer to by its id (item 2)."""

    id: str | None = spec(
        "Korte naam van de behoefte; acties verwijzen ernaar.",
        "Short name of the need; actions refer to it.",
        example="liquiditeit",
    )
    omschrijving: str | None = spec("Omschrijving van de behoefte.", "Description of the need.")


@dataclass(frozen=True, slots=True, eq=False)
class Ondernemers:
    """The entrepreneurs: their needs and how they are involved (item 2)."""

    behoeftepeiling: Behoeftepeiling | None = spec(
        "De inventarisatie van de behoeften van ondernemers.",
        "The inventory of entrepreneurs' needs.",
    )
    betrokkenheid: str | None = spec(
        "Hoe ondernemers betrokken zijn bij het maken van het plan.",
        "How entrepreneurs were involved in making the plan.",
    )
    behoeften: list[Behoefte] = list_spec(
        "De gevonden behoeften; acties verwijzen naar hun id.",
        "The needs found; actions refer to their id.",
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Stakeholder:
    """A party in the network, with its sector (item 3)."""

    naam: str | None = spec("Naam van de partij.", "Name of the party.")
    sector: str | None = spec(
        "Sector van de partij (vrije tekst; verschillende sectoren worden geteld).",
        "The party's sector (free text; distinct sectors are counted).",
        example="ondernemers",
    )


@dataclass(frozen=True, slots=True, eq=False)
class Netwerk:
    """The network around the recovery (item 3)."""

    stakeholders: list[Stakeholder] = list_spec(
        "De partijen uit economie en samenleving die meedoen.",
        "The parties from the economy and society that take part.",
    )
    opgaven: list[str] = list_spec(
        "Bredere maatschappelijke opgaven die het herstel meeneemt.",
        "Broader societal tasks the recovery takes along.",
        example=["circulariteit", "energietransitie"],
    )
    communicatie: str | None = spec(
        "Hoe het netwerk wordt geïnformeerd.", "How the network is kept informed."
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Monitoring:
    """How the effects of the approach are followed (item 4)."""

    beschrijving: str | None = spec(
        "Hoe de effecten van het plan worden gevolgd.", "How the plan's effects are followed."
    )
    frequentie: str | None = spec(
        "Hoe vaak wordt gemonitord.", "How often it is monitored.", example="per kwartaal"
    )
    niveau: Niveau | None = spec("Het niveau: output of outcome.", "The level: output or outcome.")
    indicatoren: list[str] = list_spec("De indicatoren.", "The indicators.")


@dataclass(frozen=True, slots=True, eq=False)
class Data:
    """The data behind the choices, and the monitoring (item 4)."""

    bronnen: list[str] = list_spec(
        "De databronnen die keuzes onderbouwen.",
        "The data sources behind the choices.",
        example=["CBS", "KVK Regiodata"],
    )
    monitoring: Monitoring | None = spec("De monitoring.", "The monitoring.")
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Persoon:
    """A person, with name and position."""

    naam: str | None = spec("Naam.", "Name.")
    functie: str | None = spec("Functie.", "Position.")
    vrijgemaakt: bool | None = spec(
        "Vrijgemaakt van reguliere werkzaamheden (ja/nee).", "Freed from regular work (yes/no)."
    )
    uren_per_week: float | None = spec(
        "Uren per week voor de herstelaanpak.", "Hours per week for the recovery approach."
    )


@dataclass(frozen=True, slots=True, eq=False)
class Trekker:
    """Who leads the recovery, and how the council is informed (item 5)."""

    ambtelijk: Persoon | None = spec("De ambtelijke trekker.", "The lead in the civil service.")
    bestuurlijk: Persoon | None = spec(
        "De bestuurlijke trekker (wethouder).", "The lead in the executive (alderman)."
    )
    raad_informeren: str | None = spec(
        "Hoe en hoe vaak de raad wordt geïnformeerd.", "How and how often the council is informed."
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Les:
    """A lesson from the crisis and how it is kept (item 6)."""

    les: str | None = spec("De les uit de crisis.", "The lesson from the crisis.")
    borging: str | None = spec("Hoe de les wordt geborgd.", "How the lesson is kept.")


@dataclass(frozen=True, slots=True, eq=False)
class Crisislessen:
    """What the crisis taught, and what stays of it (item 6)."""

    lessen: list[Les] = list_spec("Lessen uit de crisis.", "Lessons from the crisis.")
    dienstverlening: str | None = spec(
        "Hoe de opgewaardeerde dienstverlening aan ondernemers blijft.",
        "How the upgraded service to entrepreneurs is kept.",
    )
    participatie: str | None = spec(
        "Hoe de participatie van partners georganiseerd blijft.",
        "How partner participation stays organised.",
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Dynamiek:
    """How the approach stays up to date (item 7)."""

    langetermijnvisie: str | None = spec("De langetermijnvisie.", "The long-term vision.")
    herijking: str | None = spec(
        "Hoe vaak het plan wordt herijkt.", "How often the plan is revised.", example="jaarlijks"
    )
    budgetruimte: MoneyOrText | None = spec(
        "Ruimte in het budget voor nieuwe investeringen (bedrag of tekst).",
        "Room in the budget for new investments (an amount or text).",
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Samenwerking:
    """A regional partnership (item 8)."""

    partner: str | None = spec("De regionale partner.", "The regional partner.")
    onderwerp: str | None = spec("Waarover wordt samengewerkt.", "What the cooperation is about.")


@dataclass(frozen=True, slots=True, eq=False)
class Regio:
    """Regional cooperation and the link with the province (item 8)."""

    samenwerking: list[Samenwerking] = list_spec(
        "Samenwerking in de regio.", "Cooperation in the region."
    )
    provinciale_aanpak: str | None = spec(
        "De koppeling met de provinciale herstelaanpak.",
        "The link with the provincial recovery approach.",
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class TermijnDoel:
    """A term's horizon, starting points and goal (item 9)."""

    horizon: str | None = spec("Tot wanneer de termijn loopt.", "How far the term reaches.")
    doel: str | None = spec("Uitgangspunten en doelen van de termijn.", "The term's aims.")


@dataclass(frozen=True, slots=True, eq=False)
class Actie:
    """An action of the plan: what, when, with what money and for which need."""

    naam: str | None = spec("Naam van de actie.", "Name of the action.", required=True)
    termijn: Term | None = spec("kort, middellang of lang.", "short, medium or long.")
    eigenaar: str | None = spec("Wie de actie uitvoert.", "Who carries out the action.")
    budget: Money | None = spec("Budget van de actie.", "Budget of the action.")
    financiering: Bron | None = spec(
        "Bron van het geld: bestaand of extra.", "Source of the money: existing or extra."
    )
    behoefte: str | None = spec(
        "Id van de behoefte uit ondernemers.behoeften die de actie dient.",
        "Id of the need in ondernemers.behoeften that the action serves.",
    )
    indicator: str | None = spec("Indicator van de actie.", "Indicator of the action.")
    lijn: str | None = spec("Herstellijn (optioneel).", "Recovery line (optional).")


@dataclass(frozen=True, slots=True, eq=False)
class Terugvalscenario:
    """What the municipality does if the economy falls back (item 10)."""

    beschrijving: str | None = spec("Het terugvalscenario.", "The fallback scenario.")
    triggers: list[str] = list_spec(
        "Wat het scenario in werking zet.",
        "What sets the scenario in motion.",
        example=["lockdown"],
    )
    draaiboek: str | None = spec("Het draaiboek.", "The playbook.")
    crisisorganisatie: str | None = spec(
        "Hoe de crisisorganisatie opnieuw wordt ingericht.",
        "How the crisis organisation is set up again.",
    )
    toelichting: str | None = explanation_spec()


@dataclass(frozen=True, slots=True, eq=False)
class Uitzondering:
    """A deliberate exception for one item, with its justification."""

    reden: str | None = spec("De rechtvaardiging.", "The justification.", required=True)
    geldig_tot: PlanDate | None = spec(
        "Tot wanneer de uitzondering geldt; daarna telt ze niet meer.",
        "Until when the exception holds; after that it no longer counts.",
    )


@dataclass(frozen=True, slots=True, eq=False)
class Plan:
    """A municipality's recovery plan for the local economy."""

    gemeente: str | None = spec("De gemeente.", "The municipality.", required=True, example="Breda")
    titel: str | None = spec(
        "De titel van het plan.",
        "The plan's title.",
        required=True,
        example="Herstelplan lokale economie",
    )
    versie: str | None = spec("Versie van het plan.", "Version of the plan.", example="2021-2")
    vastgesteld: PlanDate | None = spec(
        "Datum waarop college of raad het plan vaststelde.",
        "Date the executive or council adopted the plan.",
        example="2021-06-24",
    )
    organisatie: Organisatie | None = spec("Item 1: de organisatie.", "Item 1: organisation.")
    financiering: Financiering | None = spec("Item 1: de middelen.", "Item 1: money.")
    ondernemers: Ondernemers | None = spec(
        "Item 2: de ondernemer centraal.", "Item 2: entrepreneurs first."
    )
    netwerk: Netwerk | None = spec("Item 3: het netwerk.", "Item 3: the network.")
    data: Data | None = spec("Item 4: data en monitoring.", "Item 4: data and monitoring.")
    trekker: Trekker | None = spec("Item 5: de trekker.", "Item 5: the lead.")
    crisislessen: Crisislessen | None = spec(
        "Item 6: lessen uit de crisis.", "Item 6: lessons from the crisis."
    )
    dynamiek: Dynamiek | None = spec(
        "Item 7: een dynamische aanpak.", "Item 7: a dynamic approach."
    )
    regio: Regio | None = spec("Item 8: regionale samenwerking.", "Item 8: regional cooperation.")
    termijnen: dict[Term, TermijnDoel] = field(
        default_factory=dict,
        metadata={
            "nl": "Item 9: uitgangspunten en doelen per termijn (kort, middellang, lang), "
            "en een toelichting.",
            "en": "Item 9: starting points and goals per term (short, medium, long), and notes.",
            "required": False,
            "example": None,
        },
    )
    acties: list[Actie] = list_spec(
        "De acties (items 9, 2, 4, 1).", "The actions (items 9, 2, 4, 1)."
    )
    terugvalscenario: Terugvalscenario | None = spec(
        "Item 10: het terugvalscenario.", "Item 10: the fallback scenario."
    )
    uitzonderingen: dict[str, Uitzondering] = field(
        default_factory=dict,
        metadata={
            "nl": "Bewuste uitzonderingen per itemnummer, met rechtvaardiging.",
            "en": "Deliberate exceptions by item number, with their justification.",
            "required": False,
            "example": None,
        },
    )


@dataclass(frozen=True, slots=True, eq=False)
class LoadedPlan:
    """A plan with the places of its values in the file."""

    plan: Plan
    file: str
    """The file as the user named it."""
    places: dict[str, Mark]
    """Path (`acties[2].termijn`) -> where the value stands."""
    key_places: dict[str, Mark]
    """Path -> where its key stands."""
    explanations: dict[str, str] = field(default_factory=dict)
    """Section (`organisatie`, `termijnen`) -> its `toelichting`, where it has one."""


SECTIONS = (
    "organisatie",
    "financiering",
    "ondernemers",
    "netwerk",
    "data",
    "trekker",
    "crisislessen",
    "dynamiek",
    "regio",
    "termijnen",
    "terugvalscenario",
)
"""The sections of a plan: the top-level keys that group the fields of an item, each of
which may carry a `toelichting` (plan format 1.1)."""


# --- reading the format's own types ---------------------------------------------------


def field_types(cls: type) -> dict[str, Any]:
    """The resolved type of each field of a model dataclass."""
    return _field_types(cls)


@cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def unwrap_optional(tp: Any) -> Any:
    """`X | None` -> X."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp
