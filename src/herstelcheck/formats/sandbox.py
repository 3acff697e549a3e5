"""The environment of the memo templates: Markdown escaping, Jinja2's sandbox with bounds
on what a template can make, and a user's template in a process of its own.

The bundled templates are package data (`herstelcheck/templates/`), read with Jinja2's
`PackageLoader`. A template of the user's (`--template FILE`) is code from outside; like
the bundled ones it runs in Jinja2's immutable sandbox, which refuses Python internals,
and its loader serves no file at all, so `{% include %}`, `{% import %}` and
`{% extends %}` fail. It is rendered in a Python process of its own, with limits on
processor time and memory (`render_isolated`). Whatever goes wrong in it is reported as
`FILE:LINE:COL: error: ...`, and nothing is written. Plan text is only ever data: no
template is compiled from it.

Every value a template writes passes through `finalize`, which escapes it for Markdown
(`mdescape.escape`) unless it already is escaped Markdown, made by the `md` filter. So
no text of a plan or a checklist can become markup, whichever template is used and
whether or not it applies `md` itself.

Both kinds of template get the `md` filter and the `heading(level)` function, with
`StrictUndefined`, `trim_blocks` and `lstrip_blocks` (docs/templates.md).
"""

from __future__ import annotations

import functools
import os
import re
import signal
import sys
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

from herstelcheck.errors import Diagnostic, HerstelcheckError
from herstelcheck.files import TEMPLATE, read_text
from herstelcheck.mdescape import escape
from herstelcheck.template import yaml_string

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


# --- bounds on what a template can make -------------------------------------------------
#
# A string a template makes can be no larger than the output it may write: every way to
# ask for a large one by a number (a width, a count, a repeat) is checked before the
# string is made, in the sandbox's public hooks (`call`, `call_binop`) and in the filters
# registered below. What no number asks for (a string doubled in a loop with `~`) is
# bounded by the memory and processor time of the process a user's template runs in.


def _too_large(what: str) -> SecurityError:
    return SecurityError(f"the template makes {what} larger than {MAX_OUTPUT:,} characters")


def _bound(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise _too_large(what)


def _number(value: Any) -> int:
    """A width or count as Python would take it (0 for what is not a whole number)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value


_PRINTF = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")
_NUMBER = re.compile(r"\d+")


def _check_printf(text: str, values: Any) -> None:
    """`text % values` (and the `format` filter): no width or precision, written or
    given by `*`, larger than the output limit."""
    for width, precision in _PRINTF.findall(text):
        for digits in (width, precision):
            if digits and (len(digits) > 9 or int(digits) > MAX_OUTPUT):
                raise _too_large("a formatted value")
    items = values if isinstance(values, tuple) else (values,)
    if "*" in text and any(_number(v) > MAX_OUTPUT for v in items):
        raise _too_large("a formatted value")


def _check_format(text: str, args: Any, kwargs: Any) -> None:
    """`text.format(...)`: no width or precision in a field, written or given as an
    argument, larger than the output limit."""
    import string

    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # Python refuses it itself
    for _, _, spec, _ in fields:
        for digits in _NUMBER.findall(spec or ""):
            if len(digits) > 9 or int(digits) > MAX_OUTPUT:
                raise _too_large("a formatted value")
    given = [*args, *(kwargs.values() if isinstance(kwargs, dict) else ())]
    if any(_number(v) > MAX_OUTPUT for v in given):
        raise _too_large("a formatted value")


def _replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    if not isinstance(text, (str, bytes)) or not isinstance(new, type(text)):
        return 0
    times = text.count(old) if isinstance(old, type(text)) and old else len(text) + 1  # type: ignore[arg-type]
    limit = _number(count)
    if count is not None and limit >= 0:
        times = min(times, limit)
    return len(text) + times * max(len(new) - len(old or ""), 0)


def _check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A method of a string (or bytes) that would make one larger than the limit."""
    obj = getattr(obj, "__wrapped__", obj)  # the sandbox wraps `str.format` in a function
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, (str, bytes)):
        return
    name = getattr(obj, "__name__", "")
    first = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill"):
        _bound(_number(kwargs.get("width", first)), f"a string (with {name})")
    elif name == "expandtabs":
        size = _number(kwargs.get("tabsize", 8 if first is None else first))
        tab = "\t" if isinstance(owner, str) else b"\t"
        _bound(len(owner) + owner.count(tab) * size, "a string (with expandtabs)")  # type: ignore[arg-type]
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count")
        _bound(_replaced_size(owner, args[0], args[1], count), "a string (with replace)")
    elif name == "join" and isinstance(first, (list, tuple, range, dict, set, str)):
        _bound(len(owner) * max(len(first) - 1, 0), "a string (with join)")
    elif name in ("format", "format_map") and isinstance(owner, str):
        _check_format(
            owner, args if name == "format" else (), kwargs if name == "format" else first
        )


