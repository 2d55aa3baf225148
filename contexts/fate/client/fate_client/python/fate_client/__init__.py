"""Stand-in for the FATE client (flow CLI and pipeline SDK)."""
__version__ = "2.1.0"
