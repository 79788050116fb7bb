"""The Feser-Sweeney-Renski linkage matrix: purchase and sales shares and their correlations.

From intermediate transactions ``Z`` (rows sell, columns buy):

* purchase shares :math:`X_{ij} = z_{ij} / \\sum_i z_{ij}` (column ``j`` of ``X`` is the
  input-purchasing pattern of industry ``j``);
* sales shares :math:`Y_{ij} = z_{ij} / \\sum_j z_{ij}` (row ``i`` of ``Y`` is the
  output-selling pattern of industry ``i``);
* for each pair of industries the four Pearson correlations
  :math:`r(x_{\\cdot i}, x_{\\cdot j})`, :math:`r(y_{i\\cdot}, y_{j\\cdot})`,
  :math:`r(x_{\\cdot i}, y_{j\\cdot})`, :math:`r(y_{i\\cdot}, x_{\\cdot j})`, and
  :math:`L_{ij}` the largest of them.

References
----------
.. [1] Feser, E., Sweeney, S. and Renski, H. (2005). A descriptive analysis of discrete
   U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419, eqs. (1)-(2).
.. [2] Feser, E. and Bergman, E. (2000). National industry cluster templates: a framework
   for applied regional cluster analysis. *Regional Studies* 34(1), 1-19.
"""

from __future__ import annotations

import warnings
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError, ValuechainWarning

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from ..tables.iotable import IOTable

__all__ = [
    "purchase_shares",
    "sales_shares",
    "linkage_correlations",
    "linkage_matrix",
    "undefined_industries",
    "transactions_frame",
    "ConstantIndustryWarning",
]


class ConstantIndustryWarning(ValuechainWarning):
    """Industries dropped because their purchase or sales pattern is constant."""


def transactions_frame(table_or_Z: IOTable | pd.DataFrame) -> pd.DataFrame:
    """The intermediate transactions of an :class:`~valuechain.IOTable` or a labelled ``Z``.

    Parameters
    ----------
    table_or_Z : IOTable or DataFrame (n, n)
        A table or its intermediate transactions.

    Returns
    -------
    DataFrame (n, n)
        Float, string labels.

    Raises
    ------
    ValidationError
        If ``Z`` is not square, its labels differ, or a value is negative or not finite.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> transactions_frame(t)
          agri   manu
    agri  150.0  500.0
    manu  200.0  100.0
    """
    Z = getattr(table_or_Z, "Z", table_or_Z)
    if isinstance(Z, pd.DataFrame):
        df = Z.copy()
    else:
        arr = np.asarray(Z)
        if arr.ndim != 2:
            raise ValidationError(f"Z must be a 2-D matrix; got {arr.ndim} dimensions")
        df = pd.DataFrame(arr)
    try:
        df = df.astype(float)
    except (TypeError, ValueError):
        raise ValidationError("Z has a non-numeric cell; every transaction must be a number") from None
    df.index = df.index.map(str)
    df.columns = df.columns.map(str)
    if df.shape[0] != df.shape[1]:
        raise ValidationError(f"Z is {df.shape[0]}x{df.shape[1]}; the transactions matrix must be square")
    if not df.index.equals(df.columns):
        if set(df.index) == set(df.columns) and not df.index.has_duplicates:
            df = df.loc[:, df.index]
        else:
            raise ValidationError("Z's row and column labels differ; use the same industry labels for rows and columns")
    vals = df.to_numpy()
    if not np.isfinite(vals).all():
        r, c = np.argwhere(~np.isfinite(vals))[0]
        raise ValidationError(f"Z has a missing or infinite value at ({df.index[r]}, {df.columns[c]}); fill it")
    if (vals < 0).any():
        r, c = np.argwhere(vals < 0)[0]
        raise ValidationError(f"negative transaction Z[{df.index[r]}, {df.columns[c]}]; intermediate flows must be >= 0")
    return df


