"""The one settings tree of the engine.

Every setting reads from the environment with the prefix ``WEEDGO_`` (``WEEDGO_PORT``),
or from a ``.env`` file in the working directory. The names of the original engine
(``MODEL_N_CTX``, ``MODEL_MAX_TOKENS``, ``MODEL_N_THREADS``, ``MODEL_N_GPU_LAYERS``,
``ENABLE_CACHING``, ``CACHE_TTL``) are accepted as aliases. Settings are built in the
app factory or the CLI, never at import.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MODEL_FILE = "gemma-3-270m-q4_k_m.gguf"
DEFAULT_STOP = ("\n", "Customer:", "CUSTOMER:", "<end_of_turn>", "###")


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _alias(name: str, *seed_names: str) -> AliasChoices:
    return AliasChoices(name, f"WEEDGO_{name.upper()}", *seed_names)


MODEL_LANGUAGES: tuple[Literal["en", "fr"], ...] = ("en",)


class Settings(BaseSettings):
    """Configuration of one WeedGo service process."""

    model_config = SettingsConfigDict(
        env_prefix="WEEDGO_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        validate_default=True,
    )

    # --- serving ---------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(default=8001, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    data_dir: Path = Path("data")
    pipeline: Literal["optimized", "sequential"] = "optimized"
    admin_api_key: str | None = None
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_message_chars: int = Field(default=1000, ge=1, le=20000)
    max_body_bytes: int = Field(default=65536, ge=1024)  # request bodies; catalog imports excepted
    # chat frames waiting on one socket behind the turn being answered; more get an error
    socket_queue_size: int = Field(default=8, ge=1, le=1000)

    # --- storage -----------------------------------------------------------------------
    database_url: str = "sqlite:///data/weedgo.db"
    db_pool_min: int = Field(default=1, ge=1, le=100)
    db_pool_max: int = Field(default=10, ge=1, le=200)
    seed_demo_catalog: bool = True
    # one database call, the wait for a pooled connection included (imports excepted)
    db_timeout_s: float = Field(default=1.0, gt=0, le=60)
    # serving creates a missing SQLite file only when asked; `weedgo setup` always does
    create_database: bool = False

    # --- model -------------------------------------------------------------------------
    engine: Literal["llama", "openai", "fake"] = "llama"
    engine_url: str | None = None
    engine_api_key: str | None = None
    engine_model: str | None = None
    engine_timeout_s: float = Field(default=30.0, gt=0)
    engine_retries: int = Field(default=2, ge=0, le=10)
    model_path: Path | None = None
    # the budtender LoRA adapter: "packaged" (the shipped one, for the packaged model),
    # "none", or a LoRA GGUF's path (weedgo/engine/adapter.py)
    adapter: str = "packaged"
    # merge the adapter into a copy of the model at start-up (decodes as fast as the model
    # alone); false: llama.cpp applies it at run time on every context (weedgo/engine/merge.py)
    adapter_merge: bool = True
    # the model's prompts: "tuned" (the adapter's short format), "base" (few-shot, for a
    # base model), or "auto": tuned when an adapter is applied
    prompt_style: Literal["auto", "base", "tuned"] = "auto"
    # positions one sequence may use, its prompt and its reply together (embedded engine).
    # The engine runs with the larger of n_ctx and n_ctx_complex (at least 2048 for the
    # sequential pipeline): a prompt that does not fit is refused and a reply stops at the
    # positions left. Every slot's KV stream, and the system prefix's, reserves that many
    # cells rounded up to 256. It is not checked against the model's trained context. A
    # remote engine's context is its server's. /api/v1/metrics shows the one in use.
    n_ctx: int = Field(
        default=512, ge=128, le=131072, validation_alias=_alias("n_ctx", "MODEL_N_CTX")
    )
    n_ctx_complex: int = Field(default=1024, ge=128, le=131072)
    max_tokens: int = Field(
        default=50, ge=1, le=4096, validation_alias=_alias("max_tokens", "MODEL_MAX_TOKENS")
    )
    max_tokens_complex: int = Field(default=100, ge=1, le=4096)
    n_threads: int = Field(
        default_factory=usable_cores,
        ge=1,
        le=256,
        validation_alias=_alias("n_threads", "MODEL_N_THREADS"),
    )
    n_gpu_layers: int = Field(
        default=0, ge=-1, le=1000, validation_alias=_alias("n_gpu_layers", "MODEL_N_GPU_LAYERS")
    )
    n_threads_batch: int | None = Field(default=None, ge=1, le=256)
    n_batch: int = Field(default=512, ge=8, le=8192)
    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    top_p: float = Field(default=0.9, gt=0.0, le=1.0)
    seed: int = 42
    stop: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(DEFAULT_STOP))
    # sequences the model generates at once (continuous batching; docs/benchmarks.md)
    parallel: int = Field(default=8, ge=1, le=64)
    engine_contexts: int = Field(default=1, ge=1, le=64)  # llama.cpp contexts (threads split)
    queue_size: int = Field(default=16, ge=1, le=10000)
    request_deadline_s: float = Field(default=4.0, gt=0)
    prewarm: bool = True
    # llama.cpp's weight repacking: probed in a child process once per machine with "auto"
    repack: Literal["auto", "on", "off"] = "auto"
    # the model's vocabulary: trimmed to what English and French use (faster), or full
    vocab: Literal["trimmed", "full"] = "trimmed"
    probe_timeout_s: float = Field(default=120.0, gt=0)
    # Products whose facts go into the prompt: each adds ~40 tokens to evaluate before
    # the first word (the cards show up to five either way).
    prompt_products: int = Field(default=2, ge=1, le=5)
    # A product reply opens with the catalog sentence; the model adds one sentence of at
    # most lead_max_tokens tokens. Load shedding by model sentences in flight: from
    # shed_shorten_at on, they get lead_short_tokens; from shed_skip_at on, none is asked.
    lead_reply: bool = True
    lead_max_tokens: int = Field(default=32, ge=4, le=256)
    lead_short_tokens: int = Field(default=20, ge=4, le=256)
    shed_shorten_at: int = Field(default=6, ge=1, le=10000)
    shed_skip_at: int = Field(default=12, ge=1, le=10000)

    # --- caching -----------------------------------------------------------------------
    enable_caching: bool = Field(
        default=True, validation_alias=_alias("enable_caching", "ENABLE_CACHING")
    )
    cache_ttl: int = Field(default=900, ge=1, validation_alias=_alias("cache_ttl", "CACHE_TTL"))
    product_cache_ttl: int = Field(default=600, ge=1)
    analysis_cache_ttl: int = Field(default=3600, ge=1)
    cache_max_entries: int = Field(default=10000, ge=10)
    redis_url: str | None = None
    redis_timeout_s: float = Field(default=0.05, gt=0)
    precompute: bool = True

    # --- the store -------------------------------------------------------------------
    store_name: str = "Our store"
    store_hours: str | None = None
    store_address: str | None = None
    store_phone: str | None = None

    # --- compliance --------------------------------------------------------------------
    jurisdiction: str = "ON"
    # the reply language when neither the request, the message, the session nor the page
    # says which (Quebec stores: "fr")
    default_language: Literal["en", "fr"] = "en"
    # the languages in which the model writes product replies; in the others the reply is
    # built from the catalog (the default model's French fails the rubric too often:
    # docs/quality-fr.md)
    model_languages: Annotated[list[Literal["en", "fr"]], NoDecode] = Field(
        default_factory=lambda: list(MODEL_LANGUAGES)
    )

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if not value.startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError(
                "must start with sqlite:/// or postgresql:// (for example sqlite:///data/weedgo.db)"
            )
        return value

    @field_validator("stop", mode="before")
    @classmethod
    def _split_stop(cls, value: object) -> object:
        """``END|STOP`` or a JSON list (``["\\n", "END"]``) from the environment."""
        if isinstance(value, str):
            if value.startswith("["):
                return json.loads(value)
            return [part for part in value.split("|") if part]
        return value

    @field_validator("cors_origins", "model_languages", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            if value.startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("engine_url")
    @classmethod
    def _check_engine_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @property
    def resolved_model_path(self) -> Path:
        return self.model_path or (self.data_dir / DEFAULT_MODEL_FILE)

    @property
    def default_port_for_pipeline(self) -> int:
        return 8000 if self.pipeline == "sequential" else 8001

    @property
    def serve_port(self) -> int:
        """The port to serve on: ``WEEDGO_PORT`` when set (environment or ``.env``), else
        the pipeline's default (8001; 8000 for the sequential baseline)."""
        return self.port if "port" in self.model_fields_set else self.default_port_for_pipeline


def describe_validation_error(error: ValidationError) -> str:
    """A message naming every bad setting, for the start-up failure."""
    lines = ["Invalid configuration:"]
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"]) or "settings"
        lines.append(f"  {name}: {item['msg']} (got {item.get('input')!r})")
    return "\n".join(lines)
