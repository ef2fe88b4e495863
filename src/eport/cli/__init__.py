"""The ``eport`` command line: an operator's administration tool."""
