"""``dragoman serve`` over HTTP: every write route refuses bad input, versions conflict, corrections
survive a killed server, accepted segments reach the translation memory, exports carry the review."""

from __future__ import annotations

import io
import json
import signal
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import HOSTILE, SEED_FILES
from lxml import etree
from serve_helpers import Server, make_runs, write_run

from translate.memory import TranslationMemory
from translate.records import read_records
from translate.serve.workspace import model_input

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
DOC = SEED_FILES[0].stem


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    runs = make_runs(tmp_path_factory.mktemp("serve-api"), [SEED_FILES[0], HOSTILE])
    srv = Server(runs)
    yield srv
    srv.stop()


def _seg(server: Server, doc: str, n: int) -> dict:
    status, text, _ = server.request("GET", f"/api/doc/{doc}")
    assert status == 200
    return [s for s in json.loads(text)["segments"] if s["reviewable"]][n]


WRITES = ["", "/check", "/term", "/propose"]


@pytest.mark.parametrize("suffix", WRITES)
def test_write_routes_refuse_bad_requests(server: Server, suffix: str) -> None:
    csrf = server.csrf(DOC)
    seg = _seg(server, DOC, 0)
    path = f"/api/doc/{DOC}/segment/{seg['segment']}{suffix}"
    body = {"action": "edit", "version": 0, "target": "x", "term": 0, "choice": "word", "source": "a",
            "english": "b", "category": "place"}  # fmt: skip
    # unknown segment and unknown document
    assert server.post(f"/api/doc/{DOC}/segment/b999.s9{suffix}", body, csrf)[0] == 404
    assert server.post(f"/api/doc/nope/segment/b0.s0{suffix}", body, csrf)[0] == 404
    # wrong content type, missing CSRF header, foreign origin
    status, _, _ = server.request(
        "POST", path, body, headers={"Content-Type": "text/plain", "X-CSRF-Token": csrf}
    )
    assert status == 415
    status, _, _ = server.request("POST", path, body, headers={"Content-Type": "application/json"})
    assert status == 403
    assert server.post(path, body, csrf, headers={"Origin": "http://evil.example"})[0] == 403
    # oversized body, not JSON, not an object, wrong field type
    assert server.post(path, None, csrf, raw=b'{"target": "' + b"x" * 70_000 + b'"}')[0] == 413
    assert server.post(path, None, csrf, raw=b"{not json")[0] == 400
    assert server.post(path, [1, 2], csrf)[0] == 400
    assert server.post(path, {**body, "version": "0", "term": "0", "target": 5}, csrf)[0] == 400


def test_stale_version_conflicts_and_nothing_is_overwritten(server: Server) -> None:
    csrf = server.csrf(DOC)
    seg = _seg(server, DOC, 1)
    path = f"/api/doc/{DOC}/segment/{seg['segment']}"
    status, first = server.post(path, {"action": "edit", "version": seg["version"], "target": "First."}, csrf)
    assert status == 200 and first["version"] == seg["version"] + 1 and first["state"] == "translated"
    status, body = server.post(path, {"action": "edit", "version": seg["version"], "target": "Second."}, csrf)
    assert status == 409 and body["current"]["target"] == "First."
    assert _seg(server, DOC, 1)["target"] == "First."
    # reject needs a comment; undo restores the run's English
    assert server.post(path, {"action": "reject", "version": first["version"]}, csrf)[0] == 400
    status, undone = server.post(path, {"action": "undo", "version": first["version"]}, csrf)
    assert status == 200 and undone["target"] == seg["target"] and undone["state"] == "translated"
    status, _, _ = server.request("GET", f"/api/doc/{DOC}/segment/{seg['segment']}/history")
    assert status == 200


