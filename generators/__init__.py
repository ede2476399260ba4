"""Generators: turn the curated YAML event store into figures, pages and downloads."""
