"""Helpers that start real processes: llama-cpp-python's OpenAI-compatible server and
WeedGo workers, each on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


# llama-cpp-python's server always loads with llama.cpp's weight repacking, which kills
# the process at the first decode on some CPUs (Intel Xeon with AMX and this build), and
# has no option against it: the stand-in remote engine loads the model without it.
_SERVER_WITHOUT_REPACKING = """
import runpy
import llama_cpp.llama_cpp as native
defaults = native.llama_model_default_params

def without_repacking():
    params = defaults()
    params.use_extra_bufts = False
    return params

native.llama_model_default_params = without_repacking
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
"""


def start_llama_server(model: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [
        sys.executable,
        "-c",
        _SERVER_WITHOUT_REPACKING,
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
        "--n_threads",
        "2",
        "--model_alias",
        "gemma-3-270m-q4_k_m",
    ]
    proc = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/v1/models", proc)
    # the first completion allocates the server's buffers: keep it out of the tests
    httpx.post(f"{url}/v1/completions", json={"prompt": "Hello", "max_tokens": 2}, timeout=120)
    return proc, url


def start_worker(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    full_env = {**os.environ, **env, "WEEDGO_PORT": str(port)}
    cmd = [sys.executable, "-m", "weedgo", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=full_env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/api/v1/store", proc)
    return proc, url


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
