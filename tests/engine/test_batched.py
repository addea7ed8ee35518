"""Continuous batching on the real model: equivalence, joining, cancelling, limits."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from weedgo.catalog.seed import demo_products
from weedgo.config import DEFAULT_STOP, Settings
from weedgo.engine.base import GenerationParams, GenerationStats, complete
from weedgo.engine.batched import BatchWorker
from weedgo.engine.layout import WorkerConfig
from weedgo.engine.llama import LlamaConfig, LlamaEngine
from weedgo.engine.model_files import ensure_model
from weedgo.engine.slots import common_prefix
from weedgo.errors import EngineError, Overloaded
from weedgo.pipeline.prompt import SYSTEM_PREFIX, build_prompt

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
COUNTING = "Counting: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,"
GREEDY = GenerationParams(temperature=0.0, max_tokens=30, stop=DEFAULT_STOP)
CONFIDENT = (
    COUNTING,
    "Alphabet: A, B, C, D, E, F, G,",
    "Days: Monday, Tuesday, Wednesday,",
    "Months: January, February, March,",
)
LONG = GenerationParams(temperature=0.0, max_tokens=40, stop=("\n",))
MESSAGES = ["any indica for sleep?", "cheapest pre-roll?", "something energetic?", "edibles?"]


def _prompt(number: int) -> str:
    products = demo_products()
    return build_prompt(MESSAGES[number % 4], products[number : number + 3])


# --- no model -----------------------------------------------------------------------------
def test_common_prefix_and_context_size() -> None:
    assert common_prefix([1, 2, 3], [1, 2, 4, 5]) == 2
    assert common_prefix([], [1]) == 0
    config = WorkerConfig(slots=4, max_seq=500, prefix=tuple(range(260)))
    shape = config.shape()
    assert shape.n_seq_max == 5  # four slots and the reserved prefix sequence
    assert config.stream_cells == 512  # every stream holds a whole sequence of 500
    assert shape.n_ctx == 5 * 512


def test_threads_are_split_between_contexts() -> None:
    config = LlamaConfig(model_path=Path("x"), n_threads=2, parallel=4, contexts=2)
    worker = config.worker(())
    assert (worker.slots, worker.n_threads, worker.n_threads_batch) == (2, 1, 1)


def test_n_ctx_is_the_larger_setting_and_sizes_every_stream() -> None:
    values = {"n_ctx": 512, "n_ctx_complex": 1000, "parallel": 8, "_env_file": None}
    settings = Settings(**values)  # type: ignore[arg-type]
    config = LlamaEngine.from_settings(settings).config
    assert config.n_ctx == 1000  # positions of one sequence, prompt and reply
    assert config.from_settings(settings.model_copy(update={"n_ctx": 2048})).n_ctx == 2048
    worker = config.worker(tuple(range(300)))
    assert (worker.slots, worker.max_seq, worker.stream_cells) == (8, 1000, 1024)
    assert worker.shape().n_ctx == 9 * 1024  # eight slots and the prefix, 1024 cells each
    longer_prefix = config.worker(tuple(range(1100)))
    assert longer_prefix.max_seq == 1000 and longer_prefix.stream_cells == 1280


# --- the real model -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def engines() -> Iterator[tuple[LlamaEngine, LlamaEngine]]:
    path = ensure_model(Settings(data_dir=DATA_DIR))
    single = LlamaEngine(LlamaConfig(model_path=path, prewarm_text=SYSTEM_PREFIX))
    batched = LlamaEngine(
        LlamaConfig(model_path=path, parallel=4, queue_size=2, prewarm_text=SYSTEM_PREFIX)
    )
    asyncio.run(single.start())
    asyncio.run(batched.start())
    yield single, batched
    asyncio.run(single.aclose())
    asyncio.run(batched.aclose())


@pytest.mark.model
def test_each_context_is_created_and_warmed_on_its_own_worker_thread(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    """OpenMP keeps a helper pool per calling thread: a context warmed elsewhere would
    leave an idle pool behind that slows every later decode step."""
    for engine in engines:
        assert engine._workers and len(engine._workers) == len(engine._threads)
        for worker, thread in zip(engine._workers, engine._threads, strict=True):
            assert worker.thread_id == thread.ident != threading.main_thread().ident
            assert worker.ctx is not None and worker.ready.is_set()


@pytest.mark.model
def test_a_second_engine_in_the_process_is_reported_when_cores_run_short(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("weedgo.engine.llama.usable_cores", lambda: 2)
    monkeypatch.setattr("weedgo.engine.llama._RUNNING_THREADS", {})  # not the other tests'
    path = ensure_model(Settings(data_dir=DATA_DIR))
    first = LlamaEngine(LlamaConfig(model_path=path, n_threads=1))
    second = LlamaEngine(LlamaConfig(model_path=path, n_threads=2))
    third = LlamaEngine(LlamaConfig(model_path=path, n_threads=1))
    with caplog.at_level(logging.WARNING, logger="weedgo.engine.llama"):
        asyncio.run(first.start())
        assert "Another model engine" not in caplog.text
        asyncio.run(second.start())
        assert "Another model engine runs in this process" in caplog.text
        asyncio.run(second.aclose())
        caplog.clear()
        asyncio.run(third.start())  # 1 + 1 threads fit on two cores
        assert "Another model engine" not in caplog.text
    asyncio.run(first.aclose())
    asyncio.run(third.aclose())


@pytest.mark.model
def test_a_context_that_cannot_be_created_stops_start_cleanly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: BatchWorker) -> None:
        raise EngineError("no memory for the context")

    monkeypatch.setattr(BatchWorker, "load", refuse)
    engine = LlamaEngine(
        LlamaConfig(model_path=ensure_model(Settings(data_dir=DATA_DIR)), parallel=2, contexts=2)
    )
    with pytest.raises(EngineError, match="no memory"):
        asyncio.run(engine.start())
    health = engine.health()
    assert health["status"] == "down" and "no memory" in health["error"]
    assert not engine._threads and not engine._workers and engine._jobs.empty()


@pytest.mark.model
async def test_a_conversations_next_turn_reuses_its_earlier_turn(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    """A finished sequence keeps its cells in its own stream; the next turn of the same
    conversation takes that slot back and evaluates only what is new."""
    _, batched = engines
    first = _prompt(2)
    reply = await complete(batched, first, GREEDY)
    await complete(batched, _prompt(3), GREEDY)  # another customer in between
    follow_up = f"{first} {reply}\nCustomer: anything cheaper?\nAssistant:"
    stats = GenerationStats()
    await complete(batched, follow_up, GREEDY, stats)
    earlier = batched.count_tokens(first)
    assert stats.cached_prompt_tokens >= earlier
    assert stats.prompt_tokens - stats.cached_prompt_tokens < stats.prompt_tokens - earlier + 40


async def _first_piece(stream: AsyncIterator[str]) -> str:
    return await anext(aiter(stream))


@pytest.mark.model
async def test_batched_greedy_replies_match_the_one_at_a_time_replies(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    """Alone, a sequence gives the one-at-a-time reply, and four at a time still do. The
    two engines' contexts differ in size (one KV stream against four), so attention may sum
    in another order; in a batch, llama.cpp's CPU matmul also sums several rows in another
    order than one row (gemm versus gemv), which moves a logit by up to about 0.2. This
    small model's free-form budtender replies hold near-ties even at their first word (one
    CPU gave "Pink Kush by Maple" against "I'm not sure about"), so the comparison uses
    prompts whose every next token is confident (counting, alphabet, weekdays, months):
    those must come out exactly the same, alone and four at a time."""
    single, batched = engines
    sure = [await complete(single, prompt, LONG) for prompt in CONFIDENT]
    assert all(len(text.split()) >= 4 for text in sure), sure
    alone = [await complete(batched, prompt, LONG) for prompt in CONFIDENT]
    assert alone == sure
    assert await asyncio.gather(*(complete(batched, p, LONG) for p in CONFIDENT)) == sure


@pytest.mark.model
async def test_a_sequence_joins_and_leaves_while_another_generates(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    single, batched = engines
    long = LONG
    expected_long = await complete(single, COUNTING, long)
    expected_short = await complete(single, CONFIDENT[1], GREEDY)
    long_stats, short_stats = GenerationStats(), GenerationStats()
    stream = batched.stream(COUNTING, long, long_stats)
    head = await _first_piece(stream)
    short = await complete(batched, CONFIDENT[1], GREEDY, short_stats)  # joins and leaves
    assert long_stats.finish_reason == ""  # still generating when the short one ended
    rest = "".join([piece async for piece in stream])
    assert head + rest == expected_long
    assert short == expected_short
    assert short_stats.queue_ms < 500  # a free slot: no waiting for the long one


@pytest.mark.model
async def test_cancelling_one_leaves_the_others_intact(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    _, batched = engines
    params = LONG
    prompts = list(CONFIDENT[:3])
    expected = await asyncio.gather(*(complete(batched, p, params) for p in prompts[1:]))
    cancelled_stats = GenerationStats()
    victim = batched.stream(COUNTING, params, cancelled_stats)
    others = [asyncio.create_task(complete(batched, p, params)) for p in prompts[1:]]
    await _first_piece(victim)
    await victim.aclose()
    assert list(await asyncio.gather(*others)) == list(expected)
    assert cancelled_stats.finish_reason == "cancelled"
    assert cancelled_stats.completion_tokens < 40


@pytest.mark.model
async def test_stop_strings_and_max_tokens_are_per_sequence(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    _, batched = engines
    stopped, limited, free = GenerationStats(), GenerationStats(), GenerationStats()
    texts = await asyncio.gather(
        complete(batched, COUNTING, GenerationParams(temperature=0.0, stop=(" 17,",)), stopped),
        complete(batched, COUNTING, GenerationParams(temperature=0.0, max_tokens=5), limited),
        complete(batched, COUNTING, GenerationParams(temperature=0.0, max_tokens=30), free),
    )
    assert texts[0].startswith("13, 14, 15, 16") and "17" not in texts[0]
    assert (stopped.finish_reason, limited.finish_reason) == ("stop", "length")
    assert limited.completion_tokens == 5
    assert "17" in texts[2] and free.completion_tokens == 30


@pytest.mark.model
async def test_the_system_prefix_is_copied_not_evaluated(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    _, batched = engines
    prefix_tokens = batched.health()["prefix_tokens"]
    runs = [GenerationStats() for _ in range(4)]
    await asyncio.gather(
        *(complete(batched, _prompt(n + 4), GREEDY, s) for n, s in enumerate(runs))
    )
    assert all(stats.cached_prompt_tokens >= prefix_tokens - 1 for stats in runs)


@pytest.mark.model
async def test_full_queue_raises_overloaded_without_waiting(
    engines: tuple[LlamaEngine, LlamaEngine],
) -> None:
    _, batched = engines  # four slots, two places in the queue
    long = GenerationParams(temperature=0.0, max_tokens=200)
    running = [batched.stream(COUNTING, long) for _ in range(4)]
    for stream in running:
        await _first_piece(stream)
    waiting = [asyncio.create_task(complete(batched, COUNTING, long)) for _ in range(2)]
    await asyncio.sleep(0.05)
    assert batched.queue_depth() == 2  # what the pipeline's admission check compares
    started = time.perf_counter()
    with pytest.raises(Overloaded) as raised:
        await _first_piece(batched.stream(COUNTING, long))
    assert time.perf_counter() - started < 0.05
    assert raised.value.retry_after > 0 and raised.value.status_code == 503
    for task in waiting:
        task.cancel()
    for stream in running:
        await stream.aclose()
    await asyncio.gather(*waiting, return_exceptions=True)
    health = batched.health()
    assert health["parallel"] == 4 and health["rss_per_slot_mb"] > 0
