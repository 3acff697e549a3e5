"""`@record`: a frozen dataclass that is cheap to declare.

Before Python 3.13, `@dataclass(frozen=True)` compiles each generated method on its
own: `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` and `__delattr__`, close
to a millisecond per class on a slow machine. A run declares some forty classes (the plan
format, the checklist, the results), so this was a tenth of the start-up of an audit.

A record is a dataclass whose only generated method is `__init__`. The others are shared
by every record: `__setattr__` and `__delattr__` refuse any change once a field has its
value, raising FrozenInstanceError as a frozen dataclass does, and `__repr__` has the
dataclass form. Records compare and hash by identity: nothing compares two plans or two
results field by field. `dataclasses.fields`, `replace` and `asdict` work as usual, and
type checkers treat a record as a frozen dataclass.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")


def _setattr(self: Any, name: str, value: object) -> None:
    if name in self.__dict__ or name not in self.__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)  # the first assignment, in __init__


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    @dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(field,))
    def record(cls: type[T]) -> type[T]: ...

else:

    def record(cls):
        """Make `cls` a record (see the module's docstring)."""
        made = dataclass(eq=False, repr=False)(cls)
        made.__setattr__ = _setattr
        made.__delattr__ = _delattr
        made.__repr__ = _repr
        return made
