"""The front door: ``Translator`` translates strings and files with the CLI's defaults.

>>> from translate import Translator                         # doctest: +SKIP
>>> tr = Translator()                                        # doctest: +SKIP
>>> tr.translate("سازمان پیمان امنیت جمعی").english         # doctest: +SKIP

Defaults equal ``dragoman translate``'s: the ``nllb-600m`` preset, the shipped default glossary,
terms constrained during decoding. The model is loaded on first use, once; one ``Translator`` may be
shared by several threads (a lock serializes the model calls, so results equal a serial run).

This is a thin layer over ``translate.pipeline`` (``translate_document`` for strings,
``translate_paths`` for files); it adds no behaviour of its own beyond choosing defaults.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from translate.backends.base import DecodeOptions, TranslationBackend
from translate.errors import DragomanError
from translate.pipeline.batch import (
    BatchResult,
    load_run_backend,
    parse_source,
    translate_parsed,
    translate_paths,
)
from translate.pipeline.settings import DEFAULT_MODEL, RunSettings
from translate.pipeline.sink import RecordSink
from translate.pipeline.terms_hook import check_terms_mode
from translate.records import SegmentRecord, TermRecord

if TYPE_CHECKING:
    from glossary.model import Glossary
    from translate.pipeline.cache import TranslationCache

__all__ = ["DEFAULT_GLOSSARY", "TranslationResult", "Translator"]

DEFAULT_GLOSSARY: tuple[str, ...] = ()  # the shipped default glossary alone
STRING_ID = "text"  # document id of records made from a string
STRING_PATH = "<text>"  # their ``path``


@dataclass
class TranslationResult:
    """One translated string: the English text and the records it was made from."""

    source: str  # the text as given
    english: str  # the source's layout with every translated sentence in English
    source_lang: str  # the detected (or given) language of the text
    segments: list[SegmentRecord] = field(default_factory=list)  # one record per segment, in order

    @property
    def terms(self) -> list[TermRecord]:
        """Every glossary hit of every segment (status ``constrained``, ``satisfied``, ``missing``...)."""
        return [term for record in self.segments for term in record.terms]

    @property
    def flags(self) -> list[str]:
        """Distinct review flags of the segments (``term_missing``, ``empty_translation``...), in order."""
        return list(dict.fromkeys(flag for record in self.segments for flag in record.flags))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the texts, the flags and the JSONL records under ``segments``."""
        return {
            "source": self.source,
            "english": self.english,
            "source_lang": self.source_lang,
            "flags": self.flags,
            "segments": [record.to_dict() for record in self.segments],
        }


