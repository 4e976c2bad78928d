"""``python -m pipeline`` → the command line."""

from pipeline.cli import entry_point

entry_point()
