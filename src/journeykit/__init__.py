"""journeykit: customer journey maps as code.

Import what you need from the submodules; this package stays light so that ``journey --version``
and ``journey --help`` start instantly.
"""

from __future__ import annotations

__version__ = "0.1.0"
