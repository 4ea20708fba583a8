"""Translate a folder of documents on a Ray cluster: a pool of actors, each loading the model once.

Plain Ray actors (``ray.util.ActorPool``), not Ray Data: the unit of work is a small list of
documents, each actor parses, looks segments up in the translation memory, translates the misses
and writes each output atomically with exactly the code the single-machine run uses
(``translate.pipeline.batch``), so outputs are byte-for-byte the same. Ray Data would add a
streaming executor, object-store copies of every segment and a second process pool on top of the
actors for no gain at this granularity (and it is heavy on a 2-core machine).

Failures: actors are created with ``max_restarts``/``max_task_retries``, so an actor that dies
(out of memory, a killed node) is restarted and its task retried; finished outputs are never
redone (they exist), finished segments are memory hits. The memory is one SQLite file shared by
all actors (WAL; see ``translate.memory``), so every actor must see the same filesystem.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from translate.errors import DragomanError
from translate.memory import RunCounts, TranslationMemory, glossary_hash
from translate.pipeline.batch import BatchResult, DocumentResult, OutputPlan, RunSettings

CRASH_MARKER_ENV = "DRAGOMAN_TEST_ACTOR_CRASH_MARKER"  # tests only: the first batch kills its actor
IN_MEMORY = ":memory:"


@dataclass
class ClusterOptions:
    """How to run on Ray: where the cluster is, how many actors, documents per task."""

    address: str | None = None  # None: start a local cluster
    actors: int = 2
    documents_per_task: int = 4
    local_cpus: int = 2  # CPUs of the local cluster started when address is None
    max_restarts: int = 3
    actor_env: dict[str, str] = field(default_factory=dict)  # extra environment for the actors


@dataclass
class ClusterResult:
    """Per-document outcomes plus memory counts summed over all actors."""

    batch: BatchResult
    counts: RunCounts = field(default_factory=RunCounts)


def _open(tm_path: str | None, glossary: str) -> TranslationMemory:
    return TranslationMemory(tm_path or IN_MEMORY, glossary)


class Translator:
    """One actor: the model loaded once, the memory opened once, documents translated on request."""

    def __init__(
        self, settings: RunSettings, fmt: str, tm_path: str | None, glossary: str, force: bool
    ) -> None:
        from translate.outputs import get_writer
        from translate.pipeline.batch import _backend_loader

        self.settings = settings
        self.writer = get_writer(fmt)
        self.force = force
        self.memory = _open(tm_path, glossary)
        self.get_backend = _backend_loader(settings, None)

    def translate(self, plans: list[tuple[int, str, str]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """Translate and write each (index, source, target); the outcomes and this task's memory counts."""
        from translate.pipeline.batch import BatchRun, translate_one
        from translate.pipeline.progress import BatchProgress

        _crash_once_for_tests()
        before = self.memory.counts.as_dict()
        outcomes = []
        with BatchProgress(len(plans), enabled=False) as progress:
            run = BatchRun(
                self.writer, self.settings, self.get_backend, self.memory, progress, force=self.force
            )
            for index, source, target in plans:
                result = translate_one(OutputPlan(Path(source), Path(target)), run)
                outcomes.append(
                    {"index": index, "output": result.output, "status": result.status, "error": result.error}
                )
        after = self.memory.counts.as_dict()
        return outcomes, {name: after[name] - before[name] for name in after}


def _crash_once_for_tests() -> None:
    marker = os.environ.get(CRASH_MARKER_ENV)
    if marker and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        os._exit(1)


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise DragomanError(
            "--engine ray", "Ray is not installed; pip install 'dragoman[cluster]' (or: pip install ray)"
        ) from None
    return ray


def start_ray(options: ClusterOptions) -> Any:
    """Connect to ``options.address`` or start a small local cluster; never phones home, no dashboard."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray = _import_ray()
    if ray.is_initialized():
        return ray
    try:
        if options.address:
            ray.init(address=options.address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=options.local_cpus, include_dashboard=False, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = f"--address {options.address}" if options.address else "--engine ray"
        raise DragomanError(where, f"cannot start or reach the Ray cluster ({err})") from None
    return ray


def translate_on_ray(
    inputs: Sequence[str | Path],
    output: str | Path,
    fmt: str = "text",
    settings: RunSettings | None = None,
    *,
    tm_path: str | Path | None = None,
    cluster: ClusterOptions | None = None,
    force: bool = False,
    quiet: bool = True,
) -> ClusterResult:
    """Translate ``inputs`` into the folder ``output`` with a pool of Ray actors (see module doc)."""
    from translate.io.discover import discover_inputs
    from translate.outputs import get_writer
    from translate.pipeline.batch import plan_outputs
    from translate.pipeline.progress import BatchProgress

    settings = settings or RunSettings()
    cluster = cluster or ClusterOptions()
    writer = get_writer(fmt)
    sources = discover_inputs([str(item) for item in inputs])
    if any(str(src) == "-" for src in sources):
        raise DragomanError("-", "standard input cannot be translated on a cluster; name files or folders")
    folder = str(output) if str(output).endswith(("/", os.sep)) else str(output) + os.sep
    plans = plan_outputs(sources, folder, writer)
    glossary = glossary_hash(settings.glossary, settings.terms_mode)
    tm = str(Path(tm_path).resolve()) if tm_path else None
    if tm:
        _open(tm, glossary).close()  # create it (and fail early on a corrupt file) before the actors start
    if settings.threads is None:
        settings = replace(settings, threads=1)  # one actor per CPU: no thread oversubscription
    todo = [p for p in plans if force or p.target is None or not p.target.exists()]
    results = {
        i: DocumentResult(_name(p), str(p.target), "skipped") for i, p in enumerate(plans) if p not in todo
    }
    counts = RunCounts()
    if todo:
        ray = start_ray(cluster)
        from ray.util import ActorPool

        gpu = 1 if settings.device == "cuda" else 0
        actor_class = ray.remote(
            num_cpus=1, num_gpus=gpu, max_restarts=cluster.max_restarts, max_task_retries=cluster.max_restarts
        )(Translator)
        if cluster.actor_env:
            actor_class = actor_class.options(runtime_env={"env_vars": dict(cluster.actor_env)})
        size = max(1, min(cluster.actors, len(todo)))
        actors = [actor_class.remote(settings, fmt, tm, glossary, force) for _ in range(size)]
        pool = ActorPool(actors)
        step = max(1, cluster.documents_per_task)
        indexed = [
            (i, str(p.source.resolve()), str(p.target.resolve())) for i, p in enumerate(plans) if p in todo
        ]
        tasks = [indexed[i : i + step] for i in range(0, len(indexed), step)]
        with BatchProgress(len(plans), BatchProgress.wanted(quiet)) as progress:
            for _ in range(len(plans) - len(todo)):
                progress.document_done()
            for outcomes, delta in pool.map_unordered(
                lambda actor, task: actor.translate.remote(task), tasks
            ):
                counts.hits += delta["hits"]
                counts.misses += delta["misses"]
                counts.stored += delta["stored"]
                progress.add_segments(delta["hits"] + delta["misses"], "cluster")
                progress.segments_done(delta["hits"] + delta["misses"])
                for item in outcomes:
                    name = _name(plans[item["index"]])
                    results[item["index"]] = DocumentResult(
                        name, item["output"], item["status"], item["error"]
                    )
                    progress.document_done()
        for actor in actors:
            ray.kill(actor)
    return ClusterResult(BatchResult([results[i] for i in range(len(plans))]), counts)


def _name(plan: OutputPlan) -> str:
    from translate.io.reading import source_name

    return source_name(plan.source)
