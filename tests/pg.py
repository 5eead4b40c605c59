"""A throwaway PostgreSQL server on 127.0.0.1 for the store tests (no docker).

PostgreSQL refuses to run as root, so as root the server is started as the `postgres` user.
The server lives in a temporary folder and is stopped and removed after the test run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def server() -> Iterator[str]:
    """Start a server; yield a SQLAlchemy URL of an empty database on it."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("PostgreSQL's initdb and pg_ctl are not installed")
    root = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, capture_output=True, cwd=root)

    try:
        run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        opts = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off"
        run(pg_ctl, "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
        run(
            _bin("createdb") or "createdb",
            "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "newsevents_test",
        )  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/newsevents_test"
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            cwd=root,
        )
        shutil.rmtree(root, ignore_errors=True)
