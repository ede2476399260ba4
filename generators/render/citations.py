"""Citations of one figure: its title, id and address plus the site's name, data version and date in; plain text,
BibTeX and CSL-JSON out.

CSL-JSON is the record; the plain text is that record formatted by citeproc-py (Harvard, the style it
ships) and the BibTeX is written by pybtex, so each format follows its tool's rules rather than ours.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Citable:
    """What every citation of a figure names."""

    key: str  # the citation key: the figure id, with `-vN` for a numbered version
    figure: str  # the figure id
    title: str
    url: str
    organisation: str  # the site, cited as the author
    version: str  # the figure's version number, else the data version
    version_label: str  # "version 3, data version 53c3a59860" or "data version 53c3a59860"
    date: str  # ISO date of the data the figure was drawn from
    accessed: str  # ISO date the citation was generated


def _parts(iso: str) -> list[int]:
    return [int(p) for p in iso.split("-")[:3]]


def csl_json(c: Citable) -> dict[str, Any]:
    """The CSL-JSON item (what Zotero, Pandoc and citeproc read)."""
    return {"id": c.key, "type": "dataset", "title": c.title, "author": [{"literal": c.organisation}],
            "publisher": c.organisation, "URL": c.url, "version": c.version, "number": c.figure,
            "note": c.version_label,
            "genre": "Figure", "issued": {"date-parts": [_parts(c.date)]}, "accessed": {"date-parts": [_parts(c.accessed)]}}


def plain(c: Citable) -> str:
    """One line a reader can paste, formatted by citeproc-py, with the version added (Harvard has no slot for it)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON([csl_json(c)])
    bibliography = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain)
    bibliography.register(Citation([CitationItem(c.key)]))
    text = str(bibliography.bibliography()[0])
    return text.replace(f"Available at: {c.url}", f"Figure {c.figure}, {c.version_label}. Available at: {c.url}")


def _tex(text: str) -> str:
    """Text safe inside a braced BibTeX field: pybtex escapes LaTeX specials; a stray brace would unbalance it."""
    return text.replace("{", "(").replace("}", ")")


def bibtex(c: Citable) -> str:
    """A `@misc` entry: the title in double braces so styles keep its casing, the site as an organisation author."""
    from pybtex.database import BibliographyData, Entry, Person
    from pybtex.database.output.bibtex import Writer

    fields = {"title": "{" + _tex(c.title) + "}", "howpublished": f"Figure {_tex(c.figure)}", "url": c.url,
              "version": _tex(c.version), "year": c.date[:4], "month": str(int(c.date[5:7])) if len(c.date) >= 7 else "",
              "urldate": c.accessed, "note": f"{_tex(c.version_label[:1].upper() + c.version_label[1:])}, accessed {c.accessed}"}
    # A braced name is one organisation, not a first and last name.
    entry = Entry("misc", fields={k: v for k, v in fields.items() if v},
                  persons={"author": [Person("{" + _tex(c.organisation) + "}")]})
    # The writer itself, not `to_string("bibtex")`: that looks the plugin up among every installed
    # package's entry points on each call (70 ms; a site with a thousand figure versions paid 95 s).
    return str(Writer().to_string(BibliographyData(entries={c.key: entry}))).strip()


def csl_text(c: Citable) -> str:
    """The CSL-JSON file's text: indented, with each date on one line (`[[2026, 11, 22]]`)."""
    text = json.dumps([csl_json(c)], indent=2, ensure_ascii=False)
    return re.sub(r"\[\s*\[\s*([\d,\s]+?)\s*\]\s*\]", lambda m: "[[" + ", ".join(m.group(1).replace(",", " ").split()) + "]]", text)
