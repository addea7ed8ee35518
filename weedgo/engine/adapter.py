"""The budtender LoRA adapter: which file, its hash, and the prompt format it was taught.

The package ships one adapter, ``weedgo/data/adapter/leaf-t1.gguf``, trained for the
packaged Gemma 3 270M (``weedgo tune``; docs/tuning.md). It changes only the attention
and feed-forward projections, never the token embeddings, so it applies to the trimmed
vocabulary's model file as well as to the full one. By default it is merged into a copy
of the model in the data folder (:mod:`weedgo.engine.merge`); otherwise llama.cpp applies
it at run time on every context. The model file itself stays untouched.

``WEEDGO_ADAPTER`` chooses: ``packaged`` (the default: the shipped adapter, when the
model is the packaged one), ``none``, or the path of another LoRA GGUF trained on the
same prompt format (its ``weedgo.prompt_format`` key says which).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from weedgo.config import Settings
from weedgo.engine.machine import file_sha256
from weedgo.errors import EngineError

logger = logging.getLogger(__name__)

ADAPTER_DIR = Path(__file__).resolve().parent.parent / "data" / "adapter"
PACKAGED_ADAPTER = ADAPTER_DIR / "leaf-t1.gguf"
FORMAT_KEY = "weedgo.prompt_format"
RECORD_FILE = "adapter.json"


@dataclass(frozen=True)
class Adapter:
    """A LoRA adapter file and what identifies it."""

    path: Path
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name.removesuffix(".gguf")

    def health(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.sha256}


def adapter_path(settings: Settings) -> Path | None:
    """The adapter file the settings ask for, or None when the model runs without one."""
    choice = settings.adapter.strip()
    if choice.lower() in ("", "none", "off"):
        return None
    if choice.lower() == "packaged":
        if settings.engine != "llama" or settings.model_path is not None:
            return None  # trained for the packaged model only
        return PACKAGED_ADAPTER if PACKAGED_ADAPTER.is_file() else None
    path = Path(choice)
    if not path.is_file():
        raise EngineError(
            f"The adapter file {path} does not exist; set WEEDGO_ADAPTER to a LoRA GGUF, "
            "'packaged' or 'none'."
        )
    return path


def uses_tuned_prompts(settings: Settings) -> bool:
    """Whether the model gets the tuned model's prompts (:mod:`weedgo.pipeline.tuned`)."""
    if settings.prompt_style != "auto":
        return settings.prompt_style == "tuned"
    try:
        return adapter_path(settings) is not None
    except EngineError:
        return True  # the engine reports the missing file; the prompts follow the setting


def load_adapter(settings: Settings) -> Adapter | None:
    """The adapter to apply, hashed; checked against what ``weedgo setup`` recorded."""
    path = adapter_path(settings)
    if path is None:
        return None
    adapter = Adapter(path, file_sha256(path))
    record = settings.data_dir / RECORD_FILE
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = None
    same_file = isinstance(recorded, dict) and recorded.get("path") == str(path)
    if same_file and recorded.get("sha256") != adapter.sha256:
        logger.warning(
            "The adapter %s changed since setup recorded it (sha256 %s, now %s)",
            path,
            str(recorded.get("sha256"))[:12],
            adapter.sha256[:12],
        )
    return adapter


def record_adapter(settings: Settings) -> Adapter | None:
    """``weedgo setup``: hash the adapter in use and write it to ``data/adapter.json``."""
    adapter = load_adapter(settings)
    record = settings.data_dir / RECORD_FILE
    if adapter is None:
        record.unlink(missing_ok=True)
        return None
    data = {**asdict(adapter), "path": str(adapter.path)}
    record.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return adapter
