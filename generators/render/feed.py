"""The Atom feed of the data's changes: a History and the site's address in, `changes.xml` bytes (RFC 4287) out.

One entry per commit that changed the data (new events and corrections), newest first, the last
FEED_ENTRIES of them. Written with feedgen; every date comes from git, so two builds of one commit
give the same bytes.
"""

from __future__ import annotations

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from generators.history.timeline import History
from generators.model.store import Store
from generators.render.history_html import CHANGES_PAGE, FEED_FILE, day, entry_items
from generators.render.templates import render

FEED_ENTRIES = 50
EPOCH = "1970-01-01T00:00:00+00:00"


def atom_feed(history: History | None, store: Store, *, site_name: str, site_url: str, today: str) -> bytes:
    """The feed; without history it is a valid feed with no entries, updated on the build date."""
    root = site_url.rstrip("/") + "/"
    entries = list(reversed(history.entries))[:FEED_ENTRIES] if history and history.available else []
    feed = FeedGenerator()
    feed.id(root + CHANGES_PAGE)
    feed.title(f"{site_name}: what changed")
    feed.subtitle("New events and corrections in the data behind the figures.")
    feed.author({"name": site_name, "uri": root})
    feed.link(href=root + CHANGES_PAGE, rel="alternate", type="text/html")
    feed.link(href=root + FEED_FILE, rel="self", type="application/atom+xml")
    feed.language("en")
    feed.updated(max((e.commit.time for e in entries), default=f"{today}T00:00:00+00:00") or EPOCH)
    # feedgen adds entries at the top: add the oldest first so the newest is the first in the file.
    for entry in reversed(entries):
        item = feed.add_entry()
        anchor = f"{root}{CHANGES_PAGE}#c-{entry.commit.short}"
        item.id(f"{root}{CHANGES_PAGE}#c-{entry.commit.sha}")
        item.title(entry.commit.subject or f"Changes of {day(entry.commit.date)}")
        item.link(href=anchor, rel="alternate", type="text/html")
        item.updated(entry.commit.time)
        item.published(entry.commit.time)
        counts = _summary(entry.events)
        item.summary(counts)
        item.content(render("feed_entry.html.j2", items=entry_items(entry, store, root), versions=[
            (store.figures[f].title if f in store.figures else f, f"{root}figures/{f}/#history", n) for f, n in entry.versions.items()]),
            type="html")
    return feed.atom_str(pretty=True)  # type: ignore[no-any-return]


def _summary(events: tuple) -> str:
    kinds = {"added": 0, "changed": 0, "removed": 0, "moved": 0}
    for change in events:
        kinds[change.change] += 1
    words = [f"{n} event{'s' if n != 1 else ''} {kind}" for kind, n in kinds.items() if n]
    return "; ".join(words) or "Records and figure specs changed."
