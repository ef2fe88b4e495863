"""eport: an open electronic port (电子口岸)."""

__version__ = "0.1.0"
