"""The anchor: llama.cpp's own ``llama-server`` against this service, side by side.

    python benchmarks/anchor.py build                 # once: about 10 minutes on 2 cores
    python benchmarks/anchor.py run --clients 1,2,4,8,16 --requests-per-client 3

``build`` downloads the source archive of the pinned llama-cpp-python from PyPI and
builds ``llama-server`` and ``llama-bench`` from the llama.cpp sources inside it
(``vendor/llama.cpp``, cmake, native CPU flags) into a cache folder outside the
repository (``$WEEDGO_ANCHOR_CACHE``, default ``~/.cache/weedgo-anchor``). It is never
part of the tests or of CI.

``run`` starts both servers on loopback ports with the same GGUF file (the one the
service loads: the trimmed vocabulary unless ``--vocab full``), then, for each number
of clients, sends the service's own budtender prompts to llama-server's
``/completion`` (streaming, ``cache_prompt`` on, 4 slots) and the customer messages
behind them to the service's ``/api/v1/chat/stream``, one server at a time, and
prints first-words and reply percentiles, generated tokens/s, failures and the share
of replies with model-written text.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Awaitable, Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
from httpx_sse import aconnect_sse

from weedgo.catalog.seed import demo_products
from weedgo.config import DEFAULT_STOP, Settings
from weedgo.engine.machine import cpu_model
from weedgo.engine.model_files import ensure_model
from weedgo.engine.probe import ProbeShape, subprocess_prober
from weedgo.engine.verdicts import resolve
from weedgo.perf.client import Reply, url_target
from weedgo.perf.queries import load_queries
from weedgo.pipeline.prompt import build_prompt
from weedgo.stats import percentile

CACHE = Path(os.environ.get("WEEDGO_ANCHOR_CACHE", Path.home() / ".cache" / "weedgo-anchor"))
TARGETS = ("llama-server", "llama-bench")


def binary_dir() -> Path:
    return CACHE / f"llama-cpp-python-{metadata.version('llama_cpp_python')}" / "bin"


def build() -> Path:
    """Build the two programs once; later calls return the cached folder."""
    out = binary_dir()
    if all((out / name).is_file() for name in TARGETS):
        print(f"already built: {out}")
        return out
    version = metadata.version("llama_cpp_python")
    with tempfile.TemporaryDirectory(dir=CACHE.parent if CACHE.parent.is_dir() else None) as tmp:
        work = Path(tmp)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             f"llama-cpp-python=={version}", "-d", str(work)],
            check=True,
        )  # fmt: skip
        archive = next(work.glob("llama_cpp_python-*.tar.gz"))
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
        source = next(work.glob("llama_cpp_python-*/vendor/llama.cpp"))
        build_dir = work / "build"
        subprocess.run(
            ["cmake", "-S", str(source), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
             "-DLLAMA_CURL=OFF", "-DGGML_NATIVE=ON", "-DLLAMA_BUILD_TESTS=OFF"],
            check=True,
        )  # fmt: skip
        jobs = str(os.cpu_count() or 2)
        subprocess.run(
            ["cmake", "--build", str(build_dir), "--target", *TARGETS, "-j", jobs], check=True
        )
        out.mkdir(parents=True, exist_ok=True)
        for built in (build_dir / "bin").iterdir():
            if built.name in TARGETS or built.suffix == ".so" or ".so." in built.name:
                shutil.copy2(built, out / built.name)
    print(f"built: {out}")
    return out


# The performance suite's product questions: what customers ask that needs the model.
MESSAGES = [query.text for query in load_queries() if query.type == "product"]
Send = Callable[[int], Awaitable[Reply]]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], path: str) -> None:
    for _ in range(240):
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if httpx.get(url + path, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not become ready")


def native_flags(model: Path) -> list[str]:
    """llama-server gets the native options the service uses on this CPU (its probe's
    verdict): weight repacking kills both at the first decode where the probe ruled it out."""
    settings = Settings()
    shape = ProbeShape()
    prober = subprocess_prober(str(model), shape, settings.probe_timeout_s)
    verdict, _ = resolve(model, settings.repack, settings.data_dir, prober, shape=shape)
    flags = [] if verdict.options.repack else ["--no-repack"]
    return [*flags, "-fa", "auto" if verdict.options.flash_attn else "off"]


def start_llama_server(model: Path, threads: int, slots: int, log: Path) -> tuple[Any, str]:
    port = free_port()
    command = [
        str(binary_dir() / "llama-server"), "-m", str(model), "--host", "127.0.0.1",
        "--port", str(port), "-np", str(slots), "--swa-full", "-c", str(1024 * slots),
        "-t", str(threads), "--no-webui", *native_flags(model),
    ]  # fmt: skip
    env = {**os.environ, "LD_LIBRARY_PATH": str(binary_dir())}
    proc = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, proc, "/health")
    return proc, url


def start_service(model: Path, folder: Path, log: Path) -> tuple[Any, str]:
    port = free_port()
    env = {
        **os.environ,
        "WEEDGO_MODEL_PATH": str(model),
        "WEEDGO_DATA_DIR": str(folder),
        "WEEDGO_DATABASE_URL": f"sqlite:///{folder / 'anchor.db'}",
        "WEEDGO_CREATE_DATABASE": "true",  # a fresh database for this run
        "WEEDGO_ENABLE_CACHING": "false",
        "WEEDGO_PRECOMPUTE": "false",
        "WEEDGO_LOG_LEVEL": "warning",
    }
    command = [sys.executable, "-m", "weedgo", "serve", "--port", str(port), "--no-supervise"]
    proc = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, proc, "/health")
    return proc, url


def raw_prompts() -> list[str]:
    """The service's own prompt shape: the system prefix, two products, the message."""
    products = [p for p in demo_products() if p.in_stock]
    pairs = [products[i : i + 2] for i in range(0, 2 * len(MESSAGES), 2)]
    return [build_prompt(message, pair) for message, pair in zip(MESSAGES, pairs, strict=True)]


