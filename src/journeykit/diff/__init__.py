"""Semantic diff of journey maps: compare models matched by id, classify, format.

``sources`` reads the sides (files, folders, ``REF:PATH``, ``--git``), ``compare`` is the pure
comparison of two valid maps, ``build`` pairs maps and assembles a ``DiffResult``, and the
``format_*`` modules print it; ``formats.FORMATS`` is the registry of output formats.
"""
