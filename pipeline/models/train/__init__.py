"""Training of the models shipped in ``pipeline/models/`` (configs and corpus converters)."""
