"""The widths (CSS px) figure layouts are planned for, narrowest first; a figure shows the widest plan that fits it.

The static image (CSS container queries in labfig.css) and the live plot (labfig.js) both pick the
plan by the figure's own width, from this one table, and draw it scaled by `width / plan width`, so a
figure keeps its height to the pixel when it turns interactive. Plans sit close enough together that
the scale stays within about 0.9 to 1.35 at every width from 288 to 1600 px.
Kept apart from the registry so the build can read it without importing plotly.
"""

WIDTHS = {"small": 320, "phone": 360, "phablet": 480, "tablet": 640, "laptop": 800, "desktop": 1000}


def plan_for(width: float) -> str:
    """The plan a figure `width` px wide shows: the widest planned for at most that width (the narrowest below all)."""
    fitting = [name for name, planned in WIDTHS.items() if planned <= width]
    return fitting[-1] if fitting else next(iter(WIDTHS))
