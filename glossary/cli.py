"""``dragoman glossary …``: a thin typer layer over the glossary library.

Reading commands use the default glossary layered with ``--glossary FILE`` (repeatable; later files
override earlier ones by id; ``--no-default`` leaves the shipped glossary out). Editing commands
(``add``, ``edit``, ``remove``, ``import``) change one user file: ``--file FILE``, else the last
``--glossary`` file, else ``./glossary.tsv`` (created when missing). The shipped default is never
edited. Every command that outputs data has ``--format json`` (and ``jsonl`` where records stream).
"""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from glossary.entry import TSV_COLUMNS, Category, Entry, FirstMention
from translate.errors import DragomanError, GlossaryError

app = typer.Typer(
    name="glossary",
    help="The domain glossary: list, edit, validate, import/export (TSV, TBX, CSV), match, candidates.",
    no_args_is_help=True,
)


class Out(StrEnum):
    """Output formats of data commands."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


class FileFormat(StrEnum):
    """Glossary file formats."""

    TSV = "tsv"
    TBX = "tbx"
    CSV = "csv"


GlossaryOpt = Annotated[
    list[Path] | None,
    typer.Option("--glossary", "-g", help="User glossary file layered over the default (repeatable)."),
]
NoDefaultOpt = Annotated[bool, typer.Option("--no-default", help="Leave the shipped default glossary out.")]
FormatOpt = Annotated[Out, typer.Option("--format", help="table (readable), json or jsonl.")]
FileOpt = Annotated[
    Path | None,
    typer.Option("--file", help="The user glossary to edit (default: last --glossary, else ./glossary.tsv)."),
]


def _load(glossary: list[Path] | None, no_default: bool):
    from glossary.store import load_glossary

    return load_glossary([str(p) for p in glossary or []], include_default=not no_default)


def _target(file: Path | None, glossary: list[Path] | None) -> Path:
    from glossary.store import DEFAULT_USER_FILE

    if file is not None:
        return file
    if glossary:
        return glossary[-1]
    return Path(DEFAULT_USER_FILE)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _print_jsonl(records: list[dict]) -> None:
    for record in records:
        print(json.dumps(record, ensure_ascii=False))


def entry_record(entry: Entry, origin: str = "") -> dict[str, Any]:
    """An entry as a JSON record (the TSV columns, lists for multi-valued ones)."""
    record: dict[str, Any] = {
        "id": entry.id,
        "english": entry.english,
        "short": entry.short,
        "first_mention": entry.first_mention.value,
        "category": entry.category.value,
        "fa": list(entry.variants.get("fa", [])),
        "ar": list(entry.variants.get("ar", [])),
        "unapproved": list(entry.unapproved),
        "confirm": list(entry.confirm),
        "exclude": list(entry.exclude),
        "review": entry.review_only,
        "note": entry.note,
        "source": entry.source,
    }
    if origin:
        record["file"] = origin
    return record


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(title))
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(escape(str(c)) for c in row))
    Console().print(table)


@app.command("list")
def list_entries(
    category: Annotated[Category | None, typer.Option("--category", help="Only this category.")] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """List the entries in force."""
    gloss = _load(glossary, no_default)
    entries = [e for e in gloss if category is None or e.category is category]
    records = [entry_record(e, gloss.origin.get(e.id, "")) for e in entries]
    if fmt is Out.JSON:
        _print_json({"glossary": gloss.label, "entries": records})
    elif fmt is Out.JSONL:
        _print_jsonl(records)
    else:
        rows = [
            [e.id, e.english, e.short, e.category.value, " | ".join(e.variants.get("fa", [])[:2])]
            for e in entries
        ]
        _table(f"{gloss.label}: {len(entries)} entries", ["id", "english", "short", "category", "fa"], rows)


@app.command("show")
def show(
    entry_id: Annotated[str, typer.Argument(help="Entry id.")],
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Show one entry."""
    gloss = _load(glossary, no_default)
    record = entry_record(gloss.entry(entry_id), gloss.origin.get(entry_id, ""))
    if fmt in (Out.JSON, Out.JSONL):
        print(json.dumps(record, ensure_ascii=False, indent=2 if fmt is Out.JSON else None))
        return
    rows = [[k, " | ".join(v) if isinstance(v, list) else str(v)] for k, v in record.items()]
    _table(entry_id, ["field", "value"], rows)


