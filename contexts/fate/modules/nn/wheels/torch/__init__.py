"""Stand-in for PyTorch (a pre-downloaded wheel in the real build)."""
__version__ = "2.3.0"
