"""The settings of `herstelcheck audit`: the command line over the configuration file
`.herstelcheck.yaml` over the defaults, as one frozen `Settings` value.

Where the configuration file is found: `--config FILE` names it; otherwise
`.herstelcheck.yaml` (or `.herstelcheck.yml`) is looked for in the current folder and
then in each folder above it, up to the first folder that is the root of a repository
(it holds `.git` or `.hg`) or the user's home folder, the first one found winning. Where
neither lies above the current folder, only the current folder is searched: a file
that someone put in `/tmp` or `/` never applies to a run below it. `--no-config`
ignores it; `audit --verbose` says which file applies and why (`Search.explain`).

Every key is optional; options on the command line override it. Paths in it are
relative to the folder of the file; the files of `reports` must lie inside it. A
problem with the file is an error with its line and column, and exit code 2: an unknown
key is an error as well (with a suggestion), so that a misspelt `fail_undr` cannot
silently switch a check off.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence as SequenceType
from dataclasses import dataclass
from pathlib import Path

from herstelcheck import files
from herstelcheck.errors import Diagnostic, HerstelcheckError, UsageError
from herstelcheck.formats import OutputFormat, ReportSpec
from herstelcheck.i18n import LANGUAGES
from herstelcheck.suggest import hint
from herstelcheck.textsafe import visible
from herstelcheck.thresholds import FailOn, Requirement
from herstelcheck.yamlload import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    Mapping,
    Node,
    Scalar,
    Sequence,
    describe,
    parse,
    parse_int,
    read_bytes,
)

FILE_NAMES = (".herstelcheck.yaml", ".herstelcheck.yml")
"""The names of the configuration file, in the order they are looked for."""
REPOSITORY_MARKERS = (".git", ".hg")
"""A folder holding one of these is the root of a repository: the search stops there."""
KEYS = (
    "fail_under",
    "fail_on",
    "lang",
    "checklist",
    "require",
    "paths",
    "format",
    "reports",
    "memo_to",
    "memo_from",
)


class ConfigError(HerstelcheckError):
    """The configuration file could not be read or is not valid."""


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of a configuration file; None or empty where a key is absent."""

    file: str
    """The file, as shown in messages (relative to the current folder where possible)."""
    fail_under: float | None = None
    fail_on: FailOn | None = None
    lang: str | None = None
    checklist: str | None = None
    """The checklist file, resolved against the folder of the configuration file."""
    require: tuple[Requirement, ...] = ()
    paths: tuple[str, ...] = ()
    """Paths to audit when the command line names none, resolved like `checklist`."""
    format: OutputFormat | None = None
    reports: tuple[ReportSpec, ...] = ()
    memo_to: str | None = None
    memo_from: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """What one audit uses: the command line over the configuration file over defaults."""

    paths: tuple[str, ...]
    """Plan files, folders, or `-` for standard input."""
    format: OutputFormat
    """The format of the main report."""
    output: str | None
    """The file of the main report; None: standard output."""
    reports: tuple[ReportSpec, ...]
    """Further reports of the same run, each in its own file."""
    lang: str
    checklist: str | None
    """A checklist file of the user's; None: the bundled one."""
    fail_under: float | None
    fail_on: FailOn
    """Which item status fails a plan (`none`: no item status does)."""
    require: tuple[Requirement, ...]
    template: str | None
    """A Jinja2 template of the user's for the memo."""
    skip_non_plans: bool
    """Skip, with a note, a named YAML file that is no plan (one found in a folder always
    is)."""
    quiet: bool
    """Leave out the report on standard output for the terminal and concise formats."""
    memo_to: str | None
    """To whom the memo is addressed; None: the council, in the memo's language."""
    memo_from: str | None
    """From whom the memo is; None: left empty."""
    front_matter: bool
    """Start the Markdown memo with pandoc metadata (title, lang, date)."""
    chart: bool
    """Write the chart beside each Markdown memo written to a file."""
    today: dt.date
    """The date of the audit: it decides which waivers have expired."""
    config: Config | None
    """The configuration file that was read, if any."""
    config_source: str = ""
    """Which configuration file applies and why, or why none does (for `--verbose`)."""
    verbose: bool = False
    """Say on standard error which configuration file applies and why."""
    force: bool = False
    """Replace a report file even when its permissions say it is read-only, and a chart
    file that exists."""
    follow_symlinks: bool = False
    """Write a report through a symbolic link named as its file."""


