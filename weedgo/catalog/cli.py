"""``weedgo catalog import FILE``: parse, report bad rows, upsert in one transaction."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from weedgo.catalog.importer import parse_catalog_file
from weedgo.config import Settings
from weedgo.errors import StoreError
from weedgo.store.factory import open_store


async def import_file(settings: Settings, path: Path, *, replace: bool = False) -> int:
    console = Console(stderr=True)
    if not path.is_file():
        console.print(f"[red]No such file: {path}[/red]")
        return 2
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task(f"Reading {path.name}", total=2)
        try:
            parsed = parse_catalog_file(path)
        except ValueError as error:
            console.print(f"[red]{error}[/red]")
            return 2
        progress.update(task, advance=1, description=f"Writing {len(parsed.products)} products")
        store = open_store(settings.database_url, pool_min=1, pool_max=2)
        try:
            await store.open()
            result = await store.upsert_products(parsed.products, replace=replace)
        except StoreError as error:
            console.print(f"[red]Import failed, nothing was written: {error}[/red]")
            return 1
        finally:
            await store.close()
        progress.update(task, advance=1, description="Done")
    for line, reason in parsed.errors:
        console.print(f"[yellow]{path.name}:{line}: {reason}[/yellow]")
    console.print(
        f"{parsed.format}: {result.inserted} inserted, {result.updated} updated, "
        f"{result.removed} removed, {len(parsed.errors)} rejected; "
        f"catalog version {result.catalog_version}"
    )
    return 0
