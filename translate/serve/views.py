"""The server's HTML pages. Every value from runs or reviewers is escaped here; the document page is a
shell whose script (``/assets/app.js``) fills it from the JSON API with ``textContent`` only."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from translate.review.base import DocumentGroup
from translate.serve.exports import run_exports
from translate.serve.store import STATES
from translate.serve.summary import SIGNAL_LABELS, charts
from translate.serve.workspace import Workspace


def _head(title: str, csrf: str = "", extra: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="csrf-token" content="{escape(csrf)}">{extra}'
        f'<title>{escape(title)}</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/assets/app.css"></head>'
    )


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def index_page(summary: dict[str, Any], workspace: Workspace) -> str:
    """Documents with progress and per-state counts, the headline and the charts."""
    head = summary["headline"]
    signals = "".join(
        f"<li><b>{n}</b> {escape(SIGNAL_LABELS[code])}</li>" for code, n in head["signals"].items()
    )
    warning = f'<p class="warning" id="warning">{escape(head["warning"])}</p>' if head["warning"] else ""
    rows = []
    for doc in summary["documents"]:
        link = "/doc/" + quote(doc["document"], safe="")
        states = "".join(f"<td>{doc['states'][s]}</td>" for s in STATES)
        exports = " ".join(
            f'<a href="/export/{quote(doc["document"], safe="")}.{fmt}">{fmt}</a>'
            for fmt in ("txt", "md", "xlf", "tmx")
        )
        rows.append(
            f'<tr><td><a href="{escape(link)}"><bdi>{escape(doc["document"])}</bdi></a></td>'
            f"<td>{escape(doc['lang'])}</td><td>{doc['reviewable']}</td>{states}"
            f'<td><progress max="1" value="{doc["progress"]}"></progress> {_pct(doc["progress"])}</td>'
            f"<td>{exports}</td></tr>"
        )
    state_heads = "".join(f"<th>{s}</th>" for s in STATES)
    plots = "".join(f"<figure>{svg}</figure>" for svg in charts(summary))
    run_links = " · ".join(
        f'<a href="/export-run/{quote(e.name, safe="")}" title="{escape(e.what)}">{escape(e.name)}</a>'
        for e in run_exports(workspace)
    )
    return (
        _head("Dragoman review workspace")
        + '<body><header class="run"><h1>Review workspace</h1>'
        + f'<p class="where">{escape(str(workspace.paths.runs))} · store {escape(str(workspace.paths.store))}'
        + f" · accepted segments go to {escape(str(workspace.paths.memory))}</p>"
        + '<ul class="figures" id="headline">'
        + f"<li><b>{_pct(head['term_success'])}</b> term success ({head['terms']} terms)</li>"
        + f"<li><b>{_pct(head['plausible'])}</b> plausible English ({head['plausible_segments']} of "
        + f"{head['segments']} segments without the signals below)</li>{signals}</ul>{warning}</header>"
        + '<main><table class="docs"><thead><tr><th>Document</th><th>Language</th><th>Segments</th>'
        + f"{state_heads}<th>Progress</th><th>Export</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + f'<p class="run-exports" id="run-exports">The whole run: {run_links}</p>'
        + f'<section class="charts" id="charts"><h2>The run at a glance</h2>{plots}</section></main>'
        + "</body></html>"
    )


def document_page(doc: DocumentGroup, csrf: str, reviewer: str) -> str:
    """The side-by-side editor shell for ``doc``."""
    doc_id = escape(doc.id)
    categories = "".join(
        f'<option value="{c}">{c}</option>'
        for c in (
            "organization",
            "movement",
            "programme",
            "agreement",
            "military_unit",
            "agency",
            "event",
            "person",
            "place",
            "region",
            "title",
        )
    )
    return (
        _head(
            f"Review: {doc.id}",
            csrf,
            f'<meta name="document" content="{doc_id}"><meta name="reviewer" content="{escape(reviewer)}">',
        )
        + '<body class="editor"><header class="run"><p><a href="/">← all documents</a></p>'
        + f"<h1><bdi>{doc_id}</bdi></h1>"
        + '<ul class="figures" id="counts"></ul>'
        + '<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>Enter</kbd> edit · '
        + "<kbd>Ctrl</kbd>+<kbd>Enter</kbd> save, accept and next · <kbd>Shift</kbd>+<kbd>Enter</kbd> save · "
        + "<kbd>a</kbd> accept and next · <kbd>f</kbd> final · <kbd>r</kbd> reject · <kbd>u</kbd> undo · "
        + "<kbd>h</kbd> history · "
        + "<kbd>Esc</kbd> cancel · <kbd>/</kbd> search</p></header>"
        + '<nav class="toolbar" id="toolbar">'
        + '<label>State <select id="f-state"><option value="">any</option>'
        + "".join(f'<option value="{s}">{s}</option>' for s in STATES)
        + '<option value="rejected">rejected</option></select></label>'
        + '<label>Flag <select id="f-flag"><option value="">any</option></select></label>'
        + '<label>Term <select id="f-term"><option value="">any</option></select></label>'
        + '<label>Search <input id="f-search" type="search" placeholder="source or English"></label>'
        + '<label><input id="f-regex" type="checkbox"> regex</label>'
        + '<span id="f-count"></span>'
        + '<label>Reviewer <input id="reviewer" size="10"></label>'
        + f'<span>Export: <a href="/export/{quote(doc.id, safe="")}.xlf">XLIFF</a> '
        + f'<a href="/export/{quote(doc.id, safe="")}.tmx">TMX</a> '
        + f'<a href="/export/{quote(doc.id, safe="")}.txt">text</a> '
        + f'<a href="/export/{quote(doc.id, safe="")}.md">Markdown</a></span></nav>'
        + '<p id="status" role="status"></p>'
        + '<table class="review" id="segments"><thead><tr><th>Segment</th><th>Source</th><th>English</th>'
        + "<th>State and flags</th></tr></thead><tbody></tbody></table>"
        + '<dialog id="propose"><form method="dialog" id="propose-form"><h2>Propose a term</h2>'
        + '<label>Source phrase <input id="p-source" dir="auto" required></label>'
        + '<label>English <input id="p-english" required></label>'
        + f'<label>Category <select id="p-category">{categories}</select></label>'
        + '<p><button type="submit" id="p-submit">Add to glossary (unapproved)</button> '
        + '<button type="button" id="p-cancel">Cancel</button></p><p id="p-result"></p></form></dialog>'
        + '<script src="/assets/app.js"></script></body></html>'
    )
