"""`@record`: a frozen dataclass that is cheap to declare.

Before Python 3.13, `@dataclass(frozen=True)` compiles each generated method on its
own: `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` and `__delattr__`, close
to a millisecond per class on a slow machine. A run declares some fifty classes (the plan
format, the checklist, the results, the options), so this was a tenth of the start-up of
an audit.

A record is a dataclass whose only generated method is `__init__`. The others are shared
by every record: `__setattr__` and `__delattr__` refuse any change once a field has its
value, raising FrozenInstanceError as a frozen dataclass does, and `__repr__` has the
dataclass form. By default records compare and hash by identity (nothing compares two
plans or two results field by field); `@record(eq=True)` compares and hashes them by
their fields, as a frozen dataclass does. `dataclasses.fields`, `replace` and `asdict`
work as usual, and type checkers treat a record as a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar, overload

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


def _values(self: Any) -> tuple[object, ...]:
    return tuple(self.__dict__[name] for name in self.__record_compared__)


def _eq(self: Any, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _make(cls: Any, eq: bool) -> Any:
    made: Any = dataclass(eq=False, repr=False)(cls)
    made.__setattr__ = _setattr
    made.__delattr__ = _delattr
    made.__repr__ = _repr
    if eq:
        made.__record_compared__ = tuple(f.name for f in fields(made) if f.compare)
        made.__eq__ = _eq
        made.__hash__ = _hash
    return made


if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    @overload
    def record(cls: type[T], /) -> type[T]: ...

    @overload
    def record(*, eq: bool = False) -> Callable[[type[T]], type[T]]: ...

    @dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(field,))
    def record(cls: Any = None, /, *, eq: bool = False) -> Any: ...

else:

    def record(cls=None, /, *, eq=False):
        """Make `cls` a record (see the module's docstring): `@record` or
        `@record(eq=True)`."""
        if cls is None:
            return lambda cls: _make(cls, eq)
        return _make(cls, eq)