def _checked(original: Any, check: Any, passes_context: bool) -> Any:
    """The filter `original`, which first runs `check` on its own arguments."""

    @functools.wraps(original)  # keeps what Jinja2 passes it (context, environment)
    def filter_(*args: Any, **kwargs: Any) -> Any:
        check(*args[1:] if passes_context else args, **kwargs)
        return original(*args, **kwargs)

    return filter_


def _center(value: Any, width: Any = 80) -> None:
    _bound(_number(width), "a string (with center)")


def _indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> None:
    lines = str(s).count("\n") + 1
    step = len(width) if isinstance(width, str) else _number(width)
    _bound(len(str(s)) + lines * step, "a string (with indent)")


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(value, str):
        _check_printf(value, args or kwargs)


def _wordwrap(
    s: Any,
    width: Any = 79,
    break_long_words: bool = True,
    wrapstring: Any = None,
    break_on_hyphens: bool = True,
) -> None:
    if isinstance(wrapstring, str):
        _bound(len(str(s)) * (len(wrapstring) + 1), "a string (with wordwrap)")


def _batch(value: Any, linecount: Any, fill_with: Any = None) -> None:
    if _number(linecount) > MAX_SEQUENCE:
        raise SecurityError(f"the template makes batches longer than {MAX_SEQUENCE:,}")


def _slice(value: Any, slices: Any, fill_with: Any = None) -> None:
    if _number(slices) > MAX_SEQUENCE:
        raise SecurityError(f"the template makes more than {MAX_SEQUENCE:,} slices")


def _tojson(value: Any, indent: Any = None) -> None:
    if _number(indent) > MAX_INDENT or (isinstance(indent, str) and len(indent) > MAX_INDENT):
        raise SecurityError(f"the template indents JSON by more than {MAX_INDENT}")


def _replace(s: Any, old: Any, new: Any, count: Any = None) -> None:
    _bound(_replaced_size(str(s), str(old), str(new), count), "a string (with replace)")


def _join(value: Any, d: Any = "", attribute: Any = None) -> None:
    if isinstance(d, str) and isinstance(value, (list, tuple, range, dict, set, str)):
        _bound(len(d) * max(len(value) - 1, 0), "a string (with join)")


def _lipsum(n: Any = 5, html: bool = True, min: Any = 20, max: Any = 100) -> None:
    if _number(n) * _number(max) > MAX_SEQUENCE:
        raise _too_large("placeholder text (with lipsum)")


_FILTER_CHECKS = {
    # name: (check, whether Jinja2 passes the filter a context or environment first)
    "center": (_center, False),
    "indent": (_indent, False),
    "format": (_format, False),
    "wordwrap": (_wordwrap, True),
    "batch": (_batch, False),
    "slice": (_slice, False),
    "tojson": (_tojson, True),
    "replace": (_replace, True),
    "join": (_join, True),
}
MAX_INDENT = 100
"""The widest indent the `tojson` filter may take in a user's template."""


class MemoSandbox(ImmutableSandboxedEnvironment):
    """The environment of every memo template: Jinja2's immutable sandbox (no Python
    internals, no changes to the data), with Markdown escaping of every value written,
    and no strings, lists or numbers too large to hold (see above)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

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
        for name, (check, passes_context) in _FILTER_CHECKS.items():
            self.filters[name] = _checked(self.filters[name], check, passes_context)
        if "lipsum" in self.globals:
            self.globals["lipsum"] = _checked(self.globals["lipsum"], _lipsum, False)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A macro's output is Markdown made by the template, its values escaped already:
        it is written as it is, not escaped a second time. A string method that would
        make a string larger than the output limit is refused before it runs."""
        _check_method(obj, args, kwargs)
        result = super().call(context, obj, *args, **kwargs)
        if isinstance(obj, Macro) and isinstance(result, str):
            return MarkdownText(result)
        return result

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "+" and isinstance(left, (str, list, tuple)):
            if isinstance(right, (str, list, tuple)):
                _bound(len(left) + len(right), "a sequence (with '+')")
        elif operator == "%" and isinstance(left, str):
            _check_printf(left, right)
        elif operator == "*":
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


def render_user_template(file: str, variables: dict[str, Any]) -> str:
    """Render the template in `file` in the sandbox, in a process of its own with limits
    on processor time and memory (`render_isolated`); a `TemplateError` names its place."""
    return render_isolated(file, read_template(file), variables)


