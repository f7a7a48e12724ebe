"""Three good articles (invented events, written for these tests) that every hostile input runs beside."""

from __future__ import annotations

from pathlib import Path

GOOD = {
    "bridge.md": """---
title: Flood closes the Orvell bridge
outlet: Daily Meridian
published: 2024-11-04
---
Heavy rain closed the Orvell bridge on Monday, the regional council said. About 250 homes were
evacuated in the town of Brask, and council spokesperson Ilse Marten said "the water is still
rising". Some 40 soldiers were sent to help, the defence ministry said.
""",
    "bridge-2.md": """---
title: Orvell bridge stays shut as the river rises
outlet: Northern Post
published: 2024-11-05
---
The Orvell bridge remained closed on Tuesday after the river burst its banks, according to the
regional council. Council spokesperson Ilse Marten said about 300 homes had been evacuated in Brask.
"We expect the water to fall by Thursday," she said.
""",
    "count.md": """---
title: Election count delayed in Sarn
outlet: Coastal Herald
published: 2024-11-06
---
Officials in the province of Sarn delayed the count of Sunday's election by two days, the electoral
commission said on Wednesday. Commission chair Pavel Ostrin told reporters that 12 polling stations
had reported irregularities.
""",
}


def write_good(folder: Path) -> list[str]:
    """The three good articles as files in ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in GOOD.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths
