"""The one error family of Dragoman: a file (or other input) and the problem, on one line.

It lives here, at the bottom of the import graph, so the termbase library needs nothing from
``translate``; ``translate.errors`` re-exports these classes and adds the translation-side ones.
"""

from __future__ import annotations


class DragomanError(Exception):
    """A user-facing error. The CLI prints ``str(err)`` on one line and exits non-zero.

    ``where`` names the file (or ``<stdin>``, or ``file:line:col``); ``problem`` says what is wrong.
    """

    exit_code = 2

    def __init__(self, where: str, problem: str) -> None:
        self.where = str(where)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.where}: {self.problem}")


class GlossaryError(DragomanError):
    """A glossary or TBX/CSV file that is malformed (file, line and column where known)."""
