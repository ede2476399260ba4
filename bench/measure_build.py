"""Targets 4 and 7: the site build without images against a plain MkDocs build, and two builds compared byte for byte.

The plain build is the same pages with nothing of ours running: a copy of mkdocs.yml without `hooks:`,
the hand-written pages without their `{{ figure(...) }}` marker lines, and every page our build
generates (explorer, entity pages, figure pages, downloads, reference) written out once as static
Markdown. Both are timed as the commands a person runs, alternated.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path
from typing import Any

import yaml

from bench.common import PYTHON, ROOT, build_env, data_epoch, log, median, project_copy, ratio, run, summary


def plain_project(dest: Path) -> dict[str, Any]:
    """Write the plain MkDocs project into `dest`; returns what was left out."""
    from generators.render.site import MARKER

    shutil.copytree(ROOT / "content", dest / "content")
    removed = 0
    for page in (dest / "content").rglob("*.md"):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not MARKER.search(line)]
        removed += len(lines) - len(kept)
        page.write_text("".join(kept), encoding="utf-8")
    generated = _write_generated_pages(dest / "content")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    # Hand-written pages link to model, people and unit pages only our build generates; in strict mode
    # those links would abort the plain build.
    config["strict"] = False
    dropped: list[str] = []
    config["nav"] = _existing(config.get("nav", []), dest / "content", dropped)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return {"marker_lines_removed": removed, "nav_entries_dropped": dropped, "strict": False,
            "generated_pages_written": generated, "pages": sum(1 for _ in (dest / "content").rglob("*.md"))}


def _write_generated_pages(docs: Path) -> int:
    """Every page our build generates, as static Markdown with its HTML already filled in."""
    from generators.load import load_store
    from generators.render.site import fill_slots, generate

    store, _ = load_store(ROOT / "data/events.yaml", ROOT / "data/figures.yaml")
    gen = generate(store, site_name="Lab Timelines", site_url="https://example.org/", date="2026-01-01", images=False)
    for path, markdown in gen.pages.markdown.items():
        url = path.removesuffix("index.md") if path.endswith("index.md") else path.removesuffix(".md") + "/"
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill_slots(markdown, url, gen), encoding="utf-8")
    return len(gen.pages.markdown)


def _existing(nav: Any, docs: Path, dropped: list[str]) -> Any:
    out = []
    for entry in nav:
        (title, target), = entry.items() if isinstance(entry, dict) else ((None, entry),)
        if isinstance(target, list):
            kept = _existing(target, docs, dropped)
            if kept:
                out.append({title: kept})
        elif (docs / target).exists():
            out.append(entry)
        else:
            dropped.append(target)
    return out


def site_hashes(site: Path) -> dict[str, str]:
    """sha256 of every file; for .gz files, of the uncompressed content (the gzip header carries a timestamp)."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        out[str(path.relative_to(site))] = hashlib.sha256(data).hexdigest()
    return out


def measure(work: Path, reps: int) -> dict[str, Any]:
    # Both builds from one snapshot of the tree, taken with the plain copy (others edit the checkout meanwhile).
    project = project_copy(work / "project")
    env = build_env(SOURCE_DATE_EPOCH=data_epoch())
    plain = work / "plain"
    plain_info = plain_project(plain)
    ours, theirs, outputs = [], [], []
    for rep in range(reps):
        log(f"target 4: no-image build and plain mkdocs build, round {rep + 1}/{reps}")
        out = work / f"noimg-{rep}"
        result = run([PYTHON, "-m", "generators", "build", "--no-images", "--out", str(out)], cwd=project, timeout=600, env=env)
        if result.returncode != 0:
            raise RuntimeError(f"no-image build failed: {result.stderr[-2000:]}")
        ours.append(result.seconds)
        outputs.append(out)
        plain_out = work / f"plain-site-{rep}"
        result = run([PYTHON, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(plain_out)], cwd=plain, timeout=600, env=build_env())
        if result.returncode != 0:
            raise RuntimeError(f"plain mkdocs build failed: {result.stderr[-2000:]}")
        theirs.append(result.seconds)
        plain_files = sum(1 for p in plain_out.rglob("*") if p.is_file())
        shutil.rmtree(plain_out, ignore_errors=True)
    our_files = sum(1 for p in outputs[0].rglob("*") if p.is_file())
    build = {
        "no_images_s": summary(ours, 2), "plain_mkdocs_s": summary(theirs, 2),
        "ratio": ratio(median(ours), median(theirs)), "target_ratio": 2.0, "met": median(ours) <= 2 * median(theirs),
        "files": {"ours": our_files, "plain": plain_files}, "plain_project": plain_info,
        "note": "the plain build renders the same pages (generated ones written out as static Markdown) with no hook and strict off",
    }
    deterministic = compare(outputs[0], outputs[1])
    for out in outputs:
        shutil.rmtree(out, ignore_errors=True)
    return {"build": build, "deterministic": deterministic}


def compare(a: Path, b: Path) -> dict[str, Any]:
    """Target 7: two no-image builds of the same tree, every file's hash compared."""
    first, second = site_hashes(a), site_hashes(b)
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    gz_raw_differ = sorted(str(p.relative_to(a)) for p in a.rglob("*.gz")
                           if (b / p.relative_to(a)).exists() and p.read_bytes() != (b / p.relative_to(a)).read_bytes())
    return {"files": len(first), "differing": differ[:20], "differing_count": len(differ), "met": not differ,
            "gz_files_differing_only_in_header": gz_raw_differ}
