"""Errors a user can act on.

Every error raised for bad input derives from :class:`UserError`; its message is one
line that says what is wrong and what to do. The CLI prints it and exits non-zero, the
GUI shows it in a message box; neither shows a traceback.
"""


class UserError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


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