@dataclass(frozen=True, slots=True)
class Search:
    """Where the configuration file was looked for, and what was found."""

    file: Path | None
    """The file that applies, if one was found."""
    folders: tuple[Path, ...]
    """The folders searched (or to be searched), the current folder first."""
    stop: str
    """Where the search ends: 'repository' (the last folder holds a repository
    marker), 'home' (it is the home folder) or 'here' (neither lies above the current
    folder, so only that is searched)."""

    def explain(self) -> str:
        """Which file applies and why, or why none does, in one sentence."""
        if not self.folders:
            return "no configuration file: the current folder cannot be found"
        here, last = self.folders[0], self.folders[-1]
        if self.stop == "repository":
            marker = next(m for m in REPOSITORY_MARKERS if _lexists(last / m))
            scope = f"from the current folder up to the root of the repository {last} ({marker})"
        elif self.stop == "home":
            scope = f"from the current folder up to the home folder {last}"
        else:
            scope = (
                f"in the current folder {here} only, as no repository root "
                f"({', '.join(REPOSITORY_MARKERS)}) or home folder lies above it"
            )
        if self.file is None:
            return f"no configuration file: none found {scope}"
        where = "the current folder" if self.file.parent == here else str(self.file.parent)
        return f"configuration file {shown(self.file)}, found in {where}; searched {scope}"


def search(start: Path | None = None) -> Search:
    """Look for the configuration file that applies in `start` (by default the current
    folder), as the module describes."""
    try:
        folder = Path(start or Path.cwd()).absolute()
    except OSError:  # the current folder was removed
        return Search(None, (), "here")
    chain = (folder, *folder.parents)
    home = _home()
    folders, stop = chain[:1], "here"
    for index, current in enumerate(chain):
        if any(_lexists(current / marker) for marker in REPOSITORY_MARKERS):
            folders, stop = chain[: index + 1], "repository"
            break
        if home is not None and _same_folder(current, home):
            folders, stop = chain[: index + 1], "home"
            break
    for current in folders:
        found = [current / name for name in FILE_NAMES if _is_file(current / name)]
        if len(found) > 1:
            names = " and ".join(f"'{shown(path)}'" for path in found)
            raise ConfigError(
                [
                    Diagnostic(
                        shown(found[1]),
                        1,
                        1,
                        "error",
                        f"two configuration files in one folder ({names}); keep one",
                    )
                ]
            )
        if found:
            return Search(found[0], folders, stop)
    return Search(None, folders, stop)


def find(start: Path | None = None) -> Path | None:
    """The configuration file that applies in `start` (the current folder by default)."""
    return search(start).file


def _home() -> os.stat_result | None:
    try:
        return os.stat(Path.home())
    except (OSError, RuntimeError, KeyError):  # no HOME, no entry in the password file
        return None


def _same_folder(folder: Path, home: os.stat_result) -> bool:
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (home.st_dev, home.st_ino)


def _lexists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder we may not look into: no configuration for us there
        return False


