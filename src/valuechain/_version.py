"""The version of valuechain, in a module of its own so that any layer can read it without
importing the package face (``valuechain/__init__.py``)."""

__version__ = "0.1.0"
