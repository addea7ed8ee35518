"""``weedgo vocab derive | trim``: make the kept set, and the trimmed model from it."""

from __future__ import annotations

import argparse
import logging
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weedgo.vocab.derive import Derivation

logger = logging.getLogger(__name__)

DEFAULT_CAP = 48_000
DEFAULT_WORDS = 200_000


def add_vocab_parser(sub: Any) -> None:
    vocab = sub.add_parser("vocab", help="the trimmed vocabulary")
    vocab_sub = vocab.add_subparsers(dest="vocab_command", required=True)
    derive = vocab_sub.add_parser(
        "derive", help="choose the kept pieces (needs the [vocab] extra: wordfreq)"
    )
    derive.add_argument("--model", type=Path, help="GGUF file (default: the packaged model)")
    derive.add_argument("--cap", type=int, default=DEFAULT_CAP, help="most token ids kept")
    derive.add_argument("--words", type=int, default=DEFAULT_WORDS, help="words per language")
    derive.add_argument(
        "--out",
        type=Path,
        help="default: the package's kept set for the packaged model, else the data folder's",
    )
    derive.set_defaults(func=cmd_derive)
    trim = vocab_sub.add_parser("trim", help="write the trimmed model into the data folder")
    trim.set_defaults(func=cmd_trim)


def cmd_derive(args: argparse.Namespace) -> int:
    from weedgo.cli import load_settings
    from weedgo.engine.model_files import source_model
    from weedgo.engine.native import NativeModel
    from weedgo.vocab.derive import derive, language_words
    from weedgo.vocab.files import save_kept_set
    from weedgo.vocab.gguf_vocab import read_vocab

    logging.basicConfig(level="INFO", format="%(message)s")
    settings = load_settings()
    model_path = args.model or source_model(settings)
    started = time.perf_counter()
    vocab = read_vocab(model_path)
    model = NativeModel(model_path, vocab_only=True)
    result = derive(
        vocab,
        lambda text: model.tokenize(text, add_bos=False),
        args.cap,
        list(language_words(args.words)),
    )
    kept = _kept_set(args, model_path, vocab.tokens, result)
    out = _kept_set_path(args, kept["source_sha256"], settings.data_dir)
    save_kept_set(out, kept)
    logger.info(
        "kept %d of %d ids (%d for text and the project's words, %d by weight) in %.0f s: %s",
        len(kept["ids"]),
        len(vocab.tokens),
        result.forced,
        result.weighted,
        time.perf_counter() - started,
        out,
    )
    return 0


def _kept_set(
    args: argparse.Namespace, model_path: Path, tokens: list[str], result: Derivation
) -> dict[str, Any]:
    """The kept set's file: the ids and pieces, and what they were derived from."""
    from weedgo.engine.machine import file_sha256

    ids = sorted(result.kept)
    kept: dict[str, Any] = {
        "format": 1,
        "source_model": model_path.name,
        "source_sha256": file_sha256(model_path),
        "source_n_vocab": len(tokens),
        "cap": args.cap,
        "words_per_language": args.words,
        "wordfreq": metadata.version("wordfreq"),
        "forced": result.forced,
        "weighted": result.weighted,
        "ids": ids,
        "pieces": [tokens[i] for i in ids],
    }
    kept["trimmed_sha256"] = _trimmed_sha(model_path, kept["source_sha256"], ids)
    return kept


def _kept_set_path(args: argparse.Namespace, source_sha: str, data_dir: Path) -> Path:
    """``--out``; else the package's kept set when it is for this model; else the data
    folder's."""
    from importlib import resources

    from weedgo.vocab.files import KEPT_RESOURCE, LOCAL_KEPT_FILE, load_kept_set

    if args.out is not None:
        return Path(args.out)
    packaged = resources.files("weedgo").joinpath(KEPT_RESOURCE)
    shipped = load_kept_set() if packaged.is_file() else {}
    if args.model is None or shipped.get("source_sha256") == source_sha:
        return Path(str(packaged))
    return data_dir / LOCAL_KEPT_FILE


def _trimmed_sha(model: Path, model_sha: str, ids: list[int]) -> str:
    """The SHA-256 of the trimmed file, recorded so that set-up can check its own."""
    import tempfile

    from weedgo.engine.machine import file_sha256
    from weedgo.vocab.trim import write_trimmed

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "trimmed.gguf"
        write_trimmed(model, target, ids, model_sha)
        return file_sha256(target)


def cmd_trim(args: argparse.Namespace) -> int:
    from weedgo.cli import load_settings
    from weedgo.engine.model_files import source_model
    from weedgo.vocab.files import ensure_trimmed

    logging.basicConfig(level="INFO", format="%(message)s")
    settings = load_settings()
    made = ensure_trimmed(source_model(settings), settings.data_dir)
    print(f"{made.path} ({made.n_vocab} of {made.source_n_vocab} tokens, SHA-256 {made.sha256})")
    return 0
