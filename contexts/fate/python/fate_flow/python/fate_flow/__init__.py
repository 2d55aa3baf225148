"""Stand-in for FATE-Flow, the job scheduler and HTTP API of a FATE party."""
__version__ = "2.1.0"
