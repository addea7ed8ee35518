"""``weedgo chat``: talk to the budtender in a terminal, without the HTTP layer."""

from __future__ import annotations

import uuid

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from weedgo.config import Settings
from weedgo.domain.turn import DoneEvent, ErrorEvent, MetaEvent, TokenEvent
from weedgo.engine.base import Engine
from weedgo.pipeline.context import ChatInput
from weedgo.services import Services


async def run_terminal_chat(
    settings: Settings, *, console: Console | None = None, engine: Engine | None = None
) -> int:
    console = console or Console()
    services = Services(settings, engine=engine)
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
            meta, done = await _show_reply(services, inp, console)
            if meta is not None:
                session = meta.session_id
            _show_after(console, meta, done)
    finally:
        await services.stop()


async def _show_reply(
    services: Services, inp: ChatInput, console: Console
) -> tuple[MetaEvent | None, DoneEvent | None]:
    """Stream one reply onto the screen; its ``meta`` and ``done`` events."""
    meta: MetaEvent | None = None
    done: DoneEvent | None = None
    # the reply is one live region, so a reply the guard replaced is replaced on screen
    # too: the withdrawn text does not stay there
    reply = Text("budtender> ", style="cyan")
    with Live(reply, console=console, auto_refresh=False) as live:
        async for event in services.pipeline.handle(inp):
            if isinstance(event, MetaEvent):
                meta = event
            elif isinstance(event, TokenEvent):
                reply.append(event.text, style="default")
                live.refresh()
            elif isinstance(event, DoneEvent):
                done = event
                live.update(render_reply(event, reply), refresh=True)
            elif isinstance(event, ErrorEvent):
                live.update(Text.assemble(("budtender> ", "cyan"), event.message))
    if not console.is_terminal:
        console.line()  # a terminal's live region ends its own line
    return meta, done


def _show_after(console: Console, meta: MetaEvent | None, done: DoneEvent | None) -> None:
    """The reply's time, then its product cards and quick replies."""
    if done is not None:
        cached = " (cached)" if done.cached else ""
        console.print(f"[dim]{done.response_time_ms:.0f} ms{cached}[/dim]")
    if meta is not None:
        _cards(console, meta)


def render_reply(done: DoneEvent, streamed: Text) -> Text:
    """What stays on screen once the reply is done: the streamed text, or the message that
    replaced it (and the message itself when nothing was streamed)."""
    if done.replaced or not streamed.plain.removeprefix("budtender> ").strip():
        return Text.assemble(("budtender> ", "cyan"), done.message)
    return streamed


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
