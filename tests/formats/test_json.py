"""The JSON report: the shape of the command-line contract."""

from __future__ import annotations

import json

from conftest import EXAMPLES


def _audit(cli, *args: str) -> dict:
    result = cli("audit", "-f", "json", "--date", "2021-07-01", *args)
    assert result.exit_code in (0, 2), result
    return json.loads(result.stdout)


def test_the_shape_of_the_contract(cli) -> None:
    data = _audit(cli, str(EXAMPLES / "lindewaard.yaml"))
    assert data["tool"]["name"] == "herstelcheck"
    assert data["checklist"] == {"name": "VNG top 10 herstelaanpak", "version": "2021-05"}
    assert data["errors"] == []
    (plan,) = data["plans"]
    assert plan["file"] == str(EXAMPLES / "lindewaard.yaml")
    assert plan["gemeente"] == "Lindewaard"
    assert 0 <= plan["score"] <= 100
    assert [item["id"] for item in plan["items"]] == list(range(1, 11))
    for item in plan["items"]:
        assert {"id", "slug", "title", "score", "status", "criteria"} <= set(item)
        assert 0 <= item["score"] <= 10
        assert item["status"] in ("met", "partial", "missing", "waived")
        for criterion in item["criteria"]:
            assert {"id", "passed", "message", "advice", "line"} <= set(criterion)
            assert criterion["passed"] in (True, False, None)
            assert criterion["line"] is None or criterion["line"] >= 1
    statuses = {item["id"]: item["status"] for item in plan["items"]}
    assert statuses[8] == "waived"
    waiver = plan["items"][7]["waiver"]
    assert waiver["reason"].startswith("Regionale samenwerking loopt via het convenant")
    assert waiver["expired"] is False


def test_lines_point_into_the_plan(cli) -> None:
    data = _audit(cli, str(EXAMPLES / "lindewaard.yaml"))
    lines = (EXAMPLES / "lindewaard.yaml").read_text(encoding="utf-8").splitlines()
    criteria = {c["id"]: c for item in data["plans"][0]["items"] for c in item["criteria"]}
    unknown_need = criteria["ondernemer-centraal.verwijzingen"]
    assert unknown_need["passed"] is False
    assert "behoefte: ruimte" in lines[unknown_need["line"] - 1]
    departments = criteria["structuur-en-middelen.afdelingen"]
    assert "afdelingen:" in lines[departments["line"] - 1]
    lessons = criteria["crisislessen.lessen"]
    assert lessons["passed"] is False and lessons["line"] is None


def test_not_applicable_is_null(cli, write_plan) -> None:
    data = _audit(cli, str(write_plan("gemeente: A\ntitel: B\n")))
    criteria = {c["id"]: c for item in data["plans"][0]["items"] for c in item["criteria"]}
    assert criteria["termijnen.acties-met-termijn"]["passed"] is None
    assert data["plans"][0]["score"] == 0


def test_errors_list_the_plans_that_could_not_be_read(cli, write_plan) -> None:
    bad = write_plan("gemeente: A\n", name="bad.yaml")
    data = _audit(cli, str(bad), str(EXAMPLES / "zeeveen.yaml"))
    assert [p["gemeente"] for p in data["plans"]] == ["Zeeveen"]
    (error,) = data["errors"]
    assert error["file"] == str(bad)
    assert error["line"] == 1 and error["column"] == 1
    assert "'titel' is required" in error["message"]


def test_english(cli) -> None:
    data = _audit(cli, "--lang", "en", str(EXAMPLES / "bergakker.yaml"))
    assert data["plans"][0]["items"][4]["title"] == "Appoint a lead"


def test_unsafe_characters_are_escaped_and_round_trip(cli, write_plan) -> None:
    plan = write_plan('gemeente: "A\\e[31m\\u202e\\x85"\ntitel: "[bold]x[/] | <b>"\n')
    result = cli("audit", "-f", "json", str(plan))
    assert result.exit_code == 0, result
    for char in ("\x1b", "\u202e", "\x85"):
        assert char not in result.stdout
    data = json.loads(result.stdout)
    assert data["plans"][0]["gemeente"] == "A\x1b[31m\u202e\x85"
    assert data["plans"][0]["titel"] == "[bold]x[/] | <b>"


