"""Benchmark: claim links against claim pairs judged by hand, on real news and on the realnews set.

Two sets of judged pairs:

- **corpus pairs** (``data/judged.tsv``, shipped with crosswire): claim pairs of BBC News and
  Reuters-21578 articles, each judged ``agree``, ``conflict``, ``dispute``, ``update`` or
  ``unrelated`` by reading both sentences. The file keeps article ids, character offsets and
  judgments only; the articles are read from ``corpus/`` of the bench data at run time, and the
  corpus part is skipped (and said so) when they are absent. The pairs were drawn from the stories
  of a ``crosswire run`` over the first 600 BBC and 1,200 Reuters articles: pairs the linker then
  linked (as agreeing, conflicting or disputing) and pairs of claims with figures and shared words
  that it did not link, so that recall means something.
- **realnews pairs**: the ~650 judged pairs of :mod:`crosswire.bench.realnews` (scored there by
  :func:`~crosswire.bench.realnews.scoring.score_links` over a full ledger run).

For the corpus pairs, the articles of each group (the pairs drawn from one story) are extracted
and aligned together with :func:`crosswire.link.claims.linker.align_claims`, as the link stage
does for a story. Each end of a link is mapped to the judged claim of its article that it overlaps
most. Precision of a link kind: its judged pairs whose judgment is that kind (``agrees`` ->
agree, ...), over all its judged pairs; recall: judged pairs of that kind it links, over all of
them. Links between unjudged claims are not counted. The folds figure splits the groups into
``FOLDS`` parts and gives the spread of precision over them: how much the figure depends on
which stories were sampled.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.bench import reuters_date
from crosswire.errors import DatasetError
from crosswire.model import Article

__all__ = ["DATA_DIR", "FOLDS", "JUDGMENTS", "JudgedPair", "load_pairs", "render", "score"]

DATA_DIR = Path(__file__).parent / "data"
PAIRS_FILE = DATA_DIR / "judged.tsv"
JUDGMENTS = ("agree", "conflict", "dispute", "update", "unrelated")
KINDS = {"agrees": "agree", "conflicts": "conflict", "disputes": "dispute", "updates": "update"}
"""The claim link kinds scored here and the judgment each one asserts."""
FOLDS = 5
_CORPORA = {"bbc": ("bbc.jsonl", "id"), "reuters": ("reuters21578.jsonl", "newid")}
_OUTLETS = {"bbc": "BBC News", "reuters": "Reuters"}

End = tuple[str, int, int]
"""A judged claim: corpus article key (``bbc:ID``, ``reuters:NEWID``), start, end."""


@dataclass(frozen=True, slots=True)
class JudgedPair:
    """Two claims of one group and how a reader relates them."""

    group: str
    a: End
    b: End
    judgment: str

    @property
    def key(self) -> frozenset[End]:
        return frozenset((self.a, self.b))


def load_pairs(path: Path = PAIRS_FILE) -> list[JudgedPair]:
    """The judged pairs of ``path`` (tab-separated, ``#`` comments, one header line)."""
    pairs: list[JudgedPair] = []
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        where = f"{path}:{number}"
        if len(cells) != 8:
            raise DatasetError(f"{where}: expected 8 tab-separated columns, got {len(cells)}")
        group, a_key, a_start, a_end, b_key, b_start, b_end, judgment = cells
        if judgment not in JUDGMENTS:
            raise DatasetError(f"{where}: judgment {judgment!r} is not one of {', '.join(JUDGMENTS)}")
        for key in (a_key, b_key):
            if key.split(":", 1)[0] not in _CORPORA:
                raise DatasetError(f"{where}: article {key!r} is not bbc:ID or reuters:NEWID")
        try:
            a = (a_key, int(a_start), int(a_end))
            b = (b_key, int(b_start), int(b_end))
        except ValueError:
            raise DatasetError(f"{where}: offsets must be whole numbers") from None
        pairs.append(JudgedPair(group, a, b, judgment))
    return pairs


def corpus_articles(corpus: Path, keys: set[str]) -> dict[str, Article]:
    """The articles named by ``keys`` read from the corpus files in ``corpus`` (absent files: none)."""
    found: dict[str, Article] = {}
    for name, (filename, id_field) in _CORPORA.items():
        path = corpus / filename
        wanted = {k.split(":", 1)[1] for k in keys if k.startswith(name + ":")}
        if not wanted or not path.is_file():
            continue
        for record in _records(path):
            ident = str(record.get(id_field))
            if ident not in wanted:
                continue
            published = reuters_date(record.get("date")) if name == "reuters" else None
            found[f"{name}:{ident}"] = Article.create(
                str(record.get("text") or ""),
                source=f"{name}:{ident}",
                title=record.get("title"),
                outlet=_OUTLETS[name],
                published=published,
            )
    return found


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise DatasetError(f"{path}:{number}: not a JSON line") from None
            if isinstance(record, dict):
                yield record


def link_pairs(pairs: Sequence[JudgedPair], articles: dict[str, Article]) -> dict[str, set[frozenset[End]]]:
    """The judged pairs each claim link kind links, aligning each group's articles as one story."""
    from crosswire.extract import extract_many
    from crosswire.extract.stage import ExtractionFailure
    from crosswire.link.claims.linker import ArticleClaims, align_claims

    by_group: dict[str, list[JudgedPair]] = defaultdict(list)
    for pair in pairs:
        by_group[pair.group].append(pair)
    keys = sorted({end[0] for pair in pairs for end in (pair.a, pair.b)} & set(articles))
    key_of = {articles[k].id: k for k in keys}
    story_articles: dict[str, ArticleClaims] = {}
    for found in extract_many([articles[k] for k in keys]):
        if not isinstance(found, ExtractionFailure):
            story_articles[key_of[found.article.id]] = ArticleClaims.from_extraction(found)
    linked: dict[str, set[frozenset[End]]] = defaultdict(set)
    for group_pairs in by_group.values():
        ends: dict[str, list[End]] = defaultdict(list)
        for pair in group_pairs:
            for end in (pair.a, pair.b):
                if end not in ends[end[0]]:
                    ends[end[0]].append(end)
        members = [story_articles[k] for k in sorted(ends) if k in story_articles]
        judged = {pair.key for pair in group_pairs}
        for link in align_claims(members):
            kind = link.kind
            if kind not in KINDS:
                continue
            a = _judged_end(ends, key_of.get(link.a.article_id), link.a.start, link.a.end)
            b = _judged_end(ends, key_of.get(link.b.article_id), link.b.start, link.b.end)
            if a is not None and b is not None and frozenset((a, b)) in judged:
                linked[kind].add(frozenset((a, b)))
    return linked


def _judged_end(ends: dict[str, list[End]], key: str | None, start: int, end: int) -> End | None:
    best, best_overlap = None, 0
    for candidate in ends.get(key or "", ()):
        overlap = min(end, candidate[2]) - max(start, candidate[1])
        if overlap > best_overlap:
            best, best_overlap = candidate, overlap
    return best


def _kind_figures(pairs: Sequence[JudgedPair], linked: dict[str, set[frozenset[End]]]) -> dict[str, Any]:
    judgment = {pair.key: pair.judgment for pair in pairs}
    out: dict[str, Any] = {}
    for kind, wanted in KINDS.items():
        found = linked.get(kind, set()) & set(judgment)
        labels: dict[str, int] = defaultdict(int)
        for key in found:
            labels[judgment[key]] += 1
        gold = sum(1 for value in judgment.values() if value == wanted)
        right = labels.get(wanted, 0)
        out[kind] = {
            "linked": len(found),
            "right": right,
            "gold": gold,
            "precision": round(right / len(found), 4) if found else None,
            "recall": round(right / gold, 4) if gold else None,
            "judged_as": dict(sorted(labels.items())),
        }
    return out


def _folds(pairs: Sequence[JudgedPair], linked: dict[str, set[frozenset[End]]]) -> dict[str, Any]:
    """Precision of each kind in each of ``FOLDS`` parts (groups split by a stable hash of their name)."""
    parts: dict[int, list[JudgedPair]] = defaultdict(list)
    for pair in pairs:
        parts[zlib.crc32(pair.group.encode()) % FOLDS].append(pair)
    out: dict[str, Any] = {}
    for kind in KINDS:
        values = [_kind_figures(parts[i], linked)[kind]["precision"] for i in sorted(parts)]
        known = [v for v in values if v is not None]
        out[kind] = {
            "per_fold": values,
            "mean": round(sum(known) / len(known), 4) if known else None,
            "min": min(known) if known else None,
        }
    return out


def _realnews() -> dict[str, Any]:
    from crosswire.bench.realnews import DATA_DIR as REALNEWS
    from crosswire.bench.realnews import load
    from crosswire.bench.realnews.predict import predict
    from crosswire.bench.realnews.scoring import score_links

    dataset = load(REALNEWS)
    predictions = predict([a.article for a in dataset.articles])
    figures = score_links(dataset, dataset.articles, predictions)
    out: dict[str, Any] = {"judged_pairs": figures["judged_pairs"]}
    for kind, wanted in KINDS.items():
        f = figures["kinds"][wanted]
        linked = f["judged_pairs"]
        right = round((f["precision"] or 0.0) * linked)
        out[kind] = {
            "linked": linked,
            "right": right,
            "gold": f["gold_pairs"],
            "precision": f["precision"],
            "recall": f["recall"],
            "judged_as": f["judged_as"],
        }
    return out


def score(path: Path, *, limit: int | None = None, pairs_file: Path = PAIRS_FILE) -> dict[str, Any]:
    """Score the claim links on the corpus pairs (articles read from ``path``) and the realnews pairs.

    ``path`` is the bench data folder or its ``corpus/`` folder; ``limit`` keeps the first N groups.
    """
    corpus = path / "corpus" if (path / "corpus").is_dir() else path
    pairs = load_pairs(pairs_file)
    if limit is not None:
        keep = sorted({p.group for p in pairs})[:limit]
        pairs = [p for p in pairs if p.group in keep]
    articles = corpus_articles(corpus, {end[0] for p in pairs for end in (p.a, p.b)})
    present = [p for p in pairs if p.a[0] in articles and p.b[0] in articles and _inside(p, articles)]
    result: dict[str, Any] = {"dataset": str(corpus), "pairs": len(pairs), "pairs_read": len(present)}
    if present:
        linked = link_pairs(present, articles)
        result["corpus"] = _kind_figures(present, linked)
        result["judged"] = dict(sorted(_count(p.judgment for p in present).items()))
        result["folds"] = _folds(present, linked)
    else:
        result["corpus"] = None
        result["skipped"] = f"no corpus articles at {corpus}"
    result["realnews"] = _realnews()
    result["combined"] = _combine(result["corpus"], result["realnews"])
    return result


def _inside(pair: JudgedPair, articles: dict[str, Article]) -> bool:
    return all(0 <= s < e <= len(articles[k].text) for k, s, e in (pair.a, pair.b))


def _count(values: Iterator[str] | Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return counts


def _combine(*parts: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in KINDS:
        linked = sum(p[kind]["linked"] for p in parts if p)
        right = sum(p[kind]["right"] for p in parts if p)
        gold = sum(p[kind]["gold"] for p in parts if p)
        out[kind] = {
            "linked": linked,
            "right": right,
            "gold": gold,
            "precision": round(right / linked, 4) if linked else None,
            "recall": round(right / gold, 4) if gold else None,
        }
    return out


def _share(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _rows(title: str, figures: dict[str, Any]) -> list[str]:
    lines = [title]
    for kind in KINDS:
        f = figures[kind]
        judged_as = f.get("judged_as")
        extra = (
            " [" + (", ".join(f"{k} {v}" for k, v in judged_as.items()) or "-") + "]" if judged_as is not None else ""
        )
        lines.append(
            f"  {kind:<9} precision {_share(f['precision'])} ({f['right']} of {f['linked']} linked){extra} | "
            f"recall {_share(f['recall'])} of {f['gold']}"
        )
    return lines


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with what each one means."""
    lines = [
        f"claim links against judged claim pairs ({figures['dataset']}): precision = linked pairs judged that "
        "kind / linked judged pairs; recall = judged pairs of that kind linked as that kind"
    ]
    if figures.get("corpus"):
        judged = ", ".join(f"{k} {v}" for k, v in figures["judged"].items())
        lines += _rows(
            f"BBC + Reuters: {figures['pairs_read']} of {figures['pairs']} pairs read ({judged})", figures["corpus"]
        )
        folds = figures["folds"]
        lines.append(
            f"  over {FOLDS} folds of stories, precision mean / lowest: "
            + "; ".join(f"{k} {_share(v['mean'])} / {_share(v['min'])}" for k, v in folds.items())
        )
    else:
        lines.append(f"BBC + Reuters: skipped: {figures.get('skipped')}")
    realnews = figures["realnews"]
    lines += _rows(f"realnews: {realnews['judged_pairs']} judged pairs (full ledger run)", realnews)
    lines += _rows("both sets", figures["combined"])
    return "\n".join(lines)
