"""History of the data from git: commits in, per-event changes, per-figure versions and a changelog out."""
