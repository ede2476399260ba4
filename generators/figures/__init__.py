"""Figure kinds: each module turns the store and one spec into a Plotly figure, with no I/O."""
