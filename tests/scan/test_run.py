"""The run as a whole: a document written as one long paragraph dense with signals is
scanned in linear time (a run that looked up each hit's sentence among all of them took
minutes here), and its lists of values stop at their limit."""

from __future__ import annotations

from herstelcheck import checklist
from herstelcheck.scan.run import compile_signals, scan_read
from herstelcheck.scan.text import Block, Document
from herstelcheck.scan.values import MAX_LIST

SENTENCE = (
    "Wethouder Joost de Wit informeert de raad over het draaiboek en de bestaande budgetten "
    "van € 1,2 miljoen; samen met de Ondernemersvereniging, KHN en het ROC. "
)


def test_one_long_paragraph_dense_with_signals():
    loaded = checklist.load()
    compiled = compile_signals(loaded)
    text = "".join(SENTENCE.replace("ROC", f"ROC {n}") for n in range(3000))
    document = Document("lang.txt", "text", "Plan", (Block(text, "paragraph"),))
    result = scan_read(document, loaded, compiled)
    fields = [f.field for f in result.values]
    assert fields.count("netwerk.stakeholders[1].naam") == 1
    assert sum(f.endswith(".naam") and f.startswith("netwerk.") for f in fields) == MAX_LIST
    assert all(len(item.evidence) <= 3 * len(item.criteria) for item in result.items)