def _slug(english: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", english.lower()).strip("_")
    if not slug:
        raise DragomanError("--id", f"cannot make an id from {english!r}; give --id")
    return slug


def _fields_of(entry: Entry | None) -> dict[str, str]:
    from glossary.formats.base import entry_to_fields

    return entry_to_fields(entry) if entry else {c: "" for c in TSV_COLUMNS}


def _build(fields: dict[str, str]) -> Entry:
    from glossary.formats.base import entry_from_fields

    return entry_from_fields(fields, lambda name: f"--{name.replace('_', '-')}")


def _apply(fields: dict[str, str], **options: Any) -> dict[str, str]:
    from glossary.formats.base import join_values

    for name, value in options.items():
        if value is None:
            continue
        if isinstance(value, list):
            fields[name] = join_values([v.strip() for v in value if v.strip()])
        elif isinstance(value, bool):
            fields[name] = "yes" if value else ""
        else:
            fields[name] = str(value)
    return fields


FIRST_MENTION_HELP = "One of: " + ", ".join(f.value for f in FirstMention) + "."
FaOpt = Annotated[list[str] | None, typer.Option("--fa", help="Persian source form (repeatable).")]
ArOpt = Annotated[list[str] | None, typer.Option("--ar", help="Arabic source form (repeatable).")]
UnapprovedOpt = Annotated[
    list[str] | None, typer.Option("--unapproved", help="Unapproved English variant (repeatable).")
]
ConfirmOpt = Annotated[
    list[str] | None, typer.Option("--confirm", help="Confirming context phrase (repeatable).")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="Excluding context phrase (repeatable).")
]


