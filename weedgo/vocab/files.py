"""The trimmed model file: made once at set-up from the full one, then reused.

The kept set ships with the package (``weedgo/data/vocab/en-fr.json.gz``, written by
``weedgo vocab derive``): the kept ids of the model it was derived from, with their
pieces. For that model the ids are used as they are; for another GGUF, its ids of the
same pieces are taken and closed under its merges, as long as it knows nearly all of
them. Otherwise the vocabulary cannot be trimmed here, and the full model is used, with
a message saying how to derive a kept set for that model.

The trimmed file, ``<model>.vocab-<K>k.gguf``, is written beside the data and recorded in
``vocab-trimmed.json`` with the source's and its own SHA-256; writing is deterministic,
so the same source and kept set give the same file. A later start compares the record
and the file's size, and re-makes the file when either changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from weedgo.engine.machine import file_sha256, read_json, write_json_atomic
from weedgo.errors import EngineError

logger = logging.getLogger(__name__)

KEPT_RESOURCE = "data/vocab/en-fr.json.gz"
LOCAL_KEPT_FILE = "vocab-kept.json.gz"  # a kept set derived here for another model
RECORD_FILE = "vocab-trimmed.json"
HASHES_FILE = ".model-hashes.json"
MIN_SHARED = 0.98  # share of the kept pieces another model must know to use the same set


class VocabUnavailable(EngineError):
    """The model's vocabulary cannot be trimmed with what is at hand."""


@dataclass(frozen=True)
class TrimmedModel:
    path: Path
    source_sha256: str
    sha256: str
    n_vocab: int
    source_n_vocab: int


def load_kept_set(resource: str = KEPT_RESOURCE) -> dict[str, Any]:
    data = resources.files("weedgo").joinpath(resource).read_bytes()
    result: dict[str, Any] = json.loads(gzip.decompress(data))
    return result


def save_kept_set(path: Path, kept: dict[str, Any]) -> None:
    text = json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def ids_for(source: Path, source_sha: str, kept: dict[str, Any]) -> list[int]:
    """The kept ids of ``source``: shipped ones for the same model, else by piece."""
    if kept["source_sha256"] == source_sha:
        return sorted(int(token_id) for token_id in kept["ids"])
    from weedgo.vocab.closure import close
    from weedgo.vocab.gguf_vocab import read_vocab
    from weedgo.vocab.needs import text_needs

    vocab = read_vocab(source)
    by_text = vocab.ids_by_text()
    pieces = kept["pieces"]
    shared = [by_text[piece] for piece in pieces if piece in by_text]
    if len(shared) < MIN_SHARED * len(pieces):
        raise VocabUnavailable(
            f"{source.name} shares only {len(shared)} of the {len(pieces)} kept pieces; "
            "derive a kept set for it with `weedgo vocab derive --model "
            f"{source}` (pip install -e '.[vocab]'), or set WEEDGO_VOCAB=full."
        )
    closed, _ = close(vocab, set(shared) | text_needs(vocab))
    return sorted(closed)


def ensure_trimmed(
    source: Path, data_dir: Path, kept: dict[str, Any] | None = None
) -> TrimmedModel:
    """The trimmed model for ``source``, made when missing or out of date."""
    source_sha = file_sha256(source, data_dir / HASHES_FILE)
    kept = kept if kept is not None else _kept_set_for(source_sha, data_dir)
    record_path = data_dir / RECORD_FILE
    record = read_json(record_path).get(source_sha)
    if isinstance(record, dict) and record.get("kept_sha256") == kept_digest(kept):
        found = _reuse(data_dir, record)
        if found is not None:
            return found
    already = _already_trimmed(source, source_sha)
    if already is not None:  # a trimmed file given as the model: use it as it is
        return already
    ids = ids_for(source, source_sha, kept)
    target = data_dir / f"{source.name.removesuffix('.gguf')}.vocab-{round(len(ids) / 1000)}k.gguf"
    made = _make(source, source_sha, ids, target, record_path, kept_digest(kept))
    expected = kept.get("trimmed_sha256") if kept["source_sha256"] == source_sha else None
    if expected and made.sha256 != expected:
        logger.warning(
            "%s differs from the file the kept set was verified with (SHA-256 %s, expected "
            "%s): the gguf package may write differently",
            target.name,
            made.sha256[:16],
            expected[:16],
        )
    return made


def _kept_set_for(source_sha: str, data_dir: Path) -> dict[str, Any]:
    """A kept set derived for this very model in the data folder, else the shipped one."""
    local = data_dir / LOCAL_KEPT_FILE
    if local.is_file():
        derived: dict[str, Any] = json.loads(gzip.decompress(local.read_bytes()))
        if derived.get("source_sha256") == source_sha:
            return derived
    return load_kept_set()


def kept_digest(kept: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(kept["ids"]).encode()).hexdigest()


def _already_trimmed(source: Path, source_sha: str) -> TrimmedModel | None:
    from gguf import GGUFReader

    from weedgo.vocab.gguf_vocab import TOKENS
    from weedgo.vocab.trim import SOURCE_KEY

    fields = GGUFReader(source).fields
    if SOURCE_KEY not in fields:
        return None
    size = len(fields[TOKENS].data)
    return TrimmedModel(source, str(fields[SOURCE_KEY].contents()), source_sha, size, size)


def _reuse(data_dir: Path, record: dict[str, Any]) -> TrimmedModel | None:
    path = data_dir / str(record["file"])
    if not path.is_file() or path.stat().st_size != record["size"]:
        return None
    fields = {name: record[name] for name in ("source_sha256", "sha256", "n_vocab")}
    return TrimmedModel(path, **fields, source_n_vocab=int(record["source_n_vocab"]))


def _make(
    source: Path, source_sha: str, ids: list[int], target: Path, record_path: Path, digest: str
) -> TrimmedModel:
    from weedgo.vocab.trim import write_trimmed

    started = time.perf_counter()
    logger.info("Writing %s: %s with %d of its tokens", target.name, source.name, len(ids))
    source_size = write_trimmed(source, target, ids, source_sha)
    made = TrimmedModel(target, source_sha, file_sha256(target), len(ids), source_size)
    records = read_json(record_path)
    records[source_sha] = {
        **{key: value for key, value in asdict(made).items() if key != "path"},
        "file": target.name,
        "size": target.stat().st_size,
        "kept_sha256": digest,
    }
    write_json_atomic(record_path, records)
    logger.info(
        "Trimmed vocabulary ready: %s (%d tokens, %.0f MiB, SHA-256 %s, %.1f s)",
        target.name,
        made.n_vocab,
        target.stat().st_size / 2**20,
        made.sha256[:16],
        time.perf_counter() - started,
    )
    return made
