"""libyaml's C parser and PyYAML's pure-Python parser give the same nodes and marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from herstelcheck import yamlload
from herstelcheck.yamlload import Mapping, Scalar, Sequence

FILES = [*sorted(EXAMPLES.glob("*.yaml")), ROOT / "checklist.yaml"]

needs_libyaml = pytest.mark.skipif(not yamlload.LIBYAML, reason="PyYAML was built without libyaml")

PLAIN = """\
plain: text
quoted: "yes"
single: 'no'
yes: no
On: off
tilde: ~
empty:
null_word: Null
int: 010
hex: 0x1F
underscored: 1_000
sexagesimal: 1:20
float: 1.5e3
inf: -.Inf
nan: .NaN
date: 2021-06-24
stamp: 2021-06-24T10:00:00Z
equals: =
merge_word: <<
block: |
  two
  lines
folded: >
  folded
  text
flow: {a: [1, "2", three], b: {c: ~}}
anchors:
  base: &base {x: 1, y: 2}
  copy:
    <<: *base
    y: 3
  again: *base
unicode: "€ 1.200.000 — été"
"""
TRICKY = PLAIN + "bang: !\nnon_specific: ! 12\n"


def _tree(node: yamlload.Node | None) -> Any:
    """A node as plain data: kind, text, tag, quotedness, size and place."""
    if node is None:
        return None
    place = (node.mark.line, node.mark.column, node.size)
    if isinstance(node, Scalar):
        return ("scalar", node.value, node.tag, node.quoted, *place)
    if isinstance(node, Sequence):
        return ("seq", [_tree(item) for item in node.items], *place)
    assert isinstance(node, Mapping)
    return ("map", [(_tree(k), _tree(v)) for k, v in node.pairs], *place)


@needs_libyaml
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_parsers_give_the_same_nodes(path: Path):
    text = path.read_text(encoding="utf-8")
    fast = yamlload.parse(text, path.name)
    pure = yamlload.parse(text, path.name, pure=True)
    assert _tree(fast.root) == _tree(pure.root)
    assert fast.root is not None


@needs_libyaml
def test_both_parsers_agree_on_tags_quotes_anchors_and_merges():
    fast = yamlload.parse(TRICKY, "tricky.yaml")
    pure = yamlload.parse(TRICKY, "tricky.yaml", pure=True)
    assert _tree(fast.root) == _tree(pure.root)


@pytest.mark.parametrize("pure", [False, True])
def test_scalar_tags_are_the_tags_pyyaml_resolves(pure):
    """The shortcut for text that no implicit resolver claims changes no tag."""
    ours = yamlload.parse(PLAIN, "plain.yaml", pure=pure).root
    theirs = yaml.compose(PLAIN, Loader=yaml.SafeLoader)

    def scalars(node: Any) -> list[tuple[str, str]]:
        if isinstance(node, (Scalar, yaml.ScalarNode)):
            return [(node.value, node.tag)]
        if isinstance(node, (Sequence, yaml.SequenceNode)):
            items = node.items if isinstance(node, Sequence) else node.value
            return [s for item in items for s in scalars(item)]
        pairs = node.pairs if isinstance(node, Mapping) else node.value
        return [s for k, v in pairs for s in scalars(k) + scalars(v)]

    # PyYAML applies merges when it constructs, not when it composes: leave them out.
    ours_tags = [s for s in scalars(ours) if s[1] != yamlload.MERGE]
    theirs_tags = [s for s in scalars(theirs) if s[1] != yamlload.MERGE]
    assert set(ours_tags) <= set(theirs_tags)
    assert {value for value, _ in theirs_tags} <= {value for value, _ in ours_tags}


@pytest.mark.parametrize("pure", [False, True])
def test_the_non_specific_tag_makes_text_with_either_parser(pure):
    """libyaml reads `a: !` as text and PyYAML's own parser as empty: both give text here."""
    root = yamlload.parse("a: !\nb: ! 12\n", "bang.yaml", pure=pure).root
    assert isinstance(root, Mapping)
    assert [(v.value, v.tag) for _, v in root.pairs] == [("", yamlload.STR), ("12", yamlload.STR)]


@pytest.mark.parametrize("pure", [False, True])
def test_the_same_text_gives_equal_marks_in_every_file(pure):
    first = yamlload.parse("a: 1\nb: [x, y]\n", "first.yaml", pure=pure).root
    second = yamlload.parse("a: 2\nb: [z, w]\n", "second.yaml", pure=pure).root
    assert isinstance(first, Mapping) and isinstance(second, Mapping)
    assert [k.mark for k, _ in first.pairs] == [k.mark for k, _ in second.pairs]
    assert first.pairs[1][1].mark == yamlload.Mark(2, 4)


@pytest.mark.parametrize("pure", [False, True])
def test_reader_errors_keep_their_place_with_either_parser(pure):
    with pytest.raises(yamlload.YamlError) as caught:
        yamlload.parse("a: 1\nb: \x07\n", "bell.yaml", pure=pure)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (2, 4)
    assert "is not allowed in a YAML file" in diagnostic.message
