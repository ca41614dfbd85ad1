"""Commands over the whole project: ``run``, ``coverage``, ``compare`` and the kill matrix.

They may import every layer (harness, conformance, servers, emulator); nothing below imports them.
"""
