"""Stand-in for PySpark."""
__version__ = "3.4.0"
