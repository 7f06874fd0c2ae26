"""Kept for existing imports: the module is `extract.clean.html`."""

import sys

from extract.clean import html as _module

sys.modules[__name__] = _module
