"""The audit store: results in SQLite as they finish, so audits resume and re-runs skip.

Each page's row keeps the fingerprint of what its result depends on (the
page's bytes, the source's, the policy files', the variables and the checker's
version). An interrupted audit resumes without redoing finished pages; a
nightly re-run checks only pages whose fingerprint changed. `checks` counts
how many times a page was really checked, which is how tests prove nothing
was done twice. Each row also keeps the last run that listed the page and its
place in that run's listing: reports read a run's results back from here, a
page at a time, so an audit of millions of pages never holds them all. Each
finished audit also leaves its totals by rule in `runs`, which the HTML report
plots across runs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ComplianceError
from ..findings import Finding, PageResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    page TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    result TEXT NOT NULL,
    checks INTEGER NOT NULL DEFAULT 1,
    finished_at TEXT NOT NULL DEFAULT (datetime('now')),
    run INTEGER,
    position INTEGER
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    finished_at TEXT NOT NULL DEFAULT (datetime('now')),
    pages INTEGER NOT NULL,
    by_rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS results_by_run ON results (run, position)
"""
ADDED_COLUMNS = ("run INTEGER", "position INTEGER")  # a store written before reports read it
MAX_HISTORY = 60  # runs a report plots: two months of nightly audits


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # each commit survives a killed audit, without an fsync
            self._add_missing_columns()
            self.db.executescript(SCHEMA)
        except sqlite3.Error as error:
            raise ComplianceError(f"{path}: cannot open the audit store ({error})") from None

    def _add_missing_columns(self) -> None:
        """Bring a store from an earlier version up to date: its results stay valid, they gain the new columns."""
        existing = {row[1] for row in self.db.execute("PRAGMA table_info(results)")}
        if not existing:
            return  # a new store: the schema makes the table whole
        for column in ADDED_COLUMNS:
            if column.split()[0] not in existing:
                self.db.execute(f"ALTER TABLE results ADD COLUMN {column}")

    def begin_run(self) -> int:
        """The number of the run starting: one past the last finished. A killed run left its pages marked
        with that number: they are unmarked, and marked again as this run lists them (a run that resumes
        the killed one lists them all; another audit must not report them)."""
        (last,) = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM runs").fetchone()
        self.db.execute("UPDATE results SET run = NULL WHERE run > ?", (last,))
        self.db.commit()
        return last + 1

    def fingerprint_lookup(self) -> Callable[[str], str | None]:
        """A page's stored fingerprint (what its result was computed from, see audit._fingerprint), read on a
        connection of its own: the pool's feeding thread reads while this one writes results (WAL lets both go
        on, and the connection is only ever used by one thread at a time)."""
        db = sqlite3.connect(self.path, check_same_thread=False)

        def fingerprint(page: str) -> str | None:
            row = db.execute("SELECT fingerprint FROM results WHERE page = ?", (page,)).fetchone()
            return row[0] if row else None

        return fingerprint

    def save(self, page: str, fingerprint: str, result: str, run: int, position: int) -> None:
        """Record a finished page's result (JSON text); it lasts once committed (see commit)."""
        self.db.execute(
            "INSERT INTO results (page, fingerprint, result, run, position) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(page) DO UPDATE SET fingerprint = excluded.fingerprint, result = excluded.result, "
            "checks = checks + 1, finished_at = datetime('now'), run = excluded.run, position = excluded.position",
            (page, fingerprint, result, run, position),
        )

    def keep(self, page: str, run: int, position: int) -> None:
        """List a page whose stored result still holds in this run, at its place in the listing (see commit)."""
        self.db.execute("UPDATE results SET run = ?, position = ? WHERE page = ?", (run, position, page))

    def commit(self) -> None:
        """Make the results saved and kept so far last. An audit commits as results come, at most five times
        a second, not after each page (a commit cost twice the page's write, and the one store a cluster's
        audit writes is what limits it): a killed audit re-checks the pages in flight and those that came
        back within a fifth of a second of its last commit."""
        self.db.commit()

    def results(self, run: int) -> StoredResults:
        return StoredResults(self.db, run)

    def record_run(self, run: int, pages: int, by_rule: dict[str, dict[str, int]]) -> None:
        """Keep a finished audit's totals by rule, so reports show how each rule fares from run to run."""
        self.db.execute(
            "INSERT INTO runs (id, pages, by_rule) VALUES (?, ?, ?)", (run, pages, json.dumps(by_rule, sort_keys=True))
        )
        self.db.commit()

    def history(self) -> list[tuple[str, dict[str, dict[str, int]]]]:
        """The latest runs, oldest first: when each finished, and its passed/failed counts by rule."""
        rows = self.db.execute("SELECT finished_at, by_rule FROM runs ORDER BY id DESC LIMIT ?", (MAX_HISTORY,))
        return [(finished, json.loads(by_rule)) for finished, by_rule in reversed(rows.fetchall())]

    def checks(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT page, checks FROM results"))

    def pages(self) -> int:
        (count,) = self.db.execute("SELECT COUNT(*) FROM results").fetchone()
        return count

    def close(self) -> None:
        self.db.commit()
        self.db.close()


class StoredResults:
    """A run's results in the order its listing gave the pages, read from the store each time they are gone
    through: reports go through them once or twice, a page at a time."""

    def __init__(self, db: sqlite3.Connection, run: int) -> None:
        self._db, self._run = db, run

    def __len__(self) -> int:
        (count,) = self._db.execute("SELECT COUNT(*) FROM results WHERE run = ?", (self._run,)).fetchone()
        return count

    def __iter__(self) -> Iterator[PageResult]:
        rows = self._db.execute("SELECT result FROM results WHERE run = ? ORDER BY position", (self._run,))
        return (result_from_json(json.loads(text)) for (text,) in rows)


def result_from_json(data: dict) -> PageResult:
    """A PageResult back from its JSON form (what reports need of it)."""
    findings = [
        Finding(
            f["rule"],
            f["check"],
            f["level"],
            f["passed"],
            f["message"],
            f.get("evidence"),
            f.get("fix"),
            f.get("metrics"),
            f.get("passages"),
            code=f.get("code", ""),
            suppression=f.get("suppression"),
            baseline=f.get("baseline"),
        )
        for f in data.get("findings", [])
    ]
    return PageResult(
        data["page"],
        data.get("policy"),
        findings,
        data.get("error"),
        data.get("source"),
        data.get("title"),
        data.get("policy_reason"),
        data.get("notes", []),
    )
