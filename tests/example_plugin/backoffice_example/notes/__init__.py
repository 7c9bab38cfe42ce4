"""Notes: the one area of the example module."""
