"""The options of `herstelcheck audit`, as its --help shows them to a user."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys

OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")


@functools.cache
def audit_options() -> frozenset[str]:
    """Every option `herstelcheck audit --help` names, long and short (`--fail-on`, `-q`)."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", TERM="dumb")
    done = subprocess.run(
        [sys.executable, "-m", "herstelcheck", "audit", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return frozenset(OPTION.findall(done.stdout))


def options_in(words: list[str]) -> list[str]:
    """The options among command-line words: `--report` of `--report=x.json` too."""
    return [word.split("=", 1)[0] for word in words if re.match(r"--?[a-z]", word)]
