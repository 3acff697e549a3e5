"""Generate plan files for benchmarks: seeded, of varied sizes, valid against the format.

The same seed gives the same plans, byte for byte, so runs on different days or
machines audit the same input. Sizes run from a bare plan (`gemeente` and `titel`
only) to full plans with every section and long lists of actions, stakeholders and
needs; `scale` multiplies the length of every list.

    from plangen import write_plans
    files = write_plans(folder, count=1000, seed=7)
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

PLACES = [
    "Zeeveen", "Lindewaard", "Bergakker", "Oosterbroek", "Heidedal", "Waterloop",
    "Kleiburg", "Veenhaven", "Duinwijk", "Rivierstad", "Eikendonk", "Molenveld",
]  # fmt: skip
WORDS = [
    "ondernemers", "binnenstad", "werk", "scholing", "digitalisering", "winkels",
    "horeca", "cultuur", "zorg", "onderwijs", "energie", "circulair", "toerisme",
    "vakmensen", "leegstand", "markt", "haven", "regio", "innovatie", "wijken",
]  # fmt: skip
SECTORS = ["ondernemers", "onderwijs", "cultuur", "zorg en welzijn", "sport", "woningcorporatie"]
TERMS = ["kort", "middellang", "lang", "korte termijn", "Lange termijn", "medium"]
MONEY = ["250000", '"€ 1.200.000"', '"€ 1,2 mln"', '"2 miljoen"', '"250.000,50"', "2.5e6"]
DATES = ["2021-06-24", '"juni 2021"', '"2021-03"', "2021", '"12 mei 2021"']
SECTIONS = [
    "organisatie", "financiering", "ondernemers", "netwerk", "data", "trekker",
    "crisislessen", "dynamiek", "regio", "termijnen", "acties", "terugvalscenario",
]  # fmt: skip


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class _Plan:
    def __init__(self, rng: random.Random, scale: float) -> None:
        self.rng = rng
        self.scale = scale
        self.lines: list[str] = []

    def text(self, words: int = 6) -> str:
        return q(" ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + ".")

    def count(self, most: int) -> int:
        return self.rng.randint(0, max(1, round(most * self.scale)))

    def add(self, line: str) -> None:
        self.lines.append(line)

    def build(self, index: int, fullness: float) -> str:
        rng = self.rng
        place = f"{rng.choice(PLACES)}-{index}"
        self.add(f"# Generated plan {index} (fullness {fullness:.2f})")
        self.add(f"gemeente: {place}")
        self.add(f"titel: {q('Herstelplan lokale economie ' + place)}")
        if rng.random() < fullness:
            self.add(f'versie: "2021-{rng.randint(1, 9)}"')
            self.add(f"vastgesteld: {rng.choice(DATES)}")
        for section in SECTIONS:
            if rng.random() < fullness:
                getattr(self, section)()
        return "\n".join(self.lines) + "\n"

    def organisatie(self) -> None:
        self.add("organisatie:")
        self.add(
            f"  vorm: {self.rng.choice(['bestaande-organisatie', 'aparte-herstelorganisatie'])}"
        )
        self.add("  afdelingen:")
        for _ in range(self.count(6)):
            self.add(f"    - {self.text(2)}")
        self.add(f"  toelichting: {self.text(20)}")

    def financiering(self) -> None:
        self.add("financiering:")
        self.add(f"  bestaande_budgetten: {self.rng.choice(MONEY)}")
        if self.rng.random() < 0.7:
            self.add(f"  extra_middelen: {self.rng.choice(MONEY)}")
            self.add(f"  extra_middelen_termijn: {q(self.rng.choice(TERMS))}")

    def ondernemers(self) -> None:
        self.add("ondernemers:")
        self.add("  behoeftepeiling:")
        self.add(f"    methode: {self.text(3)}")
        self.add(f"    datum: {self.rng.choice(DATES)}")
        self.add(f"    bereik: {self.rng.randint(10, 900)} ondernemers")
        self.add(f"  betrokkenheid: {self.text(12)}")
        self.add("  behoeften:")
        for number in range(1, self.count(8) + 1):
            self.add(f"    - id: behoefte-{number}")
            self.add(f"      omschrijving: {self.text(8)}")

    def netwerk(self) -> None:
        self.add("netwerk:")
        self.add("  stakeholders:")
        for _ in range(self.count(20)):
            self.add(f"    - naam: {self.text(3)}")
            self.add(f"      sector: {q(self.rng.choice(SECTORS))}")
        self.add(f"  opgaven: [{', '.join(self.rng.sample(WORDS, 4))}]")
        self.add(f"  communicatie: {self.text(6)}")

    def data(self) -> None:
        self.add("data:")
        self.add("  bronnen: [CBS, KVK Regiodata, Waarstaatjegemeente]")
        self.add("  monitoring:")
        self.add(f"    beschrijving: {self.text(10)}")
        self.add("    frequentie: per kwartaal")
        self.add(f"    niveau: {self.rng.choice(['output', 'outcome'])}")
        self.add("    indicatoren:")
        for _ in range(self.count(6)):
            self.add(f"      - {self.text(4)}")

    def trekker(self) -> None:
        self.add("trekker:")
        self.add("  ambtelijk:")
        self.add(f"    naam: {self.text(2)}")
        self.add("    functie: projectleider herstelaanpak")
        if self.rng.random() < 0.5:
            self.add(f"    vrijgemaakt: {self.rng.choice(['true', 'ja', 'nee'])}")
        else:
            self.add(f"    uren_per_week: {self.rng.randint(4, 36)}")
        self.add("  bestuurlijk:")
        self.add(f"    naam: {self.text(2)}")
        self.add("    functie: wethouder Economie")
        self.add(f"  raad_informeren: {self.text(6)}")

    def crisislessen(self) -> None:
        self.add("crisislessen:")
        self.add("  lessen:")
        for _ in range(self.count(5)):
            self.add(f"    - les: {self.text(8)}")
            self.add(f"      borging: {self.text(8)}")
        self.add(f"  dienstverlening: {self.text(8)}")
        self.add(f"  participatie: {self.text(8)}")

    def dynamiek(self) -> None:
        self.add("dynamiek:")
        self.add(f"  langetermijnvisie: {self.text(10)}")
        self.add("  herijking: jaarlijks")
        self.add(f"  budgetruimte: {self.rng.choice([*MONEY, self.text(4)])}")

    def regio(self) -> None:
        self.add("regio:")
        self.add("  samenwerking:")
        for _ in range(self.count(5)):
            self.add(f"    - partner: Regio {self.rng.choice(PLACES)}")
            self.add(f"      onderwerp: {self.text(3)}")
        self.add(f"  provinciale_aanpak: {self.text(6)}")

    def termijnen(self) -> None:
        self.add("termijnen:")
        for term in self.rng.sample(["kort", "middellang", "lang"], self.rng.randint(1, 3)):
            self.add(f"  {term}: {{horizon: {self.text(2)}, doel: {self.text(5)}}}")

    def acties(self) -> None:
        self.add("acties:")
        needs = max(1, round(8 * self.scale))
        for number in range(1, self.count(40) + 1):
            self.add(f"  - naam: {q(f'Actie {number}')}")
            self.add(f"    termijn: {q(self.rng.choice(TERMS))}")
            self.add(f"    eigenaar: team {self.rng.choice(WORDS)}")
            self.add(f"    budget: {self.rng.choice(MONEY)}")
            self.add(f"    financiering: {self.rng.choice(['bestaand', 'extra'])}")
            if self.rng.random() < 0.8:
                self.add(f"    behoefte: behoefte-{self.rng.randint(1, needs)}")
            self.add(f"    indicator: {self.text(4)}")

    def terugvalscenario(self) -> None:
        self.add("terugvalscenario:")
        self.add(f"  beschrijving: {self.text(10)}")
        self.add(f"  triggers: [{', '.join(self.rng.sample(WORDS, 2))}]")
        self.add(f"  draaiboek: {self.text(4)}")
        self.add(f"  crisisorganisatie: {self.text(8)}")


def generate(count: int, seed: int = 7, scale: float = 1.0) -> Iterator[str]:
    """`count` plan texts; the first is bare, the last full, the rest of random fullness."""
    rng = random.Random(seed)
    for index in range(count):
        if index == 0:
            fullness = 0.0
        elif index == count - 1:
            fullness = 1.0
        else:
            fullness = rng.random()
        yield _Plan(rng, scale).build(index, fullness)


def write_plans(folder: Path, count: int, seed: int = 7, scale: float = 1.0) -> list[Path]:
    """Write `count` generated plans into `folder` (created if needed); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(generate(count, seed, scale)):
        path = folder / f"plan-{index:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
