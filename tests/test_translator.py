"""``from translate import Translator``: two lines translate a string with the glossary enforced.

The tiny NLLB model (random weights) sits in a fake Hugging Face cache under the real hub id, so
``Translator()`` loads it exactly as it would load NLLB-200 600M; nothing in the path is mocked.
"""

from __future__ import annotations

import inspect
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from terms_fixtures import accepted_renderings

from translate.backends.base import TranslationBackend
from translate.errors import DragomanError, ModelNotFoundError
from translate.pipeline.batch import RunSettings

REPO = Path(__file__).resolve().parent.parent
SEED = next((REPO / "seeds").glob("003_*.txt"))
FAST = {"beam": 1, "max_length_ratio": 0.3}


def seed_paragraphs() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def hub(_fake_hf_cache_root: Path) -> Iterator[Path]:
    """The fake hub cache (tiny NLLB as facebook/nllb-200-distilled-600M), offline, for the module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HOME", str(_fake_hf_cache_root))
        mp.setenv("HF_HUB_CACHE", str(_fake_hf_cache_root / "hub"))
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
        yield _fake_hf_cache_root


@pytest.fixture(scope="module")
def tr(hub: Path):
    from translate import Translator

    return Translator(**FAST)


def test_two_lines_enforce_the_default_glossary(tr) -> None:
    """A seed headline naming Putin, Afghanistan and Tajikistan: each term is placed in the English."""
    headline = seed_paragraphs()[0]
    result = tr.translate(headline)
    assert result.source_lang == "fa" and result.english.strip()
    assert {"putin", "afghanistan", "tajikistan"} <= {t.entry for t in result.terms}
    for record in result.segments:
        assert record.glossary.startswith("default@") and record.model == "nllb-600m"
        for term in record.terms:
            if term.status == "review":
                continue
            assert term.status in {"constrained", "satisfied"}, term
            span = record.target[term.target_start : term.target_end]
            assert span in {term.required, *accepted_renderings(term.entry)}, (term, record.target)
            assert span in result.english
    as_json = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert as_json["english"] == result.english and len(as_json["segments"]) == len(result.segments)


def test_defaults_equal_the_cli_defaults(hub: Path) -> None:
    """Library users get what ``dragoman translate`` gives: same model, glossary on, constrained."""
    from translate import Translator
    from translate.cli.translate_cmd import translate as cli_translate

    cli = {name: p.default for name, p in inspect.signature(cli_translate).parameters.items()}
    settings = Translator().settings
    assert settings.model == cli["model"] and settings.terms_mode == cli["terms"] == "constrain"
    assert settings.backend == cli["backend"] and settings.device == cli["device"]
    assert settings.options.beam_size == cli["beam"] and settings.options.batch_size == cli["batch_size"]
    assert settings.glossary == []  # the shipped default glossary, with no extra files
    assert RunSettings().terms_mode == "constrain"


def test_layout_is_kept_and_terms_can_be_turned_off(tr, hub: Path) -> None:
    from translate import Translator

    text = "\n\n".join(seed_paragraphs()[:3]) + "\n"
    result = tr.translate(text)
    assert result.english.count("\n") == text.count("\n") and result.english.endswith("\n")
    plain = Translator(glossary=None, engine=tr.engine, **FAST).translate(text)
    assert plain.terms == [] and {r.glossary for r in plain.segments} == {""}


def test_report_mode_lists_terms_and_changes_nothing(tr, hub: Path) -> None:
    """``terms="report"``: the English of ``terms="off"``, with every glossary hit and its fate."""
    from translate import Translator

    text = "\n\n".join(seed_paragraphs()[:2])
    off = Translator(terms="off", engine=tr.engine, **FAST).translate(text)
    report = Translator(terms="report", engine=tr.engine, **FAST).translate(text)
    assert report.english == off.english
    assert {"putin", "afghanistan", "tajikistan"} <= {t.entry for t in report.terms}
    assert {t.status for t in report.terms} <= {"satisfied", "missing", "review"}
    assert "term_post_edited" not in report.flags


def test_translate_file_on_a_seed(tr, tmp_path: Path) -> None:
    """Output format from the extension; the JSONL of the file equals translating its text."""
    out = tr.translate_file(SEED, tmp_path / "003.en.jsonl")
    assert out == tmp_path / "003.en.jsonl"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    direct = tr.translate(SEED.read_text(encoding="utf-8"))
    assert [r["target"] for r in records] == [r.target for r in direct.segments]
    assert records[0]["document"] == "003_713b0ff946733b37"
    markdown = tr.translate_file(SEED, tmp_path / "003.en.md")
    assert markdown.read_text(encoding="utf-8").startswith(direct.segments[0].target[:20])
    with pytest.raises(DragomanError, match="overwrite an input"):
        tr.translate_file(SEED, SEED)


def test_translate_files_into_a_folder(tr, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(seed_paragraphs()[0], encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = tr.translate_files([folder], tmp_path / "out", format="markdown")
    assert [Path(item.output).name for item in result.written] == ["a.md"]
    assert [item.source for item in result.failed] == [str(folder / "empty.txt")]


class ConcurrencyProbe(TranslationBackend):
    """The real tiny model behind a counter of how many threads are inside ``translate`` at once."""

    def __init__(self, real: TranslationBackend) -> None:
        super().__init__(real.model_id)
        self.real, self.name, self.source_languages = real, real.name, real.source_languages
        self.precision, self.english_vocab = real.precision, real.english_vocab
        self.inside = self.most = 0
        self._count = threading.Lock()

    def translate(self, texts, source_lang, *args, **kwargs):
        with self._count:
            self.inside += 1
            self.most = max(self.most, self.inside)
        try:
            return self.real.translate(texts, source_lang, *args, **kwargs)
        finally:
            with self._count:
                self.inside -= 1


def test_one_translator_shared_by_threads_gives_the_serial_results(tr, hub: Path) -> None:
    from translate import Translator

    probe = ConcurrencyProbe(tr.engine)
    shared = Translator(engine=probe, **FAST)
    texts = seed_paragraphs()[:4]
    serial = [shared.translate(t).to_dict() for t in texts]
    start = threading.Barrier(len(texts))

    def run(text: str) -> dict:
        start.wait()  # all threads call translate at the same moment
        return shared.translate(text).to_dict()

    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        parallel = list(pool.map(run, texts))
    assert parallel == serial
    assert probe.most == 1  # the model is never entered by two threads at once


def test_the_model_is_loaded_once_by_concurrent_first_uses(hub: Path) -> None:
    from translate import Translator

    fresh = Translator(**FAST)
    start = threading.Barrier(3)

    def first_use(_: int) -> TranslationBackend:
        start.wait()
        return fresh.engine

    with ThreadPoolExecutor(max_workers=3) as pool:
        engines = list(pool.map(first_use, range(3)))
    assert len({id(engine) for engine in engines}) == 1


def test_missing_model_is_one_clear_error_at_first_use(hub: Path, tmp_path: Path) -> None:
    from translate import Translator

    missing = Translator(str(tmp_path / "no-such-model"))  # nothing is loaded yet
    with pytest.raises(ModelNotFoundError) as err:
        missing.translate(seed_paragraphs()[0])
    assert "no-such-model" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ModelNotFoundError, match="not in the Hugging Face cache"):
        Translator("facebook/nllb-200-3.3B").translate(seed_paragraphs()[0])


def test_bad_options_are_named_in_library_words(tmp_path: Path) -> None:
    from translate import Translator

    with pytest.raises(DragomanError, match=r"^terms mode: unknown mode 'strict'"):
        Translator(terms="strict")
    with pytest.raises(DragomanError, match="glossary file not found"):
        Translator(glossary=tmp_path / "missing.tsv")
