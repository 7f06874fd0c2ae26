"""Reviewing extractions: `diff` against reviewed golden files (golden.py), and the static HTML
report (report.py) with removed text placed back in the page (placement.py)."""
