"""The widths (CSS px) figure layouts are planned for, narrowest first; a figure shows the widest plan that fits it.

The static image (CSS container queries that render/browser_config.py generates from this table) and
the live plot (labfig.js, from each figure's data-plans) both pick the plan by the figure's own width,
and draw it scaled by `width / plan width`, so a figure keeps its height to the pixel when it turns interactive. Plans sit close enough together that
the scale stays within about 0.9 to 1.35 at every width from 288 to 1600 px.
Kept apart from the registry so the build can read it without importing plotly.
"""

WIDTHS = {"small": 320, "phone": 360, "phablet": 480, "tablet": 640, "laptop": 800, "desktop": 1000}
# Below this figure width every kind draws its narrow form: names in a strip above their lane or row instead of
# a left margin, shorter labels and key lines, "Tap" for "Click".
NARROW = 600


def is_narrow(width: float) -> bool:
    """Whether a figure `width` px wide is drawn in its narrow form."""
    return width < NARROW


def plan_for(width: float) -> str:
    """The plan a figure `width` px wide shows: the widest planned for at most that width (the narrowest below all)."""
    fitting = [name for name, planned in WIDTHS.items() if planned <= width]
    return fitting[-1] if fitting else next(iter(WIDTHS))
