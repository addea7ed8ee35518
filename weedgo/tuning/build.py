"""The adapter's training data: the service's own prompts, the teacher's targets, kept
only where the whole reply passes the guard and the quality rubric.

1. **Prompts.** Generated questions (:mod:`weedgo.tuning.questions`) and the exemplars of
   ``exemplars.jsonl`` go through the real service (the quality suite's in-process app,
   demo catalog, tuned prompt style) with a recording stand-in engine: every prompt the
   service would send the model is kept, exactly as the tuned model will see it.
2. **Targets.** The teacher (:mod:`weedgo.tuning.teacher`) writes the text for each.
   Only the sentence after the catalog's sentence is taught from the teacher: its whole
   replies to education questions stated facts it does not know (it called linalool a
   sweetener), so whole replies are taught from the hand-written exemplars alone.
3. **Filter.** The questions go through the service once more, the stand-in engine now
   answering each prompt with the teacher's text: the guard checks it as it would the
   model's, and the quality rubric scores the whole reply. An example is kept only when
   the model's text is in the reply (``authors``) and every check passes.

Hand-written exemplars in the store's voice (``exemplars.jsonl``) join the kept examples
as they are, at training time.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from weedgo.catalog.seed import demo_products
from weedgo.domain import Product
from weedgo.engine.fake import FakeEngine
from weedgo.pipeline import tuned
from weedgo.quality.questions import Question, load_questions
from weedgo.quality.runner import Answer, quality_settings, run_questions
from weedgo.tuning.notes import fewer_habits, untrue_flavour
from weedgo.tuning.questions import TrainingQuestion, training_questions

logger = logging.getLogger(__name__)

TUNING_DIR = Path(__file__).resolve().parent
EXEMPLARS = TUNING_DIR / "exemplars.jsonl"


@dataclass(frozen=True)
class Example:
    """One training example: the tuned prompt and the text the model should write."""

    prompt: str
    target: str
    source: str  # "teacher" or "exemplar"
    question: str

    def task(self) -> str:
        return "lead" if self.prompt.startswith(tuned.LEAD_TASK) else "reply"


def load_exemplars(path: Path = EXEMPLARS) -> list[dict[str, Any]]:
    """``{"task", "question", "product", "target"}`` lines: ``task`` is ``lead`` (the
    sentence after the catalog's sentence about ``product``) or ``reply`` (a whole reply,
    with ``product`` listed, or none when null); ``product`` is a demo catalog name."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def exemplar_examples(rows: Sequence[dict[str, Any]], products: Sequence[Product]) -> list[Example]:
    by_name = {p.name.lower(): p for p in products}
    out = []
    for row in rows:
        name = row.get("product")
        product = by_name.get(str(name).lower()) if name else None
        if name and product is None:
            raise ValueError(f"exemplar names {name!r}, which the demo catalog does not sell")
        if row.get("task") == "lead":
            if product is None:
                raise ValueError(f"lead exemplar {row['question']!r} needs a product")
            prompt = tuned.lead_prompt(row["question"], product)
        else:
            prompt = tuned.reply_prompt(row["question"], [product] if product else [])
        out.append(Example(prompt, row["target"], "exemplar", row["question"]))
    return out


# Words a target must not contain, whatever the guard and the rubric let through: the
# teacher speaking of the exchange itself, of the customer in the third person, of
# health, or of what a store's catalog cannot know.
_BANNED = re.compile(
    r"\b(customer|leaf|budtender|assistant|prompt|i'm|i am|i think|maybe|might|perhaps|"
    r"healthy|health|addict\w*|cure\w*|heal\w*|medic\w*|pain|anxiety|stress|insomnia|"
    r"popular|favou?rite|best[- ]sell\w*|new arrival|million|percent|eco-friendly|"
    r"biodegradable|synthetic|pot|weed|with us|safe|safety|nutritious|nutrition|nuts?|"
    r"sounds like|lifestyle|journey|high-quality|quality|diet|effective\w*|efficac\w*)\b",
    re.IGNORECASE,
)


def plain_enough(target: str, *, lead: bool) -> str | None:
    """Why a teacher's text is not fit to teach from, or None when it is."""
    words = target.split()
    if _BANNED.search(target):
        return "banned word"
    if lead and (re.search(r"\d", target) or not 4 <= len(words) <= 22):
        return "lead: a number or the wrong length"
    if not lead and len(words) > 45:
        return "reply too long"
    if (lead and (";" in target or ":" in target)) or target.count(":") > 1:
        return "facts copied"
    return None