def test_edit_that_drops_a_required_term_is_flagged(server: Server) -> None:
    csrf = server.csrf(DOC)
    status, text, _ = server.request("GET", f"/api/doc/{DOC}")
    seg = next(s for s in json.loads(text)["segments"] if any(t["status"] == "satisfied" for t in s["terms"]))
    term = next(t for t in seg["terms"] if t["status"] == "satisfied")
    path = f"/api/doc/{DOC}/segment/{seg['segment']}/check"
    before = seg["version"]
    status, kept = server.post(path, {"target": f"Only {term['required']} here."}, csrf)
    assert (
        status == 200
        and next(t for t in kept["terms"] if t["index"] == term["index"])["status"] == "satisfied"
    )
    status, dropped = server.post(path, {"target": "Nothing of it here."}, csrf)
    assert next(t for t in dropped["terms"] if t["index"] == term["index"])["status"] == "missing"
    assert any(f["code"] == "term_missing" for f in dropped["flags"])
    # nothing was saved by checking
    status, text, _ = server.request("GET", f"/api/doc/{DOC}")
    after = next(s for s in json.loads(text)["segments"] if s["segment"] == seg["segment"])
    assert after["version"] == before and after["target"] == seg["target"]


def test_accepted_segment_enters_the_memory_and_the_exports(server: Server) -> None:
    csrf = server.csrf(DOC)
    seg = _seg(server, DOC, 2)
    path = f"/api/doc/{DOC}/segment/{seg['segment']}"
    english = "A corrected sentence by the reviewer."
    status, done = server.post(path, {"action": "accept", "version": seg["version"], "target": english}, csrf)
    assert status == 200 and done["state"] == "reviewed"
    record = next(r for r in read_records(server.runs / f"{DOC}.jsonl") if r.segment == seg["segment"])
    with TranslationMemory(server.runs / "reviewed.tm.sqlite") as memory:
        memory.describe("any-key", record.source_lang, model_input(record), "any-model", "any")
        assert memory.get("any-key") == english
    nxt = _seg(server, DOC, 3)
    status, rejected = server.post(
        f"/api/doc/{DOC}/segment/{nxt['segment']}",
        {"action": "reject", "version": nxt["version"], "comment": "wrong <b>name</b>"}, csrf,
    )  # fmt: skip
    assert status == 200 and rejected["substate"] == "rejected"
    status, xliff, headers = server.request("GET", f"/export/{DOC}.xlf")
    assert status == 200 and "attachment" in headers["content-disposition"]
    assert '<segment state="reviewed">' in xliff and english in xliff
    assert 'subState="dragoman:rejected"' in xliff and "wrong &lt;b&gt;name&lt;/b&gt;" in xliff
    status, tmx, _ = server.request("GET", f"/export/{DOC}.tmx")
    assert status == 200 and english in tmx and tmx.count("<tu ") == 1
    status, text, _ = server.request("GET", f"/export/{DOC}.txt")
    assert status == 200 and english in text


def _memory_english(server: Server, segment: str) -> str | None:
    record = next(r for r in read_records(server.runs / f"{DOC}.jsonl") if r.segment == segment)
    with TranslationMemory(server.runs / "reviewed.tm.sqlite") as memory:
        memory.describe("any-key", record.source_lang, model_input(record), "any-model", "any")
        return memory.get("any-key")


def test_taking_back_an_accept_takes_it_out_of_the_memory(server: Server) -> None:
    csrf = server.csrf(DOC)
    seg = _seg(server, DOC, 5)
    path = f"/api/doc/{DOC}/segment/{seg['segment']}"

    def act(body: dict) -> dict:
        status, done = server.post(path, {**body, "version": _seg(server, DOC, 5)["version"]}, csrf)
        assert status == 200, done
        return done

    # accept, then undo: the human entry goes
    assert act({"action": "accept", "target": "Accepted once."})["state"] == "reviewed"
    assert _memory_english(server, seg["segment"]) == "Accepted once."
    assert act({"action": "undo"})["state"] == "translated"
    assert _memory_english(server, seg["segment"]) is None
    # accept, then reject: gone again
    act({"action": "accept", "target": "Accepted twice."})
    assert act({"action": "reject", "comment": "not right"})["substate"] == "rejected"
    assert _memory_english(server, seg["segment"]) is None
    # final, then an edit moves it back to translated: gone; undoing the edit brings it back
    act({"action": "final", "target": "Signed off."})
    assert _memory_english(server, seg["segment"]) == "Signed off."
    assert act({"action": "edit", "target": "Edited after sign-off."})["state"] == "translated"
    assert _memory_english(server, seg["segment"]) is None
    assert act({"action": "undo"})["state"] == "final"
    assert _memory_english(server, seg["segment"]) == "Signed off."


