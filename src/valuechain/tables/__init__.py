"""Data model and readers: national IO tables (frozen :class:`IOTable`), readers and writers.

The public names are listed here, literally; plumbing and case-study data builders
(see :mod:`valuechain.datasets`) stay importable from their modules and from this
package but are not part of ``__all__`` (nor of the flat ``valuechain.<name>`` API).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import make_lazy

# the names and their modules, listed literally; imported when first read (valuechain._lazy)
if TYPE_CHECKING:
    from .iotable import (
        IOTable,
        ROLE_KEYS,
    )
    from .readers import (
        read_table,
        from_pymrio,
        META_PREFIX,
    )
    from .roles import (
        guess_roles,
    )
    from .writers import (
        write_table,
    )
    from .sut import (
        SupplyUseTable,
        SUTResult,
        sut_to_iot,
        almon_product_technology,
        SUT_MODELS,
    )
    from .sut_readers import (
        read_sut,
        SUT_FORMATS,
    )

__all__ = [
    "IOTable",
    "ROLE_KEYS",
    "read_table",
    "from_pymrio",
    "guess_roles",
    "META_PREFIX",
    "write_table",
    "SupplyUseTable",
    "SUTResult",
    "sut_to_iot",
    "almon_product_technology",
    "SUT_MODELS",
    "read_sut",
    "SUT_FORMATS",
]

make_lazy(__name__)
