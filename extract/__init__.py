"""extract: Korean news pages in, validated records out.

    from extract import extract_text, extract_path
    article = extract_path("seeds/000_0bb92373a69b67de.txt")
    article.amounts[0].value

See `extract.pipeline` for the stages.
"""

from extract.pipeline import extract_path, extract_text

__version__ = "0.1.0"
__all__ = ["__version__", "extract_path", "extract_text"]
