"""`dossier import http://…` and feeds, against a local http.server on 127.0.0.1 serving a
saved page and a feed we write ourselves; nothing reaches the internet."""

from __future__ import annotations

import functools
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import RunDossier

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "harbour-readout.html"

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Ministry of Harbours: readouts</title>
<link>http://harbours.invalid/</link>
<description>Invented for the tests</description>
<item>
  <title>Minister Berg meets Minister Lind</title>
  <link>http://harbours.invalid/news/berg-lind</link>
  <pubDate>Tue, 14 May 2019 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Minister Anna Berg met today with Minister Tomas Lind in
  Oslo.&lt;/p&gt;&lt;p&gt;They discussed the ferry links.&lt;/p&gt;</description>
</item>
<item>
  <title>Ministers of the fjord states meet in Bergen</title>
  <link>http://harbours.invalid/news/fjord-ministers</link>
  <pubDate>Wed, 15 May 2019 09:00:00 GMT</pubDate>
  <description>The ministers met in Bergen yesterday to discuss the fisheries
  quota.</description>
</item>
</channel></rss>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(PAGE, root / "page.html")
    (root / "feed.xml").write_text(FEED, encoding="utf-8")
    (root / "big.html").write_text("<p>" + "x" * 40_000 + "</p>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_at_a_url(run_dossier: RunDossier, site: str, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "S"), "import", f"{site}/page.html",
                         "--json", check=True)
    report = json.loads(result.stdout)
    draft = report["files"][0]["draft"]
    # The page names its canonical URL; that is the source's address.
    assert draft["sources"][0]["url"] == \
        "https://harbours.example.org/news/2019/05/14/readout-berg-lind/"
    assert draft["date"] == "2019-05-14"
    assert report["drafts"] == 1


def test_a_feed_at_a_url_and_in_a_file_gives_a_draft_an_item(run_dossier: RunDossier,
                                                             site: str,
                                                             tmp_path: Path) -> None:
    store = str(tmp_path / "S")
    result = run_dossier("--store", store, "import", f"{site}/feed.xml", "--json", check=True)
    report = json.loads(result.stdout)
    drafts = [f["draft"] for f in report["files"]]
    assert [(d["sources"][0]["url"], d["date"]) for d in drafts] == [
        ("http://harbours.invalid/news/berg-lind", "2019-05-14"),
        ("http://harbours.invalid/news/fjord-ministers", "2019-05-14")]  # "yesterday"
    feed_file = tmp_path / "feed.xml"
    feed_file.write_text(FEED, encoding="utf-8")
    again = run_dossier("--store", store, "import", str(feed_file), check=True)
    assert "added 0 drafts, skipped 2 as already imported" in again.stdout


def test_a_page_over_the_size_limit_is_refused_in_one_line(run_dossier: RunDossier,
                                                           site: str,
                                                           tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "S"), "import", f"{site}/big.html",
                         env={"DOSSIER_MAX_STATEMENT_MB": "0.01"})
    assert result.returncode == 1
    assert "allowed for a statement" in result.stderr


def test_a_missing_page_and_a_server_that_is_not_there(run_dossier: RunDossier, site: str,
                                                       tmp_path: Path) -> None:
    missing = run_dossier("--store", str(tmp_path / "S"), "import", f"{site}/nothing.html")
    assert missing.returncode == 1 and "answered 404" in missing.stderr
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    offline = run_dossier("--store", str(tmp_path / "S"), "import",
                          f"http://127.0.0.1:{port}/page.html")
    assert offline.returncode == 1
    assert "could not fetch it" in offline.stderr
    assert len([line for line in offline.stderr.splitlines() if line.strip()]) == 1
