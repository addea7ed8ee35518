from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from weedgo.config import DEFAULT_STOP
from weedgo.domain import Category, Product, StrainType
from weedgo.engine.base import Engine, GenerationParams, GenerationStats, complete
from weedgo.engine.llama import LlamaConfig, LlamaEngine
from weedgo.engine.text import ReplyText
from weedgo.errors import EngineError, Overloaded
from weedgo.pipeline.prompt import SYSTEM_PREFIX, build_prompt
from weedgo.vocab.files import load_kept_set

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
COUNTING = "Counting: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,"
GREEDY = GenerationParams(temperature=0.0, max_tokens=16)

NORTHERN = Product(
    id="nl",
    name="Northern Lights",
    brand="Tweed",
    category=Category.FLOWER,
    strain_type=StrainType.INDICA,
    thc_min=18,
    thc_max=21,
    size="3.5 g",
    price=34.99,
    effects=["relaxed"],
)


# --- reply text assembly (no model) -------------------------------------------------------
def test_multibyte_characters_split_across_tokens() -> None:
    reply = ReplyText(())
    data = "Café ☕ ok".encode()
    pieces = [reply.push(data[i : i + 1]) for i in range(len(data))]
    assert "".join(pieces) + reply.finish() == "Café ☕ ok"
    assert all("\ufffd" not in piece for piece in pieces)


def test_stop_split_across_tokens_is_held_back_and_cut() -> None:
    reply = ReplyText(("\nCustomer:",))
    shown = [reply.push(part.encode()) for part in [" Hello", " there", "\nCust", "omer", ": x"]]
    assert shown[:2] == ["Hello", " there"]
    assert shown[2:4] == ["", ""]
    assert reply.stopped
    assert "".join(shown) == "Hello there"


def test_false_start_of_a_stop_is_released() -> None:
    reply = ReplyText(("###",))
    assert reply.push(b"a #") == "a "
    assert reply.push(b"1 b") == "#1 b"
    assert not reply.stopped


def test_leading_whitespace_is_not_a_stop() -> None:
    reply = ReplyText(("\n",))
    assert reply.push(b"\n") == ""
    assert reply.push(b" Hi\nmore") == "Hi"
    assert reply.stopped


# --- the real model -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def engine(model_path: Path) -> Iterator[LlamaEngine]:
    engine = LlamaEngine(
        LlamaConfig(model_path=model_path, n_ctx=1024, queue_size=4, prewarm_text=SYSTEM_PREFIX)
    )
    asyncio.run(engine.start())
    yield engine
    asyncio.run(engine.aclose())


def _prompt(message: str) -> str:
    return build_prompt(message, [NORTHERN])


@pytest.mark.model
async def test_streams_text_and_fills_stats(engine: LlamaEngine) -> None:
    assert isinstance(engine, Engine)
    stats = GenerationStats()
    params = GenerationParams(max_tokens=40, stop=DEFAULT_STOP)
    pieces = [piece async for piece in engine.stream(_prompt("any indica?"), params, stats)]
    assert len(pieces) > 1
    assert "".join(pieces).strip()
    assert stats.prompt_tokens > engine.count_tokens(SYSTEM_PREFIX)
    assert 0 < stats.completion_tokens <= 40
    assert 0 < stats.ttft_ms <= stats.total_ms
    assert stats.finish_reason in ("stop", "length")


@pytest.mark.model
async def test_stop_strings_end_the_reply_and_do_not_leak(engine: LlamaEngine) -> None:
    stats = GenerationStats()
    params = GenerationParams(temperature=0.0, max_tokens=40, stop=(" 17,",))
    text = await complete(engine, COUNTING, params, stats)
    assert text.startswith("13, 14, 15, 16")
    assert "17" not in text
    assert stats.finish_reason == "stop"


@pytest.mark.model
async def test_max_tokens_is_respected(engine: LlamaEngine) -> None:
    stats = GenerationStats()
    await complete(engine, COUNTING, GenerationParams(temperature=0.0, max_tokens=5), stats)
    assert stats.completion_tokens == 5
    assert stats.finish_reason == "length"


@pytest.mark.model
async def test_greedy_generation_is_deterministic(engine: LlamaEngine) -> None:
    first = await complete(engine, _prompt("something to relax?"), GREEDY)
    await complete(engine, _prompt("what is cheap?"), GREEDY)  # a different cache state
    second = await complete(engine, _prompt("something to relax?"), GREEDY)
    assert first == second
    assert first


