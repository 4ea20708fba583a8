"""Subtitle cues shared by SRT and WebVTT: parsing timings, joining cues into sentences, dividing
the English again.

Cues that split one sentence are joined for translation (a group ends at a cue that ends a
sentence, or before a pause of more than ``MAX_GAP_MS``); the group's English is divided among its
cues in proportion to their source length, at word boundaries, so every cue keeps its timing and
gets some English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate.errors import InputError
from translate.formats.base import SourceFile, TextBuilder

MAX_GAP_MS = 2000
_SENTENCE_END = re.compile(r"[.!?؟…][\"'»”)\]]*\s*$")
_TIME = re.compile(r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[,.](\d{3})")


@dataclass
class Cue:
    """One subtitle cue."""

    ident: str  # SRT number or WebVTT identifier ("" when none)
    start_ms: int
    end_ms: int
    text: str  # the cue's lines, joined with "\n"
    settings: str = ""  # WebVTT cue settings after the timing ("align:start")
    line: int = 0  # line number of the timing line, for messages


def parse_time(value: str, where: str, line: int) -> int:
    """``00:01:02,500`` / ``01:02.500`` -> milliseconds; ``InputError`` for a malformed time."""
    match = _TIME.fullmatch(value.strip())
    if not match:
        raise InputError(f"{where}:{line}", f"broken cue timing {value.strip()!r}")
    hours, minutes, seconds, millis = (int(g) if g else 0 for g in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def parse_timing_line(line: str, where: str, number: int) -> tuple[int, int, str]:
    """``start --> end [settings]`` -> (start ms, end ms, settings)."""
    if "-->" not in line:
        raise InputError(f"{where}:{number}", f"expected a cue timing 'start --> end', got {line.strip()!r}")
    left, right = line.split("-->", 1)
    right_parts = right.strip().split(None, 1)
    if not right_parts:
        raise InputError(f"{where}:{number}", f"broken cue timing {line.strip()!r}")
    start = parse_time(left, where, number)
    end = parse_time(right_parts[0], where, number)
    if end < start:
        raise InputError(f"{where}:{number}", f"cue ends before it starts ({line.strip()!r})")
    return start, end, right_parts[1] if len(right_parts) > 1 else ""


def format_time(ms: int, separator: str) -> str:
    """Milliseconds as ``HH:MM:SS,mmm`` (SRT, ``separator=","``) or ``HH:MM:SS.mmm`` (WebVTT)."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def group_cues(cues: list[Cue]) -> list[list[int]]:
    """Indexes of cues that make one sentence (or run of sentences) each."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, cue in enumerate(cues):
        if current and cue.start_ms - cues[current[-1]].end_ms > MAX_GAP_MS:
            groups.append(current)
            current = []
        current.append(i)
        if _SENTENCE_END.search(cue.text):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def cues_to_source(cues: list[Cue], fmt: str, encoding: str, meta: dict) -> SourceFile:
    """One line of text per cue group; each unit's ``data`` is the list of its cue indexes."""
    builder = TextBuilder()
    for group in group_cues(cues):
        content = " ".join(" ".join(cues[i].text.split()) for i in group)
        builder.add(
            content,
            "cue_group",
            location={"cues": [cues[i].ident or str(i + 1) for i in group]},
            data={"cues": group, "lengths": [len(" ".join(cues[i].text.split())) for i in group]},
        )
    return SourceFile(builder.text(), encoding, fmt, builder.units, {"cues": cues, **meta})


def divide(english: str, lengths: list[int]) -> list[str]:
    """``english`` cut at spaces into ``len(lengths)`` pieces proportional to ``lengths``.

    Every word lands in exactly one piece, in order; when there are fewer words than cues the last
    cues repeat nothing and get "" (the caller keeps their timing).
    """
    words = english.split()
    if len(lengths) == 1:
        return [" ".join(words)]
    total = sum(lengths) or len(lengths)
    pieces: list[str] = []
    taken = 0
    chars_total = sum(len(w) + 1 for w in words)
    cumulative = 0
    for i, length in enumerate(lengths):
        cumulative += length or 1
        if i == len(lengths) - 1:
            cut = len(words)
        else:
            goal = chars_total * cumulative / total
            cut, used = taken, sum(len(w) + 1 for w in words[:taken])
            while cut < len(words) and used + (len(words[cut]) + 1) / 2 <= goal:
                used += len(words[cut]) + 1
                cut += 1
        pieces.append(" ".join(words[taken:cut]))
        taken = cut
    return pieces


def split_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks of ``text``: (first line number, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks
