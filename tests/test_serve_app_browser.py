"""The review workspace in headless Chromium against a real ``dragoman serve`` on a random port."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import HOSTILE, SEED_FILES
from serve_helpers import DRAGOMAN, Server, make_runs

pytestmark = pytest.mark.browser
pytest.importorskip("starlette")
DOC = SEED_FILES[0].stem
WAIT_MS = 10_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    runs = make_runs(tmp_path_factory.mktemp("serve-browser"), [SEED_FILES[0], HOSTILE])
    srv = Server(runs)
    yield srv
    srv.stop()


def expect(locator: object) -> object:
    from playwright.sync_api import expect as pw_expect

    pw_expect.set_options(timeout=WAIT_MS)
    return pw_expect(locator)


def open_doc(context: object, server: Server, doc: str = DOC) -> object:
    page = context.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    page.goto(f"{server.base}/doc/{doc}")
    page.wait_for_selector("body[data-ready='1']")
    return page


def reviewable_rows(page: object) -> object:
    return page.locator("tr.seg:not([data-state='final'])")  # type: ignore[attr-defined]


def test_pages_make_no_foreign_requests_and_no_console_errors(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server.base + "/")
    assert page.locator("#charts svg").count() == 4
    page.locator(f'a[href="/doc/{DOC}"]').click()
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("tr.seg").count() > 50
    assert problems == []
    assert requests and all(url.startswith(server.base + "/") for url in requests)
    context.close()


def test_edit_accept_and_next_by_keyboard_survives_reload(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server)
    page.keyboard.press("j")
    first = page.locator("tr.seg.current")
    seg_id = first.get_attribute("id")
    page.keyboard.press("Enter")
    box = page.locator("tr.seg.current textarea")
    box.fill("Edited by keyboard, nothing else.")
    page.keyboard.press("Control+Enter")
    row = page.locator(f"#{seg_id}")
    page.wait_for_selector(f"#{seg_id}[data-state='reviewed']")
    assert "Edited by keyboard" in row.locator("td.tgt").inner_text()
    # accept-and-next moved the cursor on
    assert page.locator("tr.seg.current").get_attribute("id") != seg_id
    assert page.locator("#counts li[data-state='reviewed'] b").inner_text() == "1"
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert "Edited by keyboard" in page.locator(f"#{seg_id} td.tgt").inner_text()
    assert page.locator(f"#{seg_id}").get_attribute("data-state") == "reviewed"
    assert page.errors == []
    context.close()


def test_filter_by_flag_and_search(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server)
    total = page.locator("tr.seg").count()
    page.select_option("#f-flag", "unmet term")
    shown = page.locator("tr.seg:not(.hidden)")
    assert 0 < shown.count() < total
    for k in range(shown.count()):
        assert "unmet term" in (shown.nth(k).get_attribute("data-kinds") or "")
    page.select_option("#f-flag", "")
    page.fill("#f-search", "word1[0-9] word")
    page.check("#f-regex")
    hits = page.locator("tr.seg:not(.hidden)").count()
    assert 0 < hits < total
    page.uncheck("#f-regex")
    assert page.locator("tr.seg:not(.hidden)").count() == 0  # the same text literally is nowhere
    page.fill("#f-search", "")
    assert page.locator("tr.seg:not(.hidden)").count() == total
    # by category: every row left has a term of that category, and the count follows
    page.select_option("#f-term", "c:place")
    rows = page.locator("tr.seg:not(.hidden)")
    assert 0 < rows.count() < total
    data = json.loads(server.request("GET", f"/api/doc/{DOC}")[1])["segments"]
    assert rows.count() == sum(any(t["category"] == "place" for t in s["terms"]) for s in data)
    page.select_option("#f-term", "")
    # a hit is linked on both sides: hovering the source term lights its English
    row = page.locator("tr.seg:has(td.tgt .term)").first
    key = row.locator("td.tgt .term").first.get_attribute("data-t")
    row.locator(f'td.src [data-t="{key}"]').hover()
    assert "hl" in (row.locator(f'td.tgt [data-t="{key}"]').get_attribute("class") or "").split()
    context.close()


def test_resolve_an_ambiguous_hit(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server)
    row = page.locator("tr.seg:has(button.resolve-word)").first
    seg_id = row.get_attribute("id")
    before = page.locator(f"#{seg_id} button.resolve-word").count()
    page.locator(f"#{seg_id} button.resolve-word").first.click()
    expect(page.locator(f"#{seg_id} button.resolve-word")).to_have_count(before - 1)
    status, text, _ = server.request("GET", "/api/suggestions")
    decisions = json.loads(text)["decisions"]
    assert status == 200 and decisions
    last = decisions[-1]
    assert last["choice"] == "word" and last["suggest"] == "exclude" and last["document"] == DOC
    assert last["source_text"] in last["context"] and len(last["context"].split()) > 1
    # the hit is no longer "review" in the data either
    seg = next(s for s in json.loads(server.request("GET", f"/api/doc/{DOC}")[1])["segments"]
               if s["segment"] == last["segment"])  # fmt: skip
    assert seg["terms"][last["term"]]["status"] == "not-a-term"
    context.close()


def test_propose_a_term_then_glossary_list_has_it(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server)
    row = reviewable_rows(page).nth(3)
    seg_id = row.get_attribute("id")
    source_word = row.locator("td.src").inner_text().split()[0]
    row.locator("button.propose").click()
    page.fill("#p-source", source_word)
    page.fill("#p-english", "Segment")
    page.select_option("#p-category", "place")
    page.click("#p-submit")
    expect(page.locator("#p-result")).to_contain_text("added")
    listed = subprocess.run(
        [str(DRAGOMAN), "glossary", "list", "-g", "glossary.tsv", "--format", "json"],
        cwd=server.runs.parent, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    entries = {e["id"]: e for e in json.loads(listed.stdout)["entries"]}
    assert "segment" in entries and source_word in json.dumps(entries["segment"], ensure_ascii=False)
    assert entries["segment"]["review"] is True and "unapproved" in entries["segment"]["note"]
    assert seg_id
    context.close()


def test_two_reviewers_on_one_segment_get_a_conflict(browser: object, server: Server) -> None:
    one, two = browser.new_context(), browser.new_context()  # type: ignore[attr-defined]
    a, b = open_doc(one, server), open_doc(two, server)
    target = reviewable_rows(a).nth(6).get_attribute("id")
    for page, text in ((a, "Reviewer one."), (b, "Reviewer two.")):
        page.locator(f"#{target} td.sid").click()
        page.keyboard.press("Enter")
        page.locator(f"#{target} textarea").fill(text)
        page.keyboard.press("Shift+Enter")
    expect(a.locator(f"#{target} td.tgt")).to_contain_text("Reviewer one.")
    b.wait_for_selector(f"#{target} .conflict")
    assert b.locator(f"#{target} textarea").input_value() == "Reviewer two."  # nothing typed is lost
    seg = next(
        s for s in json.loads(server.request("GET", f"/api/doc/{DOC}")[1])["segments"]
        if s["target"].startswith("Reviewer")
    )  # fmt: skip
    assert seg["target"] == "Reviewer one."
    one.close()
    two.close()


def test_text_typed_while_the_server_is_killed_is_not_lost(browser: object, tmp_path: Path) -> None:
    runs = make_runs(tmp_path, [SEED_FILES[1]])
    doc = SEED_FILES[1].stem
    srv = Server(runs)
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = open_doc(context, srv, doc)
        page.keyboard.press("j")
        seg_id = page.locator("tr.seg.current").get_attribute("id")
        page.keyboard.press("Enter")
        page.locator(f"#{seg_id} textarea").fill("Typed, then the server died.")
        srv.stop(signal.SIGKILL)
        page.keyboard.press("Shift+Enter")
        expect(page.locator("#status")).to_contain_text("server unreachable")
        assert page.locator(f"#{seg_id} textarea").input_value() == "Typed, then the server died."
        srv = Server(runs, port=srv.port)  # same origin: the browser kept the draft
        page.reload()
        page.wait_for_selector("body[data-ready='1']")
        page.locator(f"#{seg_id} td.sid").click()
        page.keyboard.press("Enter")
        assert page.locator(f"#{seg_id} textarea").input_value() == "Typed, then the server died."
        page.keyboard.press("Control+Enter")
        page.wait_for_selector(f"#{seg_id}[data-state='reviewed']")
        assert "Typed, then the server died." in page.locator(f"#{seg_id} td.tgt").inner_text()
    finally:
        context.close()
        srv.stop()


def test_hostile_article_runs_no_script(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server, HOSTILE.stem)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.locator("td.src .term").first.hover() if page.locator("td.src .term").count() else None
    assert page.evaluate("window.__pwned") is None and dialogs == [] and page.errors == []
    text = page.locator("body").inner_text()
    assert "<script>window.__pwned=3</script>" in text
    assert page.locator("tbody img, tbody iframe, tbody script").count() == 0
    context.close()


def test_footnote_markers_render_as_superscripts(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server)
    sups = page.locator("td.src sup.marker")
    if not sups.count():
        pytest.skip(f"{DOC} has no footnote markers")
    assert page.locator("td.src").filter(has_text="<sup>").count() == 0
    context.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-n", "0"]))


def test_editor_shows_the_segment_history_as_text(browser: object, server: Server) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_doc(context, server)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    seg_id = page.locator("tr.seg.current").get_attribute("id")
    row = page.locator(f"#{seg_id}")
    page.keyboard.press("Enter")
    expect(row.locator("ol.history li.h-none")).to_have_count(1)
    hostile = '<img src=x onerror="document.title=1"> changed by hand'
    row.locator("textarea").fill(hostile)
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector(f"#{seg_id}[data-state='translated'] ol.history li[data-action='edit']")
    edit = row.locator("ol.history li[data-action='edit']")
    assert edit.locator(".h-text").inner_text() == hostile
    assert "tester" in edit.locator(".h-who").inner_text() and "edit → translated" in edit.inner_text()
    assert row.locator("ol.history img").count() == 0
    # undo: the edit is struck through and the undo is the newest line
    page.keyboard.press("u")
    expect(row.locator("ol.history li[data-action='undo']")).to_have_count(1)
    expect(row.locator("ol.history li.h-undone[data-action='edit']")).to_have_count(1)
    assert page.title() != "1" and page.errors == []
    context.close()
