"""Stand-in for the FATE federated learning library (the real one is a large Python package)."""
__version__ = "2.1.0"
