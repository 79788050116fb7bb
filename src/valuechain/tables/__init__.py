"""Data model and readers: national IO tables, inter-country tables, trade flows."""

from .iotable import ROLE_KEYS, IOTable

__all__ = ["IOTable", "ROLE_KEYS"]
