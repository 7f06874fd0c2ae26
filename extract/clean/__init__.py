"""Stage 3, clean: a page's text -> title, subtitles, captions, body paragraphs, `removed` with reasons, metadata.

One module per job:

- `boilerplate`: the boilerplate categories of patterns/boilerplate.toml (line features and reasons);
- `lines`: the line cleaner: headline block, body paragraphs, duplicates, captions, lede prefix;
- `wrapped`: hard-wrapped dumps of text browsers (lynx, w3m) with their paragraphs joined back;
- `sequence`: where the article lies in a long text dump, scored as a sequence of lines;
- `sentences`: lines holding several sentences (an article saved as one line) cut at sentence boundaries for
  that scoring;
- `html`: HTML pages: JSON-LD/OpenGraph metadata, script data, and the main container chosen by content;
- `metadata`: outlet, reporters and times from the removed lines (patterns/metadata.toml);
- `page`: the whole job for one page (text dump or HTML).
"""

from extract.clean.lines import (
    Cleaned,
    clean_lines,
    clean_text,
    is_sentence,
    merge_captions,
    metadata_lines,
    passthrough,
)
from extract.clean.page import CleanPage, page

__all__ = ["CleanPage", "Cleaned", "clean_lines", "clean_text", "is_sentence", "merge_captions", "metadata_lines",
           "page", "passthrough"]
