r"""Put untrusted text into Markdown as literal text.

Every ASCII punctuation character gets a backslash (CommonMark lets any of them be
escaped that way), so no emphasis, link, image, HTML tag, entity, table pipe, heading or
list marker can come from the text; control and invisible characters are made visible
first, so the text stays on one line.

>>> print(escape("**vet** | <b>x</b> & [a](https://x.nl)"))
\*\*vet\*\* \| \<b\>x\<\/b\> \& \[a\]\(https\:\/\/x\.nl\)
"""

from __future__ import annotations

import re

from herstelcheck.textsafe import visible

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """One line of literal text for a Markdown paragraph, list item or table cell."""
    return _PUNCTUATION.sub(r"\\\1", visible(text))
