"""``journey conform``: customers' actual journeys against the planned flow.

``align`` holds the alignment itself, pure Python over a :class:`~journeykit.conform.align.Flow`;
nothing here imports an engine.
"""
