"""Kept for existing imports: the module is `extract.clean.metadata`."""

import sys

from extract.clean import metadata as _module

sys.modules[__name__] = _module
