"""The built-in sample corpus: invented border-crisis articles and the findings expected from them."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent
CORPUS_DIR = SAMPLE_DIR / "corpus"
EXPECTED_PATH = SAMPLE_DIR / "expected.yaml"

__all__ = ["CORPUS_DIR", "EXPECTED_PATH", "SAMPLE_DIR"]
