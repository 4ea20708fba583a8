"""CLI: ``dragoman models list`` and ``dragoman models info MODEL`` (a thin layer over translate.models)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from translate.cli.panels import MODELS


class ModelsFormat(StrEnum):
    """Output formats of ``dragoman models``."""

    TABLE = "table"
    JSON = "json"


def preset_rows() -> dict[str, Any]:
    """Every preset with its cache state, as plain data (the ``models list --format json`` payload)."""
    from translate.models import DEFAULT_PRESET, PRESETS, find_cached_snapshot, hf_cache_dir, hub_offline

    cache_dir = hf_cache_dir()
    models = []
    for preset in PRESETS.values():
        snapshot = find_cached_snapshot(preset.hub_id, cache_dir)
        models.append(
            {
                "name": preset.name,
                "hub_id": preset.hub_id,
                "family": preset.family,
                "source_languages": list(preset.source_languages),
                "size": preset.size,
                "default": preset.name == DEFAULT_PRESET,
                "cached": snapshot is not None,
                "path": str(snapshot) if snapshot else None,
                "notes": preset.notes,
            }
        )
    return {"cache_dir": str(cache_dir), "offline": hub_offline(), "models": models}


def model_info(spec: str) -> dict[str, Any]:
    """What ``spec`` resolves to on this machine, without downloading (the ``models info`` payload)."""
    from translate.models import resolve_model

    resolved = resolve_model(spec, allow_download=False)
    return {
        "spec": resolved.spec,
        "name": resolved.display_name,
        "hub_id": resolved.hub_id,
        "preset": resolved.preset.name if resolved.preset else None,
        "path": str(resolved.path),
        "origin": resolved.origin,
        "cached": resolved.origin == "hf-cache",
        "family": resolved.family,
        "model_type": resolved.model_type,
        "source_languages": list(resolved.source_languages),
        "safetensors": any(resolved.path.glob("*.safetensors")),
    }


models_app = typer.Typer(help="Translation models: presets, what is cached, where.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``models`` command group to the ``dragoman`` app."""
    app.add_typer(models_app, name="models", rich_help_panel=MODELS)


@models_app.command("list")
def list_models(
    fmt: Annotated[ModelsFormat, typer.Option("--format", help="table or json.")] = ModelsFormat.TABLE,
) -> None:
    """List the model presets, whether each is in the local Hugging Face cache, and where."""
    payload = preset_rows()
    if fmt is ModelsFormat.JSON:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    header = ("name", "hub id", "family", "languages", "size", "cached")
    rows = [
        (
            row["name"] + (" (default)" if row["default"] else ""),
            row["hub_id"],
            row["family"],
            " ".join(row["source_languages"]),
            row["size"],
            row["path"] if row["cached"] else "no",
        )
        for row in payload["models"]
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    typer.echo(f"Model presets (Hugging Face cache: {payload['cache_dir']})")
    for r in [header, *rows]:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False)) + "  " + r[-1])
    typer.echo("Any hub id or local model directory also works with --model.")


@models_app.command("info")
def info(
    model: Annotated[str, typer.Argument(help="Preset name, hub id or local model directory.")],
    fmt: Annotated[ModelsFormat, typer.Option("--format", help="table or json.")] = ModelsFormat.TABLE,
) -> None:
    """Show where MODEL is on this machine and what it translates (never downloads)."""
    payload = model_info(model)
    if fmt is ModelsFormat.JSON:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for key, value in payload.items():
        shown = " ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key:17} {shown if shown is not None else '-'}")


@models_app.command("convert")
def convert(
    model: Annotated[str, typer.Argument(help="Preset name, hub id or local model directory.")],
    quantization: Annotated[
        str, typer.Option("--quantization", help="int8, float32, int8_float16, ...")
    ] = "int8",
    force: Annotated[
        bool, typer.Option("--force", help="Convert again even if a conversion exists.")
    ] = False,
    fmt: Annotated[ModelsFormat, typer.Option("--format", help="table or json.")] = ModelsFormat.TABLE,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No spinner on stderr.")] = False,
) -> None:
    """Convert MODEL for the CTranslate2 backend (needs dragoman\\[fast]); cached beside the HF cache."""
    from translate.models.convert import convert_model
    from translate.pipeline.progress import BatchProgress, spinner

    with spinner(f"converting {model} ({quantization})", BatchProgress.wanted(quiet)):
        converted = convert_model(model, quantization, force=force)
    if fmt is ModelsFormat.JSON:
        typer.echo(json.dumps(converted.to_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{model} ({converted.quantization}): {converted.path}")


@models_app.command("download")
def download(
    model: Annotated[str, typer.Argument(help="Preset name or hub id.")],
) -> None:
    """Fetch MODEL into the Hugging Face cache (config, tokenizer, safetensors weights only)."""
    from translate.errors import ModelNotFoundError
    from translate.models import get_preset, hub_offline
    from translate.models.loading import download_model, has_safetensors

    preset = get_preset(model)
    hub_id = preset.hub_id if preset else model
    if hub_offline():
        raise ModelNotFoundError(
            model, "HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) is set; unset it to download"
        )
    path = download_model(hub_id, model)
    note = "" if has_safetensors(path) else " (no safetensors weights: Dragoman cannot load it)"
    typer.echo(f"{model}: {path}{note}")