@app.command("add")
def add(
    english: Annotated[str, typer.Argument(help="Approved English term.")],
    category: Annotated[Category, typer.Option("--category", help="What the entry names.")],
    fa: FaOpt = None,
    ar: ArOpt = None,
    entry_id: Annotated[
        str | None, typer.Option("--id", help="Stable id (default: from the English).")
    ] = None,
    short: Annotated[str | None, typer.Option("--short", help="Short form / acronym.")] = None,
    first_mention: Annotated[str | None, typer.Option("--first-mention", help=FIRST_MENTION_HELP)] = None,
    unapproved: UnapprovedOpt = None,
    confirm: ConfirmOpt = None,
    exclude: ExcludeOpt = None,
    review: Annotated[bool, typer.Option("--review", help="Report hits for review only.")] = False,
    note: Annotated[str | None, typer.Option("--note", help="Note for translators.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where the entry comes from.")] = None,
    file: FileOpt = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Add an entry to a user glossary file."""
    from glossary.store import update_file

    target = _target(file, glossary)
    if not (fa or ar):
        raise DragomanError("add", "give at least one source form (--fa or --ar)")
    eid = entry_id or _slug(english)
    if first_mention is None and short:
        first_mention = "full_then_short"
    fields = _apply(
        _fields_of(None),
        id=eid,
        english=english,
        category=category.value,
        fa=fa,
        ar=ar,
        short=short,
        first_mention=first_mention,
        unapproved=unapproved,
        confirm=confirm,
        exclude=exclude,
        review=review,
        note=note,
        source=source,
    )
    entry = _build(fields)

    def change(entries: list[Entry]) -> list[Entry]:
        if any(e.id == entry.id for e in entries):
            raise GlossaryError(
                str(target), f"entry {entry.id!r} already exists; use 'dragoman glossary edit'"
            )
        return [*entries, entry]

    update_file(target, change)
    print(f"added {entry.id} to {target}", file=sys.stderr)


@app.command("edit")
def edit(
    entry_id: Annotated[str, typer.Argument(help="Entry id.")],
    english: Annotated[str | None, typer.Option("--english", help="Approved English term.")] = None,
    category: Annotated[Category | None, typer.Option("--category")] = None,
    fa: FaOpt = None,
    ar: ArOpt = None,
    short: Annotated[str | None, typer.Option("--short")] = None,
    first_mention: Annotated[str | None, typer.Option("--first-mention", help=FIRST_MENTION_HELP)] = None,
    unapproved: UnapprovedOpt = None,
    confirm: ConfirmOpt = None,
    exclude: ExcludeOpt = None,
    review: Annotated[bool | None, typer.Option("--review/--no-review")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    source: Annotated[str | None, typer.Option("--source")] = None,
    file: FileOpt = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Change fields of an entry (list options replace the whole list). An entry of the default
    glossary is copied into the user file with the change, overriding it by id."""
    from glossary.store import update_file, upsert

    target = _target(file, glossary)
    layered = _load(glossary, False)
    options = dict(
        english=english,
        category=category.value if category else None,
        fa=fa,
        ar=ar,
        short=short,
        first_mention=first_mention,
        unapproved=unapproved,
        confirm=confirm,
        exclude=exclude,
        review=review,
        note=note,
        source=source,
    )

    def change(entries: list[Entry]) -> list[Entry]:
        current = next((e for e in entries if e.id == entry_id), None) or layered.get(entry_id)
        if current is None:
            raise GlossaryError(str(target), f"no entry with id {entry_id!r}")
        return upsert(entries, _build(_apply(_fields_of(current), **options)))

    update_file(target, change)
    print(f"edited {entry_id} in {target}", file=sys.stderr)


@app.command("remove")
def remove(
    entry_id: Annotated[str, typer.Argument(help="Entry id.")],
    file: FileOpt = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Remove an entry from a user glossary file."""
    from glossary.store import update_file

    target = _target(file, glossary)
    if not target.exists():
        raise GlossaryError(str(target), "glossary file not found")

    def change(entries: list[Entry]) -> list[Entry]:
        kept = [e for e in entries if e.id != entry_id]
        if len(kept) == len(entries):
            raise GlossaryError(str(target), f"no entry with id {entry_id!r} in this file")
        return kept

    update_file(target, change)
    print(f"removed {entry_id} from {target}", file=sys.stderr)


@app.command("validate")
def validate_cmd(
    files: Annotated[list[Path] | None, typer.Argument(help="Files to check (besides --glossary).")] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Check the glossaries: exit 1 on errors; warnings are listed."""
    from glossary.validate import ERROR, validate

    paths = [*(glossary or []), *(files or [])]
    issues = validate(paths, include_default=not no_default)
    errors = sum(1 for i in issues if i.level == ERROR)
    if fmt is Out.JSON:
        _print_json(
            {"errors": errors, "warnings": len(issues) - errors, "issues": [i.to_dict() for i in issues]}
        )
    elif fmt is Out.JSONL:
        _print_jsonl([i.to_dict() for i in issues])
    else:
        for issue in issues:
            print(f"{issue.level}: {issue.where}: {issue.problem}")
        print(f"{errors} errors, {len(issues) - errors} warnings", file=sys.stderr)
    if errors:
        raise typer.Exit(1)


@app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="File to import.")],
    from_: Annotated[
        FileFormat | None, typer.Option("--from", help="tbx, csv or tsv (default: by extension).")
    ] = None,
    file: FileOpt = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Merge entries from a TBX/CSV/TSV file into a user glossary (same id: replaced)."""
    from glossary.store import read_entries, update_file, upsert

    incoming = read_entries(path, from_.value if from_ else None)
    target = _target(file, glossary)

    def change(entries: list[Entry]) -> list[Entry]:
        for entry in incoming:
            upsert(entries, entry)
        return entries

    update_file(target, change)
    print(f"imported {len(incoming)} entries from {path} into {target}", file=sys.stderr)


@app.command("export")
def export(
    fmt: Annotated[FileFormat, typer.Option("--format", help="tsv, tbx or csv.")] = FileFormat.TSV,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (default: stdout).")
    ] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
) -> None:
    """Write the entries in force as TSV, TBX or CSV."""
    from glossary.formats import get_format
    from glossary.store import write_atomic

    if output is not None:
        _refuse_overwriting_sources(output, glossary or [], no_default)
    text = get_format(fmt.value).write(list(_load(glossary, no_default)))
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def _refuse_overwriting_sources(output: Path, glossary: list[Path] | list[str], no_default: bool) -> None:
    """An export never replaces a glossary it is reading (D10)."""
    from glossary.store import default_path

    sources = [Path(p) for p in glossary] + ([] if no_default else [default_path()])
    if any(output.resolve() == source.resolve() for source in sources):
        raise DragomanError(str(output), "is a glossary this export reads; write the export elsewhere")


@app.command("match")
def match(
    path: Annotated[Path, typer.Argument(help="Text file to search (- for stdin).")],
    lang: Annotated[str, typer.Option("--lang", help="fa, ar or auto.")] = "auto",
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Glossary hits in a text file, with offsets into the original text."""
    from translate.io.reading import read_text

    text = sys.stdin.read() if str(path) == "-" else read_text(path)
    if lang == "auto":
        from translate.document.langid import detect_language

        lang = detect_language(text)
    if lang not in ("fa", "ar"):
        raise DragomanError("--lang", f"unknown language {lang!r} (fa, ar or auto)")
    gloss = _load(glossary, no_default)
    hits = [h.to_dict() for h in gloss.match(text, lang)]
    if fmt is Out.JSONL:
        _print_jsonl(hits)
    elif fmt is Out.JSON:
        _print_json({"file": str(path), "lang": lang, "glossary": gloss.label, "hits": hits})
    else:
        rows = [
            [
                f"{h['start']}-{h['end']}",
                h["text"],
                h["entry"],
                h["target"],
                f"{h['confidence']:.2f}",
                "yes" if h["review"] else "",
            ]
            for h in hits
        ]
        _table(
            f"{path}: {len(hits)} hits", ["offsets", "text", "entry", "target", "confidence", "review"], rows
        )


