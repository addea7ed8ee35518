"""``weedgo chat``: talk to the budtender in a terminal, without the HTTP layer."""

from __future__ import annotations

import uuid

from rich.console import Console
from rich.table import Table

from weedgo.config import Settings
from weedgo.pipeline.context import ChatInput
from weedgo.pipeline.types import DoneEvent, MetaEvent, TokenEvent
from weedgo.services import Services


async def run_terminal_chat(settings: Settings) -> int:
    console = Console()
    services = Services(settings)
    with console.status("Loading the budtender..."):
        await services.start(wait_for_engine=True)
    customer = f"terminal-{uuid.uuid4().hex[:8]}"
    session: str | None = None
    console.print("[bold]WeedGo budtender[/bold] (empty line to quit)")
    try:
        while True:
            message = console.input("[green]you>[/green] ").strip()
            if not message:
                return 0
            inp = ChatInput(message=message[:1000], customer_id=customer, session_id=session)
            console.print("[cyan]budtender>[/cyan] ", end="")
            async for event in services.pipeline.handle(inp):
                if isinstance(event, MetaEvent):
                    session = event.session_id
                    meta = event
                elif isinstance(event, TokenEvent):
                    console.print(event.text, end="", soft_wrap=True, highlight=False)
                elif isinstance(event, DoneEvent):
                    console.print(
                        f"\n[dim]{event.response_time_ms:.0f} ms"
                        f"{' (cached)' if event.cached else ''}[/dim]"
                    )
                    _cards(console, meta)
    finally:
        await services.stop()


def _cards(console: Console, meta: MetaEvent) -> None:
    if meta.products:
        table = Table("name", "brand", "type", "THC", "size", "price")
        for card in meta.products:
            table.add_row(
                card.name,
                card.brand,
                card.strain_type.value,
                f"{card.thc_min:g}-{card.thc_max:g} {card.potency_unit}",
                card.size,
                f"${card.price:.2f}",
            )
        console.print(table)
    if meta.quick_replies:
        console.print("[dim]try: " + " | ".join(meta.quick_replies) + "[/dim]")
