"""Stand-in for fate_test, FATE's test suite runner."""
__version__ = "2.1.0"
