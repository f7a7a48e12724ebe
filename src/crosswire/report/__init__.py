"""Stage 4, report, and everything that shows the ledger to people or other tools.

::

    render.py     the corpus report as data, Markdown or self-contained HTML (templates/)
    story.py      a story's sections: timeline, copies, quotes by statement, claims
    findings.py   an article's findings as readings and marks (shared with the web app)
    evidence.py   an article's text as HTML with every found span marked
    export.py     records as JSON Lines, CSV or Parquet
"""

from crosswire.report.render import build_report, check_output, render_html, render_markdown, write_report

__all__ = ["build_report", "check_output", "render_html", "render_markdown", "write_report"]
