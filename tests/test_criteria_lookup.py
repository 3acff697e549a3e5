"""Looking values up in a plan by path: plain paths, lists (`[]`) and terms."""

from __future__ import annotations

import pytest

from herstelcheck import criteria
from herstelcheck.model import Term
from herstelcheck.plan import load_text

PLAN = """\
gemeente: Zeeveen
titel: Herstel
organisatie:
  afdelingen: [EZ, Onderwijs]
  toelichting: "   "
netwerk:
  stakeholders:
    - naam: A
      sector: zorg
    - naam: B
    - naam: C
      sector: cultuur
termijnen:
  kort: {doel: Overeind blijven}
acties:
  - naam: Fonds
    termijn: kort
"""


@pytest.fixture(scope="module")
def loaded():
    plan, warnings = load_text(PLAN, "plan.yaml")
    assert warnings == []
    return plan


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("gemeente", [("gemeente", "Zeeveen")]),
        ("organisatie.afdelingen", [("organisatie.afdelingen", ["EZ", "Onderwijs"])]),
        ("organisatie.toelichting", []),  # blank text is not present
        ("organisatie.vorm", []),
        ("financiering.extra_middelen", []),  # the whole section is missing
        ("termijnen.kort.doel", [("termijnen.kort.doel", "Overeind blijven")]),
        ("termijnen.lang.doel", []),
        (
            "netwerk.stakeholders[].sector",
            [
                ("netwerk.stakeholders[1].sector", "zorg"),
                ("netwerk.stakeholders[3].sector", "cultuur"),
            ],
        ),
        ("acties[].termijn", [("acties[1].termijn", Term.KORT)]),
        ("ondernemers.behoeften[].id", []),
    ],
)
def test_lookup(loaded, path, expected):
    assert criteria.lookup(loaded, path) == expected


def test_lookup_gives_the_places_that_place_knows(loaded):
    for concrete, _ in criteria.lookup(loaded, "netwerk.stakeholders[].sector"):
        assert criteria.place(loaded, concrete) == loaded.places[concrete]
    assert criteria.place(loaded, "financiering.extra_middelen") is None
    assert criteria.place(loaded, "organisatie.vorm") == loaded.key_places["organisatie"]
