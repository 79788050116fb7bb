"""Location quotients and the regionalization of a national IO table (compatibility module).

The code lives in :mod:`valuechain.regional.quotients` (the LQ formulas and their
registry) and :mod:`valuechain.regional.regionalization` (:func:`regionalize`); every
name that was importable from here still is.

The location-quotient (LQ) family estimates a region's intraregional input
coefficients from the national ones and a size measure by industry (employment here):

.. math:: a^r_{ij} = a^n_{ij} \\cdot \\min(LQ_{ij}, 1)

row-wise for SLQ and PLQ (one quotient per selling industry *i*), cell-wise for the
cross-industry quotients (CILQ, FLQ, AFLQ, SFLQ). The part of the national coefficient
that is removed, :math:`a^n_{ij} - a^r_{ij}`, is bought from the rest of the country.

Notation: :math:`e^r_i`, :math:`e^n_i` regional and national employment of industry *i*;
:math:`E_r = \\sum_i e^r_i`, :math:`E_n = \\sum_i e^n_i`.

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.
   (ch. 8, nonsurvey methods: SLQ, purchases-only LQ, CILQ, FLQ).
.. [2] Round, J. I. (1978). An interregional input-output approach to the evaluation of
   nonsurvey methods. *Journal of Regional Science* 18(2), 179-194.
.. [3] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of
   location quotients in generating regional input-output tables. *Regional Studies*
   29(6), 547-561.
.. [4] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location
   quotients in generating regional input-output tables: reply. *Regional Studies*
   31(8), 795-805 (:math:`\\lambda^*` and the FLQ).
.. [5] Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and
   the FLQ formula. *Regional Studies* 34(6), 563-569 (the AFLQ).
.. [6] Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ
   formula: a case study of Finland. *Regional Studies* 47(5), 703-721.
.. [7] Kowalewski, J. (2015). Regionalization of national input-output tables:
   empirical evidence on the use of the FLQ formula. *Regional Studies* 49(2), 240-250
   (the SFLQ, industry-specific :math:`\\delta_j`).
"""


from __future__ import annotations

from .quotients import (  # noqa: F401
    DELTA_METHODS,
    DIAGONALS,
    LQ_METHODS,
    LQ_REGISTRY,
    ROW_METHODS,
    LQMethod,
    aflq,
    align_measure,
    check_delta,
    check_diagonal,
    cilq,
    delta_vector,
    employment_pair,
    flq,
    lambda_star,
    location_quotients,
    lq_method,
    method_label,
    plq,
    sflq,
    slq,
)
from .regionalization import (  # noqa: F401
    IMPORTS_REST_OF_COUNTRY,
    Regionalization,
    output_multipliers,
    regional_coefficients,
    regionalize,
)

__all__ = [
    "LQ_METHODS",
    "ROW_METHODS",
    "IMPORTS_REST_OF_COUNTRY",
    "lambda_star",
    "slq",
    "plq",
    "cilq",
    "flq",
    "aflq",
    "sflq",
    "location_quotients",
    "regional_coefficients",
    "output_multipliers",
    "regionalize",
    "Regionalization",
]

# former private names, kept for branches not yet merged
_pair = employment_pair
_check_delta = check_delta
_check_diagonal = check_diagonal
_delta_vector = delta_vector
_method_label = method_label
_align_measure = align_measure
_DIAGONALS = DIAGONALS
