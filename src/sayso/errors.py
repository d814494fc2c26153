"""Errors with a stable reason code, turned into exit codes and messages at the edges."""

from __future__ import annotations


class SaysoError(Exception):
    """Base class: ``code`` names the reason so callers can act on it without parsing text."""

    code = "error"


class InputError(SaysoError):
    """One input (a file, a JSON line, stdin) could not be read; the rest of a batch goes on.

    ``str()`` gives the one-line message a user sees: ``path:line: problem``.
    """

    def __init__(self, source: str, problem: str, *, code: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.code = code
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.problem}"

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole, keywords included: errors come back from worker processes."""
        return _input_error, (self.source, self.problem, self.code, self.line)


def _input_error(source: str, problem: str, code: str, line: int | None) -> InputError:
    return InputError(source, problem, code=code, line=line)


class InputWarning(InputError):
    """An input was read, but not quite as written (a file that mixes two encodings): said
    like an error, on its own line, but the run does not fail for it."""

    def __reduce__(self) -> tuple[object, ...]:
        return _input_warning, (self.source, self.problem, self.code, self.line)


def _input_warning(source: str, problem: str, code: str, line: int | None) -> InputWarning:
    return InputWarning(source, problem, code=code, line=line)


class StoreError(SaysoError):
    """The database cannot be opened or used as asked (``code`` "bad-query" for a search
    query that cannot be read)."""

    def __init__(self, message: str, *, code: str = "store") -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[object, ...]:
        return _store_error, (str(self), self.code)


def _store_error(message: str, code: str) -> StoreError:
    return StoreError(message, code=code)


class PipelineError(SaysoError):
    """A pipeline was assembled wrongly: an unknown stage, or one whose inputs nothing provides."""

    code = "pipeline"


class StageError(SaysoError):
    """A stage failed on one document; the document is left out and the batch goes on."""

    code = "stage-failed"
