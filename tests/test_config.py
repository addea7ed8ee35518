"""The settings tree: prefix, the seed's aliases, .env, and clear start-up errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from weedgo.cli import main
from weedgo.config import Settings
from weedgo.workers import check_workers


def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if (
            name.startswith("WEEDGO_")
            or name.startswith("MODEL_")
            or name in ("ENABLE_CACHING", "CACHE_TTL")
        ):
            monkeypatch.delenv(name, raising=False)


def test_defaults_match_the_seed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _clean(monkeypatch)
    monkeypatch.chdir(tmp_path)
    s = Settings()
    assert (s.n_ctx, s.max_tokens, s.enable_caching, s.cache_ttl, s.n_gpu_layers) == (
        512,
        50,
        True,
        900,
        0,
    )
    assert s.n_threads >= 1
    assert s.port == 8001
    assert s.database_url == "sqlite:///data/weedgo.db"


def test_seed_aliases_and_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _clean(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MODEL_N_CTX", "2048")
    monkeypatch.setenv("MODEL_MAX_TOKENS", "80")
    monkeypatch.setenv("MODEL_N_THREADS", "1")
    monkeypatch.setenv("MODEL_N_GPU_LAYERS", "-1")
    monkeypatch.setenv("ENABLE_CACHING", "false")
    monkeypatch.setenv("CACHE_TTL", "60")
    monkeypatch.setenv("WEEDGO_PORT", "9000")
    monkeypatch.setenv("WEEDGO_STOP", "END|STOP")
    s = Settings()
    assert (s.n_ctx, s.max_tokens, s.n_threads, s.n_gpu_layers) == (2048, 80, 1, -1)
    assert (s.enable_caching, s.cache_ttl, s.port) == (False, 60, 9000)
    assert s.stop == ["END", "STOP"]


def test_the_port_comes_from_the_environment_or_the_dotenv_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _clean(monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert Settings().serve_port == 8001
    assert Settings(pipeline="sequential").serve_port == 8000  # the baseline's own default
    (tmp_path / ".env").write_text("WEEDGO_PORT=8123\n")
    assert Settings().serve_port == 8123
    assert Settings(pipeline="sequential").serve_port == 8123
    monkeypatch.setenv("WEEDGO_PORT", "9000")
    assert Settings().serve_port == 9000  # the environment wins over .env


def test_dotenv_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _clean(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("WEEDGO_JURISDICTION=QC\nMODEL_N_CTX=1024\n")
    s = Settings()
    assert (s.jurisdiction, s.n_ctx) == ("QC", 1024)


@pytest.mark.parametrize(
    ("name", "value", "needle"),
    [
        ("WEEDGO_PORT", "abc", "port"),
        ("MODEL_N_CTX", "-5", "n_ctx"),
        ("WEEDGO_DATABASE_URL", "mysql://x", "database_url"),
        ("WEEDGO_ENGINE_URL", "ftp://x", "engine_url"),
        ("WEEDGO_REPACK", "maybe", "repack"),
    ],
)
def test_bad_value_stops_start_up_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
    needle: str,
) -> None:
    _clean(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stopped:
        main(["serve"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Invalid configuration" in err
    assert needle in err


def test_unknown_jurisdiction_is_refused_at_start(tmp_path: Path) -> None:
    from tests.conftest import make_settings
    from weedgo.services import Services

    with pytest.raises(ValueError, match="XX"):
        Services(make_settings(tmp_path, jurisdiction="XX"))


def test_too_many_embedded_workers_are_refused(tmp_path: Path) -> None:
    from tests.conftest import make_settings

    settings = make_settings(tmp_path, engine="llama")
    with pytest.raises(SystemExit, match="workers need about"):
        check_workers(settings, 10_000)
    check_workers(make_settings(tmp_path, engine="openai", engine_url="http://127.0.0.1:1"), 2)


def test_list_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _clean(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WEEDGO_STOP", '["\\n", "END"]')
    monkeypatch.setenv("WEEDGO_CORS_ORIGINS", "https://shop.example, https://kiosk.example")
    s = Settings()
    assert s.stop == ["\n", "END"]
    assert s.cors_origins == ["https://shop.example", "https://kiosk.example"]


def _readme_settings() -> set[str]:
    """The settings the README's table names; ``WEEDGO_A_B` / `_C`` also names WEEDGO_A_C."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    names: set[str] = set()
    for line in readme.splitlines():
        if not line.startswith("| `WEEDGO_"):
            continue
        first = line.split("|")[1]
        cells = re.findall(r"`([A-Z0-9_]+)`", first)
        base = cells[0].rsplit("_", 1)[0]
        names.update(c if c.startswith("WEEDGO_") else base + c for c in cells)
    return names


def test_every_setting_is_in_the_readme_table_and_only_those() -> None:
    fields = {f"WEEDGO_{name.upper()}" for name in Settings.model_fields}
    documented = _readme_settings()
    assert fields - documented == set(), "settings missing from the README table"
    assert documented - fields == set(), "README rows naming no setting"
