"""The clean stage for one page: text dump or HTML in, cleaned article and metadata out."""

from __future__ import annotations

from dataclasses import dataclass

from extract.clean import html as html_stage
from extract.clean import lines, metadata


@dataclass
class CleanPage:
    cleaned: lines.Cleaned
    meta: metadata.Metadata

    @property
    def body(self) -> str:
        return self.cleaned.body


def page(text: str, *, html: bool = False, clean: bool = True) -> CleanPage:
    """Clean one page; with clean=False the text is the body as it is."""
    found = html_stage.read(text) if html else None
    if not clean:
        cleaned = lines.passthrough(text)
    elif found is not None:
        cleaned = lines.clean_lines(found.lines, title=found.title)
        cleaned.captions = lines.merge_captions(found.captions, cleaned.captions)
    else:
        cleaned = lines.clean_text(text)
    meta = metadata.read(cleaned.removed, cleaned.lede)
    if found is not None:
        meta.outlet = found.outlet or meta.outlet
        for value in found.authors:
            person = metadata.author(value)
            if person is not None:
                meta.add_reporter(*person)
        meta.published_at = found.published_at or meta.published_at
        meta.updated_at = found.updated_at or meta.updated_at
        if not (meta.outlet and meta.reporters and meta.published_at and meta.updated_at):
            meta.fill(metadata.read(lines.metadata_lines(found.page_lines()), None))
    if clean and (signed := metadata.closing(cleaned.paragraphs)) is not None:
        meta.outlet = meta.outlet or signed[0]
        meta.add_reporter(signed[1], None)
    meta.outlet = metadata.outlet_name(meta.outlet)
    return CleanPage(cleaned, meta)
