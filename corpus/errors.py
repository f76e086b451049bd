"""The one exception hierarchy of newsgraph.

Every error newsgraph raises on purpose derives from :class:`NewsgraphError`.
:class:`UsageError` is the caller's mistake (bad path, bad option: CLI exit 2);
:class:`DataError` is a problem with the input or an external resource (exit 1).
"""

__all__ = [
    "NewsgraphError",
    "UsageError",
    "DataError",
    "PathNotFound",
    "EmptyInput",
    "ModelNotFound",
    "RulesError",
    "ExportError",
    "NothingProcessed",
    "InputsSkipped",
]


class NewsgraphError(Exception):
    """Base class of every newsgraph error. ``exit_code`` is what the CLI returns."""

    exit_code = 1


class UsageError(NewsgraphError):
    """The caller asked for something impossible (exit code 2)."""

    exit_code = 2


class DataError(NewsgraphError):
    """The input data or an external resource is wrong or missing (exit code 1)."""

    exit_code = 1


class PathNotFound(UsageError):
    """An input path does not exist."""


class EmptyInput(UsageError):
    """The inputs hold no readable document."""


class ModelNotFound(DataError):
    """The spaCy model is not installed."""


class RulesError(DataError):
    """A relation rules / ontology file is invalid."""


class ExportError(DataError):
    """An export target (file, database) failed."""


class NothingProcessed(DataError):
    """Every input of a build was skipped: there is nothing to build."""


class InputsSkipped(DataError):
    """An input was skipped in a build that asked for none (``--strict``)."""
