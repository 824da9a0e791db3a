"""Errors that reach a person: one line, no secrets, no traceback."""


class UserError(Exception):
    """Bad input or an unusable setting. The CLI prints ``error: <message>`` and exits 2."""


class NotFound(UserError):
    """An id that names nothing."""


class Refused(UserError):
    """A rule said no (two-person rule, state machine). The refusal is audited."""
