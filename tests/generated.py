"""Plans generated as the benchmark generates them (`bench/plangen.py`), for tests of
large runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from conftest import ROOT


def _plangen() -> ModuleType:
    if "plangen" in sys.modules:
        return sys.modules["plangen"]
    spec = importlib.util.spec_from_file_location("plangen", ROOT / "bench" / "plangen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["plangen"] = module
    spec.loader.exec_module(module)
    return module


def write_plans(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` plans in `folder`, the same for the same seed."""
    files: list[Path] = _plangen().write_plans(folder, count, seed=seed)
    return files
