"""Data model and readers: national IO tables (frozen :class:`IOTable`), readers and writers."""

from .iotable import ROLE_KEYS, IOTable
from .readers import META_PREFIX, from_pymrio, guess_roles, read_table
from .writers import write_table

__all__ = ["IOTable", "ROLE_KEYS", "read_table", "write_table", "from_pymrio", "guess_roles", "META_PREFIX"]
