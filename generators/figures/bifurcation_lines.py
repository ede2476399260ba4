"""The lines of a bifurcation: the releases drawn (in order), their postures and the spec in; one `Line` per tier
or named branch out, with the releases it passes through and the release where it parts from its parent.

Without `options.branches` the lines are the base and flagship tiers, parting once at `options.fork` (by
default just before the first flagship release that is not open) after a line both tiers share. With
branches, each branch after the first parts from its parent at its fork and takes the releases after the
fork that match all of its criteria (the last listed branch that matches wins); the first holds the rest.
The first line when a line parts at its last release, or any line that splits into two or more there, is
`shared`: drawn grey and named along its start, while the lines parting from it are named at their ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_ORDER
from generators.model.events import Event
from generators.model.figures import BifurcationSpec, Branch
from generators.model.store import Store

OPEN = ("permissive", "restricted")
# Colours a line takes when another line already has its posture's: hues no posture uses first, so a line does not
# read as a posture it does not end at; past them and the postures' own, the colours again with a dash of their own.
SPARE = (LIGHT["line-pink"], LIGHT["line-brown"], LIGHT["marker"], LIGHT["ink"])  # purple after: the fork notes use it
DASHES = ("solid", "dot", "dashdot", "longdashdot")


@dataclass(frozen=True)
class Line:
    """One line: its key (a tier or branch id), its name, the releases it passes through (indices into the
    drawn releases, its fork first when it parts from another line) and the fork annotation's text."""

    key: str
    label: str
    points: list[int]
    fork: int | None
    fork_label: str | None
    shared: bool
    parent: str | None = None


def lines(store: Store, spec: BifurcationSpec, events: list[Event], postures: list[str]) -> list[Line]:
    """The figure's lines, parents before the lines that part from them."""
    if spec.options.branches:
        return _branch_lines(store, spec.options.branches, events, postures)
    return _tier_lines(spec, events, postures)


def _tier_lines(spec: BifurcationSpec, events: list[Event], postures: list[str]) -> list[Line]:
    ids = [e.id for e in events]
    fork = ids.index(spec.options.fork) if spec.options.fork in ids else default_fork(events, postures)
    tiers = [e.release.tier if e.release else "base" for e in events]
    out: list[Line] = []
    if fork is None:
        for tier in ("base", "flagship"):
            points = [i for i, t in enumerate(tiers) if t == tier]
            if points:
                out.append(Line(tier, _tier_words(tier, postures, points), points, None, None, False))
        return out
    note = spec.options.fork_label or f"Fork point: {events[fork].date.label()}"
    out.append(Line("trunk", "Both tiers", list(range(fork + 1)), None, None, True))
    for tier in ("base", "flagship"):
        points = [fork] + [i for i in range(fork + 1, len(events)) if tiers[i] == tier]
        out.append(Line(tier, _tier_words(tier, postures, points), points, fork, note, False, "trunk"))
    return out


def default_fork(events: list[Event], postures: list[str]) -> int | None:
    """Without `options.fork`: the release just before the first flagship release that is not open."""
    for i, (event, posture) in enumerate(zip(events, postures, strict=True)):
        if i and event.release and event.release.tier == "flagship" and posture not in OPEN:
            return i - 1
    return None


def _tier_words(tier: str, postures: list[str], points: list[int]) -> str:
    start, end = postures[points[0]], postures[points[-1]]
    if end in OPEN:
        verdict = "stays open" if start in OPEN else "opens"
    else:
        verdict = "closes" if end == "closed" else "goes paper-only" if end == "paper" else "undisclosed"
    return f"{tier.capitalize()} tier {verdict}"


def _matches(branch: Branch, event: Event) -> bool:
    release = event.release
    if release is None:
        return False
    return (not branch.families or release.family in branch.families) and (not branch.tiers or release.tier in branch.tiers) \
        and (not branch.events or event.id in branch.events)


def _owner(branches: list[Branch], forks: list[int | None], after: list[date | None], i: int, event: Event) -> int:
    """The last branch that takes release `i`: it matches, and comes after the branch's fork; else the first."""
    for k in range(len(branches) - 1, 0, -1):
        fork, since = forks[k], after[k]
        later = i > fork if fork is not None else since is not None and event.date.start > since
        if later and _matches(branches[k], event):
            return k
    return 0


def _branch_lines(store: Store, branches: list[Branch], events: list[Event], postures: list[str]) -> list[Line]:
    ids = [e.id for e in events]
    forks = [ids.index(b.fork) if b.fork in ids else None for b in branches]
    # A fork the selection leaves out still dates its branch: the releases after it may join.
    after = [store.events[b.fork].date.end if b.fork in store.events else None for b in branches]
    owner = [_owner(branches, forks, after, i, e) for i, e in enumerate(events)]
    out: list[Line] = []
    for k, branch in enumerate(branches):
        fork = forks[k]
        points = sorted({i for i, o in enumerate(owner) if o == k} | ({fork} if fork is not None else set()))
        if not points:
            continue
        # The first line, or any that splits into two or more, is carried on by the lines parting at its last release;
        # another line with one line parting there runs on beside it (what it last shipped stays available).
        parting = sum(1 for j, f in enumerate(forks) if f == points[-1] and branches[j].parent == branch.id)
        shared = parting >= (1 if k == 0 else 2)
        note = None if fork is None else branch.fork_label or f"{branch.label} parts: {events[fork].date.label()}"
        out.append(Line(branch.id, branch.label, points, fork, note, shared, branch.parent))
    return out


def owners(lines_: list[Line], count: int) -> list[int]:
    """For each release, the index of the line it belongs to (the line it is a point of, its fork aside)."""
    out = [0] * count
    for k, line in enumerate(lines_):
        for i in line.points:
            if i != line.fork:
                out[i] = k
    return out


def looks(lines_: list[Line], postures: list[str]) -> dict[str, tuple[str, str]]:
    """(colour, dash) of each line that is not shared, by key, no two alike: the colour of the posture the line ends
    at unless a line drawn before it has that colour, else the first spare colour free, then any posture's colour;
    past all of them, the same order again with the next dash pattern, so the key and the names tell every line apart."""
    palette = list(dict.fromkeys([*SPARE, *(POSTURE_COLOUR[p] for p in POSTURE_ORDER)]))
    taken: set[tuple[str, str]] = set()
    out: dict[str, tuple[str, str]] = {}
    for line in lines_:
        if line.shared:
            continue
        wanted = POSTURE_COLOUR[postures[line.points[-1]]]
        look = next(((c, d) for d in DASHES for c in [wanted, *palette] if (c, d) not in taken), (wanted, "solid"))
        taken.add(look)
        out[line.key] = look
    return out
