"""Factor analysis of the linkage matrix: industrial clusters (Feser, Sweeney & Renski 2005).

The linkage matrix :math:`L` (:func:`~valuechain.clusters.linkage.linkage_matrix`) is
treated as a correlation matrix. Its factors are extracted by principal components,
retained by Kaiser's rule (eigenvalue at least one) or a fixed number, rotated by
varimax, and each factor's cluster is the set of industries whose rotated loading
exceeds a threshold (0.5 by default).

References
----------
.. [1] Feser, E., Sweeney, S. and Renski, H. (2005). A descriptive analysis of discrete
   U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.
.. [2] Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor
   analysis. *Psychometrika* 23(3), 187-200.
.. [3] Kaiser, H. F. (1960). The application of electronic computers to factor analysis.
   *Educational and Psychological Measurement* 20(1), 141-151 (eigenvalue-one rule).
.. [4] Samambayeva, A. and Fernández Grela, M. The identification of regional clusters in
   the Republic of Kazakhstan (the seed study: Tables 4-6).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ConvergenceError, ValidationError
from ..results import ResultMixin, identity_row
from .linkage import keep_industries, linkage_matrix, transactions_frame

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike

__all__ = ["principal_components", "varimax", "ClusterAnalysis", "ClusterResult"]


def principal_components(R: ArrayLike, n_factors: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    r"""Principal-component factor extraction from a correlation matrix.

    With the eigen-decomposition :math:`R = V \Lambda V^\top` (eigenvalues in
    decreasing order) the loadings of the first ``k`` factors are

    .. math:: \Lambda^{(k)} = V_{\cdot,1:k}\, \operatorname{diag}(\sqrt{\lambda_1},\dots,\sqrt{\lambda_k}).

    ``k`` defaults to Kaiser's rule: the number of eigenvalues :math:`\ge 1`. Each
    column's sign is chosen so that its loadings sum to a non-negative number.

    Parameters
    ----------
    R : array_like (n, n)
        A correlation matrix (symmetric, unit diagonal), e.g. :func:`linkage_matrix`.
    n_factors : int, optional
        Number of factors kept; default Kaiser's rule.

    Returns
    -------
    eigenvalues : ndarray (n,)
        All eigenvalues of ``R``, largest first.
    loadings : ndarray (n, k)

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.

    Examples
    --------
    >>> R = np.array([[1, .8, .1], [.8, 1, .2], [.1, .2, 1]])
    >>> ev, loadings = principal_components(R)
    >>> ev.round(4), loadings.shape          # one eigenvalue >= 1: one factor
    (array([1.8529, 0.9535, 0.1936]), (3, 1))
    """
    Ra = np.asarray(R, dtype=float)
    if Ra.ndim != 2 or Ra.shape[0] != Ra.shape[1]:
        raise ValidationError(f"a correlation matrix must be square; got shape {Ra.shape}")
    if not np.isfinite(Ra).all():
        raise ValidationError("the correlation matrix has a missing or infinite value")
    lam, V = np.linalg.eigh((Ra + Ra.T) / 2.0)
    order = np.argsort(lam)[::-1]
    lam, V = lam[order], V[:, order]
    k = int((lam >= 1.0).sum()) if n_factors is None else int(n_factors)
    if n_factors is not None and not (1 <= k <= Ra.shape[0]):
        raise ValidationError(f"n_factors must be between 1 and {Ra.shape[0]}; got {n_factors}")
    if k < 1:
        raise ValidationError("no eigenvalue of the linkage matrix is >= 1; pass n_factors to retain factors anyway")
    if (lam[:k] <= 0).any():
        raise ValidationError(
            f"only {(lam > 0).sum()} positive eigenvalues; ask for at most that many factors (n_factors)"
        )
    load = V[:, :k] * np.sqrt(lam[:k])[None, :]
    return lam, _orient(load)


def _orient(load: np.ndarray) -> np.ndarray:
    signs = np.sign(load.sum(axis=0))
    signs[signs == 0] = 1.0
    return load * signs[None, :]


def varimax(loadings: ArrayLike, *, normalize: bool = True, max_iter: int = 20000, tol: float = 1e-14) -> tuple[np.ndarray, np.ndarray]:
    r"""Varimax rotation of a loadings matrix.

    Finds the orthogonal :math:`T` maximising
    :math:`\sum_k \big[\tfrac1p\sum_i \lambda_{ik}^4 - (\tfrac1p\sum_i \lambda_{ik}^2)^2\big]`
    for :math:`\Lambda^* = \Lambda T`, by the SVD iteration
    :math:`T \leftarrow UW^\top` with :math:`U S W^\top = \operatorname{svd}\big(\Lambda^\top(\Lambda T)^{\circ 3} - \tfrac1p \Lambda^\top \Lambda T\, \operatorname{diag}(\mathbf 1^\top (\Lambda T)^{\circ 2})\big)`.

    Parameters
    ----------
    loadings : array (p, k)
    normalize : bool, default True
        Kaiser normalisation: rows are scaled to unit length before rotating and scaled
        back after (the default of R's ``varimax``, SPSS and factor_analyzer).
    max_iter : int, default 20000
    tol : float, default 1e-14
        Stop when the criterion's relative increase is below ``tol`` (the SVD
        iteration converges slowly; 1e-14 agrees with factor_analyzer run to
        convergence to about 1e-15).

    Returns
    -------
    rotated : ndarray (p, k)
        Rotated loadings, each column's sign chosen so its loadings sum to >= 0.
    T : ndarray (k, k)
        The rotation (``rotated = loadings @ T`` up to column signs).

    References
    ----------
    .. [1] Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor analysis. *Psychometrika* 23(3), 187-200.

    Examples
    --------
    >>> R = np.array([[1, .8, .1], [.8, 1, .2], [.1, .2, 1]])
    >>> rotated, T = varimax(principal_components(R, 2)[1])
    >>> rotated.round(2)
    array([[0.95, 0.01],
           [0.94, 0.14],
           [0.08, 1.  ]])
    """
    A = np.asarray(loadings, dtype=float)
    p, k = A.shape
    if k < 2:
        return _orient(A.copy()), np.eye(k)
    h = np.sqrt((A * A).sum(axis=1)) if normalize else np.ones(p)
    h = np.where(h > 0, h, 1.0)
    X = A / h[:, None]
    T = np.eye(k)
    d = 0.0
    for _ in range(int(max_iter)):
        B = X @ T
        G = X.T @ (B**3 - B * ((B * B).sum(axis=0) / p)[None, :])
        U, S, Wt = np.linalg.svd(G)
        T = U @ Wt
        d_old, d = d, S.sum()
        if d_old != 0 and d < d_old * (1.0 + tol):
            break
    else:
        raise ConvergenceError(f"varimax did not converge in {max_iter} iterations; raise max_iter")
    rot = (X @ T) * h[:, None]
    signs = np.sign(rot.sum(axis=0))
    signs[signs == 0] = 1.0
    return rot * signs[None, :], T * signs[None, :]


@dataclass(frozen=True, eq=False)
class ClusterResult(ResultMixin):
    """The fitted clusters of a :class:`ClusterAnalysis` (its ``result_``).

    Attributes
    ----------
    table : DataFrame
        One row per factor × industry (see :attr:`ClusterAnalysis.table`).
    factors, scree : DataFrame
        One row per retained factor; the eigenvalues of the linkage matrix.
    loadings, unrotated_loadings : DataFrame
        Industries × factors.
    clusters : dict
        Factor number -> member industries by descending loading.
    flags : tuple of str
        Provenance flags of the input table.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from valuechain.clusters import ClusterAnalysis
    >>> rng = np.random.default_rng(0)
    >>> Z = pd.DataFrame(rng.gamma(1.0, size=(8, 8)), index=list("abcdefgh"), columns=list("abcdefgh"))
    >>> ca = ClusterAnalysis(threshold=0.5).fit(Z)
    >>> res = ca.result_
    >>> res.loadings.shape[0], sorted(res.clusters) == list(range(1, len(res.clusters) + 1))
    (8, True)
    """

    table: pd.DataFrame
    factors: pd.DataFrame
    scree: pd.DataFrame
    loadings: pd.DataFrame
    unrotated_loadings: pd.DataFrame
    clusters: dict
    flags: tuple[str, ...] = ()
    text: str = field(default="", repr=False)
    title = "Feser-Sweeney-Renski clusters"

    def _identity_rows(self) -> list[dict]:
        # an orthogonal rotation keeps every industry's communality (row sum of squared loadings)
        h_rot = (self.loadings.to_numpy() ** 2).sum(axis=1)
        h_unrot = (self.unrotated_loadings.to_numpy() ** 2).sum(axis=1)
        lam = self.scree["eigenvalue"].to_numpy()
        n = len(lam)
        return [
            identity_row("rotation keeps the communalities", float(np.max(np.abs(h_rot - h_unrot), initial=0.0)), rtol=1e-8),
            identity_row("eigenvalues sum to the number of industries", abs(float(lam.sum()) - n), scale=max(n, 1), rtol=1e-8),
        ]

    def summary(self) -> str:
        return self.text or ResultMixin.summary(self)


class ClusterAnalysis:
    r"""Industrial clusters by factor analysis of the linkage matrix (Feser, Sweeney & Renski 2005).

    Steps: purchase shares :math:`X_{ij}=z_{ij}/\sum_i z_{ij}` and sales shares
    :math:`Y_{ij}=z_{ij}/\sum_j z_{ij}`; :math:`L_{ij}` = the largest of the four
    correlations :math:`r(x_{\cdot i},x_{\cdot j})`, :math:`r(y_{i\cdot},y_{j\cdot})`,
    :math:`r(x_{\cdot i},y_{j\cdot})`, :math:`r(y_{i\cdot},x_{\cdot j})`; principal-component
    extraction of :math:`L` as a correlation matrix; Kaiser's rule (eigenvalue
    :math:`\ge 1`) unless ``n_factors`` is given; varimax rotation; members of factor
    ``k`` are the industries with rotated loading :math:`> \text{threshold}`.

    Parameters
    ----------
    threshold : float, default 0.5
        Membership cut-off for rotated loadings (Feser et al. 2005; the seed study).
    exclude : sequence of str, default ()
        Industries left out (e.g. primary or local-serving sectors such as public
        administration, retail, private households).
    exclude_from : {"analysis", "membership"}, default "analysis"
        ``"analysis"``: the excluded industries are removed from ``Z`` before the linkage
        matrix is formed. ``"membership"``: they take part in the factor analysis but
        are never members (the seed study "eliminated primary locally-serving sectors
        from results").
    n_factors : int or None, default None
        Number of factors; ``None`` applies Kaiser's rule.
    rotation : {"varimax", None}, default "varimax"
    normalize : bool, default True
        Kaiser row normalisation in varimax.
    drop_constant : bool, default False
        Drop industries with constant/empty purchase or sales patterns instead of
        raising an error that names them.

    Attributes (after :meth:`fit`)
    ------------------------------
    linkage_ : DataFrame (n, n)
        The linkage matrix :math:`L`.
    eigenvalues_ : Series (n,)
        All eigenvalues of :math:`L`, largest first (the scree).
    unrotated_loadings_ : DataFrame (n, k)
    loadings_ : DataFrame (n, k)
        Rotated loadings; column ``k`` belongs to the ``k``-th largest eigenvalue.
    clusters_ : dict[int, list[str]]
        Members of each factor, by decreasing loading.
    table : DataFrame
        One row per factor × industry (all industries): ``factor, industry, loading,
        eigenvalue, variance_share, member`` (+ ``rotated_variance_share``, ``excluded``).

    Notes
    -----
    ``eigenvalue`` is the eigenvalue of :math:`L` before rotation (the number Kaiser's
    rule uses) and ``variance_share`` = eigenvalue / n, as reported in the seed study
    ("eigenvalue 13.75 ... explains 23.71 per cent" of 58 industries). Rotation
    redistributes variance among the retained factors; ``rotated_variance_share`` is
    each rotated factor's sum of squared loadings / n.

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.
    .. [2] Feser, E. J. and Bergman, E. M. (2000). National industry cluster templates: a framework for applied regional cluster analysis. *Regional Studies* 34(1), 1-19.
    .. [3] Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor analysis. *Psychometrika* 23(3), 187-200.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> Z = pd.DataFrame(rng.gamma(1.0, size=(8, 8)), index=list("abcdefgh"), columns=list("abcdefgh"))
    >>> ca = ClusterAnalysis(threshold=0.5).fit(Z)
    >>> ca.loadings_.shape[0]
    8
    """

    def __init__(
        self,
        threshold: float = 0.5,
        *,
        exclude: Sequence[str] = (),
        exclude_from: str = "analysis",
        n_factors: int | None = None,
        rotation: str | None = "varimax",
        normalize: bool = True,
        drop_constant: bool = False,
    ) -> None:
        if not (0.0 < float(threshold) < 1.0):
            raise ValidationError(f"threshold must be between 0 and 1; got {threshold}")
        if exclude_from not in ("analysis", "membership"):
            raise ValidationError(f"exclude_from must be 'analysis' or 'membership'; got {exclude_from!r}")
        if rotation not in ("varimax", None, "none"):
            raise ValidationError(f"rotation must be 'varimax' or None; got {rotation!r}")
        if n_factors is not None and int(n_factors) < 1:
            raise ValidationError(f"n_factors must be a positive integer or None; got {n_factors}")
        self.threshold = float(threshold)
        self.exclude = [exclude] if isinstance(exclude, str) else list(exclude)
        self.exclude_from = exclude_from
        self.n_factors = None if n_factors is None else int(n_factors)
        self.rotation = None if rotation in (None, "none") else rotation
        self.normalize = normalize
        self.drop_constant = drop_constant

    # ------------------------------------------------------------------ fit
    def fit(self, table_or_Z) -> "ClusterAnalysis":
        """Compute the linkage matrix, extract and rotate factors, assign members."""
        Zf = transactions_frame(table_or_Z)
        is_frame = isinstance(table_or_Z, (pd.DataFrame, np.ndarray))
        self.flags_ = () if is_frame else tuple(getattr(table_or_Z, "flags", ()) or ())
        self.source_name_ = "" if is_frame else str(getattr(table_or_Z, "name", "") or "")
        if self.exclude:
            keep = keep_industries(Zf.index, self.exclude)
            excluded = [str(e) for e in self.exclude]
            if self.exclude_from == "analysis":
                Zf = Zf.loc[keep, keep]
        else:
            excluded = []
        L = linkage_matrix(Zf, drop_constant=self.drop_constant)
        n = L.shape[0]
        lam, load = principal_components(L.to_numpy(), self.n_factors)
        k = load.shape[1]
        names = pd.RangeIndex(1, k + 1, name="factor")
        self.linkage_ = L
        self.eigenvalues_ = pd.Series(lam, index=pd.RangeIndex(1, n + 1, name="component"), name="eigenvalue")
        self.unrotated_loadings_ = pd.DataFrame(load, index=L.index, columns=names)
        if self.rotation == "varimax":
            rot, T = varimax(load, normalize=self.normalize)
        else:
            rot, T = load, np.eye(k)
        self.rotation_matrix_ = T
        self.loadings_ = pd.DataFrame(rot, index=L.index, columns=names)
        self.n_industries_ = n
        self.excluded_ = excluded
        self.dropped_ = sorted(set(Zf.index) - set(L.index))
        eligible = ~L.index.isin(excluded)
        member = (rot > self.threshold) & eligible[:, None]
        self.members_ = pd.DataFrame(member, index=L.index, columns=names)
        self.clusters_ = {
            int(f): list(self.loadings_.index[member[:, j]][np.argsort(-rot[member[:, j], j], kind="stable")])
            for j, f in enumerate(names)
        }
        self.result_ = ClusterResult(
            table=self.table, factors=self.factors, scree=self.scree, loadings=self.loadings_,
            unrotated_loadings=self.unrotated_loadings_, clusters=dict(self.clusters_), flags=tuple(self.flags_),
            text=self.summary(),
        )
        return self

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """The identities of the fit (see :class:`ClusterResult`)."""
        self._check_fitted()
        return self.result_.check(rtol=rtol)

    def identities_hold(self, *, rtol: float | None = None) -> bool:
        self._check_fitted()
        return self.result_.identities_hold(rtol=rtol)

    # --------------------------------------------------------------- views
    def _check_fitted(self) -> None:
        if not hasattr(self, "loadings_"):
            raise ValidationError("this ClusterAnalysis is not fitted yet; call .fit(table) first")

    @property
    def factors(self) -> pd.DataFrame:
        """One row per retained factor: eigenvalue, variance shares, number of members, top members."""
        self._check_fitted()
        k = self.loadings_.shape[1]
        n = self.n_industries_
        lam = self.eigenvalues_.to_numpy()[:k]
        ss = (self.loadings_.to_numpy() ** 2).sum(axis=0)
        return pd.DataFrame(
            {
                "factor": self.loadings_.columns.to_numpy(),
                "eigenvalue": lam,
                "variance_share": lam / n,
                "cumulative_share": np.cumsum(lam) / n,
                "rotated_variance_share": ss / n,
                "n_members": self.members_.sum(axis=0).to_numpy(),
                "members": ["; ".join(self.clusters_[int(f)]) for f in self.loadings_.columns],
            }
        )

    @property
    def table(self) -> pd.DataFrame:
        """One row per factor × industry (every industry): factor, industry, loading, eigenvalue, variance_share, member."""
        self._check_fitted()
        k = self.loadings_.shape[1]
        n = self.n_industries_
        ind = self.loadings_.index.to_numpy()
        lam = self.eigenvalues_.to_numpy()[:k]
        ss = (self.loadings_.to_numpy() ** 2).sum(axis=0)
        out = pd.DataFrame(
            {
                "factor": np.repeat(np.arange(1, k + 1), n),
                "industry": np.tile(ind, k),
                "loading": self.loadings_.to_numpy().T.ravel(),
                "eigenvalue": np.repeat(lam, n),
                "variance_share": np.repeat(lam / n, n),
                "member": self.members_.to_numpy().T.ravel(),
                "rotated_variance_share": np.repeat(ss / n, n),
                "excluded": np.tile(np.isin(ind, self.excluded_), k),
            }
        )
        if self.exclude_from == "analysis" and self.excluded_:
            extra = pd.DataFrame(
                {
                    "factor": np.repeat(np.arange(1, k + 1), len(self.excluded_)),
                    "industry": np.tile(self.excluded_, k),
                    "loading": np.nan,
                    "eigenvalue": np.repeat(lam, len(self.excluded_)),
                    "variance_share": np.repeat(lam / n, len(self.excluded_)),
                    "member": False,
                    "rotated_variance_share": np.repeat(ss / n, len(self.excluded_)),
                    "excluded": True,
                }
            )
            out = pd.concat([out, extra], ignore_index=True).sort_values(["factor"], kind="stable", ignore_index=True)
        if self.flags_:
            out["flags"] = "; ".join(self.flags_)
        return out

    @property
    def scree(self) -> pd.DataFrame:
        """Eigenvalues of L with their shares and whether Kaiser's rule retains them."""
        self._check_fitted()
        lam = self.eigenvalues_.to_numpy()
        k = self.loadings_.shape[1]
        return pd.DataFrame(
            {
                "component": np.arange(1, lam.size + 1),
                "eigenvalue": lam,
                "variance_share": lam / lam.size,
                "retained": np.arange(lam.size) < k,
            }
        )

    def summary(self) -> str:
        """Plain-text report: the retained factors and their member industries."""
        self._check_fitted()
        k = self.loadings_.shape[1]
        rule = "Kaiser's rule (eigenvalue >= 1)" if self.n_factors is None else f"n_factors={self.n_factors}"
        head = [
            f"Feser-Sweeney-Renski clusters{f' of {self.source_name_}' if self.source_name_ else ''}: "
            f"{self.n_industries_} industries, {k} factors by {rule}, "
            f"{self.rotation or 'no'} rotation, threshold {self.threshold:g}",
            f"retained factors explain {self.eigenvalues_.iloc[:k].sum() / self.n_industries_:.1%} of the variance",
        ]
        if self.flags_:
            head.append("data flags: " + "; ".join(self.flags_))
        if self.excluded_:
            head.append(f"excluded ({self.exclude_from}): " + ", ".join(self.excluded_))
        if self.dropped_:
            head.append("dropped (constant patterns): " + ", ".join(self.dropped_))
        lines = []
        for f, row in self.factors.set_index("factor").iterrows():
            lines.append(f"factor {f}: eigenvalue {row.eigenvalue:.3f} ({row.variance_share:.1%}), {row.n_members} members")
            for ind in self.clusters_[int(f)]:
                lines.append(f"    {ind:<40} {self.loadings_.at[ind, f]:.4f}")
        return "\n".join(head + lines)

    def _repr_html_(self) -> str:
        self._check_fitted()
        head = "<br>".join(html.escape(s) for s in self.summary().splitlines()[:3])
        return f"<div><p>{head}</p>{self.factors.to_html(index=False, float_format=lambda v: f'{v:.4f}')}</div>"

    def __repr__(self) -> str:
        state = f", fitted: {self.loadings_.shape[1]} factors" if hasattr(self, "loadings_") else ""
        return f"ClusterAnalysis(threshold={self.threshold}, n_factors={self.n_factors}, rotation={self.rotation!r}{state})"

    def scree_chart(self, **kwargs):
        """The scree plot (an Altair chart; see :func:`valuechain.clusters.plots.scree_chart`)."""
        from .plots import scree_chart

        return scree_chart(self, **kwargs)
