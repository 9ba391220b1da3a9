"""An index of source articles, to find which of them a page reproduces when the page does not say.

Each article is cut into shingles, runs of SHINGLE_WORDS folded words, each
hashed to 64 bits; one hash in SAMPLE_EVERY is kept (by its value, so a page and
an article keep the same ones). SQLite holds an inverted index, hash -> article,
so a page's query is one indexed lookup of its own sampled hashes: milliseconds
for 10^5 articles, and `index add` updates it in place.

A candidate is an article whose shingles make up a good part of the page
(MIN_PAGE_SHARE), or of which the page holds a good part (MIN_CONTAINMENT),
ranked by how many shingles they share. Entries that declare the same URL are
copies of one article (an archive crawled twice, a page saved twice): a page
finds them as one candidate, the best-matching copy first, the others listed as
its `copies`, rather than as rivals it cannot tell apart. Shingles of eight words are rare outside
copying: an unrelated article shares none, a quote or a standard phrase one or
two, and a site's boilerplate (a disclaimer, a newsletter box) on another of its
pages is a small part of that page and of that article (measured on the shared
corpora's real pages: at most 8% of a page, against at least 19% for a page
that republished the article).

A source page is indexed by its prose (every block that is not a list of links):
with no republished page to compare with, the article cannot be told apart from
the page's other prose for sure, and the prose holds it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..alignment.furniture import furniture_of
from ..errors import ComplianceError
from ..fetch import Fetcher
from ..policy.variables import source_variables
from ..reading import read_document
from ..reading.document import Document
from ..reading.textfold import words

SHINGLE_WORDS = 8
SAMPLE_EVERY = 4  # one shingle hash in four is kept: a quarter of the index, the same answers for a page
MIN_SHARED = 3  # kept shingles a page must share with an article to have copied it
MIN_PAGE_SHARE = 0.15  # and be this much of the page: a site's boilerplate on another of its pages is less
MIN_CONTAINMENT = 0.3  # or hold this much of the article (a long page quoting a good part of one)
SCHEMA_VERSION = 2  # PRAGMA user_version of an index this version writes
# (hash, article) is the shingles table's own key, without a rowid: one B-tree, found by hash; an article's
# hashes are kept with it, so indexing it again deletes its rows by key instead of scanning the table
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    location TEXT UNIQUE NOT NULL,
    url TEXT, title TEXT, publisher TEXT, date TEXT, license TEXT,
    shingles INTEGER NOT NULL,
    hashes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS shingles (
    hash INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (hash, article)
) WITHOUT ROWID;
PRAGMA user_version = {SCHEMA_VERSION};
"""


@dataclass
class Candidate:
    """An indexed article a page reproduces, and how much of it."""

    location: str
    url: str | None
    title: str | None
    publisher: str | None
    shared: int  # kept shingles on the page
    containment: float  # share of the article's kept shingles on the page
    page_share: float  # share of the page's kept shingles that are the article's
    copies: list[str] = field(default_factory=list)  # other indexed locations of the same URL, best first

    def to_json(self) -> dict:
        data = {
            "location": self.location,
            "containment": round(self.containment, 3),
            "page_share": round(self.page_share, 3),
            "shared": self.shared,
        }
        return data | {key: value for key in ("url", "title", "publisher", "copies") if (value := getattr(self, key))}