class Recorder:
    """The stand-in engine's responder: records prompts, answers from ``texts`` if given."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self.texts = texts or {}
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return self.texts.get(prompt, "") + "\n"


async def _through_service(
    questions: Sequence[Question], recorder: Recorder, database: Path
) -> list[tuple[Answer, list[str]]]:
    """Each question's answer and the prompts the service sent for it."""
    settings = quality_settings(
        database,
        engine="fake",
        prompt_style="tuned",
        request_deadline_s=60.0,
        model_languages=["en"],
    )
    marks: list[int] = []
    engine = FakeEngine(responder=recorder)
    answers = await run_questions(
        settings,
        questions,
        engine=engine,
        warmup=0,
        progress=lambda _: marks.append(len(recorder.prompts)),
    )
    out, start = [], 0
    for answer, end in zip(answers, marks, strict=True):
        out.append((answer, recorder.prompts[start:end]))
        start = end
    return out


def _as_questions(items: Sequence[TrainingQuestion]) -> list[Question]:
    return [
        Question(id=f"train-{n:05d}", text=q.text, intent="product_search")
        for n, q in enumerate(items)
    ]


async def build_examples(
    *,
    questions: int,
    teacher_dir: Path,
    say: Callable[[str], None] = print,
) -> tuple[list[Example], dict[str, Any]]:
    """The kept examples and the figures of the run (counts at each step)."""
    held_out = [q.text for q in load_questions()]
    asked = _as_questions(training_questions(demo_products(), held_out, count=questions))
    with tempfile.TemporaryDirectory() as tmp:
        prompts = await _lead_prompts(asked, Path(tmp) / "prompts.db")
        say(f"{len(asked)} questions, {len(prompts)} distinct model prompts")
        texts = await _teacher_texts(prompts, teacher_dir, say)
        say(f"teacher wrote {len(texts)} texts")
        checked = await _through_service(asked, Recorder(texts), Path(tmp) / "check.db")
    kept, reasons = keep_examples(checked, asked, texts)
    unique, habits = without_habits(kept)
    reasons["a habit of the teacher's, kept rare"] = habits
    figures = {
        "questions": len(asked),
        "prompts": len(prompts),
        "teacher_texts": len(texts),
        "kept_teacher": len(unique),
        "rejected": reasons,
    }
    return unique, figures


async def _lead_prompts(asked: Sequence[Question], database: Path) -> list[str]:
    """Step 1: the distinct lead prompts the service sends the model for ``asked``."""
    runs = await _through_service(asked, Recorder(), database)
    return sorted({p for _, sent in runs for p in sent if p.startswith(tuned.LEAD_TASK)})


async def _teacher_texts(
    prompts: Sequence[str], teacher_dir: Path, say: Callable[[str], None]
) -> dict[str, str]:
    """Step 2: the teacher's text for each prompt."""
    from weedgo.tuning.teacher import Teacher, teacher_path

    def progress(done: int) -> None:
        if done % 100 == 0:
            say(f"teacher: {done}/{len(prompts)}")

    async with Teacher(teacher_path(teacher_dir), teacher_dir) as teacher:
        return await teacher.write(prompts, progress=progress)


def why_not_kept(prompt: str, text: str, answer: Answer) -> list[str] | None:
    """Step 3 for one prompt: None when the teacher's ``text`` is kept, else the reasons
    (none named when the rubric failed the reply without a check to blame)."""
    lead = prompt.startswith(tuned.LEAD_TASK)
    unfit = plain_enough(text, lead=lead)
    if unfit is None and lead and untrue_flavour(text, prompt) is not None:
        unfit = "a flavour the facts lack"
    if unfit is not None:
        return [unfit]
    if "model" not in answer.authors:
        return ["guard or unfinished"]
    return None if answer.passed else answer.failures


def keep_examples(
    checked: Sequence[tuple[Answer, list[str]]],
    asked: Sequence[Question],
    texts: dict[str, str],
) -> tuple[list[Example], dict[str, int]]:
    """Step 3: the teacher's texts that pass, and how many were rejected for what."""
    kept: list[Example] = []
    reasons: Counter[str] = Counter()
    for (answer, sent), question in zip(checked, asked, strict=True):
        for prompt in (p for p in sent if p in texts):
            why = why_not_kept(prompt, texts[prompt], answer)
            if why is None:
                kept.append(Example(prompt, texts[prompt], "teacher", question.text))
            else:
                reasons.update(why)
    return kept, dict(reasons)


def without_habits(kept: Sequence[Example]) -> tuple[list[Example], int]:
    """One example per prompt, the teacher's habits kept rare; how many habits were cut."""
    unique = list({e.prompt: e for e in kept}.values())
    keep = fewer_habits([e.target for e in unique])
    return [e for e, ok in zip(unique, keep, strict=True) if ok], keep.count(False)


def write_examples(examples: Sequence[Example], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for example in examples:
            out.write(json.dumps(asdict(example), ensure_ascii=False) + "\n")


def read_examples(path: Path) -> list[Example]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [Example(**row) for row in rows]
