# ruff: noqa: E501  (CSS and JS kept one rule per line)
"""The review page's stylesheet and script, kept as strings so the page is one self-contained file.

Both are inlined and allowed by the page's Content-Security-Policy through their sha256 hashes; the
script reads its data from a ``<script type="application/json">`` block and only ever sets
``textContent`` and classes, never HTML.
"""

from __future__ import annotations

SOURCE_FONTS = (
    'Vazirmatn, "Vazir", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Kufi Arabic", Tahoma, '
    '"Segoe UI", "Geeza Pro", "Arial Unicode MS", "DejaVu Sans", sans-serif'
)

CSS = """
:root { --line: #d0d4da; --muted: #5b6470; --bg: #fff; --head: #f4f6f8; --hl: #ffd54a;
  --error: #b3261e; --warn: #8a5a00; --info: #44546a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1d232a; background: var(--bg); }
header.run { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); background: var(--head); }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 24px 8px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 10px; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
ul.figures { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 6px 0; }
ul.figures li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: #fff; font-size: 13px; }
ul.figures b { font-size: 16px; margin-inline-end: 4px; }
.toolbar { position: sticky; top: 0; z-index: 3; display: flex; gap: 16px; align-items: center;
  padding: 8px 24px; background: #fff; border-bottom: 1px solid var(--line); font-size: 14px; }
.toolbar label { cursor: pointer; user-select: none; border: 1px solid var(--line); border-radius: 6px; padding: 3px 10px; }
.toolbar input { margin: 0 6px 0 0; vertical-align: middle; }
.toolbar a { color: #0b57d0; }
p.docmeta { margin: 0 24px 8px; color: var(--muted); font-size: 13px; }
table.review { border-collapse: collapse; width: calc(100% - 48px); margin: 0 24px 16px; table-layout: fixed; }
table.review th { position: sticky; top: 41px; background: var(--head); z-index: 2; text-align: start;
  font-weight: 600; font-size: 13px; padding: 6px 8px; border-bottom: 2px solid var(--line); }
table.review td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
col.c-id { width: 7.5em; } col.c-flags { width: 15em; }
td.sid { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
td.sid a { color: inherit; text-decoration: none; }
.kind { display: inline-block; margin-top: 3px; padding: 0 5px; border-radius: 4px; font: 11px/1.6 system-ui, sans-serif;
  background: #e8ebef; color: #33404d; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
td.text bdi { unicode-bidi: isolate; }
td.src[dir=rtl] { font-family: SOURCE_FONTS; font-size: 17px; line-height: 1.9; text-align: right; }
td.tgt { text-align: left; }
tr.k-heading td.text { font-weight: 700; font-size: 1.08em; }
tr.k-heading .kind { background: #dbe7ff; color: #123a8c; }
tr.k-list_item td.text bdi::before { content: "• "; color: var(--muted); }
tr.k-footnote td.text { font-size: 0.9em; color: #3c4650; }
tr.k-footnote .kind { background: #efe3ff; color: #4b2a7a; }
tr.k-passthrough td.text { color: var(--muted); font-style: italic; }
tr.k-passthrough .kind { background: #eeeeee; color: #555; }
tr.flagged td.sid { box-shadow: inset 4px 0 0 var(--warn); }
tr.sev-error td.sid { box-shadow: inset 4px 0 0 var(--error); }
ul.flags { list-style: none; margin: 0; padding: 0; font-size: 12px; }
ul.flags li { margin: 0 0 3px; padding: 1px 6px; border-radius: 4px; border: 1px solid currentColor; }
li.f-error { color: var(--error); background: #fdecea; }
li.f-warn { color: var(--warn); background: #fff6e0; }
li.f-info { color: var(--info); background: #eef2f6; border-style: dashed !important; }
.term { background: hsl(var(--h) 85% 90%); border-bottom: 2px solid hsl(var(--h) 55% 42%); cursor: help;
  border-radius: 2px; outline-offset: 1px; }
.term.st-missing { border-bottom-style: dashed; border-bottom-color: var(--error); }
.term.st-review { border-bottom-style: dotted; }
.term:focus { outline: 2px solid hsl(var(--h) 55% 35%); }
.term.hl, .w.hl { background: var(--hl); box-shadow: 0 0 0 2px var(--hl); }
.w { border-radius: 2px; }
.w:hover { text-decoration: underline dotted; }
.ctl { font: 11px ui-monospace, monospace; color: var(--error); background: #fdecea; border-radius: 3px;
  padding: 0 2px; unicode-bidi: isolate; direction: ltr; }
body:has(#flagged-only:checked) tr.seg:not(.flagged) { display: none; }
body:has(#flagged-only:checked) section.doc:not(.has-flagged) { display: none; }
#tip { position: fixed; z-index: 10; max-width: 360px; padding: 8px 10px; background: #1d232a; color: #fff;
  border-radius: 6px; font-size: 13px; line-height: 1.4; pointer-events: none; white-space: pre-line; }
#tip[hidden] { display: none; }
table.terms { border-collapse: collapse; margin: 0 24px 32px; font-size: 13px; }
table.terms th, table.terms td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: start; }
table.terms td.rows a { margin-inline-end: 6px; font-family: ui-monospace, monospace; }
footer { margin: 24px; color: var(--muted); font-size: 12px; }
.warning { color: var(--error); font-weight: bold; margin: 6px 0; }
sup.fn { font-size: 0.75em; line-height: 0; color: var(--muted); }
.fn-tag { display: none; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 10.5pt; }
  .toolbar, #tip { display: none !important; }
  header.run { background: none; }
  table.review { width: 100%; margin: 0; }
  table.review th { position: static; }
  tr.seg { break-inside: avoid; }
  thead { display: table-header-group; }
  .term, .kind, ul.flags li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
""".replace("SOURCE_FONTS", SOURCE_FONTS)

