"""The shared desk's commands: ``crosswire correct``, ``crosswire users`` and ``crosswire outlets``.

Thin like the rest of the CLI (:mod:`crosswire.cli`, whose helpers they use): each parses its
options, calls one function of :mod:`crosswire.desk`, and turns crosswire's errors into one line
and an exit code. Writes are attributed with ``--by NAME`` (or ``CROSSWIRE_USER``): on a ledger
with users NAME must be one of them with the role the command needs; on a ledger without users it
defaults to ``local``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from crosswire.cli import DbOption, JsonOption, _errors, _fail, _ledger, err, out, state
from crosswire.desk import actions
from crosswire.desk.corrections import REVIEW_STATES, Correction
from crosswire.desk.outlets import AFFILIATIONS, OutletEntry, read_csv, write_csv
from crosswire.desk.outlets import KINDS as OUTLET_KINDS
from crosswire.desk.users import LOCAL_USER, ROLES, add_user, author, issue_token, remove_user, set_role
from crosswire.errors import DeskError, OptionError
from crosswire.ledger import DEFAULT_LEDGER, Ledger

__all__ = ["correct_app", "outlets_app", "register_commands", "users_app"]

EXIT_USAGE = 2

correct_app = typer.Typer(
    help="Correct what the machine found, with an audit trail: speakers, rejected findings, figures, dates, "
    "stories, copies, claim reviews. Every correction says who, when and why, survives re-extraction and "
    "re-linking, and can be undone.",
    no_args_is_help=True,
)
users_app = typer.Typer(
    help=f"People on a shared ledger: named users with a role ({', '.join(ROLES)}) and a token each.",
    no_args_is_help=True,
)
outlets_app = typer.Typer(
    help="The register of outlets: names, domains, country, kind, owner and state affiliation. Outlets with one "
    "owner, and state media of one state, count as one origin.",
    no_args_is_help=True,
)

ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", envvar="CROSSWIRE_USER", help=f"Who makes the change (default: {LOCAL_USER}).", show_default=False
    ),
]
WhyOption = Annotated[str, typer.Option("--why", help="Why: the reason the audit trail keeps (required).")]
ArticleArgument = Annotated[str, typer.Argument(metavar="ARTICLE", help="Article id (or a unique prefix of 6+).")]
SpanArgument = Annotated[
    str, typer.Argument(metavar="SPAN", help="The finding's span START-END (see: crosswire correct findings ARTICLE).")
]

_SPAN = re.compile(r"^\s*(\d{1,9})\s*[-:]\s*(\d{1,9})\s*$")


def _span(value: str) -> tuple[int, int]:
    match = _SPAN.match(value)
    if not match:
        raise OptionError(f"SPAN {value!r}: expected START-END, e.g. 446-622")
    return int(match[1]), int(match[2])


def _done(correction: Correction, as_json: bool = False) -> None:
    if as_json:
        out.print(json.dumps(correction.as_dict(), ensure_ascii=False), markup=False, highlight=False)
        return
    out.print(f"correction {correction.describe()}", markup=False)


def _who(ledger: Ledger, by: str | None, needed: str = "analyst") -> str:
    return author(ledger, by, needed)


def _correct(db: str, by: str | None, as_json: bool, make: Callable[[Ledger, str], Correction]) -> None:
    """Make a correction as the user ``--by`` names (checked against the ledger's users) and print it."""
    with _ledger(db) as ledger, _errors():
        made = make(ledger, _who(ledger, by))
    _done(made, as_json)


# --- crosswire correct -------------------------------------------------------------------------------


@correct_app.command("findings")
def findings_command(
    article: ArticleArgument,
    kind: Annotated[
        str | None, typer.Option("--kind", help="quotes, quantities, times or claims (default: all four).")
    ] = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """List an article's findings with the spans corrections name (corrected ones are marked)."""
    kinds = ("quotes", "quantities", "times", "claims")
    if kind is not None and kind not in kinds:
        _fail(f"--kind {kind!r}: choose one of {', '.join(kinds)}", EXIT_USAGE)
    with _ledger(db) as ledger, _errors():
        found = ledger.get_article(article)
        if found is None:
            raise DeskError(f"no article with id {article!r}")
        findings = ledger.get_extraction(found.id) or {}
    for name in [kind] if kind else kinds:
        for item in findings.get(name, ()):
            if as_json:
                out.print(json.dumps({"kind": name} | item, ensure_ascii=False), markup=False, highlight=False)
                continue
            marks = ", ".join(f"#{m['correction']} {m['kind']} by {m['by']}" for m in item.get("corrected", ()))
            who = ""
            if name == "quotes":
                who = f" [{(item.get('speaker') or {}).get('name') or 'unattributed'}]"
            elif name == "claims":
                who = f" [{item.get('asserter') or 'unknown'}; {item.get('status') or item.get('stance')}]"
            elif name in ("quantities", "times"):
                value = item.get("value")
                who = f" [{value if value is not None else (item.get('low'), item.get('high'))}]"
            text = " ".join(item["text"].split())
            line = f"{name:<10} {item['start']}-{item['end']}{who} {text[:100]}"
            out.print(line + (f"  (corrected: {marks})" if marks else ""), markup=False)


@correct_app.command("speaker")
def speaker_command(
    article: ArticleArgument,
    span: SpanArgument,
    why: WhyOption,
    name: Annotated[str, typer.Option("--name", help="Who said it; empty: nobody the article names.")],
    role: Annotated[str | None, typer.Option("--role", help="Their role.", show_default=False)] = None,
    org: Annotated[str | None, typer.Option("--org", help="Their organisation.", show_default=False)] = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Fix a quote's speaker; the claims the quote holds follow."""

    def make(ledger: Ledger, who: str) -> Correction:
        return actions.fix_speaker(ledger, article, *_span(span), name=name, role=role, org=org, by=who, why=why)

    _correct(db, by, as_json, make)


@correct_app.command("reject")
def reject_command(
    article: ArticleArgument,
    span: SpanArgument,
    why: WhyOption,
    what: Annotated[str, typer.Option("--what", help="quote, claim or quantity.")],
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Reject a quote, claim or quantity the extractors found: it is no longer shown or counted."""
    _correct(db, by, as_json, lambda ledger, who: actions.reject(ledger, article, what, *_span(span), by=who, why=why))


@correct_app.command("figure")
def figure_command(
    article: ArticleArgument,
    span: SpanArgument,
    why: WhyOption,
    value: Annotated[float | None, typer.Option("--value", help="The right value.", show_default=False)] = None,
    low: Annotated[float | None, typer.Option("--low", help="Or the range's low end.", show_default=False)] = None,
    high: Annotated[float | None, typer.Option("--high", help="And its high end.", show_default=False)] = None,
    bound: Annotated[
        str | None, typer.Option("--bound", help="= exact, ~ about, >= at least, <= up to, > or <.", show_default=False)
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="The unit (km, USD, ...).", show_default=False)] = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Fix a figure's value (or range); the claims that use it, and their agreement, follow."""

    def make(ledger: Ledger, who: str) -> Correction:
        start, end = _span(span)
        return actions.fix_figure(
            ledger, article, start, end, value=value, low=low, high=high, bound=bound, unit=unit, by=who, why=why
        )

    _correct(db, by, as_json, make)


@correct_app.command("date")
def date_command(
    article: ArticleArgument,
    span: SpanArgument,
    why: WhyOption,
    value: Annotated[str, typer.Option("--value", help="A TIMEX3 value: 2024-11-03, 2024-11, 2024-W45, XXXX-07.")],
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Fix a date or time expression's value."""

    def make(ledger: Ledger, who: str) -> Correction:
        return actions.fix_date(ledger, article, *_span(span), value=value, by=who, why=why)

    _correct(db, by, as_json, make)


@correct_app.command("merge")
def merge_command(
    story: Annotated[str, typer.Argument(metavar="STORY", help="A story id.")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The story that tells the same event.")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Merge two stories into one."""
    _correct(db, by, as_json, lambda ledger, who: actions.merge(ledger, story, other, by=who, why=why))


@correct_app.command("split")
def split_command(
    story: Annotated[str, typer.Argument(metavar="STORY", help="A story id.")],
    articles: Annotated[list[str], typer.Argument(metavar="ARTICLE...", help="The articles to split off.")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Split articles off a story into a story of their own."""
    _correct(db, by, as_json, lambda ledger, who: actions.split(ledger, story, articles, by=who, why=why))


@correct_app.command("copies")
def copies_command(
    article: ArticleArgument,
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The other article.")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Mark two articles as copies (one rewrites the other): their own reporting counts once."""
    _correct(db, by, as_json, lambda ledger, who: actions.mark_copies(ledger, article, other, by=who, why=why))


@correct_app.command("independent")
def independent_command(
    article: ArticleArgument,
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The other article.")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Mark two articles as independent: the copy links found between them no longer count."""
    _correct(db, by, as_json, lambda ledger, who: actions.mark_independent(ledger, article, other, by=who, why=why))


@correct_app.command("review")
def review_command(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="A claim's id (crosswire export --what claims).")],
    state_: Annotated[str, typer.Option("--state", help=f"{', '.join(REVIEW_STATES)}.")],
    note: Annotated[str | None, typer.Option("--note", help="What the check found.", show_default=False)] = None,
    why: Annotated[str | None, typer.Option("--why", help="Why (default: the note).", show_default=False)] = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Set a claim's review state (unreviewed, checking, checked) with a note."""

    def make(ledger: Ledger, who: str) -> Correction:
        return actions.review(ledger, claim, state=state_, note=note, by=who, why=why)

    _correct(db, by, as_json, make)


@correct_app.command("undo")
def undo_command(
    correction: Annotated[int, typer.Argument(metavar="ID", help="The correction's number (crosswire correct list).")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """Undo a correction: it stays in the audit trail, marked undone, and no longer applies."""
    with _ledger(db) as ledger, _errors():
        made = actions.undo(ledger, correction, by=_who(ledger, by), why=why)
    if as_json:
        _done(made, True)
    else:
        out.print(f"undone {made.describe()}", markup=False)


@correct_app.command("list")
def list_command(
    article: Annotated[str | None, typer.Option("--article", help="Only those about this article.")] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only those about this story's articles.")] = None,
    active: Annotated[bool, typer.Option("--active", help="Leave out undone corrections.")] = False,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """The audit trail: every correction, who made it, when and why, and what it replaced."""
    with _ledger(db) as ledger, _errors():
        ids: list[str] | None = None
        if article:
            found = ledger.get_article(article)
            if found is None:
                raise DeskError(f"--article: no article with id {article!r}")
            ids = [found.id]
        if story:
            record = ledger.get_story(story)
            if record is None:
                raise DeskError(f"--story: no story with id {story!r}")
            ids = [*(ids or []), *(a["id"] for a in record.get("articles", ()))]
        trail = ledger.corrections(article_ids=ids, undone=not active)
    for correction in trail:
        if as_json:
            _done(correction, True)
            continue
        line = f"{correction.at}  {correction.describe()}"
        if correction.was is not None:
            line += f"  (was: {json.dumps(correction.was, ensure_ascii=False)[:120]})"
        if not correction.active:
            line += f"  [undone by {correction.undone_by} at {correction.undone_at}: {correction.undone_why}]"
        out.print(line, markup=False)
    if not as_json and not state.quiet:
        err.print(f"{len(trail)} correction(s)")


# --- crosswire users --------------------------------------------------------------------------------


@users_app.command("add")
def users_add_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The person's name as the audit trail shows it.")],
    role: Annotated[str, typer.Option("--role", help=f"{', '.join(ROLES)}.")] = "analyst",
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Add a user and print their token once (only its hash is kept: copy it now)."""
    with _ledger(db) as ledger, _errors():
        user, token = add_user(ledger, name, role, by=LOCAL_USER)
    out.print(token, markup=False, highlight=False)
    if not state.quiet:
        err.print(f"added {user.name} ({user.role}); the token above is shown once: give it to them now")


@users_app.command("list")
def users_list_command(db: DbOption = DEFAULT_LEDGER, as_json: JsonOption = False) -> None:
    """List the users and their roles (never their tokens)."""
    with _ledger(db) as ledger:
        users = ledger.users()
    for user in users:
        if as_json:
            out.print(json.dumps(user.public(), ensure_ascii=False), markup=False, highlight=False)
        else:
            out.print(f"{user.name:<30} {user.role:<8} added {user.created_at}", markup=False)
    if not as_json and not state.quiet:
        err.print(f"{len(users)} user(s)" + ("" if users else f": everything is done as {LOCAL_USER!r}"))


@users_app.command("remove")
def users_remove_command(name: Annotated[str, typer.Argument(metavar="NAME")], db: DbOption = DEFAULT_LEDGER) -> None:
    """Remove a user: their token stops working; what they did stays attributed to them."""
    with _ledger(db) as ledger, _errors():
        user = remove_user(ledger, name)
    out.print(f"removed {user.name}", markup=False)


@users_app.command("role")
def users_role_command(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help=f"{', '.join(ROLES)}.")],
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Change a user's role."""
    with _ledger(db) as ledger, _errors():
        user = set_role(ledger, name, role)
    out.print(f"{user.name} is now {user.role}", markup=False)


@users_app.command("token")
def users_token_command(name: Annotated[str, typer.Argument(metavar="NAME")], db: DbOption = DEFAULT_LEDGER) -> None:
    """Give a user a new token, printed once (the old one stops working)."""
    with _ledger(db) as ledger, _errors():
        user, token = issue_token(ledger, name)
    out.print(token, markup=False, highlight=False)
    if not state.quiet:
        err.print(f"new token for {user.name}; the old one no longer works")


# --- crosswire outlets ------------------------------------------------------------------------------


@outlets_app.command("list")
def outlets_list_command(
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind (e.g. 'state news agency').")] = None,
    db: DbOption = DEFAULT_LEDGER,
    as_json: JsonOption = False,
) -> None:
    """List the register: each outlet's kind, country, owner and state affiliation."""
    with _ledger(db) as ledger:
        entries = [e for e in ledger.outlet_entries() if kind is None or e.kind == kind]
    for entry in entries:
        if as_json:
            out.print(json.dumps(entry.as_dict(), ensure_ascii=False), markup=False, highlight=False)
            continue
        owner = f"owner {entry.owner}" if entry.owner else ""
        out.print(
            f"{entry.name[:34]:<34} {entry.kind:<18} {(entry.country or '-')[:16]:<16} {entry.affiliation:<6} {owner}",
            markup=False,
        )
    if not as_json and not state.quiet:
        err.print(f"{len(entries)} outlet(s)")


@outlets_app.command("import")
def outlets_import_command(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A register CSV (see crosswire outlets export).")],
    replace_all: Annotated[
        bool, typer.Option("--replace", help="Make the register exactly this file (else entries are added).")
    ] = False,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Import register entries from CSV, then assess the claims again."""
    with _ledger(db) as ledger, _errors():
        who = _who(ledger, by, "admin")
        entries = read_csv(path)
        known = {e.key for e in ledger.outlet_entries()}
        summary = actions.update_register(ledger, entries, by=who, replace=replace_all)
    new = sum(1 for e in entries if e.key not in known)
    out.print(
        f"imported {len(entries)} outlet(s) ({new} new, {len(entries) - new} replaced); "
        f"claims assessed again in {summary.touched_stories} stories",
        markup=False,
    )


@outlets_app.command("export")
def outlets_export_command(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: standard output).")
    ] = None,
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Export the register as CSV (the format import reads)."""
    with _ledger(db) as ledger:
        entries = ledger.outlet_entries()
    if output is None:
        write_csv(entries, sys.stdout)
        return
    with _errors():
        try:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = write_csv(entries, stream)
        except OSError as exc:
            raise OptionError(f"cannot write {output}: {exc.strerror}") from None
    if not state.quiet:
        err.print(f"exported {count} outlet(s) to {output}")


@outlets_app.command("add")
def outlets_add_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The outlet's name.")],
    kind: Annotated[str, typer.Option("--kind", help=f"{', '.join(OUTLET_KINDS)}.")],
    country: Annotated[str | None, typer.Option("--country", show_default=False)] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Owner or parent.", show_default=False)] = None,
    affiliation: Annotated[str, typer.Option("--affiliation", help=f"{', '.join(AFFILIATIONS)}.")] = "none",
    alias: Annotated[list[str], typer.Option("--alias", help="Another name it appears under. Repeatable.")] = [],  # noqa: B006
    domain: Annotated[list[str], typer.Option("--domain", help="A web domain it publishes under. Repeatable.")] = [],  # noqa: B006
    notes: Annotated[str | None, typer.Option("--notes", show_default=False)] = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Add an outlet to the register (or replace the entry of the same name), then assess the claims again."""
    with _ledger(db) as ledger, _errors():
        who = _who(ledger, by, "admin")
        fields: dict[str, Any] = {"name": name, "kind": kind, "country": country, "owner": owner, "notes": notes}
        try:
            entry = OutletEntry.from_dict(fields | {"affiliation": affiliation, "aliases": alias, "domains": domain})
        except ValueError as exc:
            raise OptionError(str(exc)) from None
        summary = actions.update_register(ledger, [entry], by=who)
    out.print(
        f"{entry.name}: in the register; claims assessed again in {summary.touched_stories} stories", markup=False
    )


@outlets_app.command("remove")
def outlets_remove_command(
    name: Annotated[str, typer.Argument(metavar="NAME")], by: ByOption = None, db: DbOption = DEFAULT_LEDGER
) -> None:
    """Remove an outlet from the register, then assess the claims again."""
    with _ledger(db) as ledger, _errors():
        _who(ledger, by, "admin")
        actions.remove_from_register(ledger, name)
    out.print(f"removed {name} from the register", markup=False)


def register_commands(app: typer.Typer) -> None:
    """Add the desk's command groups to the ``crosswire`` command."""
    app.add_typer(correct_app, name="correct")
    app.add_typer(users_app, name="users")
    app.add_typer(outlets_app, name="outlets")
