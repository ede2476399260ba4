"""The widths (CSS px) figure layouts are planned for; the browser picks the widest one that fits.

Kept apart from the registry so the build can read it without importing plotly.
"""

WIDTHS = {"phone": 360, "tablet": 640, "desktop": 1000}
