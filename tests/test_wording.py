"""Our own words: no run of eight words from a source article outside quotation marks, in the data
or on the hand-written pages; quotations name their source; pages type no numbers of their own.

The articles live beside the checkout (`../shared/seeds/`). A fresh clone (CI) has no such folder:
there the committed fingerprints of the articles' eight-word shingles stand in for the text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.load import load_store
from generators.wording import (
    SHINGLE,
    check_files,
    copied_runs,
    markdown_paragraphs,
    read_fingerprints,
    source_fingerprints,
    words,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FINGERPRINTS = ROOT / "tests" / "data" / "seed-fingerprints.txt"
NO_SEEDS = f"the source articles are not at {SEEDS} (a fresh clone, as in CI); the committed fingerprints still guard the text"
# The contributor's guide documents the software; its numbers are about the tool, not facts from sources.
PAGES = [p for p in sorted((ROOT / "content").glob("*.md")) if p.name != "contributing.md"]


def _ours() -> list[Path]:
    return sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "content").glob("*.md"))


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_checker_finds_a_copied_run_and_spares_a_quotation(tmp_path: Path) -> None:
    known = source_fingerprints(["The correlation is clear, but causation cannot be asserted from outside the lab."])
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: T\n---\n\nIntro.\n\nWe think the Correlation is clear but causation cannot be asserted from outside.\n\n"
                    'Fullduplex wrote: "the correlation is clear, but causation cannot be asserted from outside."\n', encoding="utf-8")
    found = check_files([page], known)
    assert [str(c) for c in found] == [f"{page}:7: copied from a source without quotation marks: "
                                       "'the correlation is clear but causation cannot be asserted from outside'"]
    assert copied_runs("clear, but causation cannot be asserted from", known) == []  # seven words: allowed


def test_checker_reads_yaml_values_with_their_lines(tmp_path: Path) -> None:
    known = source_fingerprints(["one two three four five six seven eight nine"])
    data = tmp_path / "events.yaml"
    data.write_text("sources:\n  - id: s\n    title: one two three four five six seven eight\n"
                    "events:\n  - id: e\n    summary: >-\n      zero one two three four five\n      six seven eight\n", encoding="utf-8")
    # A source's title is a citation and may repeat the headline; a summary may not.
    assert [(c.line, c.words) for c in check_files([data], known)] == [(7, "one two three four five six seven eight")]


def test_data_and_pages_are_in_our_own_words() -> None:
    found = check_files(_ours(), read_fingerprints(FINGERPRINTS))
    assert not found, "\n".join(str(c) for c in found)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SEEDS)
def test_data_and_pages_against_the_articles_themselves() -> None:
    found = check_files(_ours(), source_fingerprints(_seed_texts()))
    assert not found, "\n".join(str(c) for c in found)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SEEDS)
def test_committed_fingerprints_match_the_articles() -> None:
    assert read_fingerprints(FINGERPRINTS) == source_fingerprints(_seed_texts()), (
        "the articles changed: python -m generators.wording ../shared/seeds tests/data/seed-fingerprints.txt")


def test_fingerprints_hold_no_text_of_the_articles() -> None:
    lines = [line for line in FINGERPRINTS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) > 1000 and all(re.fullmatch(r"[0-9a-f]{16}", line) for line in lines)


def test_quotations_on_pages_name_their_source() -> None:
    """A quoted passage that comes from an article sits in a paragraph that names an outlet we cite."""
    store, _ = load_store()
    names = {s.outlet for s in store.sources.values()} | {n for s in store.sources.values() for n in s.names}
    names |= {word for s in store.sources.values() for word in s.outlet.split() if len(word) > 4 and word[0].isupper()}
    known = read_fingerprints(FINGERPRINTS)
    unattributed = []
    for page in PAGES:
        for line, text in markdown_paragraphs(page):
            for quote in re.findall(r'"([^"]*)"|“([^”]*)”', text):
                passage = "".join(quote)
                if len(words(passage)) >= SHINGLE and copied_runs(passage, known) and not any(n in text for n in names):
                    unattributed.append(f"{page.name}:{line}: {passage!r}")
    assert not unattributed, "quotations without a named source:\n" + "\n".join(unattributed)


# Counts and amounts: digits with a magnitude, thousands separators, sizes like 7B, scores like 32 of 36.
_NUMBERS = re.compile(r"\b\d[\d,.]*\s*(?:thousand|million|billion|trillion|percent)\b|\b\d+(?:\.\d+)?\s*%|\b\d{1,3}(?:,\d{3})+\b"
                      r"|\b\d+(?:\.\d+)?[BMK]\b|\b\d+ of \d+\b"
                      r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|hundreds? of)\s+(?:thousand|million|billion|trillion)\b",
                      re.IGNORECASE)


def test_pages_type_no_counts_or_amounts_of_their_own() -> None:
    """Every count on a page comes from a measurement through `{{ measurement(...) }}` or `{{ measurements(...) }}`."""
    typed = [f"{page.name}:{line}: {m.group(0)!r}" for page in PAGES for line, text in markdown_paragraphs(page)
             for m in _NUMBERS.finditer(text)]
    assert not typed, "numbers typed into pages (make them measurements):\n" + "\n".join(typed)


def test_the_number_guard_catches_what_it_should() -> None:
    caught = [m.group(0) for m in _NUMBERS.finditer(
        "more than one billion downloads, 200,000 models, 153.6 million, 7B weights, 32 of 36, 50%; in 2026 on 3 March")]
    assert caught == ["one billion", "200,000", "153.6 million", "7B", "32 of 36", "50%"]
