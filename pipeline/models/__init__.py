"""Models trained for this package, each in its own folder with a ``MODEL_CARD.md``."""
