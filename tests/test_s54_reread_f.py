"""Outside review F of s54-fbedits: the Facebook edit re-read that pages the post's comments
edge (docs/history/security.md). Texts are the reviewer's own."""

from __future__ import annotations

import json
import logging
from typing import Any

from adapters.facebook import FacebookAdapter

BASE = "https://graph.facebook.com"


def _scripted(pages: dict[str | None, dict[str, Any]], asked: list[dict[str, Any]]) -> Any:
    """A Graph comments edge served from ``pages`` keyed by the ``after`` asked for."""

    def call(self: Any, method: str, node: str, about: str | None = None, **kw: Any) -> Any:
        params = dict(kw.get("params") or {})
        asked.append(params)
        return pages[params.get("after")]

    return call


def _raw(n: int) -> dict[str, Any]:
    return {"id": f"1_{n}", "message": f"Kind words ({n})", "from": {"id": f"u{n}"},
            "created_time": f"2026-01-01T00:00:{n:02d}+0000"}


def _adapter() -> FacebookAdapter:
    return FacebookAdapter(base_url=BASE, page_id="1", token="t" * 20)


def test_an_empty_page_that_names_a_next_page_is_not_the_end_of_the_edge(monkeypatch) -> None:
    """Graph, "Paginated Results": a page may be empty because of visibility and privacy
    filtering yet carry a `next` link; only a missing `next` ends the data. A sweep that took
    such a page for the end went round to the first page every time, and every comment past
    it was never read again for edits."""
    asked: list[dict[str, Any]] = []
    pages = {
        None: {"data": [_raw(1), _raw(2)],
               "paging": {"cursors": {"after": "QQ"}, "next": f"{BASE}/v25.0/p/comments?after=QQ"}},
        "QQ": {"data": [],
               "paging": {"cursors": {"after": "QR"}, "next": f"{BASE}/v25.0/p/comments?after=QR"}},
        "QR": {"data": [_raw(3)], "paging": {"cursors": {"after": "QS"}}},
    }
    monkeypatch.setattr(FacebookAdapter, "_call", _scripted(pages, asked))
    found = _adapter().reread_paged("1_9", [], max_pages=5, max_calls=10)
    assert [c.id for c in found] == ["1_1", "1_2", "1_3"]


def test_an_empty_page_without_cursors_goes_on_from_its_next_links_after(monkeypatch) -> None:
    """The same, when the empty page gives only the `next` link: its `after` value is taken
    (the link itself is never followed, so no other host or path is asked)."""
    asked: list[dict[str, Any]] = []
    pages = {
        None: {"data": [_raw(1)],
               "paging": {"cursors": {"after": "QQ"}, "next": f"{BASE}/v25.0/p/comments?after=QQ"}},
        "QQ": {"data": [], "paging": {"next": "https://evil.example/steal?after=QR&x=1"}},
        "QR": {"data": [_raw(3)], "paging": {}},
    }
    monkeypatch.setattr(FacebookAdapter, "_call", _scripted(pages, asked))
    found = _adapter().reread_paged("1_9", [], max_pages=5, max_calls=10)
    assert [c.id for c in found] == ["1_1", "1_3"]
    assert all(set(p) <= {"fields", "filter", "order", "limit", "after"} for p in asked)


def test_an_unreadable_stored_re_read_cursor_is_logged_once_and_bounded(
        make_app, sandbox, monkeypatch, caplog) -> None:
    """A stored `reread_after` the daemon did not write (a corrupted row: objects, numbers,
    a huge string, control characters) is dropped with one log line naming the post, the
    sweep reads from the first page (no comment lost), and no oversized cursor is sent."""
    from sqlalchemy import select
    from test_session43_edited_comments import _comment, _edit, _monitor

    from social_bot.db.models import Delivery

    monkeypatch.setattr("adapters.facebook.PAGE_SIZE", 2)
    app, monitor, remote = _monitor(make_app, sandbox, "facebook")
    ids = [_comment(sandbox, "facebook", remote, f"See you Tuesday ({n})", f"c{n}")
           for n in range(3)]
    monitor.run_platform("facebook")
    with app.db.write() as session:
        row = session.scalars(select(Delivery).where(Delivery.remote_id == remote)).one()
        body = json.loads(row.comment_cursor)
        body["reread_after"] = [{"x": 1}, 7, "A" * 100_000, "bad\x00\n"]
        row.comment_cursor = json.dumps(body)
    sent: list[list[str]] = []
    original = FacebookAdapter.reread_paged

    def recorded(adapter: Any, remote_id: str, after: Any, *a: Any, **kw: Any) -> Any:
        sent.append(list(after))
        return original(adapter, remote_id, after, *a, **kw)

    monkeypatch.setattr(FacebookAdapter, "reread_paged", recorded)
    _edit(sandbox, ids[0], "Visiting my father in room 12, his MRN is 4471-22")
    with caplog.at_level(logging.INFO):
        result = monitor.run_platform("facebook")
    assert result.edited == 1 and result.failed == 0
    assert sent and all(len(c) <= 4096 and c.isprintable() for c in sent[0])
    lines = [r.getMessage() for r in caplog.records
             if "comments.reread_cursor_unreadable" in r.getMessage()]
    with caplog.at_level(logging.INFO):
        assert monitor.run_platform("facebook").failed == 0  # the next sweep: clean, silent
    lines = [r.getMessage() for r in caplog.records
             if "comments.reread_cursor_unreadable" in r.getMessage()]
    assert len(lines) == 1


def test_the_poll_reads_on_past_an_empty_page_that_names_a_next_one(monkeypatch) -> None:
    """The same documented empty page met by the poll for new comments (newest first): it
    ended the read and moved the floor up to the newest comment, so the new comments past it
    were never stored, judged or hidden."""
    asked: list[dict[str, Any]] = []
    pages = {
        None: {"data": [_raw(5), _raw(4)],
               "paging": {"cursors": {"after": "QQ"}, "next": f"{BASE}/v25.0/p/comments?after=QQ"}},
        "QQ": {"data": [],
               "paging": {"cursors": {"after": "QR"}, "next": f"{BASE}/v25.0/p/comments?after=QR"}},
        "QR": {"data": [_raw(2), _raw(1)], "paging": {"cursors": {"after": "QS"}}},
    }
    monkeypatch.setattr(FacebookAdapter, "_call", _scripted(pages, asked))
    adapter = _adapter()
    first, cursor = adapter.fetch_comments("1_9", None)
    later, _ = adapter.fetch_comments("1_9", cursor)
    assert sorted(c.id for c in [*first, *later]) == ["1_1", "1_2", "1_4", "1_5"]
