"""A real ``dragoman serve`` on a random port over runs built from the seeds, and a small HTTP client."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from review_records import records_for

from translate.records import SegmentRecord

DRAGOMAN = Path(sys.executable).with_name("dragoman")
START_TIMEOUT_S = 30


def write_run(folder: Path, records: list[SegmentRecord], stem: str) -> Path:
    path = folder / f"{stem}.jsonl"
    path.write_text(
        "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def make_runs(folder: Path, sources: list[Path]) -> Path:
    """``folder/runs/<stem>.jsonl`` for each source (seed records with synthetic English)."""
    runs = folder / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    for path in sources:
        write_run(runs, records_for(path), path.stem)
    return runs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``dragoman serve RUNS`` in a subprocess (cwd: the runs' parent, so ./glossary.tsv lands there)."""

    def __init__(self, runs: Path, *extra: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.runs = runs
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = runs.parent / f"serve-{self.port}.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [str(DRAGOMAN), "serve", str(runs), "--host", host, "--port", str(self.port),
                 "--reviewer", "tester", *extra],
                cwd=runs.parent, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )  # fmt: skip
        self.token = ""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            text = self.log.read_text()
            found = re.search(r"token (\S+) \(required", text)
            if found:
                self.token = found.group(1)
            if "open http" in text:
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
                except OSError:
                    pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log.read_text()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)

    def csrf(self, doc: str) -> str:
        status, page, _ = self.request("GET", f"/doc/{doc}")
        assert status == 200
        found = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert found
        return found.group(1)

    def request(
        self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, str, dict[str, str]]:  # fmt: skip
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.read().decode(), dict(resp.headers)
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(), dict(err.headers)

    def post(self, path: str, body: Any, csrf: str, **kw: Any) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf, **kw.pop("headers", {})}
        status, text, _ = self.request("POST", path, body, headers=headers, **kw)
        return status, json.loads(text) if text.startswith("{") else text
