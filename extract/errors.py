"""Errors that belong to one input (they never stop a batch), and usage errors (exit 2)."""


class InputError(Exception):
    """An input that cannot be extracted; the message says why (the caller adds the path)."""


class UsageError(Exception):
    """The command cannot run as given (a missing input, an unusable output place); exit code 2."""
