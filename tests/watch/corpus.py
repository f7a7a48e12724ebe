# ruff: noqa: E501  (articles are prose, one paragraph a line)
"""Articles about invented events, written for these tests, and their later revisions."""

from __future__ import annotations

LAUNCHERS = """HALVIK, March 4 - Varnia has moved some 250 rocket launchers to within 30 kilometres of the Osterland border, the Osterland Joint Defence Staff said on Tuesday.

"We are watching every unit that crosses the Vesse," said Colonel Mira Lund, a spokesperson for the Joint Defence Staff.

Varnia's defence ministry denied that any launchers had been moved and called the report a provocation. Traffic on the Halvik road was stopped for six hours."""

LAUNCHERS_REVISED = LAUNCHERS.replace("some 250 rocket launchers", "about 200 rocket launchers")

BRIDGE = """DOLMEK, March 5 - Engineers reopened the Iron Bridge over the River Vesse on Wednesday after three weeks of repairs, the Dolmek city council said.

"Traffic will be back to normal by Friday," said council engineer Tomas Rieger. About 12,000 vehicles cross the bridge every day, according to the council.

The repairs cost 4 million crowns, twice the first estimate."""

HARBOUR = """SERIN, March 6 - Osterland's navy said on Thursday that two Varnian patrol boats had entered the Serin harbour approaches overnight and left after four hours.

"They turned back when our frigate arrived," said Commander Elin Varg, a navy spokesperson. Varnia's foreign ministry said its boats had stayed in international waters.

Fishing crews in Serin said about 40 boats stayed in port as a precaution."""

ELECTION = """ORVIK, March 7 - Turnout in the Orvik regional election reached 61 percent, the regional electoral commission said on Friday, up from 54 percent four years ago.

"People wanted their say on the border," said commission chair Hanna Brisk. Results from 312 polling stations are expected by Saturday morning."""

FUEL = """HALVIK, March 8 - Osterland will release 2 million barrels of fuel from its reserve to steady prices, the energy ministry said on Saturday.

"This is a precaution, not a crisis," said energy minister Piet Salo. Prices at the pump rose by 9 percent in a week."""
