"""Places benchmark: toponym recognition and resolution on GeoWebNews and TR-News.

Both sets are news articles with every toponym annotated by character offsets, most with
coordinates (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation", 2019; Kamalloo &
Rafiei, TR-News). Following GeoWebNews's guidelines, every toponym type counts except the three
non-toponym types (``Literal_Expression``, ``Non_Lit_Expression``, ``Non_Toponym``): metonymic
uses ("Moscow said"), modifiers ("the Iraqi army") and demonyms count. TR-News annotates demonyms
too.

Metrics:

- recognition precision / recall / F1, twice: *exact* (same start and end) and *overlap*
  (the spans share a character); each gold toponym matches at most one predicted place;
- resolution, over overlap-matched gold toponyms that have gold coordinates: the share whose
  predicted point lies within 161 km (100 miles) of the gold point (a match with no predicted
  point counts as a miss), the same share among matches that have a predicted point, and the mean
  and median error in km where both points exist.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from crosswire.bench import prf
from crosswire.errors import DatasetError
from crosswire.extract.places.extractor import Place, extract_places
from crosswire.model import Article

__all__ = ["GoldToponym", "read_articles", "render", "score"]

NON_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
FILES = ("GWN.xml", "TR-News.xml")
RADIUS_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


def read_articles(path: Path) -> list[tuple[str, list[GoldToponym]]]:
    """The articles of one GeoWebNews or TR-News XML file with their gold toponyms."""
    if not path.is_file():
        raise DatasetError(f"{path}: no such file (expected GeoWebNews or TR-News XML)")
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise DatasetError(f"{path}: not readable XML ({exc})") from None
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text")
        if text is None:
            raise DatasetError(f"{path}: an article has no <text>")
        gold = [_toponym(path, item) for item in node.iter("toponym")]
        articles.append((text, [g for g in gold if g is not None]))
    if not articles:
        raise DatasetError(f"{path}: no <article> elements")
    return articles


def _toponym(path: Path, item: ElementTree.Element) -> GoldToponym | None:
    kind = item.findtext("type")
    if kind in NON_TOPONYMS:
        return None
    try:
        start, end = int(item.findtext("start") or ""), int(item.findtext("end") or "")
    except ValueError:
        raise DatasetError(f"{path}: a toponym has no numeric <start>/<end>") from None
    phrase = item.findtext("phrase") or item.findtext("extractedName") or ""
    lat = item.findtext("gaztag/lat") or item.findtext("latitude")
    lon = item.findtext("gaztag/lon") or item.findtext("longitude")
    if lat and lon:
        return GoldToponym(start, end, phrase, float(lat), float(lon))
    return GoldToponym(start, end, phrase, None, None)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class _Tally:
    def __init__(self) -> None:
        self.gold = self.predicted = self.exact = self.overlap = 0
        self.with_coords = self.within = self.predicted_point = self.within_given_point = 0
        self.errors: list[float] = []
        self.articles = 0
        self.seconds = 0.0

    def add(self, text: str, gold: list[GoldToponym], places: list[Place]) -> None:
        self.articles += 1
        self.gold += len(gold)
        self.predicted += len(places)
        exact_keys = {(p.start, p.end) for p in places}
        self.exact += sum((g.start, g.end) in exact_keys for g in gold)
        used: set[int] = set()
        for g in gold:
            match = next(
                (i for i, p in enumerate(places) if i not in used and p.start < g.end and g.start < p.end),
                None,
            )
            if match is None:
                continue
            used.add(match)
            self.overlap += 1
            if g.lat is None or g.lon is None:
                continue
            self.with_coords += 1
            place = places[match]
            if place.lat is None or place.lon is None:
                continue
            self.predicted_point += 1
            error = distance_km(g.lat, g.lon, place.lat, place.lon)
            self.errors.append(error)
            if error <= RADIUS_KM:
                self.within += 1
                self.within_given_point += 1

    def figures(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_toponyms": self.gold,
            "predicted_places": self.predicted,
            "exact": prf(self.exact, self.predicted, self.gold),
            "overlap": prf(self.overlap, self.predicted, self.gold),
            "matched_with_gold_point": self.with_coords,
            "matched_with_predicted_point": self.predicted_point,
            "accuracy_161km": round(self.within / self.with_coords, 4) if self.with_coords else 0.0,
            "accuracy_161km_given_point": (
                round(self.within_given_point / self.predicted_point, 4) if self.predicted_point else 0.0
            ),
            "mean_error_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
            "median_error_km": round(statistics.median(self.errors), 1) if self.errors else None,
            "articles_per_second": round(self.articles / self.seconds, 1) if self.seconds else None,
        }


def score(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score :func:`extract_places` on one XML file or a folder holding GWN.xml and TR-News.xml."""
    path = Path(path)
    if path.is_dir():
        files = [path / name for name in FILES if (path / name).is_file()]
        if not files:
            files = [path / "places" / name for name in FILES if (path / "places" / name).is_file()]
        if not files:
            raise DatasetError(f"{path}: holds neither {FILES[0]} nor {FILES[1]}")
    elif path.is_file():
        files = [path]
    else:
        raise DatasetError(f"{path}: no such file or folder (expected GeoWebNews / TR-News XML)")
    extract_places(Article.create("Warm-up in Paris.", source="bench"))  # build the gazetteer first
    total = _Tally()
    per_file: dict[str, Any] = {}
    for file in files:
        tally = _Tally()
        for text, gold in read_articles(file)[:limit]:
            article = Article(id="bench", text=text)
            started = time.perf_counter()
            places = extract_places(article)
            elapsed = time.perf_counter() - started
            for t in (tally, total):
                t.seconds += elapsed
                t.add(text, gold, places)
        per_file[file.name] = tally.figures()
    figures: dict[str, Any] = {"files": per_file}
    if len(files) > 1:
        figures["all"] = total.figures()
    folder = path if path.is_dir() else path.parent
    figures["bbc_articles_per_second"] = speed(folder.parent / "corpus" / "bbc.jsonl")
    return figures


def speed(path: Path = Path("../shared/bench/corpus/bbc.jsonl"), *, count: int = 500) -> float | None:
    """Articles per second of :func:`extract_places` over BBC News texts (None when absent)."""
    import json

    if not path.is_file():
        return None
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if len(texts) >= count:
                break
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    started = time.perf_counter()
    for article in articles:
        extract_places(article)
    return round(len(articles) / (time.perf_counter() - started), 1)


def render(figures: dict[str, Any]) -> str:
    """The figures as text, with the definitions of the metrics."""
    lines = [
        "Places: toponym recognition and resolution (GeoWebNews, TR-News)",
        "  recognition exact: same start and end; overlap: spans share a character (one-to-one)",
        "  gold: every toponym type but Literal_Expression, Non_Lit_Expression, Non_Toponym",
        "  acc@161km: overlap-matched gold toponyms with a gold point whose predicted point is within",
        "  161 km; a match without a predicted point counts as a miss (given-point: among those with one)",
    ]
    sections = dict(figures.get("files", {}))
    if "all" in figures:
        sections["all"] = figures["all"]
    for name, f in sections.items():
        lines.append(f"{name}: {f['articles']} articles, {f['gold_toponyms']} gold, {f['predicted_places']} predicted")
        for kind in ("exact", "overlap"):
            m = f[kind]
            lines.append(f"  {kind:8} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
        lines.append(
            f"  acc@161km {f['accuracy_161km']:.3f} of {f['matched_with_gold_point']} matched"
            f" (given point {f['accuracy_161km_given_point']:.3f} of {f['matched_with_predicted_point']});"
            f" mean error {f['mean_error_km']} km, median {f['median_error_km']} km;"
            f" {f['articles_per_second']} articles/s"
        )
    rate = figures.get("bbc_articles_per_second")
    lines.append(
        f"BBC News speed: {rate} articles/s"
        if rate
        else "BBC News speed: skipped (no corpus/bbc.jsonl beside the data)"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys

    result = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/places"))
    print(render(result))
    print(json.dumps(result))
