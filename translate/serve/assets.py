"""The workspace's stylesheet and script (``static/app.css``, ``static/app.js``), served as files:
the CSP allows no inline code.

The script builds every row with ``textContent`` and ``createElement``: nothing from a run or a
reviewer is ever parsed as HTML.
"""

from __future__ import annotations

from importlib import resources

_STATIC = resources.files("translate.serve") / "static"
CSS = (_STATIC / "app.css").read_text(encoding="utf-8")
JS = (_STATIC / "app.js").read_text(encoding="utf-8")
