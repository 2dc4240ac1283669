"""The one exception type for errors a user can cause: the CLI prints its message, never a traceback."""


class MlprepError(Exception):
    """A problem the user can fix (unknown problem, missing file, bad pack); ``code`` is the exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
