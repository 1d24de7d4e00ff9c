"""newsprism collect: pages fetched politely from a local test server into a folder that ingest reads.

Every request goes to an HTTP server these tests start on 127.0.0.1; the client ignores the
environment's proxy settings (``trust_env=False``), so nothing here reaches another machine.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.cli import main
from newsprism.ingest.collect import Link, collect, links_from_text, urls_from_feed, urls_from_file
from newsprism.ingest.folder import ingest_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "collect"
SLOW_SECONDS = 1.0
FAST = {"delay": 0, "backoff": 0.01, "progress": False, "trust_env": False}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None, length: bool = True) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that gave up waiting
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        self.server.requests.append((path, time.monotonic(), self.headers.get("User-Agent", "")))
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            robots = self.server.robots
            if isinstance(robots, int):
                return self._send(robots)
            return self._send(200, robots.encode(), {"Content-Type": "text/plain"})
        if path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            return self._send(200, b"<html><body><p>Late.</p></body></html>", html)
        if path == "/old-address":
            return self._send(301, headers={"Location": "/news/harbour-bridge.html"})
        if path == "/moved":
            return self._send(302, headers={"Location": f"{self.server.base}/news/ferry-strike.html"})
        if path == "/loop":
            return self._send(302, headers={"Location": "/loop"})
        if path == "/report.pdf":
            return self._send(200, b"%PDF-1.4 not really a document", {"Content-Type": "application/pdf"})
        if path == "/no-type.html":
            return self._send(200, b"<html><body><p>Typeless.</p></body></html>")
        if path in ("/big.html", "/big-stream.html"):
            # /big-stream.html sends no length: the body ends when the connection closes
            return self._send(200, b"<html><body>" + b"<p>word</p>" * 5000 + b"</body></html>", html,
                              length=path == "/big.html")
        if path == "/flaky.html":
            if sum(1 for p, *_ in self.server.requests if p == path) == 1:
                return self._send(503, headers={"Retry-After": "0"})
            return self._send(200, (FIXTURES / "news" / "council-budget.html").read_bytes(), html)
        if path == "/always-503.html":
            return self._send(503)
        if path == "/busy.html":
            return self._send(429, headers={"Retry-After": "3600"})
        if path in ("/feed.rss", "/feed.atom"):
            text = (FIXTURES / path.lstrip("/")).read_text(encoding="utf-8").replace("@BASE@", self.server.base)
            kind = "application/rss+xml" if path.endswith("rss") else "application/atom+xml"
            return self._send(200, text.encode(), {"Content-Type": kind})
        file = FIXTURES / path.lstrip("/")
        if path.endswith(".html") and file.is_file():
            return self._send(200, file.read_bytes(), html)
        return self._send(404, b"<html><body>Not here</body></html>", html)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, robots: str | int):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.robots = robots
        self.requests: list[tuple[str, float, str]] = []
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, *_ in self.requests]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # The command line uses the environment's proxy settings: none may take test traffic elsewhere.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def serve():
    """Start a local test server; ``robots`` is the text of its robots.txt or the status it answers with."""
    servers = []

    def start(robots: str | int = (FIXTURES / "robots.txt").read_text(encoding="utf-8")) -> _Server:
        server = _Server(robots)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(serve):
    return serve()


def manifest_rows(folder: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / "manifest.csv").read_text(encoding="utf-8"))))


ARTICLES = {
    "/news/harbour-bridge.html": ("The Ferryport Gazette", "2024-03-05", "Harbour bridge reopens after eight months of repairs"),
    "/news/ferry-strike.html": ("Northvale Courier", "2024-03-05", "Bridge back, but ferry crews threaten to strike"),
    "/news/council-budget.html": ("Lakeside Evening Post", "2024-03-06", "Who pays for the bridge? Council argues over the bill"),
}


# --- pages and the manifest ---------------------------------------------------------------


def test_pages_are_saved_as_served_with_a_manifest_row_each(server, tmp_path):
    out = tmp_path / "articles"
    result = collect([server.url(path) for path in ARTICLES], out, **FAST)
    assert result.failed == [] and result.skipped == []
    rows = manifest_rows(out)
    assert list(rows[0]) == ["file", "url", "outlet", "published", "headline", "fetched_at", "requested_url"]
    assert [(r["url"], r["outlet"], r["published"], r["headline"]) for r in rows] == [
        (server.url(path), *values) for path, values in ARTICLES.items()
    ]
    assert [r["file"] for r in rows] == [
        "001_127-0-0-1_news-harbour-bridge.html", "002_127-0-0-1_news-ferry-strike.html",
        "003_127-0-0-1_news-council-budget.html",
    ]
    for row, path in zip(rows, ARTICLES):
        assert (out / row["file"]).read_bytes() == (FIXTURES / path.lstrip("/")).read_bytes()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["fetched_at"])
        assert row["requested_url"] == row["url"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*(r["file"] for r in rows), "manifest.csv"])


def test_pages_are_saved_on_a_disk_without_hard_links(server, tmp_path, monkeypatch):
    # FAT and exFAT (USB sticks) refuse hard links: pages are then written under their name directly
    def refuse(source, destination):
        raise PermissionError(1, "Operation not permitted", str(destination))

    monkeypatch.setattr("newsprism.ingest.collect.os.link", refuse)
    result = collect([server.url(path) for path in ARTICLES], tmp_path, **FAST)
    assert result.failed == [] and len(result.fetched) == 3
    for row, path in zip(manifest_rows(tmp_path), ARTICLES):
        assert (tmp_path / row["file"]).read_bytes() == (FIXTURES / path.lstrip("/")).read_bytes()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_every_request_names_newsprism_and_robots_txt_is_read_once(server, tmp_path):
    collect([server.url(path) for path in ARTICLES], tmp_path, **FAST)
    assert server.paths() == ["/robots.txt", *ARTICLES]
    assert all(agent.startswith("newsprism/") for *_, agent in server.requests)


def test_an_address_given_twice_is_fetched_once(server, tmp_path):
    url = server.url("/news/harbour-bridge.html")
    result = collect([url, url + "#comments", f" {url} "], tmp_path, **FAST)
    assert server.paths().count("/news/harbour-bridge.html") == 1
    assert len(result.fetched) == 1 and len(manifest_rows(tmp_path)) == 1


def test_each_failure_says_why(server, tmp_path):
    bad = {
        "/slow.html": "no answer within 0.3 s (tried 2 times)",
        "/missing.html": "404 Not Found",
        "/report.pdf": "not a web page: application/pdf",
        "/no-type.html": "not a web page: the server does not say what it sent (no Content-Type)",
        "/big.html": "larger than 10 kB (55.0 kB)",
        "/big-stream.html": "larger than 10 kB",
        "/always-503.html": "503 Service Unavailable (tried 2 times)",
        "/busy.html": "429 Too Many Requests (the server asks to wait 3600 s: try again later)",
        "/loop": "more than 10 redirects",
    }
    urls = [server.url(path) for path in bad] + ["mailto:desk@example.org", server.url("/news/plain.html")]
    result = collect(urls, tmp_path, **{**FAST, "timeout": 0.3, "retries": 1, "max_bytes": 10_000})
    reasons = {outcome.url: outcome.reason for outcome in result.failed}
    assert reasons == {
        "mailto:desk@example.org": "not a web address (it must start with http:// or https://)",
        **{server.url(path): reason for path, reason in bad.items()},
    }
    # the slow page was asked for twice (one retry); the 404 and the PDF once; the busy server was not asked again
    assert [server.paths().count(p) for p in ("/slow.html", "/missing.html", "/report.pdf", "/busy.html")] == [2, 1, 1, 1]
    assert [o.file for o in result.fetched] == ["001_127-0-0-1_news-plain.html"]
    assert [r["file"] for r in manifest_rows(tmp_path)] == ["001_127-0-0-1_news-plain.html"]


def test_a_503_is_tried_again_and_then_collected(server, tmp_path):
    result = collect([server.url("/flaky.html")], tmp_path, **FAST)
    assert server.paths().count("/flaky.html") == 2
    assert [o.file for o in result.fetched] == ["001_127-0-0-1_flaky.html"]
    assert (tmp_path / "001_127-0-0-1_flaky.html").read_bytes() == (FIXTURES / "news/council-budget.html").read_bytes()


def test_a_page_robots_txt_disallows_is_never_requested(server, tmp_path):
    result = collect([server.url("/private/secret.html"), server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    assert [(o.url, o.reason) for o in result.failed] == [
        (server.url("/private/secret.html"), "robots.txt of 127.0.0.1 does not allow robots to fetch this page")
    ]
    assert "/private/secret.html" not in server.paths()


def test_a_site_whose_robots_txt_fails_counts_as_closed(serve, tmp_path):
    server = serve(robots=503)
    result = collect([server.url("/news/harbour-bridge.html")], tmp_path, **{**FAST, "retries": 0})
    assert [o.reason for o in result.failed] == [
        "robots.txt of 127.0.0.1 could not be read (503 Service Unavailable); until it can, the site counts as "
        "closed to robots (RFC 9309)"
    ]
    assert server.paths() == ["/robots.txt"]
    assert not result.ok


def test_a_server_that_cannot_be_reached_is_named(tmp_path):
    with socket.socket() as probe:  # a port on 127.0.0.1 that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = collect([f"http://127.0.0.1:{port}/a.html", f"http://127.0.0.1:{port}/b.html"], tmp_path,
                     **{**FAST, "retries": 0})
    assert len(result.failed) == 2
    assert all(o.reason.startswith("127.0.0.1 cannot be reached: could not connect") for o in result.failed)


def test_a_site_without_robots_txt_is_open(serve, tmp_path):
    server = serve(robots=404)
    result = collect([server.url("/private/secret.html")], tmp_path, **FAST)
    assert [o.file for o in result.fetched] == ["001_127-0-0-1_private-secret.html"]


def test_a_redirect_is_followed_and_both_addresses_are_recorded(server, tmp_path):
    result = collect([server.url("/old-address"), server.url("/moved")], tmp_path, **FAST)
    assert [o.url for o in result.fetched] == [server.url("/old-address"), server.url("/moved")]
    rows = manifest_rows(tmp_path)
    assert [(r["requested_url"], r["url"]) for r in rows] == [
        (server.url("/old-address"), server.url("/news/harbour-bridge.html")),
        (server.url("/moved"), server.url("/news/ferry-strike.html")),
    ]
    assert rows[0]["file"] == "001_127-0-0-1_news-harbour-bridge.html"  # named by the page's own address


# --- politeness -----------------------------------------------------------------------------


def gaps(server) -> list[float]:
    times = [when for _, when, _ in server.requests]
    return [later - earlier for earlier, later in zip(times, times[1:])]


def test_requests_to_one_host_are_at_least_the_delay_apart(server, tmp_path):
    collect([server.url(path) for path in ARTICLES], tmp_path, **{**FAST, "delay": 0.2})
    assert len(server.requests) == 4  # robots.txt and three pages
    assert min(gaps(server)) >= 0.2 - 0.02


def test_a_crawl_delay_longer_than_the_delay_is_honoured(serve, tmp_path):
    server = serve(robots="User-agent: *\nCrawl-delay: 1\n")
    collect([server.url("/news/harbour-bridge.html"), server.url("/news/ferry-strike.html")], tmp_path, **FAST)
    assert min(gaps(server)) >= 1 - 0.02


# --- re-runs and the user's files ---------------------------------------------------------


def test_a_rerun_makes_no_request_and_changes_nothing(server, tmp_path):
    urls = [server.url(path) for path in ARTICLES] + [server.url("/old-address")]
    collect(urls, tmp_path, **FAST)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    server.requests.clear()
    result = collect(urls, tmp_path, **FAST)
    assert server.requests == []
    assert result.fetched == [] and result.failed == []
    assert [(o.file, o.reason) for o in result.skipped] == [
        ("001_127-0-0-1_news-harbour-bridge.html", "already collected"),
        ("002_127-0-0-1_news-ferry-strike.html", "already collected"),
        ("003_127-0-0-1_news-council-budget.html", "already collected"),
        ("001_127-0-0-1_news-harbour-bridge.html", "already collected"),  # /old-address leads there
    ]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_rerun_adds_new_pages_after_the_earlier_rows(server, tmp_path):
    collect([server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    first = (tmp_path / "manifest.csv").read_text(encoding="utf-8")
    server.requests.clear()
    result = collect([server.url("/news/harbour-bridge.html"), server.url("/news/ferry-strike.html")], tmp_path, **FAST)
    assert server.paths() == ["/robots.txt", "/news/ferry-strike.html"]
    assert result.summary() == f"collected 2 pages into {tmp_path} (1 already there)"
    assert (tmp_path / "manifest.csv").read_text(encoding="utf-8").startswith(first)
    assert [r["file"] for r in manifest_rows(tmp_path)] == [
        "001_127-0-0-1_news-harbour-bridge.html", "002_127-0-0-1_news-ferry-strike.html",
    ]


def test_a_page_whose_file_was_deleted_is_fetched_again_into_its_row(server, tmp_path):
    collect([server.url("/news/harbour-bridge.html"), server.url("/news/ferry-strike.html")], tmp_path, **FAST)
    (tmp_path / "001_127-0-0-1_news-harbour-bridge.html").unlink()
    result = collect([server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    assert [o.file for o in result.fetched] == ["001_127-0-0-1_news-harbour-bridge.html"]
    assert [r["file"] for r in manifest_rows(tmp_path)] == [
        "001_127-0-0-1_news-harbour-bridge.html", "002_127-0-0-1_news-ferry-strike.html",
    ]


def test_a_value_the_user_wrote_in_a_row_survives_a_fetch_again(server, tmp_path):
    collect([server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    manifest = tmp_path / "manifest.csv"
    rows = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text(rows[0] + ",story\n" + rows[1].replace("The Ferryport Gazette", "Ferryport Gazette (print)")
                        + ",bridge\n", encoding="utf-8")
    (tmp_path / "001_127-0-0-1_news-harbour-bridge.html").unlink()
    collect([server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    row = manifest_rows(tmp_path)[0]
    assert (row["file"], row["outlet"], row["story"]) == (
        "001_127-0-0-1_news-harbour-bridge.html", "Ferryport Gazette (print)", "bridge")


def test_the_users_files_and_manifest_rows_are_kept(server, tmp_path):
    mine = {"001_127-0-0-1_news-harbour-bridge.html": b"<p>my own copy</p>", "notes.txt": b"Notes on the bridge.\n"}
    for name, data in mine.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "manifest.csv").write_text("# my sources\nfile,outlet\nnotes.txt,My notes\n", encoding="utf-8")
    result = collect([server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    assert [o.file for o in result.fetched] == ["002_127-0-0-1_news-harbour-bridge.html"]
    assert {name: (tmp_path / name).read_bytes() for name in mine} == mine
    text = (tmp_path / "manifest.csv").read_text(encoding="utf-8")
    assert text.startswith("# my sources\nfile,outlet,url,published,headline,fetched_at,requested_url\n"
                           "notes.txt,My notes,,,,,\n002_127-0-0-1_news-harbour-bridge.html,The Ferryport Gazette,")


def test_a_folder_with_a_yaml_manifest_is_refused(server, tmp_path):
    (tmp_path / "manifest.yaml").write_text("a.txt: {outlet: X}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has a manifest.yaml; collect writes a manifest.csv"):
        collect([server.url("/news/harbour-bridge.html")], tmp_path, **FAST)
    assert server.requests == []


# --- lists, exports and feeds ---------------------------------------------------------------


def test_a_plain_list_and_the_exports_of_media_cloud_and_gdelt_are_read(tmp_path):
    plain = tmp_path / "urls.txt"
    plain.write_text("# bridge story\nhttps://a.example/1\n\nhttps://b.example/2\n", encoding="utf-8")
    assert [link.url for link in urls_from_file(plain)] == ["https://a.example/1", "https://b.example/2"]
    media_cloud = tmp_path / "mediacloud.csv"
    media_cloud.write_text(
        "\ufeffid,indexed_date,language,media_name,media_url,publish_date,title,url\n"
        '1,2024-03-05,en,Ferryport Gazette,gazette.example,2024-03-05 08:30:00,"Bridge reopens, at last",https://a.example/1\n'
        "2,2024-03-06,en,Courier,courier.example,,,https://b.example/2\n", encoding="utf-8")
    assert urls_from_file(media_cloud) == [
        Link("https://a.example/1", "Bridge reopens, at last", "Ferryport Gazette", "2024-03-05"),
        Link("https://b.example/2", "", "Courier", ""),
    ]
    gdelt = "GKGRECORDID\tDATE\tSourceCommonName\tDocumentIdentifier\n1\t20240305083000\tgazette.example\thttps://a.example/1\n"
    assert links_from_text(gdelt) == [Link("https://a.example/1", published="2024-03-05")]
    assert links_from_text("URL,MobileURL,Date,Title\nhttps://a.example/1,,20240305T083000Z,Bridge\n") == [
        Link("https://a.example/1", "Bridge", "", "2024-03-05")
    ]
    assert links_from_text("url\nhttps://a.example/1\n") == [Link("https://a.example/1")]


def test_a_list_file_that_cannot_be_used_is_named_with_the_problem(tmp_path):
    with pytest.raises(ValueError, match=r"nothere.csv: no such file"):
        urls_from_file(tmp_path / "nothere.csv")
    export = tmp_path / "export.csv"
    export.write_text("title,link\nBridge,https://a.example/1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"export.csv has no column of web addresses .*; its columns: title, link"):
        urls_from_file(export)


def test_hints_from_an_export_fill_what_the_page_does_not_say(server, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "url,title,media_name,publish_date\n"
        f"{server.url('/news/plain.html')},Fishing boats back in the harbour,Harbour Radio,2024-03-05\n"
        f"{server.url('/news/harbour-bridge.html')},A title of the export,Another name,2020-01-01\n", encoding="utf-8")
    collect(urls_from_file(export), tmp_path / "out", **FAST)
    assert [(r["outlet"], r["published"], r["headline"]) for r in manifest_rows(tmp_path / "out")] == [
        ("Harbour Radio", "2024-03-05", "Fishing boats back in the harbour"),
        ARTICLES["/news/harbour-bridge.html"],
    ]


def test_rss_and_atom_feeds_give_their_links(server):
    rss = urls_from_feed(server.url("/feed.rss"), delay=0, trust_env=False)
    assert rss == [
        Link(server.url("/news/harbour-bridge.html"), "Harbour bridge reopens after eight months of repairs", "",
             "2024-03-05"),
        Link(server.url("/news/plain.html"), "Fishing boats back in the inner harbour", "", "2024-03-05"),
    ]
    atom = urls_from_feed(server.url("/feed.atom"), delay=0, trust_env=False)
    assert [(link.url, link.published) for link in atom] == [
        (server.url("/news/ferry-strike.html"), "2024-03-05"),
        (server.url("/news/council-budget.html"), "2024-03-06"),
    ]
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        urls_from_feed(server.url("/news/harbour-bridge.html"), delay=0, trust_env=False)


# --- end to end -----------------------------------------------------------------------------


def test_collected_pages_are_read_by_ingest_with_outlet_url_date_and_headline(server, tmp_path):
    links = urls_from_feed(server.url("/feed.rss"), delay=0, trust_env=False)
    links += urls_from_feed(server.url("/feed.atom"), delay=0, trust_env=False)
    collect(links, tmp_path, **FAST)
    articles = ingest_folder(tmp_path).articles.set_index("url")
    for path, (outlet, published, headline) in ARTICLES.items():
        assert articles.loc[server.url(path), ["outlet", "published", "headline"]].tolist() == [outlet, published, headline]
    plain = articles.loc[server.url("/news/plain.html")]
    # the page names no outlet and no date: the feed's title and date stand in, the outlet is the host
    assert [plain.outlet, plain.published, plain.headline] == ["127.0.0.1", "2024-03-05",
                                                               "Fishing boats back in the inner harbour"]
    assert plain.body.startswith("Fishing boats returned to the inner harbour of Ferryport on Monday")


def test_the_command_collects_from_addresses_and_feeds(server, tmp_path, capsys):
    out = tmp_path / "articles"
    status = main(["collect", server.url("/news/harbour-bridge.html"), server.url("/missing.html"),
                   "--feed", server.url("/feed.atom"), "--out", str(out), "--delay", "0"])
    assert status == 0
    err = capsys.readouterr().err
    assert f"collected 3 pages into {out}; 1 failed:\n  {server.url('/missing.html')}: 404 Not Found\n" in err
    assert len(manifest_rows(out)) == 3


def test_the_command_needs_a_source_and_names_a_bad_list_file(server, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["collect", "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    capsys.readouterr()
    assert main(["collect", "--urls", str(tmp_path / "nothere.txt"), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == f"newsprism: {tmp_path / 'nothere.txt'}: no such file\n"
    assert main(["collect", server.url("/missing.html"), "--out", str(tmp_path / "out"), "--delay", "0"]) == 1
    assert "collected 0 pages" in capsys.readouterr().err
