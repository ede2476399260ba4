"""Dense synthetic stores shaped like a real lab's data: a release count in, `events.yaml` and `figures.yaml` out.

One subject (`dense`, a lab of 24 people in 8 teams) whose main family has N releases and a side family
N/5; same-week clusters of up to a dozen releases, long names ("Densemodel 3.1 405B Instruct ..."),
two dozen licences over all five postures, successors, upgrades and variants, descent across families
and from a second subject's releases, credits of people and teams, 40 moves (all inside the stacked
figure's window, some to other labs) and structure changes; and 40 labs with postures for the matrix.
Disputes as the real data has them, only more: two releases in five and most moves carry another reported
date (a day to two weeks off, some moves two), one release in ten another licence, some moves another role.
Every figure kind draws the dense family.

    python -m bench.dense --releases 300 --out /tmp/dense-300

Used by tests/figures (the 50- and 300-release stores) and the benchmark (50, 500 and 5,000 releases).
Output is deterministic for a given count and seed.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from bench.synth import write_texts

POSTURES = ["permissive", "restricted", "paper", "closed", "unknown"]
LICENCES = [(f"lic{i:02d}", name, POSTURES[i % 5]) for i, name in enumerate(
    ["Apache 2.0", "Open Model Licence v2", "Paper and weights on request", "API only (pay as you go)", "Not disclosed",
     "MIT", "Community Licence 3.1 (700M MAU cap)", "Technical report only", "Enterprise API only", "Undisclosed terms",
     "BSD 3-Clause", "Research-only weights licence", "Paper only (no weights)", "Chat product only", "Unknown",
     "CC BY 4.0", "Responsible AI Licence (OpenRAIL-M)", "Preprint only", "Closed beta", "Not stated",
     "Apache 2.0 with patent grant", "Non-commercial weights", "Method paper", "Cloud marketplace only"])]
SIZES = ["0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B", "235B MoE, 22B active", "405B", "1T MoE, 32B active"]
SUFFIXES = ["Instruct", "Base", "Chat", "Coder Instruct", "Vision-Language Instruct", "Math Preview", "Turbo", "Long-Context 1M"]
START = date(2023, 1, 2)
LABS = 40
MOVES = 40
SHIFTS = [-9, -4, -2, -1, 1, 2, 3, 6, 14]  # days another report puts an event off its main date


def _names(releases: int, rng: random.Random) -> list[tuple[date, str]]:
    """(date, title) per release, in date order: bursts of up to a dozen in one week, gaps between them."""
    out: list[tuple[date, str]] = []
    day = START
    while len(out) < releases:
        burst = rng.choice([1, 1, 1, 2, 3, 4, 6, 12])
        for _ in range(min(burst, releases - len(out))):
            generation = f"{1 + len(out) * 4 // max(releases, 1)}.{len(out) % 3}"
            title = f"Densemodel {generation} {rng.choice(SIZES)} {rng.choice(SUFFIXES)}"
            out.append((day + timedelta(days=rng.randrange(0, 5)), title))
        day += timedelta(days=rng.randrange(6, max(8, 1100 // max(1, releases // 4))))
    return sorted(out, key=lambda pair: pair[0])


def _release(eid: str, when: date, title: str, family: str, parents: list[tuple[str, str]], licence: str,
             tier: str, people: list[str], team: str, rng: random.Random) -> str:
    source = rng.randrange(8)
    lines = [f"  - id: {eid}", "    subject: dense", "    axis: model", f"    date: {when.isoformat()}", f"    title: {title}",
             f"    status: {'confirmed' if rng.random() < 0.6 else 'reported'}", f"    sources: [dense-src{source}]",
             "    release:", f"      family: {family}", f'      generation: "{title.split()[1]}"', f"      tier: {tier}",
             f"      licence: {licence}", f"      motif: {rng.choice(['MoE router with shared experts', 'Long-context RoPE scaling', 'Thinker-Talker', 'Distilled from the flagship'])}",
             f"      size: {title.split()[2]}"]
    if parents:
        lines.append("      descends_from:")
        for parent, kind in parents:
            lines += [f"        - release: {parent}", f"          kind: {kind}"]
    lines += ["      credits:", f"        - person: {people[0]}", "          role: lead author",
              f"        - unit: {team}", "          role: team"]
    disputes = [("date", (when + timedelta(days=rng.choice(SHIFTS))).isoformat())] if rng.random() < 0.4 else []
    if rng.random() < 0.1:
        disputes.append(("release.licence", LICENCES[(int(licence[3:]) + 1 + rng.randrange(23)) % 24][0]))
    return "\n".join(lines + _disputes(disputes, source, rng))


def _disputes(claims: list[tuple[str, str]], source: int, rng: random.Random) -> list[str]:
    """YAML lines of another claim per (field, value), each from one to three outlets other than the event's own."""
    if not claims:
        return []
    lines = ["    alternatives:"]
    for field_name, value in claims:
        others = rng.sample([k for k in range(8) if k != source], rng.randint(1, 3))
        lines += [f"      - field: {field_name}", f"        value: {value}", f"        sources: [{', '.join(f'dense-src{k}' for k in others)}]"]
    return lines


