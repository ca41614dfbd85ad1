"""The Telit dialect (telit-ssl-ug, telit-gsm-ssl): one module per command.

``dialect.py`` assembles the command table and the :class:`~emulator.core.table.Dialect`;
``products.py`` and ``defects.py`` are what the dialect contributes to ``emulator.profiles`` and
``emulator.defects``. This package imports nothing itself, so that reading the products or the
defects does not load the command modules.
"""
