"""A throwaway PostgreSQL server for the tests and the ledger benchmark: initdb in a temporary folder,
a free port on 127.0.0.1, stopped and removed afterwards.

The server programs (``initdb``, ``pg_ctl``, ``postgres``) are found in ``$CROSSWIRE_PG_BIN``, else
on ``PATH``, else in Debian's ``/usr/lib/postgresql/<version>/bin`` (the newest). PostgreSQL refuses
to run as root, so under root the server runs as the ``postgres`` user (which Debian's
``postgresql`` package creates) through ``runuser``, in a folder that user owns.

Its superuser (:data:`SUPERUSER`) connects without a password, from 127.0.0.1 only; every other
user must give a password (so a wrong one can be tried). Nothing listens beyond loopback.
"""

from __future__ import annotations

import logging
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from crosswire.errors import CrosswireError

__all__ = ["PG_BIN_ENV", "SUPERUSER", "ServerError", "TemporaryServer", "find_bin"]

log = logging.getLogger(__name__)

PG_BIN_ENV = "CROSSWIRE_PG_BIN"
SUPERUSER = "crosswire"
RUN_AS = "postgres"
"""The user the server runs as when this process is root."""


class ServerError(CrosswireError):
    """The throwaway server could not be set up or started."""


def find_bin() -> Path | None:
    """The folder of PostgreSQL's server programs, or ``None`` when they are not installed."""
    configured = os.environ.get(PG_BIN_ENV)
    if configured:
        folder = Path(configured)
        if not (folder / "initdb").is_file():
            raise ServerError(f"{PG_BIN_ENV}={configured}: no initdb in that folder")
        return folder
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    debian = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    debian.sort(key=lambda folder: [int(n) for n in re.findall(r"\d+", folder.parent.name)] or [0])
    return debian[-1] if debian else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TemporaryServer:
    """A PostgreSQL server of its own (see the module docstring); ``with TemporaryServer(...) as server``.

    ``durable=False`` turns off what only protects against a crash of the machine (fsync, full page
    writes, waiting for the log at each commit): right for tests, wrong for measuring speed.
    """

    def __init__(self, bin_dir: Path, *, durable: bool = False) -> None:
        self.bin_dir = bin_dir
        self.durable = durable
        self.folder: Path | None = None
        self.port = 0

    # --- running programs as the server's user ---------------------------------------------------

    def _prefix(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        runuser = shutil.which("runuser")
        if runuser is None:
            raise ServerError("running as root needs runuser (util-linux) to start PostgreSQL as another user")
        return [runuser, "-u", RUN_AS, "--"]

    def _run(self, program: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = [*self._prefix(), str(self.bin_dir / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)
        if done.returncode != 0:
            problem = (done.stderr or done.stdout).strip().splitlines()
            raise ServerError(f"{program} failed: {problem[-1] if problem else 'exit ' + str(done.returncode)}")
        return done

    # --- life --------------------------------------------------------------------------------------

    def start(self) -> TemporaryServer:
        """Create the cluster and start the server; returns itself."""
        self.folder = Path(tempfile.mkdtemp(prefix="crosswire-pg-"))
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam(RUN_AS)
            except KeyError:
                raise ServerError(
                    f"running as root: PostgreSQL runs as the {RUN_AS!r} user, which does not exist"
                    " (apt-get install postgresql creates it)"
                ) from None
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        data = str(self.folder / "data")
        common = ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]
        try:
            # A linguistic default collation (as most servers have), so the ledger's own ordering is tested.
            self._run("initdb", *common, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US")
        except ServerError:
            shutil.rmtree(self.folder / "data", ignore_errors=True)
            self._run("initdb", *common, "--locale=C.UTF-8")
        (self.folder / "data" / "pg_hba.conf").write_text(
            f"local all all trust\nhost all {SUPERUSER} 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        )
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.folder}'",
            "max_connections = 100",
        ]
        if not self.durable:
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with (self.folder / "data" / "postgresql.conf").open("a") as conf:
            conf.write("\n".join(settings) + "\n")
        for attempt in range(3):
            self.port = _free_port()
            try:
                log_file = str(self.folder / "server.log")
                self._run("pg_ctl", "-D", data, "-l", log_file, "-w", "-t", "60", "-o", f"-p {self.port}", "start")
                break
            except ServerError:
                if attempt == 2:
                    raise ServerError(f"PostgreSQL did not start: see {self.folder / 'server.log'}") from None
                time.sleep(0.2)
        log.info("PostgreSQL %s started on 127.0.0.1:%d in %s", self.bin_dir, self.port, self.folder)
        return self

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        if self.folder is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")
        except (ServerError, subprocess.TimeoutExpired) as exc:
            log.warning("PostgreSQL did not stop cleanly: %s", exc)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> TemporaryServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- using it ----------------------------------------------------------------------------------

    def url(self, database: str = "postgres", *, user: str = SUPERUSER, password: str | None = None) -> str:
        """The address of one database of this server."""
        login = user if password is None else f"{user}:{password}"
        return f"postgresql://{login}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """Create a database (a copy of ``template``, when given) with PostgreSQL's ``createdb``; its address."""
        copy = ["--template", template] if template else []
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, *copy, name)
        return self.url(name)

    def cpu_seconds(self) -> float:
        """Processor time the server has used: the postmaster's own and that of its ended children
        (each connection's backend ends when the connection closes). Linux only; 0.0 elsewhere."""
        if self.folder is None:
            return 0.0
        try:
            pid = (self.folder / "data" / "postmaster.pid").read_text().split()[0]
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        # After the command name: state is field 3, utime..cstime are fields 14-17 (1-based).
        ticks = sum(int(value) for value in fields[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")
