"""``journey measure``: the map's figures computed from customer event logs, with Ibis.

Light at import: the engine (ibis, duckdb, pyspark) is imported only when a measurement runs.
"""
