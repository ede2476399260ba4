"""The typed data model: frozen records for events, dates, sources, registries and figure specs."""
