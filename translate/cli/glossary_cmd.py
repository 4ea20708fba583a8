"""``dragoman glossary …``: a thin typer layer over the glossary library (``glossary``).

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

from glossary.entry import ALL_COLUMNS, FORM_TYPES, SOURCE_LANGS, Category, Entry, FirstMention
from glossary.formats.base import usable_id
from glossary.languages import ARABIC_SCRIPT_COLUMNS, SOURCE_LANGUAGES
from translate.cli.panels import GLOSSARY
from translate.errors import DragomanError, GlossaryError

glossary_app = typer.Typer(
    name="glossary",
    help="The domain glossary: list, edit, validate, import/export (TSV, TBX, CSV, XLSX), match, candidates.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``glossary`` command group to the ``dragoman`` app."""
    app.add_typer(glossary_app, name="glossary", rich_help_panel=GLOSSARY)


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
    XLSX = "xlsx"


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


def _load(glossary: list[Path] | None, no_default: bool, announce: bool = False):
    """The glossary in force: the default (unless ``no_default``) + ``-g`` files, or ``./glossary.tsv``
    when no ``-g`` is given and the working folder has one; ``announce``: say which on stderr."""
    from glossary.model import Glossary
    from glossary.store import describe_glossaries, with_working_glossary

    files = with_working_glossary(list(glossary or []))
    loaded = Glossary.load(*files, include_default=not no_default)
    if announce:
        print(f"dragoman: {describe_glossaries(files, not no_default)}", file=sys.stderr)
    return loaded


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
        **{lang: list(entry.variants.get(lang, [])) for lang in ARABIC_SCRIPT_COLUMNS},
        "unapproved": list(entry.unapproved),
        "confirm": list(entry.confirm),
        "exclude": list(entry.exclude),
        "review": entry.review_only,
        "review_context": list(entry.review_context),
        "note": entry.note,
        "source": entry.source,
        "forms": {kind: list(values) for kind, values in entry.forms.items()},
        **{
            f"{lang}_forms": [{"type": kind, "form": form} for kind, form in entry.source_forms.get(lang, [])]
            for lang in ARABIC_SCRIPT_COLUMNS
        },
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


