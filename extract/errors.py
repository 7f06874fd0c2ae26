"""Errors that belong to one input, and so never stop a batch."""


class InputError(Exception):
    """An input that cannot be extracted; the message says why (the caller adds the path)."""
