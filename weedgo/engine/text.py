"""Token bytes to reply text: UTF-8 split across tokens, stop strings held back."""

from __future__ import annotations

import codecs


class ReplyText:
    """Turns one sequence's token pieces into visible text.

    An incremental UTF-8 decoder joins characters split across tokens; stop strings are
    matched on the decoded text and any tail that could begin a stop string is held back,
    so a stop split over tokens never leaks. Whitespace before the first visible
    character is dropped (it is neither shown nor treated as a stop).
    """

    def __init__(self, stops: tuple[str, ...]) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stops = tuple(stop for stop in stops if stop)
        self._held = ""
        self._started = False
        self.stopped = False

    def push(self, data: bytes) -> str:
        text = self._held + self._decoder.decode(data)
        if not self._started:  # whitespace before the reply is neither shown nor a stop
            text = text.lstrip()
            self._started = bool(text)
        cut = min((text.find(s) for s in self._stops if s in text), default=-1)
        if cut >= 0:
            self.stopped, self._held = True, ""
            return text[:cut]
        keep = self._partial_stop(text)
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep]

    def finish(self) -> str:
        text = self._held + self._decoder.decode(b"", final=True)
        self._held = ""
        return text.rstrip() if self._started else ""

    def _partial_stop(self, text: str) -> int:
        """Length of the longest tail of ``text`` that could begin a stop string."""
        best = 0
        for stop in self._stops:
            for size in range(min(len(stop) - 1, len(text)), best, -1):
                if text.endswith(stop[:size]):
                    best = size
                    break
        return best