@glossary_app.command("list")
def list_entries(
    category: Annotated[Category | None, typer.Option("--category", help="Only this category.")] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """List the entries in force."""
    gloss = _load(glossary, no_default, announce=True)
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


@glossary_app.command("show")
def show(
    entry_id: Annotated[str, typer.Argument(help="Entry id.")],
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Show one entry."""
    gloss = _load(glossary, no_default, announce=True)
    record = entry_record(gloss.entry(entry_id), gloss.origin.get(entry_id, ""))
    record["extra_forms"] = _extra_forms(gloss.entry(entry_id))
    if fmt in (Out.JSON, Out.JSONL):
        print(json.dumps(record, ensure_ascii=False, indent=2 if fmt is Out.JSON else None))
        return
    extra = record.pop("extra_forms")
    rows = [[k, _cell(v)] for k, v in record.items()]
    rows += [[f"{x['lang']} ({x['origin']})", x["form"]] for x in extra]
    _table(entry_id, ["field", "value"], rows)


def _extra_forms(entry: Entry) -> list[dict[str, str]]:
    """The forms of ``variants.tsv`` in force for ``entry`` (curated or generated, with their origin)."""
    from glossary.fold import fold
    from glossary.supplement import extra_forms_of

    result = []
    for form in extra_forms_of(entry.id):
        in_force = fold(form.form) in {fold(v) for v in entry.variants.get(form.lang, [])}
        if in_force or form.lang not in SOURCE_LANGS:
            result.append(
                {"lang": form.lang, "form": form.form, "origin": form.origin, "source": form.source}
            )
    return result


def _cell(value: Any) -> str:
    """A record value as table text: lists joined by `` | ``, typed forms as ``type: form``."""
    if isinstance(value, dict):
        return " | ".join(f"{kind}: {form}" for kind, forms in value.items() for form in forms)
    if isinstance(value, list):
        return " | ".join(f"{v['type']}: {v['form']}" if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def _slug(english: str) -> str:
    slug = usable_id(re.sub(r"[^a-z0-9]+", "_", english.lower()).strip("_"))
    if not slug:
        raise DragomanError("--id", f"cannot make an id from {english!r}; give --id")
    return slug


def _fields_of(entry: Entry | None) -> dict[str, str]:
    from glossary.formats.base import entry_to_fields

    return entry_to_fields(entry) if entry else {c: "" for c in ALL_COLUMNS}


def _build(fields: dict[str, str]) -> Entry:
    from glossary.formats.base import entry_from_fields

    options = {"forms": "--form", "fa_forms": "--fa-form", "ar_forms": "--ar-form"}
    return entry_from_fields(fields, lambda name: options.get(name, f"--{name.replace('_', '-')}"))


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
_TYPES = ", ".join(FORM_TYPES)
FormOpt = Annotated[
    list[str] | None,
    typer.Option("--form", help=f"English form 'TYPE: form', TYPE one of {_TYPES} (repeatable)."),
]
FaFormOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fa-form", help="Persian source form calling for a form: 'adjective: آلمانی' (repeatable)."
    ),
]
ArFormOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ar-form", help="Arabic source form calling for a form: 'adjective: ألماني' (repeatable)."
    ),
]
ReviewContextOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--review-context",
        help="Context phrase that makes a hit doubtful: reported, never forced (repeatable).",
    ),
]


def _review_phrases(fields: dict[str, str], phrases: list[str] | None) -> dict[str, str]:
    """Review context phrases go into the review column (instead of 'yes')."""
    from glossary.formats.base import join_values

    if phrases is not None and fields.get("review") != "yes":
        fields["review"] = join_values([p.strip() for p in phrases if p.strip()])
    return fields


@glossary_app.command("add")
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
    form: FormOpt = None,
    fa_form: FaFormOpt = None,
    ar_form: ArFormOpt = None,
    review_context: ReviewContextOpt = None,
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
        forms=form,
        fa_forms=fa_form,
        ar_forms=ar_form,
    )
    entry = _build(_review_phrases(fields, review_context))

    def change(entries: list[Entry]) -> list[Entry]:
        if any(e.id == entry.id for e in entries):
            raise GlossaryError(
                str(target), f"entry {entry.id!r} already exists; use 'dragoman glossary edit'"
            )
        return [*entries, entry]

    update_file(target, change)
    print(f"added {entry.id} to {target}", file=sys.stderr)


@glossary_app.command("edit")
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
    form: FormOpt = None,
    fa_form: FaFormOpt = None,
    ar_form: ArFormOpt = None,
    review_context: ReviewContextOpt = None,
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
        forms=form,
        fa_forms=fa_form,
        ar_forms=ar_form,
    )

    def change(entries: list[Entry]) -> list[Entry]:
        current = next((e for e in entries if e.id == entry_id), None) or layered.get(entry_id)
        if current is None:
            raise GlossaryError(str(target), f"no entry with id {entry_id!r}")
        fields = _review_phrases(_apply(_fields_of(current), **options), review_context)
        return upsert(entries, _build(fields))

    update_file(target, change)
    print(f"edited {entry_id} in {target}", file=sys.stderr)


@glossary_app.command("remove")
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


@glossary_app.command("validate")
def validate_cmd(
    files: Annotated[list[Path] | None, typer.Argument(help="Files to check (besides --glossary).")] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
    corpus: Annotated[
        list[str] | None,
        typer.Option(
            "--corpus",
            metavar="LANG=FILE",
            help="Frequency check against real sentences, one a line (repeatable), e.g. fa=devtest.fa.",
        ),
    ] = None,
    reference: Annotated[
        Path | None,
        typer.Option("--reference", help="English reference, line-parallel to each --corpus file."),
    ] = None,
) -> None:
    """Check the glossaries: exit 1 on errors; warnings are listed. With ``--corpus``, forms that
    collide with common words of real text are warned about too."""
    from glossary.validate import ERROR, validate

    paths = [*(glossary or []), *(files or [])]
    issues = validate(paths, include_default=not no_default)
    if corpus:
        issues += _corpus_issues(corpus, reference, _load(glossary, no_default))
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


def _corpus_issues(specs: list[str], reference: Path | None, gloss) -> list:
    """``--corpus`` warnings (see ``glossary.corpus_check``); a bad spec or file stops with one line."""
    from glossary.corpus_check import corpus_issues, generated_forms, read_lines

    def lines(path: Path) -> list[str]:
        try:
            return read_lines(path)
        except (OSError, UnicodeDecodeError) as err:
            raise GlossaryError(str(path), f"cannot read: {getattr(err, 'strerror', None) or err}") from None

    references = lines(reference) if reference else None
    issues = []
    for spec in specs:
        lang, _, name = spec.partition("=")
        if lang not in SOURCE_LANGS or not name:
            raise GlossaryError(spec, f"--corpus takes LANG=FILE with LANG one of {', '.join(SOURCE_LANGS)}")
        issues += corpus_issues(
            list(gloss), lang, lines(Path(name)), references, generated_forms(), where=Path(name).name
        )
    return issues


@glossary_app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="File to import.")],
    from_: Annotated[
        FileFormat | None,
        typer.Option("--from", help="tbx (2008 or v3), csv, xlsx or tsv (default: by extension)."),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns", help="Spreadsheet headers to fields: 'Term EN=english,Domain=category,X=ignore'."
        ),
    ] = None,
    file: FileOpt = None,
    glossary: GlossaryOpt = None,
    fmt: Annotated[Out, typer.Option("--format", help="Report as table (readable) or json.")] = Out.TABLE,
) -> None:
    """Merge entries from a TBX/CSV/XLSX/TSV file into a user glossary (same id: replaced), and report
    what was imported, mapped and dropped."""
    from glossary.formats.sheet import parse_columns
    from glossary.store import read_with_report, update_file, upsert

    mapping = parse_columns(columns) if columns else None
    incoming, report = read_with_report(path, from_.value if from_ else None, mapping)
    target = _target(file, glossary)
    if target.resolve() == path.resolve():
        raise GlossaryError(str(target), "the file to import is the file to import into; give --file")

    counts = {"replaced": 0, "overrides_default": 0}
    default_ids = {e.id for e in _load([], False)}

    def change(entries: list[Entry]) -> list[Entry]:
        existing = {e.id for e in entries}
        counts["replaced"] = sum(1 for e in incoming if e.id in existing)
        for entry in incoming:
            upsert(entries, entry)
        return entries

    update_file(target, change)
    counts["overrides_default"] = sum(1 for e in incoming if e.id in default_ids)
    if fmt is not Out.TABLE:
        print(json.dumps({**report.to_dict(), **counts, "into": str(target)}, ensure_ascii=False))
    else:
        for line in report.lines():
            print(line, file=sys.stderr)
    print(
        f"imported {len(incoming)} entries from {path} into {target} ({counts['replaced']} replaced entries "
        f"of that file; {counts['overrides_default']} override default entries with the same id)",
        file=sys.stderr,
    )


@glossary_app.command("export")
def export(
    fmt: Annotated[FileFormat, typer.Option("--format", help="tsv, tbx, csv or xlsx.")] = FileFormat.TSV,
    tbx_version: Annotated[
        str, typer.Option("--tbx-version", help="TBX version: 3 (ISO 30042:2019) or 2008 (martif).")
    ] = "3",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (default: stdout).")
    ] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
) -> None:
    """Write the entries in force as TSV, TBX (v3 or 2008), CSV or XLSX."""
    from glossary.formats import get_format
    from glossary.store import write_atomic

    if output is not None:
        _refuse_overwriting_sources(output, glossary or [], no_default)
    if tbx_version not in ("3", "2008"):
        raise DragomanError("--tbx-version", f"unknown TBX version {tbx_version!r} (3 or 2008)")
    name = "tbx2008" if fmt is FileFormat.TBX and tbx_version == "2008" else fmt.value
    if fmt is FileFormat.XLSX:
        if output is None:
            raise DragomanError("--format xlsx", "an XLSX workbook is binary; give -o FILE.xlsx")
        from translate.io.atomic import atomic_write_bytes

        atomic_write_bytes(output, get_format(name).write_bytes(list(_load(glossary, no_default))))
        return
    text = get_format(name).write(list(_load(glossary, no_default)))
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


@glossary_app.command("match")
def match(
    path: Annotated[Path, typer.Argument(help="Text file to search (- for stdin).")],
    lang: Annotated[str, typer.Option("--lang", help="fa, prs, tg, ar or auto.")] = "auto",
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Glossary hits in a text file, with offsets into the original text."""
    from translate.io.reading import read_text

    text = sys.stdin.read() if str(path) == "-" else read_text(path)
    if lang == "auto":
        from translate.document.langid import detect_language
        from translate.document.tajik import tajik_or_russian

        lang = "tg" if tajik_or_russian(text) == "tg" else detect_language(text)
    if lang not in SOURCE_LANGUAGES:
        raise DragomanError("--lang", f"unknown language {lang!r} ({', '.join(SOURCE_LANGUAGES)} or auto)")
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


@glossary_app.command("candidates")
def candidates(
    files: Annotated[list[Path], typer.Argument(help="Text files to mine.")],
    min_count: Annotated[int, typer.Option("--min-count", help="Minimum occurrences.")] = 2,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many (0: all).")] = 50,
    general: Annotated[
        list[Path] | None,
        typer.Option("--general", help="General-language text whose frequent words mark common phrases."),
    ] = None,
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Recurring names and n-grams that no glossary entry covers, most frequent first."""
    from glossary.candidates import candidates_in_files
    from translate.io.reading import read_text

    found = candidates_in_files(
        files, _load(glossary, no_default), min_count, general=list(general or []), read=read_text
    )
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


@glossary_app.command("stats")
def stats(
    glossary: GlossaryOpt = None,
    no_default: NoDefaultOpt = False,
    fmt: FormatOpt = Out.TABLE,
) -> None:
    """Entries per category, country and language, source and extra forms, ambiguous and review-only."""
    from glossary.stats import glossary_stats

    data = glossary_stats(_load(glossary, no_default))
    if fmt is not Out.TABLE:
        print(json.dumps(data, ensure_ascii=False, indent=2 if fmt is Out.JSON else None))
        return
    rows = [[k, str(v)] for k, v in data["categories"].items()]
    rows += [[f"extra forms ({origin})", str(n)] for origin, n in data["extra_forms"].items()]
    rows += [[f"entries ({lang})", str(n)] for lang, n in data["entries_per_language"].items()]
    rows += [[f"source forms ({lang})", str(n)] for lang, n in data["source_forms"].items()]
    rows += [
        ["unapproved variants", str(data["unapproved_variants"])],
        ["ambiguous", str(len(data["ambiguous"]))],
    ]
    rows += [["review only", str(len(data["review_only"]))], ["entries", str(data["entries"])]]
    _table(data["glossary"], ["what", "count"], rows)
    columns = [c.value for c in Category]
    country_rows = [
        [country, str(counts["total"]), *(str(counts.get(c, 0) or "") for c in columns)]
        for country, counts in data["countries"].items()
    ]
    _table("coverage by country and category", ["country", "total", *columns], country_rows)
