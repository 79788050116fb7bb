"""Readers of specific public data sets held in the real data folder (``../shared/data``).

Each module reads one data set into the package's objects (an :class:`~valuechain.tables.IOTable`,
a long employment frame) and documents what is exact and what is estimated.
"""
