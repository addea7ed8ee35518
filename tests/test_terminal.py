"""``weedgo chat``: what stays on the terminal is what the service decided to say."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from tests.conftest import make_settings
from weedgo.engine.fake import FakeEngine
from weedgo.terminal import run_terminal_chat


class ScriptedConsole(Console):
    """A console that types the given lines, then an empty line (quit)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(file=io.StringIO(), width=200, color_system=None, force_terminal=False)
        self.lines = [*lines, ""]

    def input(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return self.lines.pop(0)

    def text(self) -> str:
        out = self.file
        assert isinstance(out, io.StringIO)
        return out.getvalue()


async def test_a_reply_the_guard_replaced_is_replaced_on_screen(tmp_path: Path) -> None:
    engine = FakeEngine()
    invented = "Try Moonbeam Unicorn Haze by Starfield, only $1.99 for 28 g."
    engine.enqueue(invented)
    console = ScriptedConsole(["any indica for sleep?"])
    assert await run_terminal_chat(make_settings(tmp_path), console=console, engine=engine) == 0
    shown = console.text()
    assert engine.prompts, "the model was asked"
    assert "Moonbeam" not in shown and "$1.99" not in shown
    assert "budtender> " in shown and " ms" in shown
    assert "price" in shown  # the cards table is printed


async def test_a_grounded_reply_stays_as_streamed(tmp_path: Path) -> None:
    engine = FakeEngine()
    engine.enqueue("Here are a few calm picks from our menu for a quiet evening.")
    console = ScriptedConsole(["any indica for sleep?"])
    assert await run_terminal_chat(make_settings(tmp_path), console=console, engine=engine) == 0
    shown = " ".join(console.text().split())  # as wrapped at the console's width
    assert "a few calm picks from our menu for a quiet evening." in shown
