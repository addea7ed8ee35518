"""The guard on a streamed reply: :class:`StreamGuard`.

Words are released as they arrive while the sentence so far is harmless. A word that
looks risky (a digit, ``$``, ``%``, a capitalised word that is not an ordinary sentence
opener) is still released at once when it is a fact of the found products: a name or
brand so far ("Blue", then "Dream"), a price with its dollar sign ("$39.99") or a size
with its unit ("3.5g"). A bare number or a potency is always held, since the words after
it decide what it states ("22" then "dollars", "22%" then "CBD"), and so is the word that
would complete another product's name, in any case ("jack", then "herer"). From the
first held word, or a claim trigger such as "cure" or "anxiety", the rest of the
sentence is held until it ends; then the whole
sentence is checked (always, released words included) and released, or, if it fails,
nothing more is released and ``finish()`` reports ``ok=False`` so the caller replaces
the streamed text. A failing sentence may thus leave its harmless words on screen until
the replacement arrives in the ``done`` event.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from weedgo.compliance.claims import is_trigger_word
from weedgo.domain import Product
from weedgo.domain.turn import GuardResult
from weedgo.pipeline.guard.facts import ORDINARY, STARTERS, Facts, canonical
from weedgo.pipeline.guard.sentence import check_sentence
from weedgo.text import SENTENCE_END, normalise

_NEXT_WORD = re.compile(r"\s*\S+\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_PRICE_WORD = re.compile(r"(?:C?\$)?\d+(?:\.\d{1,2})?")  # "$39.99", after "$"
_SIZE_WORD = re.compile(r"\d+(?:[.,]\d+)?(?:g|ml)", re.IGNORECASE)  # "3.5g"
_QUOTES = "\"'“”‘’()[]*"


class StreamGuard:
    """The guard for a streamed reply: ``feed`` pieces, send what it returns, then ``finish``.

    After ``finish()``, :attr:`tail` holds the last sentence, released by ``finish`` (the
    caller sends it too when the result is ok); the result's text is ``released + tail``
    (when not ok: what was already sent, which the caller replaces).
    """

    def __init__(
        self,
        products: Sequence[Product],
        *,
        catalog_names: Collection[str] = (),
        education_only: bool = False,
    ) -> None:
        self._facts = Facts(products, catalog_names, education_only)
        self._pending = ""  # received, not released
        self._sentence = ""  # released part of the current sentence
        self._holding = False
        self._stopped = False
        self._released: list[str] = []
        self._reasons: list[str] = []
        self.tail = ""

    @property
    def released(self) -> str:
        return "".join(self._released)

    def feed(self, piece: str) -> str:
        """Take the next piece of the reply; return the text that is safe to send now."""
        if self._stopped:
            return ""
        self._pending += piece
        out: list[str] = []
        while (end := SENTENCE_END.search(self._pending)) is not None:
            rest, self._pending = self._pending[: end.end()], self._pending[end.end() :]
            if not self._passes(self._sentence + rest):
                self._stopped = True
                break
            out.append(rest)
            self._sentence, self._holding = "", False
        if not self._stopped and not self._holding:
            out.append(self._release_words())
        text = "".join(out)
        self._released.append(text)
        return text

    def finish(self) -> GuardResult:
        """Check the last sentence and give the verdict on the whole streamed reply."""
        if not self._stopped and not self._passes(self._sentence + self._pending):
            self._stopped = True
        ok = not self._stopped and bool((self.released + self._pending).strip())
        self.tail = self._pending if ok else ""
        text = self.released + self.tail  # unstripped: text[len(released):] is the tail
        if not text.strip() and not self._reasons:
            self._reasons.append("empty reply")
        return GuardResult(ok=ok, text=text, reasons=self._reasons)

    def _passes(self, sentence: str) -> bool:
        if not sentence.strip():
            return True
        verdict = check_sentence(self._facts, sentence.strip())
        self._reasons.extend(verdict.reasons)
        return verdict.ok

    def _release_words(self) -> str:
        """Release whole words of the current sentence up to the first risky one."""
        position = 0
        while (match := _NEXT_WORD.match(self._pending, position)) is not None:
            before = self._sentence + self._pending[:position]
            word = match.group(0).strip()
            if self._holds(before, word):
                self._holding = True
                break
            position = match.end()
        text = self._pending[:position]
        self._pending = self._pending[len(text) :]
        self._sentence += text
        return text

    def _holds(self, before: str, word: str) -> bool:
        """Whether the sentence must be held from ``word`` on: a risky word that is no
        fact of the found products, or the last word of another product's name."""
        if _risky(word, not before.strip()) and not self._known(before, word):
            return True
        return self._facts.completes_other(normalise(f"{before} {word}").split())

    def _known(self, before: str, word: str) -> bool:
        """A risky-looking word that is a fact of the found products: a name or brand
        (so far), a price with its ``$``, or a size with its unit."""
        core = word.strip(_QUOTES + ",;:!?")
        if self._facts.education_only or '"' in word or is_trigger_word(core.strip(".")):
            return False
        if any(ch.isdigit() for ch in core):
            return self._known_figure(core.rstrip("."))
        run = [core.strip(".")]
        for previous in reversed(before.split()):
            if not previous[:1].isupper() or previous[-1:] in ".!?,;:":
                break
            run.insert(0, previous)
        return self._facts.starts_label(normalise(" ".join(run)))

    def _known_figure(self, core: str) -> bool:
        """A price or a size of the found products, whole in one word. Any other figure,
        a bare number or a potency is held: the words after it may make it a price or a
        THC / CBD figure ("22" then "dollars", "22%" then "CBD")."""
        if core.startswith(("$", "C$")) and _PRICE_WORD.fullmatch(core):
            return canonical(core.lstrip("C$")) in self._facts.prices
        if _SIZE_WORD.fullmatch(core):
            return canonical(_NUMBER.findall(core)[0]) in self._facts.sizes
        return False


def _risky(word: str, first: bool) -> bool:
    core = word.strip(_QUOTES + ".,;:!?")
    if any(ch.isdigit() for ch in word) or any(ch in word for ch in '$%"“”'):
        return True
    if is_trigger_word(core):
        return True
    if core[:1].isupper() and core.lower() not in ORDINARY:
        return not (first and core.lower() in STARTERS)
    return False
