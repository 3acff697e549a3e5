"""The Markdown report: a council memo (raadsmemo), rendered from Jinja2 templates.

The bundled templates are package data (`herstelcheck/templates/`), read with Jinja2's
`PackageLoader`. A template of the user's (`--template FILE`) is code from outside; like
the bundled ones it runs in Jinja2's immutable sandbox, which refuses Python internals,
and its loader serves no file at all, so `{% include %}`, `{% import %}` and
`{% extends %}` fail. Whatever goes wrong in it is reported as `FILE:LINE:COL: error:
...`, and nothing is written. Plan text is only ever data: no template is compiled from
it.

Every value a template writes passes through `finalize`, which escapes it for Markdown
(`mdescape.escape`) unless it already is escaped Markdown, made by the `md` filter. So
no text of a plan or a checklist can become markup, whichever template is used and
whether or not it applies `md` itself.

Both kinds of template get the variables of `memo.Memo`, the `md` filter and the
`heading(level)` function, with `StrictUndefined`, `trim_blocks` and `lstrip_blocks`
(docs/templates.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

from jinja2 import (
    BaseLoader,
    Environment,
    PackageLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from herstelcheck import memo
from herstelcheck.audit import AuditRun
from herstelcheck.errors import Diagnostic, HerstelcheckError, UsageError
from herstelcheck.formats import RenderOptions
from herstelcheck.mdescape import escape
from herstelcheck.template import yaml_string

MEMO_TEMPLATE = "memo.md.j2"
"""The bundled memo template, in `herstelcheck/templates/`."""
MAX_OUTPUT = 32 * 1024 * 1024
"""The most characters a user's template may write."""
MAX_SEQUENCE = 1_000_000
"""The longest string or list a user's template may make with `*`."""
MAX_POWER_BITS = 4096
"""The largest number, in bits, a user's template may make with `**`."""


class TemplateError(HerstelcheckError):
    """A user's template that cannot be compiled or rendered."""


class MarkdownText(str):
    """Text that is escaped for Markdown already; only `md` makes it."""

    __slots__ = ()


def md(value: Any) -> MarkdownText:
    """The `md` filter: a value as Markdown that shows it literally, on one line."""
    if isinstance(value, MarkdownText):
        return value
    return MarkdownText(escape("" if value is None else str(value)))


def yaml_text(value: Any) -> MarkdownText:
    """The `yaml` filter: a value as a YAML string holding Markdown that shows it
    literally, for the memo's front matter (pandoc reads its values as Markdown)."""
    return MarkdownText(yaml_string(md(value)))


def url_path(value: Any) -> MarkdownText:
    """The `urlpath` filter: a file name as the destination of a link or an image, every
    character but letters, digits and `-._~/` percent-encoded."""
    return MarkdownText(quote("" if value is None else str(value), safe="/"))


def heading(level: int) -> MarkdownText:
    """The `heading(level)` function: the marker of an ATX heading, `#` to `######`."""
    if not isinstance(level, int) or isinstance(level, bool):
        raise TypeError(f"heading() takes a whole number, not {type(level).__name__}")
    return MarkdownText("#" * min(max(level, 1), 6))


class MemoSandbox(ImmutableSandboxedEnvironment):
    """The environment of every memo template: Jinja2's immutable sandbox (no Python
    internals, no changes to the data), with Markdown escaping of every value written,
    and no strings, lists or numbers too large to hold."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, loader: BaseLoader) -> None:
        super().__init__(
            loader=loader,
            undefined=StrictUndefined,
            finalize=md,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self.filters["md"] = md
        self.filters["yaml"] = yaml_text
        self.filters["urlpath"] = url_path
        self.globals["heading"] = heading

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A macro's output is Markdown made by the template, its values escaped already:
        it is written as it is, not escaped a second time."""
        result = super().call(context, obj, *args, **kwargs)
        if isinstance(obj, Macro) and isinstance(result, str):
            return MarkdownText(result)
        return result

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(times, int)
                    and len(sequence) * times > MAX_SEQUENCE
                ):
                    raise SecurityError(
                        f"the template makes a sequence longer than {MAX_SEQUENCE:,} with '*'"
                    )
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and abs(left).bit_length() * right > MAX_POWER_BITS
        ):
            raise SecurityError("the template makes a number too large with '**'")
        return super().call_binop(context, operator, left, right)


class _NoFiles(BaseLoader):
    """A loader that serves no template: a user's template stands alone."""

    def get_source(self, environment: Environment, template: str) -> Any:
        raise TemplateNotFound(
            template,
            f"a template may not include, import or extend another file (asked for "
            f"'{template}'); put everything in the one template",
        )


@functools.cache
def bundled_environment() -> MemoSandbox:
    """The environment of the templates that come with herstelcheck (package data); made
    once, so its compiled templates serve every memo of the process."""
    return MemoSandbox(PackageLoader("herstelcheck", "templates"))


def user_environment() -> MemoSandbox:
    """The environment of a user's template, which may load no other file."""
    return MemoSandbox(_NoFiles())


# --- rendering ------------------------------------------------------------------------


def render(run: AuditRun, options: RenderOptions) -> str:
    variables = memo.for_options(run, options).variables()
    if options.template is None:
        return bundled_environment().get_template(MEMO_TEMPLATE).render(variables)
    return render_user_template(options.template, variables)


def render_user_template(file: str, variables: dict[str, Any]) -> str:
    """Render the template in `file` in the sandbox; a `TemplateError` names its place."""
    source = read_template(file)
    environment = user_environment()
    try:
        code = environment.compile(source, name=Path(file).name, filename=file)
        template = environment.template_class.from_code(
            environment, code, environment.make_globals(None)
        )
        return _collect(template.generate(variables))
    except TemplateSyntaxError as exc:
        line = exc.lineno or 1
        raise _error(file, source, line, f"invalid template: {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - whatever a template raises is its own error
        line = _template_line(exc.__traceback__, file)
        raise _error(file, source, line, _describe(exc)) from None


def read_template(file: str) -> str:
    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"cannot read template '{file}': it is not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"cannot read template '{file}': {exc.strerror or exc}") from None


def _collect(chunks: Iterable[str]) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the template writes more than {MAX_OUTPUT:,} characters")
        parts.append(chunk)
    return "".join(parts)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        return str(exc.message)
    if isinstance(exc, SecurityError):
        return f"the template is not allowed to do this: {exc}"
    if isinstance(exc, UndefinedError):
        return f"{exc.message} (docs/templates.md lists the variables a template receives)"
    if isinstance(exc, RecursionError):
        return "the template calls itself too deeply"
    return f"the template failed: {type(exc).__name__}: {exc}"


def _template_line(traceback: TracebackType | None, file: str) -> int:
    """The template line of the innermost frame that runs the template, else 1."""
    line = 1
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == file:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


_QUOTED = re.compile(r"'([^']+)'")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Line breaks as Jinja2 counts them."""


def _error(file: str, source: str, line: int, message: str) -> TemplateError:
    lines = _LINE_BREAK.split(source)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return TemplateError([Diagnostic(file, line, _column(text, message), "error", message)])


def _column(text: str, message: str) -> int:
    """The column of the first name the message quotes that the line holds; else that
    of the line's first tag; else 1."""
    for name in _QUOTED.findall(message):
        word = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        if word is not None:
            return word.start() + 1
        found = text.find(name)
        if found >= 0:
            return found + 1
    tags = [i for i in (text.find("{{"), text.find("{%")) if i >= 0]
    return min(tags) + 1 if tags else 1
