"""One base class for every error raised on purpose; each message names the value, the choices and the fix.

Leaves also subclass the built-in they resemble, so callers can catch either.
"""

from __future__ import annotations

from collections.abc import Iterable


class SummarizeError(Exception):
    """Base class for every error this package raises on purpose."""

    #: Process exit status the CLI uses for this error: 1 bad input, 2 bad usage.
    exit_code = 1


class UsageError(SummarizeError, ValueError):
    """A bad option value or combination."""

    exit_code = 2


def _choices(valid: Iterable[str]) -> str:
    return ", ".join(sorted(valid))


class UnknownChoiceError(UsageError):
    """An option value that is not one of the allowed names."""

    def __init__(self, option: str, value: str, valid: Iterable[str]) -> None:
        self.option, self.value, self.valid = option, value, sorted(valid)
        super().__init__(f"unknown {option} {value!r}; choose one of: {_choices(self.valid)}")


class InputError(SummarizeError, OSError):
    """An input that cannot be read at all (missing, a directory, no permission)."""

    def __str__(self) -> str:  # OSError would otherwise format (errno, strerror)
        return str(self.args[0]) if self.args else ""


class OutputError(SummarizeError, OSError):
    """An output that could not be written (a full disk, a quota); names the path."""

    def __str__(self) -> str:  # OSError would otherwise format (errno, strerror)
        return str(self.args[0]) if self.args else ""


class DecodeError(SummarizeError, UnicodeError):
    """Bytes that are not text in any encoding we can recognise."""


class EmptyInputError(SummarizeError, ValueError):
    """An input with nothing to summarize (empty, whitespace only, or no prose)."""


class ParseError(SummarizeError, ValueError):
    """An input whose structure is broken beyond recovery; names the file and line."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source, self.line = source, line
        where = f"{source}:{line}: " if source and line else f"{source}: " if source else ""
        super().__init__(f"{where}{message}")


class ResourceError(SummarizeError, RuntimeError):
    """A data file shipped with the package is missing or broken (a packaging bug)."""


class ExportError(SummarizeError, ValueError):
    """Cards that cannot be exported as asked (none at all, a broken cloze, an unreadable cards file)."""


class SummarizeWarning(UserWarning):
    """Base class for warnings about suspicious but usable input (the document is still read)."""


class TemplatePackError(SummarizeError, ValueError):
    """A quiz template pack that cannot be used; names the pack file and the template id."""
