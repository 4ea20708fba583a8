"""``dragoman translate`` enforces the glossary by default: the shipped one, layered with --glossary files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from terms_fixtures import accepted_renderings
from tiny_models import MARIAN_HUB_ID, NLLB_HUB_ID, install_fake_hf_cache

from glossary.entry import TSV_COLUMNS
from translate.memory.keys import glossary_hash

REPO = Path(__file__).resolve().parent.parent
SEED = next((REPO / "seeds").glob("003_*.txt"))
FAST = ["--beam", "1", "--max-length-ratio", "0.3", "--format", "jsonl", "--quiet"]


@pytest.fixture(scope="module")
def env(
    tmp_path_factory: pytest.TempPathFactory, tiny_nllb_dir: Path, tiny_marian_dir: Path
) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hf")
    install_fake_hf_cache(root / "hub", NLLB_HUB_ID, tiny_nllb_dir)
    install_fake_hf_cache(root / "hub", MARIAN_HUB_ID, tiny_marian_dir)
    return {
        "HF_HOME": str(root),
        "HF_HUB_CACHE": str(root / "hub"),
        "HF_HUB_OFFLINE": "1",
        "PATH": "/usr/bin:/bin",
        "OMP_NUM_THREADS": "1",  # as conftest sets for every other subprocess
        **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},  # a worktree's code, when given
    }


def _records(env: dict[str, str], *args: str) -> list[dict]:
    dragoman = str(Path(sys.executable).with_name("dragoman"))
    out = subprocess.run(
        [dragoman, "translate", str(SEED), *FAST, *args], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture(scope="module")
def converted(env: dict[str, str]) -> dict[str, str]:
    """The same environment with the tiny NLLB converted to CTranslate2 int8."""
    pytest.importorskip("ctranslate2")
    dragoman = str(Path(sys.executable).with_name("dragoman"))
    subprocess.run(
        [dragoman, "models", "convert", "nllb-600m", "--quantization", "int8"], env=env, check=True
    )
    return env


@pytest.mark.slow  # its model fixture comes from getfixturevalue, unseen by conftest
@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_default_glossary_is_enforced_without_any_option(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """Same guarantee on both backends: every enforced term in the target, exactly where it says."""
    env = request.getfixturevalue("converted" if backend == "ctranslate2" else "env")
    records = _records(env, "--backend", backend)
    assert {r["backend"] for r in records if r["translated"]} == {backend}
    assert all(r["glossary"].startswith("default@") for r in records)
    terms = [t for r in records for t in r["terms"]]
    assert {"putin", "rahmon", "tajikistan", "afghanistan"} <= {t["entry"] for t in terms}
    for record in records:
        for term in record["terms"]:
            if term["status"] != "review":
                assert term["status"] in {"satisfied", "constrained"}, term
                span = record["target"][term["target_start"] : term["target_end"]]
                accepted = {term["required"], *accepted_renderings(term["entry"])}
                assert span in accepted, (term, record["target"])
    # first mention in full, surname after (house style for people)
    putin = [t["required"] for t in terms if t["entry"] == "putin"]
    assert putin[0] == "Vladimir Putin" and set(putin[1:]) == {"Putin"}
    # روز دوشنبه (twice in this article) is Monday, not Dushanbe: no hit there
    text = SEED.read_text(encoding="utf-8")
    mondays = [i + 4 for i in range(len(text)) if text.startswith("روز دوشنبه", i)]
    assert len(mondays) == 2
    assert not [t for t in terms if t["source_start"] in mondays]


def _write_putin_desk(desk: Path) -> None:
    """A one-entry user glossary that overrides the default ``putin`` entry."""
    row = dict.fromkeys(TSV_COLUMNS, "")
    row.update(id="putin", english="President Vladimir Putin", short="Putin", category="person")
    row.update(first_mention="full_first", fa="ولادیمیر پوتین | پوتین", ar="فلاديمير بوتين | بوتين")
    desk.write_text(
        "\t".join(TSV_COLUMNS) + "\n" + "\t".join(row[c] for c in TSV_COLUMNS) + "\n", encoding="utf-8"
    )


def test_user_glossary_overrides_by_id_and_terms_off_disables(env: dict[str, str], tmp_path: Path) -> None:
    desk = tmp_path / "desk.tsv"
    _write_putin_desk(desk)
    records = _records(env, "--glossary", str(desk))
    assert "President Vladimir Putin" in records[0]["target"]
    assert all(r["glossary"].startswith("default+desk.tsv@") for r in records)
    off = _records(env, "--terms", "off")
    assert all(not r["terms"] and r["glossary"] == "" for r in off)


def test_memory_key_covers_the_default_glossary_unless_terms_are_off(tmp_path: Path) -> None:
    assert glossary_hash(None, "off") == ""
    assert glossary_hash(None, "constrain") != ""
    assert glossary_hash(None, "constrain") != glossary_hash(None, "post-edit")
    desk = tmp_path / "desk.tsv"
    _write_putin_desk(desk)
    assert glossary_hash([desk], "constrain") != glossary_hash(None, "constrain")


def test_a_glossary_tsv_in_the_working_folder_is_used_without_option(
    env: dict[str, str], tmp_path: Path
) -> None:
    """``glossary edit`` writes ./glossary.tsv; ``translate`` run there uses it without -g and says so."""
    import os

    env = {**env, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    dragoman = str(Path(sys.executable).with_name("dragoman"))

    def run(*args: str) -> subprocess.CompletedProcess:
        out = subprocess.run([dragoman, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        return out

    run("glossary", "edit", "tajikistan", "--english", "Republic of Tajikistan")
    assert (tmp_path / "glossary.tsv").is_file()
    out = run("translate", str(SEED), *[a for a in FAST if a != "--quiet"])
    records = [json.loads(line) for line in out.stdout.splitlines()]
    required = {t["required"] for r in records for t in r["terms"] if t["entry"] == "tajikistan"}
    assert required == {"Republic of Tajikistan"}
    assert all(r["glossary"].startswith("default+glossary.tsv@") for r in records if r["translated"])
    assert out.stderr.strip().splitlines()[-1] == (
        "dragoman: glossary: the default glossary + glossary.tsv (glossary.tsv found in the working folder)"
    )
    listed = run("glossary", "show", "tajikistan", "--format", "json")
    assert json.loads(listed.stdout)["english"] == "Republic of Tajikistan"
    assert "glossary.tsv found in the working folder" in listed.stderr


def _hash(label: str) -> str:
    """The identity part of a ``name@hash`` glossary label."""
    return label.rpartition("@")[2]


def test_one_glossary_id_in_list_records_and_memory_whatever_the_file_format(
    env: dict[str, str], tmp_path: Path
) -> None:
    """``glossary list``, each JSONL record and ``tm stats`` show one id; a TBX copy of the TSV has it too."""
    from glossary.formats import get_format
    from glossary.store import read_entries

    dragoman = str(Path(sys.executable).with_name("dragoman"))
    desk = tmp_path / "desk.tsv"
    _write_putin_desk(desk)
    tbx = tmp_path / "desk-copy.tbx"
    tbx.write_text(get_format("tbx").write(read_entries(desk)), encoding="utf-8")

    def listed(path: Path) -> str:
        out = subprocess.run(
            [dragoman, "glossary", "list", "-g", str(path), "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["glossary"]

    identity = _hash(listed(desk))
    assert len(identity) == 12 and identity != _hash(listed(SEED.parent.parent / "glossary/data/default.tsv"))
    assert _hash(listed(tbx)) == identity  # another file, another format, the same entries: the same id
    memory = tmp_path / "desk.tm.sqlite"
    records = _records(env, "--glossary", str(desk), "--tm", str(memory))
    assert {_hash(r["glossary"]) for r in records} == {identity}
    stats = subprocess.run(
        [dragoman, "tm", "stats", str(memory), "--format", "json"], capture_output=True, text=True, env=env
    )
    assert stats.returncode == 0, stats.stderr
    assert {g["glossary"] for g in json.loads(stats.stdout)["groups"]} == {identity}