JS = """
(function () {
  "use strict";
  var blob = document.getElementById("review-data");
  var data = blob ? JSON.parse(blob.textContent) : { terms: {} };
  var tip = document.getElementById("tip");
  var SAFE = /^[a-z0-9]+$/;
  var lit = [];
  function clear() {
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove("hl");
    lit = [];
    if (tip) tip.hidden = true;
  }
  function light(row, selector) {
    var found = row.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) { found[i].classList.add("hl"); lit.push(found[i]); }
  }
  function showTip(el, info) {
    if (!tip || !info) return;
    var lines = [info.required + "  (" + info.entry + ")"];
    if (info.category) lines.push("category: " + info.category);
    lines.push("status: " + info.status + (info.rendering ? "  \\u2192 \\u201c" + info.rendering + "\\u201d" : ""));
    if (info.note) lines.push("note: " + info.note);
    tip.textContent = lines.join("\\n");
    tip.hidden = false;
    var box = el.getBoundingClientRect();
    var top = box.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(4, box.top - tip.offsetHeight - 6);
    tip.style.top = top + "px";
    tip.style.left = Math.max(4, Math.min(box.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
  }
  function activate(target) {
    clear();
    if (!target || !target.closest) return;
    var row = target.closest("tr.seg");
    if (!row) return;
    var term = target.closest("[data-t]");
    var word = target.closest("[data-l]");
    if (word) {
      var ids = word.getAttribute("data-l").split(" ");
      for (var i = 0; i < ids.length; i++) if (SAFE.test(ids[i])) light(row, '[data-l~="' + ids[i] + '"]');
    }
    if (term) {
      var key = term.getAttribute("data-t");
      if (SAFE.test(key)) {
        light(row, '[data-t="' + key + '"]');
        showTip(term, data.terms[key]);
      }
    }
  }
  document.addEventListener("mouseover", function (e) { activate(e.target); });
  document.addEventListener("focusin", function (e) { activate(e.target); });
  document.addEventListener("focusout", function () { clear(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") clear(); });
  window.addEventListener("scroll", function () { if (tip && !tip.hidden && !document.activeElement.closest("[data-t]")) clear(); }, { passive: true });
})();
"""
