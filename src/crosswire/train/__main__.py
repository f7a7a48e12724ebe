"""``python -m crosswire.train``: see :mod:`crosswire.train` (``make train`` runs it)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from crosswire.errors import CrosswireError
from crosswire.train import train


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crosswire.train",
        description="Fit crosswire's small learned models on the train splits of the benchmark data "
        "(tuned on dev, k-fold estimate on train) and write their weights into the package.",
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/bench"), help="benchmark data folder")
    parser.add_argument("--out", type=Path, default=None, help="write the weights files here instead of the package")
    parser.add_argument("--folds", type=int, default=5, help="folds of the k-fold estimate (default 5)")
    parser.add_argument("--limit", type=int, default=None, help="read at most N articles of each split")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        results = train(args.data, out=args.out, folds=args.folds, limit=args.limit)
    except ModuleNotFoundError as exc:
        print(f"training needs the dev extra (scikit-learn): pip install -e '.[dev]' ({exc})", file=sys.stderr)
        return 2
    except CrosswireError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for r in results:
        k = r["kfold"]
        print(
            f"{r['model']}: {r['choices']} choices from {r['articles']} articles of {r['data']}, C={r['C']}\n"
            f"  dev accuracy {r['dev_accuracy']:.4f} (rules {r['dev_rules']:.4f}, {r['dev_choices']} choices)\n"
            f"  {k['folds']}-fold on train {k['learned']:.4f} (rules {k['rules']:.4f}); "
            f"by fold {k['learned_by_fold']}\n"
            f"  weights: {r['path']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