def _shares(Z, axis: int):
    Zf = transactions_frame(Z)
    Za = Zf.to_numpy()
    tot = Za.sum(axis=axis, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        S = np.where(tot != 0, Za / np.where(tot != 0, tot, 1.0), np.nan)
    return pd.DataFrame(S, index=Zf.index, columns=Zf.columns)


def purchase_shares(Z: IOTable | pd.DataFrame) -> pd.DataFrame:
    r"""Purchase shares :math:`X_{ij} = z_{ij} / \sum_i z_{ij}` (columns sum to one).

    Columns of industries that buy no intermediates are NaN.

    Parameters
    ----------
    Z : IOTable or DataFrame (n, n)
        Intermediate transactions (rows sell, columns buy), money units.

    Returns
    -------
    DataFrame (n, n)
        :math:`X`, labelled like ``Z``; each column sums to one (unitless).

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419. Eq. (1).

    Examples
    --------
    >>> import pandas as pd
    >>> Z = pd.DataFrame([[1, 5, 0], [4, 1, 2], [0, 3, 6]], index=list("abc"), columns=list("abc"))
    >>> purchase_shares(Z)["a"].tolist()     # column a: 1, 4, 0 of 5
    [0.2, 0.8, 0.0]
    """
    return _shares(Z, axis=0)


def sales_shares(Z: IOTable | pd.DataFrame) -> pd.DataFrame:
    r"""Sales shares :math:`Y_{ij} = z_{ij} / \sum_j z_{ij}` (rows sum to one).

    Rows of industries that sell no intermediates are NaN.

    Parameters
    ----------
    Z : IOTable or DataFrame (n, n)
        Intermediate transactions (rows sell, columns buy), money units.

    Returns
    -------
    DataFrame (n, n)
        :math:`Y`, labelled like ``Z``; each row sums to one (unitless).

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419. Eq. (2).

    Examples
    --------
    >>> import pandas as pd
    >>> Z = pd.DataFrame([[1, 5, 0], [4, 1, 2], [0, 3, 6]], index=list("abc"), columns=list("abc"))
    >>> sales_shares(Z).loc["b"].round(4).tolist()     # row b: 4, 1, 2 of 7
    [0.5714, 0.1429, 0.2857]
    """
    return _shares(Z, axis=1)


def _standardize(M: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Centre and scale vectors along ``axis`` to unit norm; return them and their sd."""
    mu = np.nanmean(M, axis=axis, keepdims=True) if M.size else M
    C = M - mu
    sd = np.sqrt(np.sum(C * C, axis=axis, keepdims=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        S = np.where(sd > 0, C / np.where(sd > 0, sd, 1.0), 0.0)
    return S, sd.ravel()


def undefined_industries(Z: IOTable | pd.DataFrame, *, rtol: float = 1e-12) -> pd.Index:
    """Industries whose purchase column of ``X`` or sales row of ``Y`` is constant.

    A constant (or undefined, e.g. no intermediate purchases or no intermediate sales)
    pattern has zero variance, so its correlations with every other industry are
    undefined. Such industries must be dropped before :func:`linkage_matrix`.

    Parameters
    ----------
    Z : IOTable or DataFrame (n, n)
        Intermediate transactions (rows sell, columns buy), money units.
    rtol : float, default 1e-12
        Relative tolerance below which a pattern's spread counts as zero.

    Returns
    -------
    Index
        Labels of the industries with a constant or undefined pattern.

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.

    Examples
    --------
    >>> import pandas as pd
    >>> undefined_industries(pd.DataFrame([[0, 1], [0, 1]], index=list("ab"), columns=list("ab")))
    Index(['a', 'b'], dtype='object')
    """
    X = purchase_shares(Z).to_numpy()
    Y = sales_shares(Z).to_numpy()
    n = X.shape[0]
    bad_x = np.isnan(X).any(axis=0) | (np.nan_to_num(X).std(axis=0) <= rtol / max(n, 1))
    bad_y = np.isnan(Y).any(axis=1) | (np.nan_to_num(Y).std(axis=1) <= rtol / max(n, 1))
    labels = transactions_frame(Z).index
    return labels[bad_x | bad_y]


def _check_defined(Zf: pd.DataFrame, drop_constant: bool) -> pd.DataFrame:
    bad = undefined_industries(Zf)
    if len(bad) == 0:
        return Zf
    shown = ", ".join(map(str, bad[:10])) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
    if not drop_constant:
        raise ValidationError(
            f"industries with a constant or empty purchase or sales pattern make correlations undefined: {shown}; "
            "exclude them (exclude=[...] / --exclude) or pass drop_constant=True (--drop-constant)"
        )
    keep = Zf.index.difference(bad, sort=False)
    warnings.warn(
        f"dropped {len(bad)} industr{'y' if len(bad) == 1 else 'ies'} with a constant or empty purchase or sales "
        f"pattern: {shown}",
        ConstantIndustryWarning,
        stacklevel=3,
    )
    Zf = Zf.loc[keep, keep]
    # dropping industries changes the shares of the others; repeat until stable
    return _check_defined(Zf, drop_constant)


def linkage_correlations(Z: IOTable | pd.DataFrame, *, drop_constant: bool = False) -> dict[str, pd.DataFrame]:
    r"""The four Feser-Sweeney-Renski correlation matrices.

    .. math::

        \mathrm{xx}_{ij} = r(x_{\cdot i}, x_{\cdot j}),\quad
        \mathrm{yy}_{ij} = r(y_{i\cdot}, y_{j\cdot}),\quad
        \mathrm{xy}_{ij} = r(x_{\cdot i}, y_{j\cdot}),\quad
        \mathrm{yx}_{ij} = r(y_{i\cdot}, x_{\cdot j})

    ``xx``: similar input-purchasing patterns; ``yy``: similar output-selling patterns;
    ``xy``: buying pattern of ``i`` like the selling pattern of ``j``; ``yx``: selling
    pattern of ``i`` like the buying pattern of ``j`` (``yx = xyᵀ``).

    Parameters
    ----------
    Z : IOTable or DataFrame (n, n)
        Intermediate transactions.
    drop_constant : bool, default False
        Drop industries with constant/empty patterns (warning) instead of raising.

    Returns
    -------
    dict of str to DataFrame
        Keys ``"xx", "yy", "xy", "yx"``; each an (n, n) labelled correlation matrix.

    Raises
    ------
    ValidationError
        If an industry's pattern is constant or empty and ``drop_constant`` is false.

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.

    Examples
    --------
    >>> import pandas as pd
    >>> Z = pd.DataFrame([[1, 5, 0], [4, 1, 2], [0, 3, 6]], index=list("abc"), columns=list("abc"))
    >>> sorted(linkage_correlations(Z))
    ['xx', 'xy', 'yx', 'yy']
    >>> linkage_correlations(Z)["xx"].round(3).loc["a", "b"]
    np.float64(-0.721)
    """
    Zf = _check_defined(transactions_frame(Z), drop_constant)
    X = purchase_shares(Zf).to_numpy()
    Y = sales_shares(Zf).to_numpy()
    Xs, _ = _standardize(X, axis=0)  # each column unit norm
    Ys, _ = _standardize(Y, axis=1)  # each row unit norm
    xx = Xs.T @ Xs
    yy = Ys @ Ys.T
    xy = Xs.T @ Ys.T
    lab = Zf.index
    mk = lambda M: pd.DataFrame(np.clip(M, -1.0, 1.0), index=lab, columns=lab)  # noqa: E731
    return {"xx": mk(xx), "yy": mk(yy), "xy": mk(xy), "yx": mk(xy.T)}


def linkage_matrix(Z: IOTable | pd.DataFrame, *, drop_constant: bool = False, exclude: Sequence[str] = ()) -> pd.DataFrame:
    r"""The linkage matrix :math:`L_{ij} = \max\{r(x_{\cdot i},x_{\cdot j}), r(y_{i\cdot},y_{j\cdot}), r(x_{\cdot i},y_{j\cdot}), r(y_{i\cdot},x_{\cdot j})\}`.

    Symmetric with a unit diagonal; it is factor-analysed as a correlation matrix.

    Parameters
    ----------
    Z : IOTable or DataFrame (n, n)
        Intermediate transactions (rows sell, columns buy).
    drop_constant : bool, default False
        Drop industries whose purchase or sales pattern is constant or empty (they make
        the correlations undefined) with a warning; by default such industries raise a
        :class:`~valuechain.errors.ValidationError` naming them.
    exclude : sequence of str
        Industries removed from ``Z`` (rows and columns) before the shares are formed.

    Returns
    -------
    DataFrame (n, n)
        :math:`L`, labelled by industry, symmetric with a unit diagonal.

    Raises
    ------
    ValidationError
        If an industry's pattern is constant or empty and ``drop_constant`` is false.

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.
    .. [2] Feser, E. J. and Bergman, E. M. (2000). National industry cluster templates: a framework for applied regional cluster analysis. *Regional Studies* 34(1), 1-19. Sec. 3 of [1].

    Examples
    --------
    >>> import pandas as pd
    >>> Z = pd.DataFrame([[1, 5, 0], [4, 1, 2], [0, 3, 6]], index=list("abc"), columns=list("abc"))
    >>> linkage_matrix(Z).round(3).loc["a", "b"]
    np.float64(-0.577)
    """
    Zf = transactions_frame(Z)
    if exclude:
        Zf = Zf.loc[keep_industries(Zf.index, exclude), keep_industries(Zf.index, exclude)]
    c = linkage_correlations(Zf, drop_constant=drop_constant)
    L = np.maximum.reduce([c["xx"].to_numpy(), c["yy"].to_numpy(), c["xy"].to_numpy(), c["yx"].to_numpy()])
    np.fill_diagonal(L, 1.0)
    return pd.DataFrame(L, index=c["xx"].index, columns=c["xx"].columns)


def keep_industries(labels: pd.Index, exclude: Sequence[str]) -> pd.Index:
    """``labels`` without ``exclude``; a :class:`ValidationError` for an unknown label or fewer than 3 left."""
    if isinstance(exclude, str):
        exclude = [exclude]
    ex = [str(e) for e in exclude]
    unknown = sorted(set(ex) - set(labels))
    if unknown:
        raise ValidationError(
            f"excluded industr{'y' if len(unknown) == 1 else 'ies'} not in the table: {', '.join(unknown[:10])}; "
            f"use labels from the table (e.g. {', '.join(map(str, labels[:3]))})"
        )
    keep = labels.difference(pd.Index(ex), sort=False)
    if len(keep) < 3:
        raise ValidationError(f"only {len(keep)} industries left after exclusions; factor analysis needs at least 3")
    return keep


_keep = keep_industries  # former private name, kept for branches not yet merged