def shown(path: Path | str) -> str:
    """A path as messages show it: relative to the current folder where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return relative


def load(path: Path | str) -> Config:
    """Read and validate a configuration file, or raise ConfigError with every problem."""
    file = Path(path)
    name = shown(file)
    try:
        data = files.read(str(file), files.CONFIG, name)
    except HerstelcheckError as exc:
        raise ConfigError(exc.diagnostics) from None
    document = parse(read_bytes(data, name), name)
    return _Reader(name, file.absolute().parent).config(document.root)


def read(file: Path | None = None, *, ignore: bool = False) -> Config | None:
    """The configuration of a run: `file` (`--config FILE`), else the file found from
    the current folder up; None with `ignore` (`--no-config`) or when there is none."""
    return read_explained(file, ignore=ignore)[0]


def read_explained(file: Path | None = None, *, ignore: bool = False) -> tuple[Config | None, str]:
    """As `read`, with a sentence that says which file applies and why (or why none)."""
    if ignore:
        if file is not None:
            raise UsageError("--config and --no-config cannot be used together")
        return None, "no configuration file: --no-config ignores it"
    if file is not None:
        return load(file), f"configuration file {shown(file)}, given with --config"
    found = search()
    return (load(found.file) if found.file is not None else None), found.explain()


def resolve(
    *,
    paths: SequenceType[str] = (),
    format: OutputFormat | None = None,
    output: str | None = None,
    reports: SequenceType[str] = (),
    lang: str | None = None,
    checklist: str | None = None,
    fail_under: float | None = None,
    fail_on: FailOn | None = None,
    require: SequenceType[str] = (),
    config_file: Path | None = None,
    no_config: bool = False,
    date: str | None = None,
    template: str | None = None,
    skip_non_plans: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    force: bool = False,
    follow_symlinks: bool = False,
    memo_to: str | None = None,
    memo_from: str | None = None,
    front_matter: bool = True,
    chart: bool = False,
) -> Settings:
    """The settings of a run from the options of its command line (None or empty where
    not given) and its configuration file: each option given wins over the file, and a
    list on the command line replaces the file's list. Raises UsageError for a command
    line that cannot be carried out, ConfigError for a configuration file that is not
    valid."""
    today = audit_date(date)
    specs = tuple(parse_spec(spec) for spec in reports)
    found, source = read_explained(config_file, ignore=no_config)
    base = found or Config("")
    settings = Settings(
        paths=tuple(paths) or base.paths,
        format=format or base.format or OutputFormat.TERMINAL,
        output=output,
        reports=specs or base.reports,
        lang=lang or base.lang or "nl",
        checklist=checklist if checklist is not None else base.checklist,
        fail_under=fail_under if fail_under is not None else base.fail_under,
        fail_on=fail_on or base.fail_on or FailOn.NONE,
        require=tuple(Requirement(key) for key in require) or base.require,
        template=template,
        skip_non_plans=skip_non_plans,
        quiet=quiet,
        memo_to=_memo_text("--memo-to", memo_to) if memo_to is not None else base.memo_to,
        memo_from=_memo_text("--memo-from", memo_from) if memo_from is not None else base.memo_from,
        front_matter=front_matter,
        chart=chart,
        today=today,
        config=base if base.file else None,
        config_source=source,
        verbose=verbose,
        force=force,
        follow_symlinks=follow_symlinks,
    )
    formats = {settings.format, *(spec.format for spec in settings.reports)}
    if template is not None and OutputFormat.MARKDOWN not in formats:
        raise UsageError(
            "--template works with the markdown format only (--format or --report markdown)"
        )
    memo_file = settings.format is OutputFormat.MARKDOWN and settings.output is not None
    if (
        chart
        and not memo_file
        and OutputFormat.MARKDOWN not in {s.format for s in settings.reports}
    ):
        raise UsageError(
            "--chart writes the chart beside a Markdown memo in a file: use it with "
            "-f markdown -o memo.md, or --report markdown=memo.md"
        )
    if not settings.paths:
        raise UsageError(
            "no plans to audit: name a PATH (a plan file or a folder of plans), "
            "or set 'paths' in .herstelcheck.yaml"
        )
    return settings


def _memo_text(option: str, value: str) -> str:
    """A text for the memo's header from the command line: one line of plain text (it
    may be empty)."""
    if not value.isprintable():
        raise UsageError(
            f"{option} must be one line of plain text, without control or invisible "
            f"characters (got '{visible(value)}')"
        )
    return value.strip()


def audit_date(value: str | None) -> dt.date:
    """The date of the audit: `--date`, else SOURCE_DATE_EPOCH, else today."""
    if value is not None:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--date must be a date such as 2021-06-30 (got '{value}')") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH must be a number of seconds (got '{epoch}')"
            ) from None
    return dt.date.today()


def format_names() -> list[str]:
    return [fmt.value for fmt in OutputFormat]


def parse_format(name: str) -> OutputFormat:
    """A format by its name (any case), or a UsageError that suggests the closest name."""
    wanted = name.strip().lower()
    for fmt in OutputFormat:
        if fmt.value == wanted:
            return fmt
    raise UsageError(f"unknown format '{name}'" + hint(wanted, format_names(), "formats"))


def parse_spec(spec: str) -> ReportSpec:
    """`FORMAT=FILE` as given to `--report`, e.g. `json=audit.json`."""
    name, equals, file = spec.partition("=")
    if not equals or not name.strip():
        raise UsageError(f"--report needs FORMAT=FILE, such as json=audit.json (got '{spec}')")
    try:
        fmt = parse_format(name)
    except UsageError as exc:
        raise UsageError(f"--report {spec}: {exc}") from None
    if not file:
        raise UsageError(f"--report {spec}: the file name is missing after '='")
    if file == "-":
        raise UsageError(
            f"--report {spec}: a report goes to a file; "
            "use --format for the report on standard output"
        )
    return ReportSpec(fmt, file)


def _inside(name: str) -> bool:
    """Whether the relative path `name` stays inside the folder it is relative to: not
    absolute, and no `..` that leads out of it."""
    if os.path.isabs(name) or os.path.splitdrive(name)[0]:
        return False
    parts = Path(os.path.normpath(name)).parts
    return not parts or parts[0] != os.pardir


def _error(name: str, message: str, line: int = 1, column: int = 1) -> ConfigError:
    return ConfigError([Diagnostic(name, line, column, "error", message)])


class _Reader:
    """Validates the nodes of a configuration file, collecting every problem."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder
        self.diagnostics: list[Diagnostic] = []

    def error(self, node: Node, message: str) -> None:
        self.diagnostics.append(
            Diagnostic(self.name, node.mark.line, node.mark.column, "error", message)
        )

    def config(self, root: Node | None) -> Config:
        if root is None or (isinstance(root, Scalar) and root.tag == NULL):
            return Config(self.name)  # an empty file: no settings
        if not isinstance(root, Mapping):
            self.error(root, f"the configuration is a mapping of keys, not {describe(root)}")
            raise ConfigError(self.diagnostics)
        values: dict[str, object] = {}
        for key, value in root.pairs:
            if not isinstance(key, Scalar):
                self.error(key, "a key must be a plain name such as 'fail_under'")
                continue
            if key.value not in KEYS:
                self.unknown(key)
                continue
            read = getattr(self, f"read_{key.value}")
            result = read(value, key.value)
            if result is not None:
                values[key.value] = result
        if self.diagnostics:
            raise ConfigError(self.diagnostics)
        return Config(self.name, **values)  # type: ignore[arg-type]

    def unknown(self, key: Scalar) -> None:
        message = f"unknown key '{key.value}' in the configuration"
        message += hint(key.value.lower().replace("-", "_"), KEYS, "known keys")
        self.error(key, message)

    # --- one method per key: the value, or None after recording an error -----------

    def read_fail_under(self, node: Node, key: str) -> float | None:
        number: float | None = None
        if isinstance(node, Scalar) and node.tag == INT:
            number = parse_int(node.value)
        elif isinstance(node, Scalar) and node.tag == FLOAT:
            try:
                number = float(node.value.replace("_", ""))
            except ValueError:
                number = None
        if number is None or not 0 <= number <= 100:
            self.error(node, f"'{key}' must be a number from 0 to 100 (got {self.got(node)})")
            return None
        return float(number)

    def read_fail_on(self, node: Node, key: str) -> FailOn | None:
        text = self.text(node, key)
        if text is None:
            return None
        try:
            return FailOn(text.lower())
        except ValueError:
            allowed = ", ".join(f.value for f in FailOn)
            self.error(node, f"'{key}' must be one of {allowed} (got '{text}')")
            return None

    def read_lang(self, node: Node, key: str) -> str | None:
        text = self.text(node, key)
        if text is None:
            return None
        if text.lower() not in LANGUAGES:
            self.error(node, f"'{key}' must be one of {', '.join(LANGUAGES)} (got '{text}')")
            return None
        return text.lower()

    def read_format(self, node: Node, key: str) -> OutputFormat | None:
        text = self.text(node, key)
        if text is None:
            return None
        try:
            return parse_format(text)
        except UsageError as exc:
            self.error(node, f"'{key}': {exc}")
            return None

    def read_checklist(self, node: Node, key: str) -> str | None:
        text = self.text(node, key)
        if text is None:
            return None
        path = self.folder / text
        if not path.is_file():
            self.error(node, f"'{key}': no file '{text}' {self.relative_to()}")
            return None
        return shown(path)

    def read_require(self, node: Node, key: str) -> tuple[Requirement, ...] | None:
        entries = self.entries(node, key, "item numbers or slugs, such as [5, 10]")
        if entries is None:
            return None
        required = []
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, Scalar) or not self.is_text(entry) or not entry.value.strip():
                self.error(entry, f"'{key}[{index}]' must be an item number or slug")
                continue
            place = entry.mark
            required.append(Requirement(entry.value.strip(), self.name, place.line, place.column))
        return tuple(required)

    def read_paths(self, node: Node, key: str) -> tuple[str, ...] | None:
        entries = self.entries(node, key, "files or folders, such as [plannen]")
        if entries is None:
            return None
        paths = []
        for index, entry in enumerate(entries, start=1):
            where = f"'{key}[{index}]'"
            if not isinstance(entry, Scalar) or not self.is_text(entry) or not entry.value:
                self.error(entry, f"{where} must be the name of a file or folder")
                continue
            if entry.value == "-":
                self.error(entry, f"{where}: standard input cannot be a configured path")
                continue
            path = self.folder / entry.value
            if not path.exists():
                self.error(
                    entry, f"{where}: no file or folder '{entry.value}' {self.relative_to()}"
                )
                continue
            paths.append(shown(path))
        return tuple(paths)

    def read_memo_to(self, node: Node, key: str) -> str | None:
        return self.memo_text(node, key)

    def read_memo_from(self, node: Node, key: str) -> str | None:
        return self.memo_text(node, key)

    def read_reports(self, node: Node, key: str) -> tuple[ReportSpec, ...] | None:
        if not isinstance(node, Mapping):
            self.error(
                node,
                f"'{key}' must be a mapping of format to file, such as "
                f"{{json: audit.json}} (got {describe(node)})",
            )
            return None
        specs = []
        for format_node, file_node in node.pairs:
            if not isinstance(format_node, Scalar):
                self.error(format_node, f"'{key}': a format must be a name such as 'json'")
                continue
            try:
                fmt = parse_format(format_node.value)
            except UsageError as exc:
                self.error(format_node, f"'{key}': {exc}")
                continue
            where = f"'{key}.{format_node.value}'"
            if not isinstance(file_node, Scalar) or not self.is_text(file_node):
                self.error(file_node, f"{where} must be a file name (got {self.got(file_node)})")
                continue
            if not file_node.value.strip() or file_node.value == "-":
                self.error(file_node, f"{where} must be a file name")
                continue
            if not _inside(file_node.value):
                self.error(
                    file_node,
                    f"{where} must be a file inside the folder of the configuration file, "
                    f"named relative to it (got '{file_node.value}')",
                )
                continue
            specs.append(ReportSpec(fmt, shown(self.folder / file_node.value)))
        return tuple(specs)

    # --- helpers --------------------------------------------------------------------

    def text(self, node: Node, key: str) -> str | None:
        if not isinstance(node, Scalar) or not self.is_text(node) or not node.value.strip():
            self.error(node, f"'{key}' must be a non-empty text (got {self.got(node)})")
            return None
        return node.value.strip()

    def memo_text(self, node: Node, key: str) -> str | None:
        """A text for the memo's header: one line of plain text."""
        text = self.text(node, key)
        if text is None:
            return None
        if not text.isprintable():
            self.error(
                node,
                f"'{key}' must be one line of plain text, without control or invisible "
                f"characters (got '{visible(text)}')",
            )
            return None
        return text

    def entries(self, node: Node, key: str, what: str) -> list[Node] | None:
        """A list, or a single value taken as a list of one."""
        if isinstance(node, Sequence):
            return node.items
        if isinstance(node, Scalar) and node.tag != NULL:
            return [node]
        self.error(node, f"'{key}' must be a list of {what} (got {describe(node)})")
        return None

    @staticmethod
    def is_text(node: Scalar) -> bool:
        """A value that can be read as text: anything but an empty value or yes/no (a
        number is taken as written, so a folder may be called 2021)."""
        return node.tag not in (NULL, BOOL)

    @staticmethod
    def got(node: Node) -> str:
        if isinstance(node, Scalar) and node.tag != NULL:
            return f"'{node.value}'"
        return describe(node)

    def relative_to(self) -> str:
        return f"(relative to {shown(self.folder)})"
