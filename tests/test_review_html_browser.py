"""The review page in headless Chromium: offline, right-to-left, interactive, and inert on hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HOSTILE, SEED_FILES
from review_records import records_for

from translate.records import SegmentRecord
from translate.review import write_review

pytestmark = pytest.mark.browser


class Visit:
    """A page opened from a file, with everything it asked for and complained about."""

    def __init__(self, browser: object, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.url = path.as_uri()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("review-pages")
    out = {}
    for path in [*SEED_FILES, HOSTILE]:
        records = records_for(path, hostile_terms=path == HOSTILE)
        out[path.stem] = folder / f"{path.stem}.html"
        write_review(records, out[path.stem])
    everything: list[SegmentRecord] = [r for p in [*SEED_FILES, HOSTILE] for r in records_for(p)]
    out["all"] = folder / "all.html"
    write_review(everything, out["all"])
    return out


@pytest.mark.parametrize("name", [p.stem for p in [*SEED_FILES, HOSTILE]] + ["all"])
def test_page_is_offline_quiet_and_right_to_left(browser: object, pages: dict[str, Path], name: str) -> None:
    visit = Visit(browser, pages[name])
    page = visit.page
    assert visit.requests == [visit.url]
    assert visit.errors == [] and visit.dialogs == []
    directions = page.eval_on_selector_all(
        "tr.seg td.src[lang=fa], tr.seg td.src[lang=ar]", "els => els.map(e => getComputedStyle(e).direction)"
    )
    assert directions and set(directions) == {"rtl"}
    english = page.eval_on_selector_all(
        "td.tgt[lang=en]", "els => els.map(e => getComputedStyle(e).direction)"
    )
    assert english and set(english) == {"ltr"}
    page.close()


def _term_pair(page: object) -> tuple[object, object]:
    key = page.locator("td.tgt .term").first.get_attribute("data-t")  # type: ignore[attr-defined]
    return (
        page.locator(f'td.src [data-t="{key}"]'),  # type: ignore[attr-defined]
        page.locator(f'td.tgt [data-t="{key}"]'),  # type: ignore[attr-defined]
    )


def test_hover_and_focus_highlight_the_counterpart(
    browser: object, pages: dict[str, Path], tmp_path: Path
) -> None:
    visit = Visit(browser, pages["all"])
    page = visit.page
    source, target = _term_pair(page)
    assert "hl" not in (target.get_attribute("class") or "")
    source.hover()
    assert "hl" in (target.get_attribute("class") or "").split()
    tip = page.locator("#tip")
    assert tip.is_visible() and "category:" in (tip.text_content() or "")
    page.screenshot(path=str(tmp_path / "hover.png"))
    page.mouse.move(2, 2)
    page.locator("h1").hover()
    assert "hl" not in (target.get_attribute("class") or "").split() and not tip.is_visible()
    target.focus()
    assert "hl" in (source.get_attribute("class") or "").split()
    assert tip.is_visible()
    page.keyboard.press("Tab")  # focus moves on: the old pair is no longer lit
    assert "hl" not in (source.get_attribute("class") or "").split()
    # word alignment: hovering an aligned source word lights its target span
    word = page.locator("td.src .w:not(.term .w)").first
    ids = (word.get_attribute("data-l") or "").split()
    word.hover()
    lit = page.eval_on_selector_all("td.tgt .w.hl", "els => els.map(e => e.getAttribute('data-l'))")
    assert lit and all(set(ids) & set(x.split()) for x in lit)
    assert visit.errors == []
    page.close()


def test_flagged_only_filter(browser: object, pages: dict[str, Path], tmp_path: Path) -> None:
    visit = Visit(browser, pages["all"])
    page = visit.page
    total = page.locator("tr.seg").count()
    flagged = page.locator("tr.seg.flagged").count()
    assert 0 < flagged < total
    assert page.locator("tr.seg:not(.flagged)").first.is_visible()
    page.locator("#flagged-only").click()
    assert not page.locator("tr.seg:not(.flagged)").first.is_visible()
    visible_rows = page.eval_on_selector_all(
        "tr.seg", "els => els.filter(e => e.offsetParent !== null).length"
    )
    assert visible_rows == flagged
    page.screenshot(path=str(tmp_path / "flagged.png"))
    page.locator("#flagged-only").click()
    assert page.locator("tr.seg:not(.flagged)").first.is_visible()
    page.close()


def test_hostile_input_runs_nothing_and_shows_the_payload(
    browser: object, pages: dict[str, Path], tmp_path: Path
) -> None:
    visit = Visit(browser, pages["hostile"])
    page = visit.page
    key = page.locator("td.src .term").first
    key.hover()
    key.focus()
    page.locator("#flagged-only").click()
    page.locator("#flagged-only").click()
    assert page.evaluate("window.__pwned") is None
    assert visit.dialogs == [] and visit.requests == [visit.url] and visit.errors == []
    text = page.locator("body").inner_text()
    assert "<script>window.__pwned=3</script>" in text
    assert '"><img src=x onerror="window.__pwned=2">' in text
    assert "⟨U+202E⟩" in text
    assert page.locator("img, iframe, link, svg, a[href^=javascript]").count() == 0
    assert "window.__pwned=9" in (page.locator("#tip").text_content() or "")  # a note, shown as text
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    page.close()


def test_print_layout_keeps_source_and_target_side_by_side(browser: object, pages: dict[str, Path]) -> None:
    visit = Visit(browser, pages[SEED_FILES[0].stem])
    page = visit.page
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    row = page.locator("tr.seg").nth(2)
    src = row.locator("td.src").bounding_box()
    tgt = row.locator("td.tgt").bounding_box()
    assert src and tgt and abs(src["y"] - tgt["y"]) < 1 and src["x"] < tgt["x"]
    page.close()
