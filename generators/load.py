"""Load the data files into a validated Store: paths in, Store out, or DataErrors listing every problem.

Each record is validated on its own so that one bad entry does not hide the errors of the next;
cross-record rules then run over the records that passed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from generators.datafiles import DEFAULT_EVENTS, DEFAULT_FIGURES, Kind, display_name
from generators.dataparts import ParseCache, Part, Reading, parts_held, parts_on_disk
from generators.errors import MAX_REPORTED, DataError, DataErrors, Locator
from generators.errors import did_you_mean as _suggest
from generators.figures.checks import check_figures
from generators.model.rules import check_store
from generators.model.store import SECTIONS, SUBJECT_SECTIONS, Store
from generators.record_checks import validate_record
from generators.settings import DEFAULT_LIMITS, Limits
from generators.yamlread import Located, PathKey

__all__ = ["DEFAULT_EVENTS", "DEFAULT_FIGURES", "load_store", "load_store_bytes", "load_store_files"]


def load_store(events_path: Path = DEFAULT_EVENTS, figures_path: Path | None = DEFAULT_FIGURES,
               *, strict: bool = False, drafts: Mapping[Path, bytes] | None = None,
               cache: ParseCache | None = None, limits: Limits = DEFAULT_LIMITS) -> tuple[Store, list[DataError]]:
    """Read, validate and cross-check the data files: the entry file, the per-subject files beside it, the figures.

    `drafts` stands in for files (a per-subject file among them need not exist yet); `cache` keeps
    each file's parse between calls, so a rebuild parses again only the files whose bytes changed.
    Returns the store and its warnings; raises DataErrors with every error (and, when `strict`,
    every warning too). `limits` bound what is read (generators/settings.py).
    """
    parts, problems = parts_on_disk(events_path, figures_path, drafts or {}, limits)
    return _assemble(parts, strict, problems, cache, limits)


def _assemble(parts: list[Part], strict: bool, problems: list[DataError], cache: ParseCache | None = None,
              limits: Limits = DEFAULT_LIMITS) -> tuple[Store, list[DataError]]:
    """Read each file, validate its records into one store, run the cross-record rules."""
    store, locator, reading = Store(), Locator(), Reading(cache, limits)
    unreadable = False
    with _gc_paused():
        for part in parts:
            try:
                located = reading.parse(part)
            except DataErrors as exc:
                problems.extend(exc.errors)
                unreadable = True
                continue
            locator.files[located.file] = located
            locator.keys[located.file] = part.key
            if part.figures:
                problems.extend(_load_figures(located, store, locator))
            elif part.subject is None:
                problems.extend(_load_sections(located, store, locator, list(SECTIONS), []))
            else:
                problems.extend(_load_subject_file(located, store, locator, part))
        store.origins.update((ref, locator.keys[file]) for ref, (file, _) in locator.records.items() if ref[0] in SUBJECT_SECTIONS)
        if not unreadable:
            # A file that cannot be parsed holds records the others refer to: each reference to one
            # would be reported as unknown and bury the one error that matters.
            problems.extend(check_store(store, locator))
            problems.extend(check_figures(store, locator))
    warnings = [p for p in problems if p.severity == "warning"]
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise DataErrors(errors)
    return store, warnings


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of small objects and no garbage cycles; the cyclic
    collector walking them again and again would double the time of a large store."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_display = display_name


def _top_mapping(located: Located, allowed: list[str], elsewhere: str = "") -> tuple[dict[str, Any], list[DataError]]:
    """The file's sections; `elsewhere` (said of a known section not allowed here) tells where such a section goes."""
    if not isinstance(located.data, dict):
        kind = "a list" if isinstance(located.data, list) else "plain text"
        return {}, [located.error((), f"the file is {kind}; expected a mapping with sections {', '.join(allowed)}")]
    errors = [located.error((key,), f"section '{key}' is not allowed here{elsewhere}; this file holds only: {', '.join(allowed)}"
                            if elsewhere and key in SECTIONS else
                            f"unknown section '{key}'{_suggest(key, allowed)}; expected one of: {', '.join(allowed)}", key=True)
              for key in located.data if key not in allowed]
    for key in allowed:
        value = located.data.get(key)
        if value is not None and not isinstance(value, list):
            errors.append(located.error((key,), f"section '{key}' must be a list of entries"))
    return located.data, errors