class Translator:
    """Persian/Arabic to English with an enforced glossary; the library twin of ``dragoman translate``.

    ``model``: preset (``nllb-600m``, ``opus-mt-mul-en``...), Hugging Face hub id or model folder.
    ``glossary``: ``DEFAULT_GLOSSARY`` (the shipped glossary), a file or list of files layered over it
    (later files override by id), a loaded ``glossary.model.Glossary`` used as it is, or ``None`` for
    no glossary (terms are then neither enforced nor reported). ``terms``: ``constrain`` (placed
    during decoding), ``post-edit`` (corrected after decoding), ``report`` (only listed, with what
    became of each) or ``off``. ``source_lang``: ``fa``,
    ``prs``, ``tg`` or ``ar``; ``None`` detects it per text. ``memory``: a translation memory file
    (SQLite) to reuse and fill. ``engine``: an already loaded backend (then ``model``, ``backend``,
    ``device``, ``precision``, ``threads`` and ``english_vocab`` are not used).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        glossary: str | Path | Sequence[str | Path] | Glossary | None = DEFAULT_GLOSSARY,
        terms: str = "constrain",
        backend: str = "transformers",
        device: str = "cpu",
        precision: str | None = None,
        beam: int = DecodeOptions.beam_size,
        batch_size: int = DecodeOptions.batch_size,
        max_length_ratio: float = DecodeOptions.max_length_ratio,
        source_lang: str | None = None,
        threads: int | None = None,
        english_vocab: bool = False,
        max_segment_chars: int | None = None,
        memory: str | Path | None = None,
        engine: TranslationBackend | None = None,
    ) -> None:
        check_terms_mode(terms)
        glossary_setting = _glossary_setting(glossary)
        settings = RunSettings(
            model=model,
            backend=backend,
            device=device,
            threads=threads,
            precision=precision,
            english_vocab=english_vocab,
            options=DecodeOptions(beam_size=beam, batch_size=batch_size, max_length_ratio=max_length_ratio),
            source_lang=source_lang,
            max_segment_chars=max_segment_chars,
            glossary=glossary_setting,
            terms_mode="off" if glossary is None else terms,
        )
        self._setup(settings, memory, engine)

    @classmethod
    def from_settings(
        cls,
        settings: RunSettings,
        *,
        memory: str | Path | None = None,
        engine: TranslationBackend | None = None,
    ) -> Translator:
        """A ``Translator`` for ``settings`` as they are (the ``dragoman`` command builds them)."""
        translator = cls.__new__(cls)
        translator._setup(settings, memory, engine)
        return translator

    def _setup(
        self, settings: RunSettings, memory: str | Path | None, engine: TranslationBackend | None
    ) -> None:
        self.settings = settings
        self.memory = Path(memory) if memory is not None else None
        self._engine = engine
        self._lock = threading.RLock()

    # -- the model --------------------------------------------------------------------------------

    @property
    def engine(self) -> TranslationBackend:
        """The loaded backend (loaded now when this is the first use; once per ``Translator``)."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = load_run_backend(self.settings)
        return self._engine

    # -- strings ----------------------------------------------------------------------------------

    def translate(self, text: str, *, source_lang: str | None = None) -> TranslationResult:
        """Translate ``text`` (any length; its lines, lists and blank lines keep their layout)."""
        from translate.formats.text import TextFormat
        from translate.outputs import get_writer

        source = TextFormat().read(text.encode("utf-8"), STRING_PATH, "utf-8")
        document = parse_source(
            source, self.settings, doc_id=STRING_ID, path=STRING_PATH, source_lang=source_lang
        )
        engine = self.engine
        with self._lock, self._cache() as cache:
            records = translate_parsed(document, engine, self.settings, cache)
        english = get_writer("text").render(document, records)
        return TranslationResult(text, english, document.lang, records)

    # -- files ------------------------------------------------------------------------------------

    def translate_file(
        self, path: str | Path, out: str | Path, *, format: str | None = None, force: bool = True
    ) -> Path:
        """Translate the file ``path`` into ``out`` (written atomically) and return ``out``.

        ``format``: an output format (``text``, ``markdown``, ``jsonl``, ``json``, ``html``, ``docx``,
        ``srt``, ``vtt``); by default the one ``out``'s extension names, else ``text``. ``force=False``
        keeps an existing ``out``. A file that cannot be translated raises ``DragomanError``.
        """
        result = self.run([path], Path(out), format=format or format_for_output(out), force=force)
        (item,) = result.results
        if item.status == "failed":
            raise DragomanError(str(path), _problem(item.error, item.source))
        return Path(out)

    def translate_files(
        self,
        inputs: Sequence[str | Path],
        out_dir: str | Path,
        *,
        format: str = "text",
        force: bool = False,
    ) -> BatchResult:
        """Translate files, folders (their ``*.txt``) and glob patterns into ``out_dir/<stem>.<ext>``.

        Like ``dragoman translate ... -o DIR/``: existing outputs are kept unless ``force``, and a
        failing input is reported in the result (``.failed``) while the others are written.
        """
        folder = str(out_dir)
        return self.run(
            list(inputs), folder if folder.endswith(("/", "\\")) else folder + "/", format=format, force=force
        )

    def run(
        self,
        inputs: Sequence[str | Path],
        output: str | Path | None = None,
        *,
        format: str = "text",
        force: bool = False,
        quiet: bool = True,
        keep_records: bool = False,
        cache: TranslationCache | None = None,
        stdout: TextIO | None = None,
        sink: RecordSink | None = None,
    ) -> BatchResult:
        """The run ``dragoman translate`` makes: files, folders, globs and ``-`` into ``output``.

        ``output``: ``None`` (standard output), a file (one input), or a folder (``DIR/``: one file per
        input, existing ones kept unless ``force``). The model is loaded only if an input needs it.
        ``quiet=False`` shows a progress bar; ``keep_records`` keeps each document and its records in
        the result; ``sink`` receives them as they are made instead (``translate.review.ReviewPage``,
        which keeps memory bounded on large inputs); ``cache``: a translation memory the caller
        opened (else this ``Translator``'s ``memory``, else a cache of this run). A failing input is
        reported in the result while the others are written.
        """
        memory = nullcontext(cache) if cache is not None else self._cache()
        with self._lock, memory as run_cache:
            return translate_paths(
                inputs,
                output,
                format,
                self.settings,
                force=force,
                quiet=quiet,
                backend=lambda: self.engine,
                cache=run_cache,
                keep_records=keep_records,
                stdout=stdout,
                sink=sink,
            )

    # -- memory -----------------------------------------------------------------------------------

    def _cache(self) -> AbstractContextManager[TranslationCache | None]:
        """The translation memory for one call (opened in the calling thread; SQLite connections stay
        in theirs), or none: the pipeline then caches repeated sentences within the call."""
        if self.memory is None:
            return nullcontext(None)
        from translate.memory import TranslationMemory

        return TranslationMemory(self.memory, self._memory_key())

    def _memory_key(self) -> str:
        from translate.memory import glossary_hash

        mode, glossary = self.settings.terms_mode, self.settings.glossary
        if mode == "off" or isinstance(glossary, list | tuple | type(None)):
            return glossary_hash(glossary, mode)
        identity = glossary.hash
        return identity if mode == "constrain" else f"{identity}:{mode}"


def format_for_output(out: str | Path) -> str:
    """The output format an output file's extension names (``a.en.md`` -> ``markdown``), else ``text``."""
    from translate.outputs import WRITERS

    suffix = Path(out).suffix.lower().lstrip(".")
    for name, writer in WRITERS.items():
        if suffix in (name, writer.extension):
            return name
    return "text"


def _glossary_setting(glossary: Any) -> Any:
    """What ``RunSettings.glossary`` takes: a list of checked paths, a loaded glossary, or None."""
    if glossary is None:
        return None
    if isinstance(glossary, str | Path):
        glossary = [glossary]
    if isinstance(glossary, Sequence):
        paths = [Path(p) for p in glossary]
        for path in paths:
            if not path.is_file():
                raise DragomanError(str(path), "glossary file not found")
        return paths
    return glossary


def _problem(error: str, name: str) -> str:
    """The problem part of a failed input's one-line message (which starts with the input's name)."""
    prefix = f"{name}: "
    return error[len(prefix) :] if error.startswith(prefix) else error
