"""The import anchor of the built-in pack.

The built-in problems live at the repository root, ``problems/`` and ``solutions/``, the same shape as
a user's pack. ``pyproject.toml`` maps them to ``mlprep.pack.problems`` and ``mlprep.pack.solutions``,
so an editable install finds them in the checkout and a wheel carries them here; either way
``mlprep.catalog`` asks the import system where ``mlprep.pack.problems`` is.
"""
