"""A watch set up from the command line and a watch file: sources, options and alert sinks.

Command-line values win over the watch file's settings, which win over the defaults.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from crosswire.errors import OptionError
from crosswire.watch.alerts import AlertSink, JsonLinesSink, WebhookSink
from crosswire.watch.fetch import DEFAULT_USER_AGENT, FetchOptions, httpx_module
from crosswire.watch.sources import DEFAULT_INTERVAL, Source, load_config, parse_duration, source_from_argument
from crosswire.watch.watcher import WatchOptions

__all__ = ["WatchSetup", "watch_setup"]


@dataclass(frozen=True, slots=True)
class WatchSetup:
    """What to watch and how, and where alerts go."""

    sources: tuple[Source, ...]
    options: WatchOptions
    alerts: str | None = None
    webhook: str | None = None
    stdout: TextIO | None = None

    @contextmanager
    def open_sinks(self) -> Iterator[list[AlertSink]]:
        """The alert sinks, opened (the alerts file for appending) and closed afterwards."""
        sinks: list[AlertSink] = []
        with ExitStack() as stack:
            if self.alerts == "-":
                if self.stdout is None:
                    raise OptionError("--alerts -: no standard output to write to")
                sinks.append(JsonLinesSink(self.stdout))
            elif self.alerts:
                try:
                    stream = stack.enter_context(Path(self.alerts).open("a", encoding="utf-8"))
                except OSError as exc:
                    raise OptionError(f"--alerts {self.alerts}: cannot write ({exc.strerror or exc})") from None
                sinks.append(JsonLinesSink(stream))
            if self.webhook:
                webhook = WebhookSink(self.webhook)
                stack.callback(webhook.close)
                sinks.append(webhook)
            yield sinks


def _pick(cli: Any, settings: dict[str, Any], key: str, default: Any) -> Any:
    return cli if cli is not None else settings.get(key, default)


def watch_setup(
    arguments: list[str],
    config: Path | None = None,
    *,
    interval: str | None = None,
    delay: str | None = None,
    timeout: str | None = None,
    retries: int | None = None,
    recheck: str | None = None,
    recheck_for: str | None = None,
    alerts: str | None = None,
    webhook: str | None = None,
    user_agent: str | None = None,
    stages: bool = True,
    workers: int = 1,
    stdout: TextIO | None = None,
) -> WatchSetup:
    """Sources and options from command-line values and an optional TOML watch file; ``OptionError`` on a bad one."""
    loaded = load_config(config) if config is not None else None
    settings = loaded.settings if loaded else {}
    every = parse_duration(_pick(interval, settings, "interval", DEFAULT_INTERVAL), "--interval")
    sources = list(loaded.sources) if loaded else []
    sources += [source_from_argument(argument, interval=every) for argument in arguments]
    if interval is not None:  # the command line's interval applies to the file's sources too
        sources = [Source(s.location, s.kind, every, s.pages) for s in sources]
    if not sources:
        raise OptionError("nothing to watch: give feed or sitemap addresses, folders, or --config FILE")
    unique = list({s.location: s for s in sources}.values())
    if any(not s.is_folder for s in unique):
        httpx_module()  # a clear message now when the [watch] extra is missing
    retry_count = _pick(retries, settings, "retries", 3)
    if not isinstance(retry_count, int) or isinstance(retry_count, bool) or not 0 <= retry_count <= 10:
        raise OptionError(f"retries: {retry_count!r} is not a number from 0 to 10")
    fetch = FetchOptions(
        timeout=max(0.1, parse_duration(_pick(timeout, settings, "timeout", 20), "--timeout")),
        retries=retry_count,
        delay=parse_duration(_pick(delay, settings, "delay", 1), "--delay"),
        user_agent=str(_pick(user_agent, settings, "user_agent", DEFAULT_USER_AGENT)),
    )
    options = WatchOptions(
        fetch=fetch,
        recheck=parse_duration(_pick(recheck, settings, "recheck", 3600), "--recheck"),
        recheck_for=parse_duration(_pick(recheck_for, settings, "recheck_for", 2 * 86400), "--recheck-for"),
        stages=stages,
        workers=workers,
    )
    hook = _pick(webhook, settings, "webhook", None)
    if hook is not None and not str(hook).startswith(("http://", "https://")):
        raise OptionError(f"--webhook {hook!r}: not an http or https address")
    if hook is not None:
        httpx_module()
    return WatchSetup(
        sources=tuple(unique),
        options=options,
        alerts=_pick(alerts, settings, "alerts", None),
        webhook=hook,
        stdout=stdout,
    )
