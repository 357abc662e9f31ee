"""Errors a user can act on.

Every error raised for bad input derives from :class:`UserError`; its message is one
line, ``what: what to do``, in words that fit both front ends (the GUI and the command
line call the same services): "choose another store", not "use --db" nor "click Open".
A hint that only the command line can use (the option to give) goes in ``cli_hint``;
the CLI prints it after the message (:func:`for_cli`), the GUI shows the message alone.
Neither shows a traceback.
"""


class UserError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 2

    def __init__(self, message: str, cli_hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.cli_hint = cli_hint  # "--db FILE": the option that does what the message says

    def __str__(self) -> str:
        return self.message


def for_cli(error: UserError) -> str:
    """The message as the command line prints it: with its option hint, if any."""
    return f"{error.message} ({error.cli_hint})" if error.cli_hint else error.message


class StoreError(UserError):
    """The database cannot be opened or used (corrupt, newer, unreachable)."""

    exit_code = 3


class NotFoundError(UserError):
    """An id that names nothing in the store."""


class ConflictError(UserError):
    """Someone else changed the record since it was read (optimistic locking)."""


class PermissionDenied(UserError):
    """The current analyst may not do this (for example edit another analyst's work)."""


class DuplicateError(UserError):
    """The same content is already stored."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id
