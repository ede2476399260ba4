"""Synthetic event stores in our format: a size in events in, `events.yaml` and `figures.yaml` out.

17 subjects (the first is `qwen`, so the hand-written pages' figure markers resolve), each with its
lab, teams, people and sources; releases come in families of seven joined by descent edges, with
credits, and between them moves and organisational changes. Some events carry alternative claims.
Every figure selects a bounded number of events whatever the store's size: one family of seven
releases, or eight explicit ids, or seven labs, like the Qwen figures. Output is deterministic.

    python -m bench.synth --events 1700 --out bench/out/store-1700
    python -m bench.synth --events 400 --subjects 6 --sparse 2 --series --out bench/out/series
    python -m generators validate --events bench/out/store-1700/events.yaml --figures bench/out/store-1700/figures.yaml

The 17,000-event store (about 9.7 MB, 840,000 YAML values) is over the reader's default limits;
validate it with LABFIG_MAX_BYTES=67108864 LABFIG_MAX_VALUES=5000000 in the environment.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SUBJECTS = 17
FAMILY = 7  # releases per family, as in the Qwen audio line
LICENCES = [("apache-2.0", "Apache 2.0", "permissive"), ("mit", "MIT", "permissive"),
            ("community", "Community licence", "restricted"), ("paper-only", "Paper only", "paper"),
            ("api-only", "API only", "closed"), ("undisclosed", "Undisclosed", "unknown")]
OPEN_LICENCES = ["apache-2.0", "mit", "community"]
MOVE_KINDS = ["joined", "left", "moved", "appointed", "promoted"]
ROLES = ["technical lead", "research scientist", "head of post-training", "team lead", "staff engineer"]
START = date(2014, 1, 1)


@dataclass
class Subject:
    id: str
    name: str
    lab: str
    teams: list[str]
    people: list[str]
    sources: list[str]
    primary: list[str]
    families: list[list[str]] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def _subjects(per_subject: int, count: int = SUBJECTS) -> list[Subject]:
    out = []
    for s in range(count):
        sid = "qwen" if s == 0 else f"subj{s:02d}"
        lab = f"lab{s:02d}"
        teams = [f"{lab}-team{t}" for t in range(max(3, per_subject // 40))]
        people = [f"{sid}-person{p}" for p in range(max(6, per_subject // 8))]
        sources = [f"{sid}-src{k}" for k in range(max(4, per_subject // 4))]
        out.append(Subject(sid, f"Synthetic subject {s}", lab, teams, people, sources, sources[: max(2, len(sources) // 3)]))
    return out


def _day(index: int, spread: int) -> date:
    return START + timedelta(days=(index * 4000) // max(spread, 1))


def _events(subject: Subject, count: int, rng: random.Random, arrival: Subject | None = None) -> list[str]:
    """YAML blocks for `count` events of one subject: ~65% releases (whole families), the rest moves and changes.

    With `arrival`, the subject's first move brings a person over from that subject's lab (a move across the series).
    """
    families = max(1, (count * 65 // 100) // FAMILY)
    others = count - families * FAMILY
    moves = max(1, others * 6 // 10)
    pending = ["move"] * moves + ["change"] * (others - moves)
    rng.shuffle(pending)
    # Releases keep their order; moves and changes are dealt in between them at random.
    kinds: list[str] = []
    releases_left = families * FAMILY
    while releases_left or pending:
        if pending and (not releases_left or rng.random() < len(pending) / (len(pending) + releases_left)):
            kinds.append(pending.pop())
        else:
            kinds.append("release")
            releases_left -= 1
    blocks: list[str] = []
    in_family, previous = FAMILY, ""
    for position, kind in enumerate(kinds):
        when = _day(position, count)
        if kind == "release":
            if in_family == FAMILY:
                in_family, previous = 0, ""
                subject.families.append([])
            family = len(subject.families) - 1
            eid = f"{subject.id}-f{family}-r{in_family}"
            blocks.append(_release(subject, eid, when, family, in_family, previous, rng))
            subject.families[-1].append(eid)
            previous, in_family = eid, in_family + 1
        elif kind == "move":
            eid = f"{subject.id}-move{len(subject.moves)}"
            blocks.append(_arrival(subject, arrival, eid, when, rng) if arrival and not subject.moves else _move(subject, eid, when, rng))
            subject.moves.append(eid)
        else:
            eid = f"{subject.id}-change{len(subject.changes)}"
            blocks.append(_change(subject, eid, when, rng))
            subject.changes.append(eid)
    return blocks


def _status(subject: Subject, rng: random.Random) -> tuple[str, list[str]]:
    if rng.random() < 0.4:
        return "confirmed", [rng.choice(subject.primary), rng.choice(subject.sources)]
    return "reported", [rng.choice(subject.sources[len(subject.primary):] or subject.sources)]


def _head(subject: Subject, eid: str, axis: str, when: date, title: str, rng: random.Random) -> list[str]:
    status, sources = _status(subject, rng)
    # Releases are dated to the day or month only: an `early` month could end before its parent's day.
    precision = rng.random() * (0.9 if axis == "model" else 1.0)
    text = when.isoformat() if precision < 0.6 else when.strftime("%Y-%m") if precision < 0.9 else f"early {when:%Y-%m}"
    lines = [f"  - id: {eid}", f"    subject: {subject.id}", f"    axis: {axis}", f"    date: {text}",
             f"    title: {title}", f"    status: {status}", f"    sources: [{', '.join(dict.fromkeys(sources))}]"]
    if rng.random() < 0.5:
        lines.append(f"    summary: A synthetic {axis} event of {subject.name}, written for the benchmark.")
    return lines


def _alternative(subject: Subject, field_name: str, value: str, lines: list[str], rng: random.Random) -> list[str]:
    # Another outlet: a source of the main claim cannot also be the only backer of a different value.
    main = next(line for line in lines if line.startswith("    sources: ["))
    others = [s for s in subject.sources if s not in main[len("    sources: ["):-1].split(", ")] or subject.sources
    return ["    alternatives:", f"      - field: {field_name}", f"        value: {value}",
            f"        sources: [{rng.choice(others)}]", "        note: Another outlet reports it differently."]


def _release(subject: Subject, eid: str, when: date, family: int, index: int, previous: str, rng: random.Random) -> str:
    # The first family of each subject parts like Qwen's audio line: open base tier, closed flagship after the fork.
    flagship = index >= 5 and index % 2 == 1
    licence = "api-only" if flagship else "paper-only" if index == 2 else rng.choice(OPEN_LICENCES)
    lines = _head(subject, eid, "model", when, f"{subject.id.capitalize()} F{family} model {index + 1}", rng)
    if index == 2:
        lines.append(f"    label: F{family}-M{index + 1}")
    lines += ["    tags: [synthetic]", "    release:", f"      family: {subject.id}-fam{family}",
              f'      generation: "{index + 1}"', f"      tier: {'flagship' if flagship else 'base'}",
              f"      licence: {licence}", f"      motif: Design idea number {index + 1}",
              f"      size: {rng.choice([3, 7, 14, 32, 72])}B"]
    if previous:
        lines += ["      descends_from:", f"        - release: {previous}",
                  f"          kind: {'upgrade' if flagship else 'successor'}"]
    lead = subject.people[(family * 3 + index // 3) % len(subject.people)]
    team = subject.teams[family % len(subject.teams)]
    lines += ["      credits:", f"        - person: {lead}", "          role: lead author",
              f"        - unit: {team}", "          role: team"]
    if rng.random() < 0.1:
        lines += _alternative(subject, "release.licence", rng.choice([x for x in OPEN_LICENCES if x != licence]), lines, rng)
    return "\n".join(lines)


def _move(subject: Subject, eid: str, when: date, rng: random.Random) -> str:
    person = rng.choice(subject.people)
    kind = rng.choice(MOVE_KINDS)
    lines = _head(subject, eid, "org", when, f"{person} {kind} ({eid})", rng)
    lines += ["    move:", f"      person: {person}", f"      kind: {kind}"]
    if kind in ("left", "moved"):
        lines.append(f"      from: {rng.choice(subject.teams)}")
    if kind != "left":
        lines += [f"      to: {rng.choice(subject.teams)}", f"      role: {rng.choice(ROLES)}"]
    if rng.random() < 0.1:
        lines += _alternative(subject, "date", (when + timedelta(days=1)).isoformat(), lines, rng)
    return "\n".join(lines)


def _arrival(subject: Subject, source: Subject, eid: str, when: date, rng: random.Random) -> str:
    person = source.people[-1]
    lines = _head(subject, eid, "org", when, f"{person} moves from {source.name} to {subject.name}", rng)
    lines += ["    move:", f"      person: {person}", "      kind: moved", f"      from: {source.teams[0]}",
              f"      to: {subject.teams[0]}", "      role: team lead"]
    return "\n".join(lines)


def _change(subject: Subject, eid: str, when: date, rng: random.Random) -> str:
    unit = rng.choice(subject.teams)
    kind = rng.choice(["created", "renamed", "placed-under", "split"])
    lines = _head(subject, eid, "structure", when, f"{unit} {kind} ({eid})", rng)
    lines += ["    change:", f"      kind: {kind}", f"      unit: {unit}"]
    if kind in ("created", "placed-under"):
        lines.append(f"      parent: {subject.lab}")
    if kind == "split":
        lines.append(f"      into: [{', '.join(t for t in subject.teams if t != unit)[:400]}]")
    if kind == "renamed":
        lines.append(f"      new_name: {unit} renamed")
    if rng.random() < 0.1:
        lines += _alternative(subject, "title", f"{unit} reorganised", lines, rng)
    return "\n".join(lines)


def _registries(subjects: list[Subject]) -> str:
    out = ["# Synthetic event store written by bench/synth.py for the benchmark; not real facts.", "", "subjects:"]
    for s in subjects:
        out += [f"  - id: {s.id}", f"    name: {s.name}", f"    lab: {s.lab}", f"    summary: {s.name}, generated for the benchmark."]
    out += ["", "licences:"]
    for lid, name, posture in LICENCES:
        out += [f"  - id: {lid}", f"    name: {name}", f"    posture: {posture}"]
    out += ["", "sources:"]
    for s in subjects:
        for k, src in enumerate(s.sources):
            out += [f"  - id: {src}", f"    outlet: Outlet {k % 12}", f"    title: Report {k} about {s.name}",
                    f"    url: https://example.org/{s.id}/{k}", f"    published: {_day(k, len(s.sources)).isoformat()}"]
            if src in s.primary:
                out.append("    primary: true")
    out += ["", "people:"]
    for s in subjects:
        for p in s.people:
            out += [f"  - id: {p}", f"    name: Person {p.split('person')[1]} of {s.id}", f"    summary: A researcher at {s.lab}."]
    out += ["", "units:"]
    for s in subjects:
        out += [f"  - id: {s.lab}", f"    name: Lab {s.lab[3:]}", "    kind: company"]
        for t in s.teams:
            out += [f"  - id: {t}", f"    name: Team {t.split('team')[1]} of {s.lab}", "    kind: team", f"    parent: {s.lab}"]
    out += ["", "postures:"]
    for i, s in enumerate(subjects):
        base, top = OPEN_LICENCES[i % 3], "api-only" if i % 2 else OPEN_LICENCES[(i + 1) % 3]
        out += [f"  - lab: {s.lab}", "    as_of: 2026-04", f"    label: Posture {i}", "    base:", f"      model: {s.id} base",
                f"      licence: {base}", "    flagship:", f"      model: {s.id} flagship", f"      licence: {top}",
                "    status: reported", f"    sources: [{s.sources[0]}]"]
    return "\n".join(out)


def _figures(subjects: list[Subject]) -> str:
    out = ["# Synthetic figure specs written by bench/synth.py: five kinds per subject, each showing a bounded set.", "", "figures:"]
    labs = [s.lab for s in subjects]
    for i, s in enumerate(subjects):
        family = f"{s.id}-fam0"
        first = s.families[0]
        picks = first[-3:] + s.moves[-3:] + s.changes[-2:]
        picks += [e for e in first if e not in picks][: 8 - len(picks)]
        out += _head_lines(s, 1, "release-timeline", f"Releases of {s.id} family 0")
        out += ["    select:", f"      families: [{family}]"]
        out += _head_lines(s, 2, "posture-matrix", f"Postures seen from {s.id}")
        out += ["    options:", f"      labs: [{', '.join((labs[i:] + labs[:i])[:7])}]"]
        out += _head_lines(s, 4, "bifurcation", f"Where the {s.id} tiers part")
        out += ["    select:", f"      families: [{family}]", "    options:", f"      fork: {first[4]}"]
        credited = list(dict.fromkeys(s.people[(0 * 3 + k // 3) % len(s.people)] for k in range(FAMILY)))
        out += _head_lines(s, 5, "lineage", f"Lineage of {s.id} family 0")
        out += ["    select:", f"      families: [{family}]", "    labels:", f"      {first[-1]}: Last",
                "    options:", f"      people: [{', '.join(credited[:3])}]", f"      units: [{s.teams[0]}]"]
        out += _head_lines(s, 7, "stacked-timelines", f"Models, people and structure of {s.id}")
        out += ["    select:", "      events:"] + [f"        - {e}" for e in picks]
        out += ["    options:", "      lanes: [model, org, structure]"]
    return "\n".join(out)


def _series_figures(subjects: list[Subject]) -> list[str]:
    """Per subject, its people moving across the series; then two figures of the whole series."""
    out = []
    for i, s in enumerate(subjects):
        out += _head_lines(s, 8, "people-moves", f"People moving to and from {s.id}")
        out += ["    cross_subject: true", f"    order: {1 + i % 3}", f"    lead: How people came to and left {s.name}."]
    out += ["  - id: series-moves", "    kind: people-moves", "    title: People moving between the labs of the series",
            "    caption: Every move between two labs of the synthetic series.",
            "  - id: series-postures", "    kind: posture-matrix", "    title: Postures of every lab in the series",
            "    caption: Each lab's tiers from its latest releases.", "    options:", "      derive: true"]
    return out


def _head_lines(s: Subject, n: int, kind: str, title: str) -> list[str]:
    return [f"  - id: {s.id}-f{n}", f"    subject: {s.id}", f"    kind: {kind}", f"    title: {title}",
            f"    caption: Synthetic figure {n} of {s.name}."]


def generate(events: int, seed: int = 17, *, subjects: int = SUBJECTS, sparse: int = 0, series: bool = False) -> tuple[str, str]:
    """The text of `events.yaml` and `figures.yaml` for a store of `events` events over `subjects` subjects.

    The last `sparse` subjects get the fewest events a subject can have (one family and three others), the
    rest share the remainder. With `series`, each subject after the first gains a person from the one before
    it, each has a people-moves figure, and the series has its own people-moves figure and derived posture matrix.
    """
    least = FAMILY + 3
    if events < subjects * least or not 0 <= sparse < subjects:
        raise ValueError(f"need at least {subjects * least} events (one family and three other events per subject) and a dense subject")
    rng = random.Random(seed)
    dense = subjects - sparse
    rest = events - sparse * least
    per = [rest // dense + (1 if s < rest % dense else 0) for s in range(dense)] + [least] * sparse
    people = _subjects(per[0], subjects)
    blocks: list[str] = []
    for i, (s, count) in enumerate(zip(people, per, strict=True)):
        blocks += _events(s, count, rng, people[i - 1] if series and i else None)
    text = _registries(people) + "\n\nevents:\n" + "\n\n".join(blocks) + "\n"
    figures = _figures(people) + ("\n" + "\n".join(_series_figures(people)) if series else "")
    return text, figures + "\n"


def write(events: int, out: Path, **series: int | bool) -> tuple[Path, Path]:
    """Write a store made by `generate(events, **series)` into `out`."""
    return write_texts(out, *generate(events, **series))  # type: ignore[arg-type]


def write_texts(out: Path, events_text: str, figures_text: str) -> tuple[Path, Path]:
    """Write a store's two texts into `out` as events.yaml and figures.yaml; their paths out."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "events.yaml").write_text(events_text, encoding="utf-8")
    (out / "figures.yaml").write_text(figures_text, encoding="utf-8")
    return out / "events.yaml", out / "figures.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="number of events (at least 170)")
    parser.add_argument("--out", type=Path, required=True, help="directory for events.yaml and figures.yaml")
    parser.add_argument("--subjects", type=int, default=SUBJECTS, help=f"number of subjects (default {SUBJECTS})")
    parser.add_argument("--sparse", type=int, default=0, help="how many of them get the fewest events a subject can have")
    parser.add_argument("--series", action="store_true", help="add moves across the series and the series' figures")
    args = parser.parse_args()
    paths = write(args.events, args.out, subjects=args.subjects, sparse=args.sparse, series=args.series)
    print(f"wrote {paths[0]} ({paths[0].stat().st_size:,} bytes) and {paths[1]}")


if __name__ == "__main__":
    main()