def shingle_hashes(words: list[str]) -> set[int]:
    """The kept hashes of a text's shingles (signed 64-bit, as SQLite stores integers)."""
    kept = set()
    for start in range(max(0, len(words) - SHINGLE_WORDS + 1)):
        digest = hashlib.blake2b(" ".join(words[start : start + SHINGLE_WORDS]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "big", signed=True)
        if value % SAMPLE_EVERY == 0:
            kept.add(value)
    return kept


@dataclass(frozen=True)
class Shingled:
    """A source as the index keeps it: where it is, what it declares, its kept shingle hashes."""

    location: str
    facts: dict[str, str]
    hashes: frozenset[int]

    @classmethod
    def of(cls, location: str, document: Document) -> Shingled:
        return cls(location, source_variables(document), frozenset(shingle_hashes(prose_words(document))))

    @classmethod
    def read(cls, location: str, fetcher: Fetcher) -> Shingled | str:
        """The source at `location` read and shingled, or the one line saying why it could not be."""
        try:
            return cls.of(location, read_document(location, fetcher, structure=True))
        except ComplianceError as error:
            return str(error)


class SourceIndex:
    """The index on disk (one SQLite file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # an article a commit, without an fsync each
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            tables = self.db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables and version != SCHEMA_VERSION:
                self.db.close()
                raise ComplianceError(f"{path}: a source index of another version of compliance; build it again")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as error:
            raise ComplianceError(f"{path}: cannot open the source index ({error})") from None

    def add(self, location: str, article: Document) -> bool:
        """Index one source (again, if it was: its old shingles go); False when it has too few words."""
        return self.add_shingles(Shingled.of(location, article))

    def add_shingles(self, shingled: Shingled) -> bool:
        """Index a source already cut into shingles (by a worker); False when it has too few."""
        location, facts, hashes = shingled.location, shingled.facts, shingled.hashes
        if len(hashes) < MIN_SHARED:
            return False
        with self.db:
            old = self.db.execute("SELECT id, hashes FROM articles WHERE location = ?", (location,)).fetchone()
            if old:
                old_rows = [(value, old[0]) for value in array("q", old[1])]
                self.db.executemany("DELETE FROM shingles WHERE hash = ? AND article = ?", old_rows)
                self.db.execute("DELETE FROM articles WHERE id = ?", (old[0],))
            cursor = self.db.execute(
                "INSERT INTO articles (location, url, title, publisher, date, license, shingles, hashes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    location,
                    facts.get("source.url"),
                    facts.get("source.title"),
                    facts.get("source.publisher"),
                    facts.get("source.date"),
                    facts.get("source.license"),
                    len(hashes),
                    array("q", sorted(hashes)).tobytes(),
                ),
            )
            self.db.executemany(
                "INSERT INTO shingles (hash, article) VALUES (?, ?)", [(h, cursor.lastrowid) for h in hashes]
            )
        return True

    def candidates(self, page: Document) -> list[Candidate]:
        """The indexed articles the page reproduces, most of each first."""
        hashes = list(shingle_hashes(page.words.norms))
        shared: Counter = Counter()
        for start in range(0, len(hashes), 500):  # SQLite's limit on bound parameters
            chunk = hashes[start : start + 500]
            rows = self.db.execute(f"SELECT article FROM shingles WHERE hash IN ({','.join('?' * len(chunk))})", chunk)
            shared.update(article for (article,) in rows)
        found = []
        for article, count in shared.items():
            row = self.db.execute(
                "SELECT location, url, title, publisher, shingles FROM articles WHERE id = ?", (article,)
            ).fetchone()
            containment, page_share = count / row[4], count / len(hashes)
            if count >= MIN_SHARED and (page_share >= MIN_PAGE_SHARE or containment >= MIN_CONTAINMENT):
                found.append(Candidate(row[0], row[1], row[2], row[3], count, containment, page_share))
        return _copies_merged(sorted(found, key=lambda c: (-c.shared, -c.containment, c.location)))

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def _copies_merged(ranked: list[Candidate]) -> list[Candidate]:
    """The candidates with the copies of one URL folded into its best-ranked one."""
    by_url: dict[str, Candidate] = {}
    merged = []
    for candidate in ranked:
        if candidate.url and (best := by_url.get(candidate.url)):
            best.copies.append(candidate.location)
            continue
        if candidate.url:
            by_url[candidate.url] = candidate
        merged.append(candidate)
    return merged


def prose_words(document: Document) -> list[str]:
    """The words of a source worth indexing: for an HTML page, its prose (every block that is not a list of
    links: menus and teasers out), wherever the article is in it."""
    if document.kind != "html" or not document.blocks:
        return document.words.norms
    furniture = furniture_of(document)
    kept = [document.blocks[i].text for i in range(len(document.blocks)) if furniture.is_prose(i)]
    return words("\n\n".join(kept)).norms


def index_sources(
    index: SourceIndex, locations: list[str], fetcher: Fetcher, scheduler: str | None = None
) -> tuple[int, list[str]]:
    """Add each source (a file or URL): how many were added, and one line for each that could not be.
    With a Dask `scheduler`, the workers read and shingle the sources, and this process writes the index."""
    if scheduler:
        from .cluster import shingled_on_cluster

        read = shingled_on_cluster(locations, fetcher.options, scheduler)
    else:
        read = (Shingled.read(location, fetcher) for location in locations)
    added, problems = 0, []
    for shingled in read:
        if isinstance(shingled, str):
            problems.append(shingled)
        elif index.add_shingles(shingled):
            added += 1
        else:
            problems.append(f"{shingled.location}: too few words to index")
    return added, problems