def render_here(file: str, source: str, variables: dict[str, Any]) -> str:
    """Render the user's template `source` (from `file`) in the sandbox, in this process."""
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
    except MemoryError:
        raise  # the process that renders it says so (`render_isolated`)
    except Exception as exc:  # noqa: BLE001 - whatever a template raises is its own error
        line = _template_line(exc.__traceback__, file)
        raise _error(file, source, line, _describe(exc)) from None


# --- a user's template in a process of its own ------------------------------------------

TEMPLATE_CPU_SECONDS = 10
"""The processor time that rendering a user's template may take (a memo takes well
under a second)."""
TEMPLATE_MEMORY = 1024 * 1024 * 1024
"""The memory (address space, in bytes) of the process that renders a user's template."""
TEMPLATE_WALL_SECONDS = 60
"""The time on the clock that rendering a user's template may take: where processor time
cannot be limited (not POSIX), and for a process that stops making progress."""
CHILD = "herstelcheck.formats.sandbox"
"""The module the process runs (`python -m`), which renders one template (`_child`)."""
_NO_MEMORY = 3
"""The exit code of the process when it runs out of memory."""


def render_isolated(file: str, source: str, variables: dict[str, Any]) -> str:
    """Render a user's template (as `render_here`) in a new Python process, bounded in
    processor time and memory (`resource.setrlimit`, on POSIX) and in time on the clock,
    so that no template can hang the run or take the machine's memory. Whatever goes
    wrong is a `TemplateError` that names the template."""
    import json
    import pickle
    import subprocess

    import herstelcheck

    payload = pickle.dumps((file, source, variables), protocol=pickle.HIGHEST_PROTOCOL)
    command = [sys.executable, "-m", CHILD, str(TEMPLATE_CPU_SECONDS), str(TEMPLATE_MEMORY)]
    home = str(Path(herstelcheck.__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (home, os.environ.get("PYTHONPATH")))),
    }
    # Started in the folder that holds herstelcheck, not the current one: `python -m`
    # would import a `jinja2.py` that lies in the current folder.
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=home,
        env=env,
    )
    try:
        out, err = process.communicate(payload, timeout=TEMPLATE_WALL_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise _stopped(file, f"it took longer than {_seconds(TEMPLATE_WALL_SECONDS)}") from None
    except BaseException:  # an interrupt, SIGTERM: the process goes too
        process.kill()
        process.wait()
        raise
    code = process.returncode
    if code == 0:
        answer = json.loads(out.decode("utf-8", errors="surrogatepass"))
        if "text" in answer:
            return str(answer["text"])
        diagnostic = Diagnostic(file, answer["line"], answer["column"], "error", answer["message"])
        raise TemplateError([diagnostic])
    if code == _NO_MEMORY or b"MemoryError" in err:
        raise _stopped(file, f"it needed more than {_size(TEMPLATE_MEMORY)} of memory")
    if code in (-getattr(signal, "SIGXCPU", 0), -getattr(signal, "SIGKILL", 0)) and code:
        raise _stopped(
            file, f"it took more than {_seconds(TEMPLATE_CPU_SECONDS)} of processor time"
        )
    last = err.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
    raise TemplateError(
        [
            Diagnostic(
                file,
                1,
                1,
                "error",
                f"the template could not be rendered: its process ended with code {code} "
                f"{last[0]}".strip(),
            )
        ]
    )


def _seconds(seconds: int) -> str:
    return f"{seconds} second{'' if seconds == 1 else 's'}"


def _size(size: int) -> str:
    gigabyte = 1024 * 1024 * 1024
    if size % gigabyte == 0:
        return f"{size // gigabyte} GB"
    return f"{size // (1024 * 1024)} MB"


def _stopped(file: str, why: str) -> TemplateError:
    message = f"the template was stopped: {why}; a memo template needs far less"
    return TemplateError([Diagnostic(file, 1, 1, "error", message)])


def _child() -> None:
    """`python -m herstelcheck.formats.sandbox CPU MEMORY`: render the template of the
    pickled `(file, source, variables)` on standard input, within CPU seconds of
    processor time and MEMORY bytes, and write the text or the error as JSON."""
    import json
    import pickle

    cpu, memory = int(sys.argv[1]), int(sys.argv[2])
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX: the parent's clock is the limit
        pass
    else:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    file, source, variables = pickle.loads(sys.stdin.buffer.read())
    try:
        answer: dict[str, Any] = {"text": render_here(file, source, variables)}
    except TemplateError as exc:
        place = exc.diagnostics[0]
        answer = {"line": place.line, "column": place.column, "message": place.message}
    except MemoryError:
        sys.exit(_NO_MEMORY)
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def read_template(file: str) -> str:
    """The text of a user's template, read as every input is (`files.read_text`)."""
    try:
        return read_text(file, TEMPLATE)
    except HerstelcheckError as exc:
        raise TemplateError(exc.diagnostics) from None


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


if __name__ == "__main__":
    _child()
