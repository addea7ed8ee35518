"""The prompt tail the model evaluates before its first token, in the model's own tokens.

    python benchmarks/prompt_tail.py

Runs the anchor's product questions through the service in this process (the demo
catalog, the real search, a fake engine that records each prompt) once with the
catalog-first reply (``WEEDGO_LEAD_REPLY=true``, the default) and once with the model
writing the whole reply, then counts each prompt's tokens after its fixed prefix with the
model's tokenizer. The prefix is evaluated once per slot and reused; the tail is paid on
every request, before the first model token.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi.testclient import TestClient

from weedgo.app import create_app
from weedgo.config import Settings
from weedgo.engine.fake import FakeEngine
from weedgo.engine.model_files import ensure_model
from weedgo.engine.native import NativeModel
from weedgo.perf.queries import load_queries
from weedgo.pipeline.lead import LEAD_PREFIX
from weedgo.pipeline.prompt import SYSTEM_PREFIX
from weedgo.stats import percentile

MESSAGES = [query.text for query in load_queries() if query.type == "product"]


def prompts(lead: bool) -> list[str]:
    """The prompts the service sends for the product questions."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            database_url=f"sqlite:///{Path(tmp) / 'tail.db'}",
            engine="fake",
            enable_caching=False,
            precompute=False,
            lead_reply=lead,
            create_database=True,
            _env_file=None,  # type: ignore[call-arg]
        )
        engine = FakeEngine("A good pick.")
        with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
            for number, message in enumerate(MESSAGES):
                body = {"message": message, "customer_id": f"tail-{number}"}
                assert client.post("/api/v1/chat", json=body).status_code == 200
        return list(engine.prompts)


def tail_tokens(model: NativeModel, prompt: str, prefix: str) -> int:
    assert prompt.startswith(prefix)
    return len(model.tokenize(prompt)) - len(model.tokenize(prefix))


def main() -> None:
    model = NativeModel(ensure_model(Settings()), vocab_only=True)
    rows = []
    for name, lead, prefix in (
        ("model writes the reply (product facts in the prompt)", False, SYSTEM_PREFIX),
        ("catalog sentence first (the model adds one sentence)", True, LEAD_PREFIX),
    ):
        sent = prompts(lead)
        tails = [tail_tokens(model, prompt, prefix) for prompt in sent]
        facts = [
            len(model.tokenize(line, add_bos=False))
            for prompt in sent
            for line in prompt[len(prefix) :].splitlines()
            if line.startswith(("- ", "Facts: "))
        ]
        per_product = percentile(facts, 50) if facts else 0
        rows.append(
            f"| {name} | {len(model.tokenize(prefix))} | {percentile(tails, 50):.0f} "
            f"| {max(tails)} | {per_product:.0f} | {len(sent)} |"
        )
    print(f"{len(MESSAGES)} product questions; tokens of {ensure_model(Settings()).name}\n")
    print("| prompt | prefix tokens (once) | tail tokens, median | tail tokens, max "
          "| tokens per product, median | prompts |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
