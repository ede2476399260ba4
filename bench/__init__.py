"""Benchmarks of the site: synthetic stores, baselines, measurements; `python -m bench.run` writes bench/results.json."""