async def llama_completion(client: httpx.AsyncClient, prompt: str, max_tokens: int) -> Reply:
    body = {
        "prompt": prompt, "n_predict": max_tokens, "stream": True, "cache_prompt": True,
        "temperature": 0.2, "top_p": 0.9, "stop": list(DEFAULT_STOP),
    }  # fmt: skip
    began, reply = time.perf_counter(), Reply(False, 0.0)
    try:
        async with aconnect_sse(client, "POST", "/completion", json=body) as source:
            async for event in source.aiter_sse():
                chunk = event.json()
                if chunk.get("content") and reply.ttft_ms is None:
                    reply.ttft_ms = (time.perf_counter() - began) * 1000
                if chunk.get("stop"):
                    reply.ok = True
                    reply.tokens = int(chunk.get("tokens_predicted", 0))
    except (httpx.HTTPError, ValueError) as error:
        reply.error = type(error).__name__
    reply.latency_ms = (time.perf_counter() - began) * 1000
    return reply


async def load(send: Send, clients: int, each: int) -> tuple[list[Reply], float]:
    async def client(number: int) -> list[Reply]:
        return [await send(number * each + i) for i in range(each)]

    began = time.perf_counter()
    results = await asyncio.gather(*(client(n) for n in range(clients)))
    return [reply for replies in results for reply in replies], time.perf_counter() - began


def row(name: str, clients: int, replies: list[Reply], seconds: float, tokens: int) -> str:
    good = [r for r in replies if r.ok]
    first = [r.ttft_ms for r in good if r.ttft_ms is not None] or [0.0]
    whole = [r.latency_ms for r in good] or [0.0]
    model = sum(1 for r in good if r.model_text) / max(1, len(good))
    return (
        f"| {name} | {clients} | {percentile(first, 50):,.0f} | {percentile(whole, 50):,.0f} "
        f"| {percentile(whole, 95):,.0f} | {tokens / seconds:.1f} | {len(replies) - len(good)} "
        f"| {model:.0%} |"
    )


async def compare(args: argparse.Namespace) -> None:
    model = ensure_model(Settings(vocab=args.vocab))
    prompts = raw_prompts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server, server_url = start_llama_server(model, args.threads, args.slots, folder / "ls.log")
        service, service_url = start_service(model, folder, folder / "weedgo.log")
        try:
            lines = await _measure(args, prompts, server_url, service_url)
        finally:
            for proc in (server, service):
                proc.terminate()
                proc.wait(timeout=30)
    print(f"CPU: {cpu_model()}; model {model.name}; {args.max_tokens}-token limit\n")
    print("| server | clients | first words P50 ms | reply P50 ms | reply P95 ms "
          "| generated tokens/s | failed | model text |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(lines))


async def _measure(
    args: argparse.Namespace, prompts: list[str], server_url: str, service_url: str
) -> list[str]:
    lines = []
    async with (
        # llama-server closes a streamed response's connection: no keep-alive, no stale socket
        httpx.AsyncClient(
            base_url=server_url, timeout=120, limits=httpx.Limits(max_keepalive_connections=0)
        ) as raw,
        url_target(service_url, timeout_s=120) as service,
    ):

        async def to_server(n: int) -> Reply:
            reply = await llama_completion(raw, prompts[n % len(prompts)], args.max_tokens)
            reply.model_text = reply.ok
            return reply

        async def to_service(n: int) -> Reply:
            return await service.chat_stream(MESSAGES[n % len(MESSAGES)], f"anchor-{n}")

        await load(to_server, 1, 1)  # warm-up of both
        await load(to_service, 1, 1)

        async def generated() -> int:  # the service's count of model tokens so far
            return int((await service.metrics()).get("completion_tokens", 0))

        for clients in (int(c) for c in args.clients.split(",")):
            replies, seconds = await load(to_server, clients, args.requests_per_client)
            tokens = sum(reply.tokens for reply in replies if reply.ok)
            lines.append(row("llama-server", clients, replies, seconds, tokens))
            before = await generated()
            replies, seconds = await load(to_service, clients, args.requests_per_client)
            lines.append(row("weedgo", clients, replies, seconds, await generated() - before))
            print("\n".join(lines[-2:]), flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build llama-server and llama-bench into the cache")
    run = sub.add_parser("run", help="llama-server and the service side by side")
    run.add_argument("--clients", default="1,2,4,8,16")
    run.add_argument("--requests-per-client", type=int, default=3)
    run.add_argument("--max-tokens", type=int, default=50)
    run.add_argument("--threads", type=int, default=Settings().n_threads)
    run.add_argument("--slots", type=int, default=4, help="llama-server's parallel slots")
    run.add_argument("--vocab", choices=("trimmed", "full"), default="trimmed")
    args = parser.parse_args()
    if args.command == "build":
        build()
    else:
        asyncio.run(compare(args))


if __name__ == "__main__":
    main()