def _load_sections(located: Located, store: Store, locator: Locator, sections: list[str],
                   loaded: list[tuple[str, int, Any]], elsewhere: str = "") -> list[DataError]:
    """Validate and register the records of `sections`; each record registered goes to `loaded` with its place."""
    data, errors = _top_mapping(located, sections, elsewhere)
    for section in sections:
        model = SECTIONS[section]
        items = data.get(section)
        if isinstance(items, dict) and isinstance(items.get("id"), str):  # one entry without its '-'
            locator.invalid_ids.add((section, items["id"]))
        for index, item in enumerate(items if isinstance(items, list) else []):
            if len(errors) >= MAX_REPORTED - 1:
                return errors[:MAX_REPORTED - 1] + [_stop(located, (section, index), data, store, locator)]
            record, problems = validate_record(located, (section, index), item, model)
            errors.extend(problems)
            if record is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    locator.invalid_ids.add((section, item["id"]))
                continue
            if section == "postures":
                store.postures.append(record)  # type: ignore[arg-type]
                # Rules name a posture by its place in store.postures, which skips the invalid ones.
                locator.records[(section, str(len(store.postures) - 1))] = (located.file, (section, index))
                continue
            problems = _register(store, locator, located, section, index, record)
            errors.extend(problems)
            if not problems:
                loaded.append((section, index, record))
    return errors


def _load_subject_file(located: Located, store: Store, locator: Locator, part: Part) -> list[DataError]:
    """A per-subject file: only the sections a subject owns, each record of the subject the file is named after."""
    loaded: list[tuple[str, int, Any]] = []
    shared = f"; what all subjects share belongs in {part.entry}" if part.entry else ""
    errors = _load_sections(located, store, locator, list(SUBJECT_SECTIONS), loaded, shared)
    if part.entry not in locator.files:
        return errors  # the entry file could not be read: which subjects exist is not known
    if part.subject not in store.subjects:
        hint = _suggest(str(part.subject), store.subjects)
        return errors + [DataError(located.file, 1, 1, "", f"the file name says subject '{part.subject}', which {part.entry} does not list"
                                   f"{hint} (a per-subject file is named after the subject whose records it holds)")]
    for section, index, record in loaded:
        if record.subject != part.subject:
            home = PurePosixPath(located.file).with_name(record.subject + ".yaml")
            errors.append(located.error((section, index, "subject"), f"'{record.subject}', but this file holds the {section} of subject "
                                        f"'{part.subject}'; move the entry to {home} (or to {part.entry})"))
    return errors


def _load_figures(located: Located, store: Store, locator: Locator) -> list[DataError]:
    data, errors = _top_mapping(located, ["figures"])
    items = data.get("figures")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if len(errors) >= MAX_REPORTED - 1:
            return errors[:MAX_REPORTED - 1] + [_stop(located, ("figures", index), data, store, locator)]
        record, problems = validate_record(located, ("figures", index), item, None)
        errors.extend(problems)
        if record is not None:
            errors.extend(_register(store, locator, located, "figures", index, record))
    return errors


def _stop(located: Located, at: PathKey, data: dict[str, Any], store: Store, locator: Locator) -> DataError:
    """Give up on a file with too many errors; more would only bury the first ones and cost time.

    The records left unchecked count as invalid, so references to them are not reported as unknown.
    """
    for section, items in data.items():
        registry = vars(store).get(section)  # an unknown section may be named like a Store method
        if not isinstance(items, list) or not isinstance(registry, dict):
            continue
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] not in registry:
                locator.invalid_ids.add((section, item["id"]))
    return located.error(at, f"stopped checking after {MAX_REPORTED - 1} errors; fix these and run again")


def _register(store: Store, locator: Locator, located: Located, section: str, index: int, record: Any) -> list[DataError]:
    registry: dict[str, Any] = getattr(store, section)
    key = (section, record.id)
    if record.id in registry:
        first_file, first_path = locator.records[key]
        line, column = locator.files[first_file].where(first_path + ("id",))
        where = f"on line {line}" if first_file == located.file else f"at {first_file}:{line}:{column}"
        return [located.error((section, index, "id"), f"duplicate id '{record.id}' (first used {where})")]
    registry[record.id] = record
    locator.records[key] = (located.file, (section, index))
    return []


def load_store_bytes(events: bytes, figures: bytes | None, *, events_name: str = str(DEFAULT_EVENTS),
                     figures_name: str = str(DEFAULT_FIGURES), strict: bool = False,
                     limits: Limits = DEFAULT_LIMITS) -> tuple[Store, list[DataError]]:
    """`load_store` for one events file and one figures file held in memory, with no per-subject files.

    The names stand in for paths in every error message.
    """
    parts = [Part(events_name, events_name, lambda: events)]
    if figures is not None:
        parts.append(Part(figures_name, figures_name, lambda: figures, figures=True))
    return _assemble(parts, strict, [], limits=limits)


def load_store_files(files: Mapping[str, bytes], events: str = str(DEFAULT_EVENTS), figures: str | None = str(DEFAULT_FIGURES),
                     *, prefix: str = "", strict: bool = False, entries: list[tuple[str, Kind]] | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> tuple[Store, list[DataError]]:
    """`load_store` for data files held in memory by project path (`data/events.yaml`, `data/events/qwen.yaml`, ...),
    as read from a git tree: the per-subject files are found among them, or in `entries` (the folder's listing, with
    what each entry is) when given. Errors name each file as `prefix` + its path.
    """
    parts, problems = parts_held(files, events, figures, prefix, entries, limits)
    return _assemble(parts, strict, problems, limits=limits)
