"""The one error type ingest raises: its message is the single line a user sees."""


class SourceError(Exception):
    """A source that cannot be read or is not text. ``str(err)`` is a complete, one-line message."""
