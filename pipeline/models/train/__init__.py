"""Training of the models shipped in ``pipeline/models/`` (configs and corpus converters).

Run from a checkout (``make train-ner``, ``python -m pipeline.models.train.…``); left
out of the installed package (``pyproject.toml``, ``[tool.setuptools.packages.find]``).
"""