def test_security_headers_and_loopback_host_check(server: Server) -> None:
    status, _, headers = server.request("GET", "/")
    csp = headers["content-security-policy"]
    assert status == 200 and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    status, _, _ = server.request("GET", "/", headers={"Host": "evil.example"})
    assert status == 421


def test_corrections_survive_a_killed_server(tmp_path: Path) -> None:
    runs = make_runs(tmp_path, [SEED_FILES[1]])
    doc = SEED_FILES[1].stem
    srv = Server(runs)
    try:
        csrf = srv.csrf(doc)
        seg = _seg(srv, doc, 0)
        body = {"action": "accept", "version": 0, "target": "Kept after kill -9."}
        assert srv.post(f"/api/doc/{doc}/segment/{seg['segment']}", body, csrf)[0] == 200
    finally:
        srv.stop(signal.SIGKILL)
    again = Server(runs)
    try:
        seg2 = _seg(again, doc, 0)
        assert (
            seg2["target"] == "Kept after kill -9." and seg2["state"] == "reviewed" and seg2["version"] == 1
        )
    finally:
        again.stop()


def test_gibberish_does_not_look_like_success(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    records = read_records_for_loops()
    write_run(runs, records, "loops")
    srv = Server(runs)
    try:
        status, page, _ = srv.request("GET", "/")
        assert status == 200 and 'id="warning"' in page and "says nothing" in page
        assert "<svg" in page and page.count("<svg") == 4
        status, text, _ = srv.request("GET", "/api/summary")
        head = json.loads(text)["headline"]
        assert (
            head["term_success"] == 1.0 and head["plausible"] < 0.2 and head["signals"]["repeated_ngram"] > 0
        )
    finally:
        srv.stop()


def read_records_for_loops():
    """A seed whose English has every term (100% term success) but loops like a broken model."""
    from review_records import records_for

    records = records_for(SEED_FILES[0])
    for rec in records:
        if rec.translated:
            rec.target = " ".join(t.required for t in rec.terms) + " of the of the of the of the"
            rec.terms = [t for t in rec.terms if t.status != "review"]
            pos = 0
            for t in rec.terms:
                t.status, t.target_start, t.target_end = "constrained", pos, pos + len(t.required)
                pos += len(t.required) + 1
            rec.alignment = []
    return records


def test_a_non_local_bind_requires_the_token(tmp_path: Path) -> None:
    runs = make_runs(tmp_path, [SEED_FILES[2]])
    srv = Server(runs, host="0.0.0.0")
    try:
        assert srv.token
        assert srv.request("GET", "/")[0] == 401
        assert srv.request("GET", f"/api/doc/{SEED_FILES[2].stem}")[0] == 401
        assert srv.request("GET", "/", headers={"Authorization": "Bearer wrong"})[0] == 401
        assert srv.request("GET", "/", headers={"Authorization": f"Bearer {srv.token}"})[0] == 200
    finally:
        srv.stop()


@pytest.mark.slow
def test_xliff_round_trip_through_another_tool_and_stale_source_refused(tmp_path: Path) -> None:
    import subprocess

    from serve_helpers import DRAGOMAN

    from translate.serve.exports import export_document
    from translate.serve.workspace import Workspace, default_paths

    runs = make_runs(tmp_path, [SEED_FILES[3]])
    doc = SEED_FILES[3].stem
    workspace = Workspace(default_paths(runs))
    first = next(r for r, _ in workspace.current_records(doc) if r.translated)
    xliff = export_document(workspace, doc, "xlf")
    old = f'<target xml:space="preserve">{first.target}</target>'
    assert old in xliff
    edited = xliff.replace(old, '<target xml:space="preserve">Fixed in a CAT tool.</target>', 1)
    edited = edited.replace('<segment state="translated">', '<segment state="final">', 1)
    good, stale = tmp_path / "edited.xlf", tmp_path / "stale.xlf"
    good.write_text(edited, encoding="utf-8")
    source = f'<source xml:space="preserve">{first.source}</source>'
    stale.write_text(
        edited.replace(source, '<source xml:space="preserve">changed</source>', 1), encoding="utf-8"
    )

    def run(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(DRAGOMAN), "review", "import", str(path), "--runs", str(runs)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    refused = run(stale)
    assert refused.returncode == 2 and "no longer matches" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert workspace.store.states(doc) == {}  # nothing was written
    done = run(good)
    assert done.returncode == 0, done.stderr
    assert "1 segments updated" in done.stderr
    state = workspace.store.states(doc)[(doc, first.segment)]
    assert state.target == "Fixed in a CAT tool." and state.state == "final"
    assert "1 segments updated" not in run(good).stderr  # a second import changes nothing
    with TranslationMemory(runs / "reviewed.tm.sqlite") as memory:
        memory.describe("k", first.source_lang, model_input(first), "m", "b")
        assert memory.get("k") == "Fixed in a CAT tool."


def _download(server: Server, path: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(server.base + path, timeout=30) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def test_whole_run_exports_one_file_per_document_and_language(tmp_path: Path) -> None:
    fa_doc, ar_doc = SEED_FILES[0].stem, SEED_FILES[4].stem
    srv = Server(make_runs(tmp_path, [SEED_FILES[0], SEED_FILES[4]]))
    try:
        accepted = {}
        for n, doc in enumerate((fa_doc, ar_doc)):
            csrf = srv.csrf(doc)
            seg = _seg(srv, doc, 1)
            english = f"Reviewed English number {n + 1}."
            status, _ = srv.post(
                f"/api/doc/{doc}/segment/{seg['segment']}",
                {"action": "accept", "version": seg["version"], "target": english}, csrf,
            )  # fmt: skip
            assert status == 200
            accepted[doc] = english
        status, text, _ = srv.request("GET", "/api/exports")
        names = [e["name"] for e in json.loads(text)["exports"]]
        assert names == ["text.zip", "markdown.zip", "run.ar.xlf", "run.fa.xlf", "reviewed.tmx"]
        status, page, _ = srv.request("GET", "/")
        assert all(f'href="/export-run/{name}"' in page for name in names)
        # one corrected file per document, each the same as that document's own export
        for name, ext in (("text.zip", "txt"), ("markdown.zip", "md")):
            status, data, headers = _download(srv, f"/export-run/{name}")
            assert status == 200 and "attachment" in headers["content-disposition"]
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                assert sorted(archive.namelist()) == sorted(f"{d}.reviewed.{ext}" for d in (fa_doc, ar_doc))
                for doc in (fa_doc, ar_doc):
                    member = archive.read(f"{doc}.reviewed.{ext}").decode("utf-8")
                    assert member == srv.request("GET", f"/export/{doc}.{ext}")[1]
                    assert accepted[doc] in member
        # XLIFF 2: one valid file per source language, one <file> per document of that language
        schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "xliff_core_2.0.xsd")))
        for lang, doc in (("fa", fa_doc), ("ar", ar_doc)):
            status, data, _ = _download(srv, f"/export-run/run.{lang}.xlf")
            tree = etree.fromstring(data)
            assert status == 200 and schema.validate(tree), schema.error_log
            assert tree.get("srcLang") == lang
            files = tree.findall("{urn:oasis:names:tc:xliff:document:2.0}file")
            assert [f.get("id") for f in files] == [doc]
            assert accepted[doc] in data.decode("utf-8")
            assert '<segment state="reviewed">' in data.decode("utf-8")
        # TMX: the reviewed segments of every document
        status, data, _ = _download(srv, "/export-run/reviewed.tmx")
        tmx = data.decode("utf-8")
        assert etree.DTD(str(Path(__file__).parent / "schemas" / "tmx14.dtd")).validate(
            etree.fromstring(data)
        )
        assert status == 200 and tmx.count("<tu ") == 2 and all(e in tmx for e in accepted.values())
        assert srv.request("GET", "/export-run/run.de.xlf")[0] == 404
    finally:
        srv.stop()