@pytest.mark.model
async def test_prefix_is_reused_and_speeds_up_the_first_token(engine: LlamaEngine) -> None:
    prefix_tokens = engine.count_tokens(SYSTEM_PREFIX)
    params = GenerationParams(temperature=0.0, max_tokens=3)
    cold, warm = GenerationStats(), GenerationStats()
    await complete(engine, "Shop chat log.\n" + _prompt("indica?"), params, cold)
    await complete(engine, _prompt("indica?"), params)  # puts the prefix back in the cache
    await complete(engine, _prompt("sativa?"), params, warm)
    assert cold.cached_prompt_tokens < 5
    assert warm.cached_prompt_tokens >= prefix_tokens - 3
    assert warm.ttft_ms < cold.ttft_ms


@pytest.mark.model
async def test_cancelled_consumer_frees_the_worker(engine: LlamaEngine) -> None:
    first_stats = GenerationStats()
    long = GenerationParams(temperature=0.0, max_tokens=400)
    stream = engine.stream(COUNTING, long, first_stats)
    await anext(aiter(stream))
    await stream.aclose()
    second = GenerationStats()
    await complete(engine, COUNTING, GenerationParams(temperature=0.0, max_tokens=3), second)
    assert second.queue_ms < 1000  # the worker dropped the first request within a few tokens
    assert second.finish_reason == "length"
    assert first_stats.finish_reason == "cancelled"
    assert first_stats.completion_tokens < 20


@pytest.mark.model
async def test_cancelled_task_frees_the_worker(engine: LlamaEngine) -> None:
    async def consume() -> str:
        return await complete(engine, COUNTING, GenerationParams(temperature=0.0, max_tokens=400))

    task = asyncio.create_task(consume())
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    second = GenerationStats()
    await complete(engine, COUNTING, GenerationParams(temperature=0.0, max_tokens=3), second)
    assert second.queue_ms < 1000


@pytest.mark.model
async def test_full_queue_raises_overloaded_at_once(model_path: Path) -> None:
    engine = LlamaEngine(LlamaConfig(model_path=model_path, n_ctx=256, queue_size=1))
    assert engine.health()["status"] == "loading"
    await engine.start()
    long = GenerationParams(temperature=0.0, max_tokens=300)
    try:
        running = engine.stream(COUNTING, long)
        await anext(aiter(running))  # the worker is busy with this one
        waiting = asyncio.create_task(complete(engine, COUNTING, long))
        await asyncio.sleep(0.05)
        assert engine.queue_depth() == 1
        started = time.perf_counter()
        with pytest.raises(Overloaded):
            await anext(aiter(engine.stream(COUNTING, long)))
        assert time.perf_counter() - started < 0.05
        waiting.cancel()
        await running.aclose()
    finally:
        await engine.aclose()


@pytest.mark.model
async def test_health_reports_the_lifecycle(model_path: Path) -> None:
    engine = LlamaEngine(LlamaConfig(model_path=model_path, n_ctx=256, n_threads=1))
    assert engine.health()["status"] == "loading"
    assert engine.health()["kv_cells_per_sequence"] is None  # not loaded yet
    await engine.start()
    health = engine.health()
    assert health["status"] == "ok"
    assert health["model"] == model_path.name.removesuffix(".gguf")
    assert health["vocab_size"] == len(load_kept_set()["ids"])  # the trimmed default
    assert (health["n_ctx"], health["n_threads"]) == (256, 1)
    assert health["kv_cells_per_sequence"] == 256  # what llama.cpp made of the context
    assert health["n_ctx_train"] == 32768  # Gemma 3 270M's; n_ctx is not checked against it
    assert engine.count_tokens("hello there") < 5
    await engine.aclose()
    assert engine.health()["status"] == "down"
    with pytest.raises(EngineError):
        await anext(aiter(engine.stream("hi", GREEDY)))


async def test_missing_model_file_reports_down(tmp_path: Path) -> None:
    engine = LlamaEngine(LlamaConfig(model_path=tmp_path / "missing.gguf"))
    with pytest.raises(EngineError):
        await engine.start()
    assert engine.health()["status"] == "down"
    await engine.aclose()
