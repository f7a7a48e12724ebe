"""The shared desk: who works on a ledger, what they corrected, and which outlets are one origin.

::

    corrections.py   the Correction record and how each kind is laid over findings, links and stories
    actions.py       what an analyst does: correct, undo, change the register (and link again)
    users.py         users, roles and tokens (the ledger keeps only a salted scrypt hash)
    outlets.py       the register of outlets (names, domains, owners, state affiliation); outlets.csv
                     is the starter register that ships with crosswire
    cli.py           crosswire correct, crosswire users, crosswire outlets
"""
