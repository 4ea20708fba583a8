"""``glossary.validate``: errors that make a glossary unusable, warnings that only inform."""

from __future__ import annotations

from pathlib import Path

from glossary.entry import TSV_COLUMNS
from glossary.validate import ERROR, WARNING, validate

HEADER = "\t".join(TSV_COLUMNS)


def _row(eid, english, fa, category="organization", unapproved="", confirm="", exclude=""):
    return "\t".join([eid, english, "", "full", category, fa, "", unapproved, confirm, exclude, "", "", ""])


def _file(tmp_path: Path, rows: list[str], name: str = "user.tsv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _errors(issues):
    return [i for i in issues if i.level == ERROR]


def test_default_glossary_has_no_errors():
    assert _errors(validate([])) == []


def test_clean_user_file_passes(tmp_path):
    path = _file(tmp_path, [_row("acme", "Acme", "آکمه")])
    assert validate([path], include_default=False) == []


def test_duplicate_ids_are_errors(tmp_path):
    path = _file(tmp_path, [_row("acme", "Acme", "آکمه"), _row("acme", "Acme Two", "آکمه دو")])
    (issue,) = _errors(validate([path], include_default=False))
    assert "duplicate id 'acme'" in issue.problem


def test_form_claimed_by_two_entries_without_rules_is_an_error(tmp_path):
    # same form after normalization: ZWNJ vs space, Arabic vs Persian yeh
    path = _file(tmp_path, [_row("a", "A", "حزب‌التحریر"), _row("b", "B", "حزب التحرير")])
    (issue,) = _errors(validate([path], include_default=False))
    assert "claimed by several entries" in issue.problem and "a (" in issue.problem and "b (" in issue.problem


def test_shared_form_with_context_rules_is_only_a_warning(tmp_path):
    path = _file(
        tmp_path,
        [
            _row("city", "Dushanbe", "دوشنبه", "place"),
            _row("monday", "Monday", "دوشنبه", "event", exclude="شهر"),
        ],
    )
    issues = validate([path], include_default=False)
    assert _errors(issues) == [] and [i.level for i in issues] == [WARNING]


def test_approved_term_listed_as_unapproved_is_an_error(tmp_path):
    path = _file(tmp_path, [_row("acme", "Acme", "آکمه", unapproved="ACME | Acme Inc")])
    (issue,) = _errors(validate([path], include_default=False))
    assert "also listed as unapproved" in issue.problem


def test_bad_rows_are_reported_with_line_and_the_rest_still_checked(tmp_path):
    path = _file(
        tmp_path,
        [_row("acme", "Acme", "آکمه", category="company"), _row("x", "X", "ایکس"), _row("y", "Y", "ایکس")],
    )
    problems = [(i.where, i.problem) for i in _errors(validate([path], include_default=False))]
    assert any(w.startswith(f"{path}:2:") and "unknown category 'company'" in p for w, p in problems)
    assert any("claimed by several entries" in p for _, p in problems)


def test_form_that_normalizes_to_nothing_is_an_error(tmp_path):
    path = _file(tmp_path, [_row("q", "Quote", "« »")])
    (issue,) = _errors(validate([path], include_default=False))
    assert "empty after normalization" in issue.problem


def test_user_file_conflicting_with_default_is_caught(tmp_path):
    path = _file(tmp_path, [_row("nato2", "NATO Two", "ناتو")])
    assert any("ناتو" in i.problem for i in _errors(validate([path])))


def test_form_that_can_never_match_is_a_warning(tmp_path):
    rows = [_row("x_threshold", "Threshold", "در آستانه", exclude="در آستانه")]
    issues = validate([_file(tmp_path, rows)], include_default=False)
    assert not _errors(issues)
    assert [i.entry for i in issues if i.level == WARNING and "never matches" in i.problem] == ["x_threshold"]