@app.command("candidates")
def candidates(
    files: Annotated[list[Path], typer.Argument(help="Text files to mine.")],
    min_count: Annotated[int, typer.Option("--min-count", help="Minimum occurrences.")] = 2,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many (0: all).")] = 50,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Recurring names and n-grams that no glossary entry covers, most frequent first."""
    from glossary.candidates import candidates_in_files

    found = candidates_in_files(files, _load(glossary, no_default), min_count)
    if limit:
        found = found[:limit]
    records = [c.to_dict() for c in found]
    if fmt is Out.JSON:
        _print_json({"candidates": records})
    elif fmt is Out.JSONL:
        _print_jsonl(records)
    else:
        rows = [
            [c.kind, str(c.count), c.text, c.occurrences[0].context if c.occurrences else ""] for c in found
        ]
        _table(f"{len(found)} candidates", ["kind", "count", "text", "example"], rows)


@app.command("stats")
def stats(
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Entries per category and language, source forms, ambiguous and review-only entries."""
    from glossary.stats import glossary_stats

    data = glossary_stats(_load(glossary, no_default))
    if fmt is not Out.TABLE:
        print(json.dumps(data, ensure_ascii=False, indent=2 if fmt is Out.JSON else None))
        return
    rows = [[k, str(v)] for k, v in data["categories"].items()]
    rows += [[f"entries ({lang})", str(n)] for lang, n in data["entries_per_language"].items()]
    rows += [[f"source forms ({lang})", str(n)] for lang, n in data["source_forms"].items()]
    rows += [
        ["unapproved variants", str(data["unapproved_variants"])],
        ["ambiguous", str(len(data["ambiguous"]))],
    ]
    rows += [["review only", str(len(data["review_only"]))], ["entries", str(data["entries"])]]
    _table(data["glossary"], ["what", "count"], rows)
