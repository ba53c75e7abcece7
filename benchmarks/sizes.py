"""The sizes the suite measures, from one deal to a whole CRM, and their generated CSV files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seed.files import write_csv_files
from seed.generator import SeedConfig, generate

__all__ = ["SIZES", "Dataset", "Size", "write_dataset"]

INFLUENCES_PER_PERSON = 9.5
"""With reporting lines, KNOWS and buying centres this gives about ten edges per person."""


@dataclass(frozen=True)
class Size:
    """One size: how many people and accounts, and how many times each workload repeats."""

    name: str
    people: int
    accounts: int
    runs: int
    ingest_runs: int
    default: bool

    def config(self, prefix: str) -> SeedConfig:
        """The generator's settings for this size, ids prefixed by ``prefix``."""
        return SeedConfig(
            accounts=self.accounts,
            people=self.people,
            seed=8,
            influences_per_person=INFLUENCES_PER_PERSON,
            prefix=prefix,
        )


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size("deal", 100, 2, runs=5, ingest_runs=3, default=True),
        Size("segment", 1_000, 4, runs=3, ingest_runs=1, default=True),
        Size("account", 5_000, 10, runs=3, ingest_runs=3, default=True),
        Size("portfolio", 100_000, 200, runs=3, ingest_runs=1, default=False),
        Size("crm", 1_000_000, 2_000, runs=1, ingest_runs=1, default=False),
    )
}


@dataclass(frozen=True)
class Dataset:
    """Generated CSV files of one size, and their row counts per kind."""

    directory: Path
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        """Every row of every file."""
        return sum(self.counts.values())

    @property
    def people(self) -> int:
        """Rows of people.csv."""
        return self.counts["people"]

    @property
    def edges(self) -> int:
        """Rows that become relationships (all but organisations, people and deals)."""
        return self.rows - sum(self.counts[k] for k in ("organisations", "people", "deals"))


def write_dataset(size: Size, directory: Path, prefix: str) -> Dataset:
    """Generate ``size`` with ids prefixed by ``prefix`` into ``directory``."""
    counts = write_csv_files(generate(size.config(prefix)), directory)
    return Dataset(directory, counts)
