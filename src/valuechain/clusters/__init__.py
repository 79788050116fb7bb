"""clusters family (see docs)."""

__all__: list[str] = []
