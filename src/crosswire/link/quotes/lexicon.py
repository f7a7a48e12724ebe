"""A small hand-written synonym list for news, politics and military language.

Used by :mod:`crosswire.link.quotes.paraphrase` to see that two translations or paraphrases of one statement
use different words for one thing ("weapons" / "arms", "motherland" / "homeland"). Each group
below is one sense; every word in it maps to the group's first word. Words are given in the
plain form; :mod:`crosswire.link.quotes.paraphrase` stems them as it stems sentences, so "positioning" and
"positions" meet "position". Written by hand because no offline, freely licensed thesaurus ships with a small
install, and a general one (WordNet) links far too many senses for a yes/no decision.

Keep the groups narrow: one meaning each. A word that belongs to two senses goes in the more
common one in news text.
"""

from __future__ import annotations

__all__ = ["SYNONYM_GROUPS"]

# One sense per line, plain words (the first names the group).
_GROUPS = """
weapon arm armament arsenal
homeland motherland fatherland
security safety
place position put deploy station
demand require need
hesitate waver falter
say declare tell remark
will shall
enemy foe adversary
act move
ready prepare
attack assault strike
border frontier
troop soldier
kill slay
wound injure hurt
president leader
country nation state
government administration
official authority
threat menace
warn caution
begin start commence
end finish conclude
buy purchase acquire
sell
big large huge major
small little minor
fast quick rapid swift
rise increase climb gain jump grow rose
fall decrease decline drop drip slip slide fell dip sink plunge tumble
show reveal
help aid assist
try attempt
want wish
allow permit let
stop halt
meet meeting talk
ask request
reply respond answer
seek search
choose select pick
plan intend
large-scale massive
also too additionally
about approximately roughly around some nearly almost
percent pct
shares stock
company firm
cut reduce lower trim slash
chief head
people public population
area region zone
fight battle combat clash
agree accept
reject refuse deny dismiss
accuse charge
launch fire
missile rocket
car vehicle
job post
home house
child kid
"""


SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.split()) for line in _GROUPS.strip().splitlines() if line.strip()
)
"""The synonym groups, one sense each."""
