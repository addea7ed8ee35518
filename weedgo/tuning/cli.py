"""``weedgo tune data | train``: rebuild the budtender adapter (docs/tuning.md).

``data`` needs the teacher's parts and ``train`` needs torch, transformers and peft: both
come with the ``[train]`` extra, which the service itself never needs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from weedgo.tuning.build import TUNING_DIR

DATA_FILE = TUNING_DIR / "data" / "teacher.jsonl"
FIGURES_FILE = TUNING_DIR / "data" / "figures.json"


def _figures(update: dict[str, Any]) -> None:
    try:
        figures = json.loads(FIGURES_FILE.read_text("utf-8"))
    except (OSError, ValueError):
        figures = {}
    figures.update(update)
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    FIGURES_FILE.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def cmd_data(args: argparse.Namespace) -> int:
    from weedgo.tuning.build import build_examples, write_examples

    logging.basicConfig(level=logging.WARNING)
    examples, figures = asyncio.run(
        build_examples(questions=args.questions, teacher_dir=Path(args.teacher_dir))
    )
    write_examples(examples, Path(args.out))
    _figures({"data": figures})
    print(json.dumps(figures, indent=2))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from weedgo.tuning.train import TrainConfig, train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    config = TrainConfig(epochs=args.epochs, rank=args.rank, seed=args.seed)
    figures = train(Path(args.data), Path(args.out), config, work_dir=Path(args.work_dir))
    _figures({"train": figures})
    print(json.dumps(figures, indent=2))
    return 0


def add_tune_parser(sub: Any) -> None:
    from weedgo.engine.adapter import PACKAGED_ADAPTER

    tune = sub.add_parser("tune", help="rebuild the budtender adapter (the [train] extra)")
    tune_sub = tune.add_subparsers(dest="tune_command", required=True)
    data = tune_sub.add_parser("data", help="the teacher's training targets, filtered")
    data.add_argument("--questions", type=int, default=800)
    data.add_argument("--teacher-dir", default="data/teacher", help="where the teacher is joined")
    data.add_argument("--out", default=str(DATA_FILE))
    data.set_defaults(func=cmd_data)
    train = tune_sub.add_parser("train", help="train the LoRA adapter and write its GGUF")
    train.add_argument("--data", default=str(DATA_FILE))
    train.add_argument("--out", default=str(PACKAGED_ADAPTER))
    train.add_argument("--work-dir", default="data/tune", help="the student's HF copy")
    train.add_argument("--epochs", type=int, default=2)
    train.add_argument("--rank", type=int, default=16)
    train.add_argument("--seed", type=int, default=3)
    train.set_defaults(func=cmd_train)
