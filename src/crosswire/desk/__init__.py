"""The shared desk: who works on a ledger, what they corrected, and which outlets are one origin.

::

    outlets.py       the register of outlets (names, domains, owners, state affiliation); outlets.csv
                     is the starter register that ships with crosswire
"""
