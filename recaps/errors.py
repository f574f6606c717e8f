"""Problems found in a user's project, collected and reported together."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One message about one place in one file. `line` is 1-based; 0 = whole file."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


@dataclass
class Problems:
    """Collects problems so a build can report all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str | Path, line: int, message: str) -> None:
        self.items.append(Problem(str(path), line or 0, message))

    def warn(self, path: str | Path, line: int, message: str) -> None:
        self.items.append(Problem(str(path), line or 0, message, "warning"))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=lambda p: (p.path, p.line, p.severity, p.message))


class BuildFailed(Exception):
    """Raised at a pipeline boundary when errors make going on pointless."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems
