"""Marks the built-in reference solutions as the package ``mlprep.pack.solutions`` (see ``problems/``)."""
