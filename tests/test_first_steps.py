"""The README's path for a new user, run as it is written: after `make run` (here: the same
ingest of the example reports), the lines of "The first ten minutes", in order: `serve` in the
background, `watch` on a feed (served by the test on 127.0.0.1), `events`, and `show` of an
incident `events` listed. Each line is taken from the README; only the store's path, the
feed's port, the server's port and the incident's id are put in."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_watch import REPORTS, Site, page, rss, site  # noqa: F401  (site: the fixture)

ROOT = Path(__file__).resolve().parent.parent
README_FEED = "http://127.0.0.1:8080/feed.xml"

pytestmark = pytest.mark.slow


def readme_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The first ten minutes", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None, "the section shows its commands in a code block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_the_readme_s_first_steps_work(site: Site, tmp_path: Path) -> None:  # noqa: F811
    lines = readme_lines()
    assert [shlex.split(line)[1] for line in lines] == ["serve", "watch", "events", "show"]
    db = tmp_path / "newsevents.db"
    cli = [sys.executable, "-m", "newsevents"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # make run: the example reports in the store.
    subprocess.run([*cli, "ingest", str(ROOT / "examples"), "--db", str(db), "-q"], check=True)
    paths = list(REPORTS)[:2]
    for path in paths:
        site.serve(path, page(path))
    site.serve("/feed.xml", rss(site.base, paths), "application/rss+xml")
    port = free_port()

    def argv(line: str) -> list[str]:
        words = shlex.split(line.rstrip("&").strip())
        assert words[0] == ".venv/bin/newsevents"
        words = [str(db) if w == "newsevents.db" else w for w in words[1:]]
        words = [site.base + "/feed.xml" if w == README_FEED else w for w in words]
        return [*cli, *words]

    serve_line, watch_line, events_line, show_line = lines
    assert serve_line.endswith("&")
    server = subprocess.Popen(
        [*argv(serve_line), "--port", str(port), "--token-file", str(tmp_path / "token")],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/incidents") as r:
                    first = r.read()
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        assert b'"total":6' in first  # the examples' incidents

        watched = subprocess.run(
            [*argv(watch_line), "--delay", "0"], capture_output=True, text=True, env=env
        )
        assert watched.returncode == 0, watched.stderr
        assert watched.stderr.count("added ") == 2

        # The server sees what watch added: the map's API has the new incidents.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/incidents?country=KEN") as r:
            assert b'"total":1' in r.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/incidents?limit=1") as r:
            total = int(re.search(rb'"total":(\d+)', r.read()).group(1))  # type: ignore[union-attr]
        assert total > 6

        listed = subprocess.run(argv(events_line), capture_output=True, text=True, env=env)
        assert listed.returncode == 0, listed.stderr
        ids = re.findall(r"^(ni-[0-9a-f]{16})", listed.stdout, re.M)
        assert len(ids) == total

        nairobi = next(line for line in listed.stdout.splitlines() if "Nairobi" in line)
        shown = subprocess.run(
            [w if w != "INCIDENT" else nairobi.split()[0] for w in argv(show_line)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert shown.returncode == 0, shown.stderr
        assert "Nairobi" in shown.stdout
        assert "arrested 23 demonstrators" in shown.stdout  # the evidence, in its words
    finally:
        server.terminate()
        server.wait(timeout=20)
