"""Stand-in for fate.arch: computing and federation back ends."""