def generate(releases: int, seed: int = 7) -> tuple[str, str]:
    """The text of `events.yaml` and `figures.yaml` for a dense family of `releases` releases."""
    rng = random.Random(seed)
    people = [f"dense-person{i}" for i in range(24)]
    teams = [f"dense-team{i}" for i in range(8)]
    blocks: list[str] = []
    other = [f"other-r{i}" for i in range(3)]
    for i, eid in enumerate(other):
        blocks.append("\n".join([f"  - id: {eid}", "    subject: other", "    axis: model", f"    date: 2022-0{i + 3}-10",
                                 f"    title: Othermodel {i + 1} 7B Base", "    status: confirmed", "    sources: [dense-src0]",
                                 "    release:", "      family: other-main", f'      generation: "{i + 1}"', "      tier: base",
                                 "      licence: lic00"]))
    side_count = max(2, releases // 5)
    main_ids: list[str] = []
    side_ids: list[str] = []
    tiers: dict[str, str] = {}
    for when, title in _names(releases + side_count, rng):
        side = len(side_ids) < side_count and rng.random() < side_count / (releases + side_count)
        if not side and len(main_ids) >= releases:
            side = True
        family, ids = ("dense-side", side_ids) if side else ("dense-main", main_ids)
        eid = f"{family}-r{len(ids)}"
        parents: list[tuple[str, str]] = []
        if ids:
            parents.append((ids[-1] if rng.random() < 0.6 else rng.choice(ids[-8:]), rng.choice(["successor", "upgrade", "variant"])))
        elif not side:
            parents.append((other[-1], "successor"))  # descent from another subject's release
        if side and main_ids and rng.random() < 0.5:
            parents.append((main_ids[-1], "variant"))  # descent across families
        parents = list(dict(parents).items())
        tier = "flagship" if rng.random() < 0.3 else "base"
        tiers[eid] = tier
        licence = LICENCES[rng.randrange(len(LICENCES))][0]
        person = [people[(len(ids) // 7 + (4 if side else 0)) % len(people)]]
        blocks.append(_release(eid, when, title, family, parents, licence, tier, person, teams[len(ids) // 20 % len(teams)], rng))
        ids.append(eid)
    end = START + timedelta(days=1100)
    for i in range(MOVES):
        when = START + timedelta(days=400 + (i * 300) // MOVES + rng.randrange(0, 3))  # all in the stacked figure's window
        kind = rng.choice(["joined", "left", "moved", "appointed", "promoted"])
        lines = [f"  - id: dense-move{i}", "    subject: dense", "    axis: org", f"    date: {when.isoformat()}",
                 f"    title: Person {i % 24} of the dense lab {kind} ({'post-training' if i % 2 else 'pre-training'} team)",
                 "    status: reported", f"    sources: [dense-src{i % 8}]", "    move:", f"      person: {people[i % 24]}", f"      kind: {kind}"]
        if kind in ("left", "moved"):
            lines.append(f"      from: {teams[i % 8]}")
        if kind == "moved" and i % 2:
            lines += [f"      to: lab{i % LABS:02d}", "      role: technical lead"]  # to another lab: the people-moves figure
        elif kind != "left":
            lines += [f"      to: {teams[(i + 3) % 8]}", "      role: technical lead"]
        disputes = [("date", (when + timedelta(days=rng.choice(SHIFTS))).isoformat()) for _ in range(rng.choice([0, 1, 1, 2]))]
        if kind != "left" and rng.random() < 0.3:
            disputes.append(("move.role", "staff research scientist"))
        blocks.append("\n".join(lines + _disputes(list(dict.fromkeys(disputes)), i % 8, rng)))
    for i in range(10):
        when = START + timedelta(days=i * 110 + 17)
        blocks.append("\n".join([f"  - id: dense-change{i}", "    subject: dense", "    axis: structure", f"    date: {when.isoformat()}",
                                 f"    title: Team {i % 8} of the dense lab placed under the lab", "    status: confirmed",
                                 f"    sources: [dense-src{i % 8}]", "    change:", "      kind: placed-under",
                                 f"      unit: {teams[i % 8]}", "      parent: denselab"]))
    events = _registries(people, teams) + "\n\nevents:\n" + "\n\n".join(blocks) + "\n"
    return events, _figures(main_ids, end) + _branches(main_ids, side_ids, tiers)


def _registries(people: list[str], teams: list[str]) -> str:
    out = ["# Dense synthetic store written by bench/dense.py for tests and the benchmark; not real facts.", "", "subjects:",
           "  - id: dense", "    name: Dense synthetic lab", "    lab: denselab", "  - id: other", "    name: Other synthetic lab",
           "    lab: lab00", "", "licences:"]
    for lid, name, posture in LICENCES:
        out += [f"  - id: {lid}", f'    name: "{name}"', f"    posture: {posture}"]
    out += ["", "sources:"]
    for k in range(8):
        out += [f"  - id: dense-src{k}", f"    outlet: Outlet number {k}", f"    title: Report {k}",
                f"    url: https://example.org/dense/{k}", "    published: 2025-01-01", "    primary: true"]
    out += ["", "people:"] + [line for i, p in enumerate(people) for line in (f"  - id: {p}", f"    name: Person {i} of the dense lab")]
    out += ["", "units:", "  - id: denselab", "    name: Dense Lab", "    kind: company"]
    out += [line for i, t in enumerate(teams) for line in (f"  - id: {t}", f"    name: Team {i} of the dense lab", "    kind: team", "    parent: denselab")]
    out += [line for i in range(LABS) for line in (f"  - id: lab{i:02d}", f"    name: Synthetic Laboratory Number {i} Holdings", "    kind: company")]
    out += ["", "postures:"]
    for i in range(LABS):
        base, top = LICENCES[i % 24][0], LICENCES[(i * 7 + 3) % 24][0]
        out += [f"  - lab: lab{i:02d}", "    as_of: 2026-04", f"    label: Posture {i}", "    base:", f"      model: Lab {i} base model",
                f"      licence: {base}", "    flagship:", f"      model: Lab {i} flagship model with a long name", f"      licence: {top}",
                "    status: reported", f"    sources: [dense-src{i % 8}]"]
    return "\n".join(out)


def _figures(main: list[str], end: date) -> str:
    def head(n: int, kind: str, title: str) -> list[str]:
        return [f"  - id: dense-f{n}", "    subject: dense", f"    kind: {kind}", f"    title: {title}",
                f"    caption: The dense family of {len(main)} releases, figure {n}."]
    out = ["# Dense synthetic figure specs written by bench/dense.py.", "", "figures:"]
    out += head(1, "release-timeline", "Dense releases") + ["    select:", "      families: [dense-main]",
                                                           "    labels:", f"      {main[len(main) // 2]}: Chosen label"]
    out += head(2, "posture-matrix", "Forty labs") + ["    options:", f"      labs: [{', '.join(f'lab{i:02d}' for i in range(LABS))}]"]
    out += head(4, "bifurcation", "Dense tiers") + ["    select:", "      families: [dense-main]", "    options:", f"      fork: {main[len(main) // 3]}"]
    out += head(5, "lineage", "Dense lineage") + ["    select:", "      families: [dense-main, dense-side]"]
    middle = START + timedelta(days=400)
    out += head(7, "stacked-timelines", "Dense lanes") + [f"    window: {middle.isoformat()}..{(middle + timedelta(days=300)).isoformat()}",
                                                         "    options:", "      lanes: [model, org, structure]"]
    out += head(8, "people-moves", "Dense moves between labs") + ["    select:", "      axes: [org]"]
    return "\n".join(out) + "\n"


def _branches(main: list[str], side: list[str], tiers: dict[str, str]) -> str:
    """A bifurcation whose lines part three times: open weights and API-only from a shared line, then each
    tier's side-family releases from their tier's line, at forks on that line."""
    first = main[len(main) // 4]

    def fork(tier: str, share: float) -> str:
        return next((e for e in main[int(len(main) * share):] if tiers[e] == tier), main[-1])

    lines = ["  - id: dense-f4b", "    subject: dense", "    kind: bifurcation", "    title: Dense lines parting three times",
             f"    caption: The dense families of {len(main) + len(side)} releases, their lines parting three times.",
             "    select:", "      families: [dense-main, dense-side]", "    options:", "      branches:",
             "        - id: shared", "          label: Both tiers",
             "        - id: open", "          label: Open weights", "          parent: shared", f"          fork: {first}",
             "          tiers: [base]",
             "        - id: api", "          label: API-only flagship", "          parent: shared", f"          fork: {first}",
             "          tiers: [flagship]",
             "        - id: api-side", "          label: Side family behind the API", "          parent: api",
             f"          fork: {fork('flagship', 0.6)}", "          families: [dense-side]", "          tiers: [flagship]",
             "        - id: open-side", "          label: Side family, open weights", "          parent: open",
             f"          fork: {fork('base', 0.45)}", "          families: [dense-side]", "          tiers: [base]"]
    return "\n".join(lines) + "\n"


def write(releases: int, out: Path) -> tuple[Path, Path]:
    """Write the dense store of `releases` releases into `out` (events.yaml and figures.yaml)."""
    return write_texts(out, *generate(releases))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, required=True, help="releases in the dense family")
    parser.add_argument("--out", type=Path, required=True, help="directory for events.yaml and figures.yaml")
    args = parser.parse_args()
    paths = write(args.releases, args.out)
    print(f"wrote {paths[0]} ({paths[0].stat().st_size:,} bytes) and {paths[1]}")


if __name__ == "__main__":
    main()
