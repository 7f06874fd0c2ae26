"""extract: Korean news pages in, validated records out.

    from extract import extract_text, extract_path
    article = extract_path("seeds/000_0bb92373a69b67de.txt")
    article.amounts[0].value

See `extract.pipeline` for the stages.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """`extract_text` and `extract_path`, imported when first asked for (the command's parent process with
    `--jobs N` needs none of the pipeline)."""
    if name in ("extract_path", "extract_text"):
        from extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")

__version__ = "0.1.0"
__all__ = ["__version__", "extract_path", "extract_text"]
