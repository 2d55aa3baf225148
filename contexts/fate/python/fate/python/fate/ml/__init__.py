"""Stand-in for fate.ml: algorithms."""
