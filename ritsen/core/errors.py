"""Errors that every app shares."""


class ServiceError(Exception):
    """An operation that cannot be done; the message (translated) is shown to the user."""
