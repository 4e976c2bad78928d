"""Engines: how the documents of a run are spread over processes or machines.

``local`` runs ``nlp.pipe`` in this process or in ``n_process`` worker
processes; ``dask`` spreads partitions of the input paths over a Dask
cluster. Both give the same rows and write them through `write.TableWriter`.
"""
