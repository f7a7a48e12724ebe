"""The built-in sample corpus: invented border-crisis articles and the findings expected from them."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent
CORPUS_DIR = SAMPLE_DIR / "corpus"
EXPECTED_PATH = SAMPLE_DIR / "expected.yaml"
REGISTER_PATH = SAMPLE_DIR / "outlets.csv"
"""The register entries of the sample's invented outlets (the demo imports them)."""

__all__ = ["CORPUS_DIR", "EXPECTED_PATH", "REGISTER_PATH", "SAMPLE_DIR"]