def _items(cli, name: str) -> list[dict]:
    return _audit(cli, str(EXAMPLES / name))["plans"][0]["items"]


def test_every_item_and_criterion_has_the_new_keys_in_order(cli) -> None:
    for item in _items(cli, "lindewaard.yaml"):
        keys = list(item)
        assert keys[keys.index("status") + 1 : keys.index("status") + 3] == [
            "alternative",
            "toelichting",
        ]
        for criterion in item["criteria"]:
            keys = list(criterion)
            assert keys[keys.index("key") + 1] == "role"
            assert criterion["role"] in ("vereist", "aanvullend")
            assert criterion["blocks"] in (True, False)
            if criterion["passed"] is not False:
                assert criterion["blocks"] is False


def test_a_met_item_with_advice(cli) -> None:
    item = _items(cli, "lindewaard.yaml")[1]
    assert item["status"] == "met"
    assert item["alternative"] is None and item["toelichting"] is None
    roles = {c["id"]: c["role"] for c in item["criteria"]}
    assert roles == {
        "ondernemer-centraal.behoeftepeiling": "vereist",
        "ondernemer-centraal.behoeften": "aanvullend",
        "ondernemer-centraal.acties-op-behoefte": "aanvullend",
        "ondernemer-centraal.verwijzingen": "aanvullend",
    }
    (failed,) = [c for c in item["criteria"] if c["passed"] is False]
    assert failed["id"] == "ondernemer-centraal.verwijzingen"
    assert failed["blocks"] is False


def test_what_keeps_an_item_from_being_met_blocks(cli) -> None:
    items = _items(cli, "lindewaard.yaml")
    item1 = items[0]
    assert item1["status"] == "partial"
    assert [c["blocks"] for c in item1["criteria"] if c["passed"] is False] == [True, True]
    item6 = items[5]  # missing: no alternative holds
    assert item6["status"] == "missing" and item6["alternative"] is None
    assert all(c["blocks"] for c in item6["criteria"])


def test_an_item_partial_through_its_toelichting(cli) -> None:
    item = _items(cli, "bergakker.yaml")[9]
    assert item["status"] == "partial" and item["score"] == 1.0
    assert item["toelichting"] == {
        "section": "terugvalscenario",
        "text": "Komt er een nieuwe lockdown, dan zetten we de noodloketten van 2020 weer open.\n",
        "line": 30,
    }
    assert all(c["blocks"] for c in item["criteria"])
    # an item that passes a criterion is not 'partial through its toelichting'
    assert all(i["toelichting"] is None for i in _items(cli, "lindewaard.yaml"))


def test_a_plan_that_meets_everything(cli) -> None:
    items = _items(cli, "zeeveen.yaml")
    assert {i["status"] for i in items} == {"met"}
    assert all(i["toelichting"] is None for i in items)
    assert not any(c["blocks"] for i in items for c in i["criteria"])
    alternatives = {i["id"]: i["alternative"] for i in items}
    assert alternatives == {**dict.fromkeys(range(1, 11)), 6: 0}  # item 6: by its lessons


def test_a_hostile_toelichting_is_kept_exactly(cli, write_plan) -> None:
    text = "[bold red]x[/] \x1b[31m <script>y</script> | *z* \u202e"
    plan = write_plan(
        "gemeente: A\ntitel: B\nterugvalscenario:\n"
        '  toelichting: "[bold red]x[/] \\e[31m <script>y</script> | *z* \\u202e"\n'
    )
    result = cli("audit", "-f", "json", str(plan))
    assert result.exit_code == 0, result
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    item = json.loads(result.stdout)["plans"][0]["items"][9]
    assert item["toelichting"] == {"section": "terugvalscenario", "text": text, "line": 4}
