"""One module per figure kind, each defining its `KIND` (a FigureKind) from its spec and what it draws."""
