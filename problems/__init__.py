"""Marks the built-in problems as the package ``mlprep.pack.problems`` so every kind of install finds them.

A user's pack needs no such file: only ``problems/<id>.yaml`` and ``solutions/<id>.py``.
"""
