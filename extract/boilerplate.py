"""Kept for existing imports: the module is `extract.clean.boilerplate`."""

import sys

from extract.clean import boilerplate as _module

sys.modules[__name__] = _module
