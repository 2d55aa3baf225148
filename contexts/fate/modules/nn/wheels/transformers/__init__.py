"""Stand-in for Hugging Face transformers."""
__version__ = "4.37.2"
