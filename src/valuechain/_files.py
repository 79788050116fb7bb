"""Whole-or-nothing file output.

Every output of the package is built in a hidden temporary sibling of its target and
moved into place in one step, so a run that fails, is interrupted (SIGINT, SIGTERM) or
is refused leaves nothing behind and never a half-written file or folder.

* :func:`atomic_path` -- one file: a temporary file in the same folder, renamed onto the
  target when the block succeeds.
* :func:`atomic_dir` -- one folder (the report, ``trade``, ``survival`` ...): built in a
  temporary sibling and renamed into place. An existing non-empty target is refused
  unless ``overwrite=True`` (or :func:`output_policy` says so), which replaces it whole:
  no stale file survives. A lock next to the target (``.NAME.lock``, removed afterwards)
  makes a second run into the same target refuse instead of mixing its files in.
* :class:`Outputs` -- several outputs of one command, all or none: each is staged, and
  only when every one is written are they moved into place (with the previous versions
  restored should a move fail).

Created files get the mode the user's umask gives (``0644`` under ``022``); folders
likewise (``0755``). An output path below a regular file, a folder where a file is
expected (or the reverse), a read-only folder or a full disk raise a
:class:`~valuechain.errors.ValidationError` naming the user's path (never a temporary
name) and the fix.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # annotations only: pandas is imported by the writers that take frames
    import pandas as pd

from .errors import ValidationError

__all__ = [
    "atomic_path",
    "atomic_dir",
    "Outputs",
    "output_policy",
    "check_output_file",
    "check_output_dir",
    "output_error",
    "user_path",
    "install_signal_handlers",
    "write_csv",
    "write_text",
    "declare_inputs",
    "declared_inputs",
    "check_input_path",
    "check_not_input",
    "excel_safe_policy",
    "set_excel_safe",
    "excel_safe_text",
]

#: ``overwrite`` used by :func:`atomic_dir` when the caller does not say (set by the CLI's --overwrite)
_OVERWRITE: contextvars.ContextVar[bool] = contextvars.ContextVar("valuechain_overwrite", default=False)
#: the inputs of the running command (resolved paths): no output may be, hold or lie in one
_INPUTS: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("valuechain_inputs", default=())
#: prefix text cells that a spreadsheet would run as a formula (the CLI's --excel-safe, the report's CSVs)
_EXCEL_SAFE: contextvars.ContextVar[bool] = contextvars.ContextVar("valuechain_excel_safe", default=False)
#: temporary paths alive in this process (removed by the SIGTERM handler's exception, or at exit)
_LIVE: set[Path] = set()
_LIVE_LOCK = threading.Lock()


# ----------------------------------------------------------------------------- modes
def _umask() -> int:
    try:  # Linux >= 4.7: read it without changing it
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    m = os.umask(0o022)
    os.umask(m)
    return m


def file_mode() -> int:
    """Mode of a new output file: ``0o666`` less the umask (``0o644`` under ``022``)."""
    return 0o666 & ~_umask()


def dir_mode() -> int:
    """Mode of a new output folder: ``0o777`` less the umask (``0o755`` under ``022``)."""
    return 0o777 & ~_umask()


def _chmod_tree(root: Path) -> None:
    fm, dm = file_mode(), dir_mode()
    if root.is_dir():
        os.chmod(root, dm)
        for base, dirs, files in os.walk(root):
            for d in dirs:
                os.chmod(os.path.join(base, d), dm)
            for f in files:
                p = os.path.join(base, f)
                if not os.path.islink(p):
                    os.chmod(p, fm)
    else:
        os.chmod(root, fm)


# ----------------------------------------------------------------------------- checks
def output_error(exc: OSError, target: Path) -> ValidationError:
    """A one-line error about writing ``target`` (the user's path, never a temporary name)."""
    where = target.parent if str(target.parent) else Path(".")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ValidationError(f"cannot write {target}: permission denied in folder {where}; "
                               "choose a folder you can write to")
    if exc.errno == errno.ENOSPC:
        return ValidationError(f"cannot write {target}: no space left on the device; free some space or choose another folder")
    if exc.errno == errno.ENOTDIR:
        return ValidationError(f"cannot write {target}: a part of the path is a file, not a folder; choose another output path")
    if exc.errno == errno.ENAMETOOLONG:
        return ValidationError(f"cannot write {target}: the file name is too long; choose a shorter name")
    return ValidationError(f"cannot write {target}: {exc.strerror or exc}; check the output path")


def _check_ancestors(path: Path) -> None:
    for anc in reversed(path.parents):
        if str(anc) in ("", "."):
            continue
        if os.path.lexists(anc) and not anc.is_dir():
            raise ValidationError(f"cannot write {path}: {anc} is a file, not a folder; choose another output path")


_STAGED = re.compile(r"/\.([^/]+)\.[A-Za-z0-9_]{6,}\.tmp/\1(?=/|$)")
_TEMPFILE = re.compile(r"/\.([^/]+)\.[A-Za-z0-9_]{6,}\.tmp[^/]*$")


def user_path(path: str | os.PathLike) -> str:
    """The path the user gave for a staged or temporary output path (else ``path`` unchanged)."""
    p = os.fspath(path)
    q = _STAGED.sub(r"/\1", p)
    q = _TEMPFILE.sub(r"/\1", q)
    return q


def check_output_file(path: str | os.PathLike) -> Path:
    """Raise a clear error when ``path`` cannot be an output file (a folder, or below a file)."""
    p = Path(path)
    if not p.name or p.name in (".", ".."):
        raise ValidationError(f"{p} is not a file name; give a file such as out.csv")
    _check_ancestors(p)
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; give a file name such as {p.name}.csv")
    check_not_input(p)
    return p


def check_output_dir(path: str | os.PathLike, *, overwrite: bool | None = None) -> Path:
    """Raise a clear error when ``path`` cannot be an output folder.

    It must not be a file nor lie below one; an existing non-empty folder is refused
    unless ``overwrite`` (default: :func:`output_policy`'s).
    """
    p = Path(path)
    overwrite = _OVERWRITE.get() if overwrite is None else overwrite
    _check_ancestors(p)
    if os.path.lexists(p) and not p.is_dir():
        raise ValidationError(f"{p} is a file; the output needs a folder: give a new folder name")
    check_not_input(p, folder=True)
    if p.is_dir() and not overwrite:
        try:
            non_empty = any(p.iterdir())
        except OSError as exc:
            raise output_error(exc, p / "x") from None
        if non_empty:
            raise ValidationError(f"the folder {p} exists and is not empty; give a new folder, "
                                  "or pass --overwrite to replace it (its files are all removed)")
    return p


@contextlib.contextmanager
def output_policy(*, overwrite: bool) -> Iterator[None]:
    """Within the block, :func:`atomic_dir` calls without ``overwrite=`` use this value (the CLI's --overwrite)."""
    tok = _OVERWRITE.set(bool(overwrite))
    try:
        yield
    finally:
        _OVERWRITE.reset(tok)


# ----------------------------------------------------------------------------- inputs
def _resolve(p: str | os.PathLike) -> Path:
    return Path(os.path.abspath(os.path.expanduser(os.fspath(p)))).resolve(strict=False)


def check_input_path(path: str | os.PathLike) -> Path:
    """Refuse an input that is neither a regular file nor a folder (a FIFO, a device such as
    ``/dev/zero``, a socket): reading it would hang or never end. Returns ``path``."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except OSError:
        return p  # absent: the reader says "file not found"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else (
            "a device" if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) else "a socket" if stat.S_ISSOCK(mode) else "a special file")
        raise ValidationError(f"{p} is {kind}, not a regular file; give a file or folder saved on disk")
    return p


def declare_inputs(paths, *, add: bool = True) -> contextvars.Token:
    """Record ``paths`` as inputs of the running command (each checked by :func:`check_input_path`).

    Every output check (:func:`check_output_file`, :func:`check_output_dir`, :class:`Outputs`)
    then refuses an output that is an input, lies inside an input folder, or is a folder
    holding an input (:func:`check_not_input`). Returns the token to reset the record with
    (``_INPUTS.reset``-style, through :func:`declared_inputs`)."""
    new = []
    for p in paths:
        if p is None or (isinstance(p, str) and (not p or p.startswith(("builtin:", "shared:")))):
            continue
        check_input_path(p)
        new.append(_resolve(p))
    old = _INPUTS.get() if add else ()
    return _INPUTS.set(tuple(dict.fromkeys(old + tuple(new))))


@contextlib.contextmanager
def declared_inputs(paths) -> Iterator[None]:
    """Within the block, ``paths`` are the inputs of the run (see :func:`declare_inputs`)."""
    tok = declare_inputs(paths, add=False)
    try:
        yield
    finally:
        _INPUTS.reset(tok)


def _is_within(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_not_input(target: str | os.PathLike, *, folder: bool = False) -> None:
    """Refuse an output ``target`` that is an input, lies inside an input folder, or (a
    folder) contains an input of the run, after resolving symlinks; the inputs are those
    recorded by :func:`declare_inputs`."""
    inputs = _INPUTS.get()
    if not inputs:
        return
    t = _resolve(target)
    for i in inputs:
        if t == i:
            raise ValidationError(f"the output {target} is an input of this run; choose another output path "
                                  "(the input would be overwritten)")
        if _is_within(t, i) and i.is_dir():
            raise ValidationError(f"the output {target} lies inside the input folder {i}; choose an output outside it "
                                  "(files written there would change the input)")
        if _is_within(i, t):
            raise ValidationError(f"the output folder {target} holds the input {i}; choose another output folder "
                                  "(replacing it would delete the input)")


# ----------------------------------------------------------------------------- signals
class Terminated(KeyboardInterrupt):
    """Raised in the main thread on SIGTERM, so every ``finally`` block cleans up as on Ctrl-C."""


def _on_sigterm(signum, frame):  # pragma: no cover - exercised in a subprocess test
    raise Terminated()


def install_signal_handlers() -> None:
    """Make SIGTERM raise :class:`Terminated` (a KeyboardInterrupt) in the main thread.

    Temporary outputs are then removed by the same ``finally`` blocks as on Ctrl-C.
    Does nothing outside the main thread or when a handler other than the default is set.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    with contextlib.suppress(ValueError, OSError):
        if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, _on_sigterm)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while outputs are moved into place (delivered afterwards)."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not POSIX
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _live(p: Path, add: bool) -> None:
    with _LIVE_LOCK:
        (_LIVE.add if add else _LIVE.discard)(p)


def _remove(p: Path) -> None:
    with contextlib.suppress(OSError):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink()


def _cleanup_at_exit() -> None:  # pragma: no cover - safety net
    with _LIVE_LOCK:
        live = list(_LIVE)
    for p in live:
        _remove(p)


import atexit  # noqa: E402

atexit.register(_cleanup_at_exit)


# ----------------------------------------------------------------------------- parents and locks
def _make_parents(path: Path) -> list[Path]:
    """Create the missing parent folders of ``path``; return those created (outermost first)."""
    missing = []
    for anc in reversed(path.parents):
        if str(anc) in ("", ".") or anc.is_dir():
            continue
        missing.append(anc)
    made = []
    try:
        for d in missing:
            os.mkdir(d, dir_mode())
            made.append(d)
    except FileExistsError:
        if not missing or not missing[len(made)].is_dir():
            _remove_made(made)
            raise ValidationError(f"cannot write {path}: {missing[len(made)]} is a file, not a folder; choose another output path") from None
    except OSError as exc:
        _remove_made(made)
        raise output_error(exc, path) from None
    return made


def _remove_made(made: list[Path]) -> None:
    for d in reversed(made):
        with contextlib.suppress(OSError):
            d.rmdir()


class _DirLock:
    """An exclusive, non-blocking ``flock`` on ``.NAME.lock`` beside the target folder."""

    def __init__(self, target: Path):
        self.target = target
        self.path = target.parent / f".{target.name}.lock"
        self.fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        for _ in range(20):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise output_error(exc, self.target) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise ValidationError(f"another valuechain run is writing {self.target}; wait until it ends or choose another folder") from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self.fd = fd
                _live(self.path, True)
                return
            os.close(fd)  # the lock file was removed by the previous holder: take the new one
        raise ValidationError(f"cannot lock {self.target}; try again")  # pragma: no cover

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)
        self.fd = None
        _live(self.path, False)


# ----------------------------------------------------------------------------- staged outputs
class Outputs:
    """Stage several outputs and move them into place all together, or none of them.

    Use as a context manager; :meth:`file` and :meth:`dir` return the path to write to
    (inside a hidden staging folder next to the target, keeping the target's name). When
    the block ends without an exception every output is moved into place; otherwise (or
    when an output was not written) nothing is.

    Parameters
    ----------
    overwrite : bool, optional
        Replace existing non-empty target folders whole (default: :func:`output_policy`'s,
        i.e. ``False`` unless the CLI's ``--overwrite`` is given). Existing files are
        always replaced.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with Outputs() as out:
    ...     _ = out.file(d / "a.csv").write_text("x\\n")
    ...     _ = out.file(d / "b.csv").write_text("y\\n")
    >>> sorted(p.name for p in d.iterdir())
    ['a.csv', 'b.csv']
    """

    def __init__(self, *, overwrite: bool | None = None):
        self.overwrite = _OVERWRITE.get() if overwrite is None else bool(overwrite)
        self._staged: list[tuple[Path, Path, Path, str]] = []  # (target, stage folder, staged path, kind)
        self._made: list[Path] = []
        self._locks: list[_DirLock] = []
        self._targets: set[Path] = set()

    # -- staging
    def _stage(self, target: Path, kind: str) -> Path:
        key = Path(os.path.abspath(target))
        if key in self._targets:
            raise ValidationError(f"{target} is named twice as an output; give each output its own path")
        self._made += _make_parents(target)
        if kind == "dir":
            lock = _DirLock(target)
            lock.acquire()
            self._locks.append(lock)
            check_output_dir(target, overwrite=self.overwrite)  # again, under the lock
        try:
            stage = Path(tempfile.mkdtemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent if str(target.parent) else "."))
        except OSError as exc:
            raise output_error(exc, target) from None
        _live(stage, True)
        staged = stage / target.name
        if kind == "dir":
            staged.mkdir()
        self._staged.append((target, stage, staged, kind))
        self._targets.add(key)
        return staged

    def file(self, path: str | os.PathLike) -> Path:
        """Stage the output file ``path``; return the path to write it to."""
        return self._stage(check_output_file(path), "file")

    def dir(self, path: str | os.PathLike) -> Path:
        """Stage the output folder ``path`` (refused when non-empty unless ``overwrite``); return the folder to fill."""
        return self._stage(check_output_dir(path, overwrite=self.overwrite), "dir")

    # -- commit / discard
    def commit(self) -> list[Path]:
        """Move every staged output into place (all or none); return the targets."""
        for target, _, staged, kind in self._staged:
            if not os.path.lexists(staged):
                raise ValidationError(f"{target} was not written; nothing was written")  # pragma: no cover - a bug
            _chmod_tree(staged)
        done: list[tuple[Path, Path | None, bool]] = []  # (target, backup of the previous version, was an empty folder)
        with _signals_blocked():
            try:
                for target, stage, staged, kind in self._staged:
                    old, was_empty = None, False
                    if os.path.lexists(target):
                        if kind == "dir":
                            if any(target.iterdir()):
                                old = stage / ".previous"
                                os.rename(target, old)
                            else:
                                was_empty = True
                        elif target.is_dir():
                            raise ValidationError(f"{target} is a folder; give a file name")
                        else:
                            old = stage / ".previous"
                            try:
                                os.link(target, old)
                            except OSError:
                                shutil.copy2(target, old)
                    if kind == "file":
                        os.replace(staged, target)
                    else:
                        os.rename(staged, target)
                    done.append((target, old, was_empty))
            except BaseException as exc:
                for t, old, was_empty in reversed(done):  # put the previous versions back
                    with contextlib.suppress(OSError):
                        _remove(t)
                        if old is not None:
                            os.rename(old, t)
                        elif was_empty:
                            os.mkdir(t)
                if isinstance(exc, OSError):
                    raise output_error(exc, target) from None
                raise
        self._clean(removed_made=False)
        return [t for t, *_ in self._staged]

    def _clean(self, *, removed_made: bool) -> None:
        for _, stage, _, _ in self._staged:
            _remove(stage)
            _live(stage, False)
        for lock in self._locks:
            lock.release()
        if removed_made:
            _remove_made(self._made)
        self._staged, self._locks, self._made = [], [], []

    def discard(self) -> None:
        """Remove every staged output (and the folders created for them)."""
        self._clean(removed_made=True)

    def __enter__(self) -> "Outputs":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike, *, overwrite: bool | None = None) -> Iterator[Path]:
    """Yield a temporary folder; on success it replaces ``path`` in one step.

    An existing non-empty ``path`` is refused (:class:`ValidationError`) unless
    ``overwrite`` (default: :func:`output_policy`'s), which replaces the folder whole, so
    no file of an earlier run stays. A second run into the same ``path`` while this one
    writes is refused. On failure or interruption nothing changes and no temporary folder
    stays.
    """
    with Outputs(overwrite=overwrite) as out:
        yield out.dir(path)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    On any exception the temporary file is removed and ``path`` is left untouched; the
    file gets the umask's mode.
    """
    path = check_output_file(path)
    made = _make_parents(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp" + path.suffix[:20],
                                   dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        _remove_made(made)
        raise output_error(exc, path) from None
    os.close(fd)
    tmp_path = Path(tmp)
    _live(tmp_path, True)
    try:
        yield tmp_path
        os.chmod(tmp_path, file_mode())
        os.replace(tmp_path, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        _remove_made(made)
        if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError) and getattr(exc, "filename", None) in (str(tmp_path), tmp_path):
            raise output_error(exc, path) from None
        raise
    finally:
        _live(tmp_path, False)


#: first characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe_text(v: str) -> str:
    r"""``v`` prefixed with ``'`` when a spreadsheet would run it as a formula (it starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return and is not a plain number).

    Examples
    --------
    >>> excel_safe_text('=HYPERLINK("http://x")'), excel_safe_text("-3.5"), excel_safe_text("Oil")
    ('\'=HYPERLINK("http://x")', '-3.5', 'Oil')
    """
    if v and v[0] in FORMULA_STARTS:
        try:
            float(v)
            return v
        except ValueError:
            return "'" + v
    return v


def set_excel_safe(on: bool) -> None:
    """Make :func:`write_csv` prefix formula-like text by default (the CLI's ``--excel-safe``)."""
    _EXCEL_SAFE.set(bool(on))


@contextlib.contextmanager
def excel_safe_policy(on: bool = True) -> Iterator[None]:
    """Within the block, :func:`write_csv` writes excel-safe text unless told otherwise (the report's CSVs)."""
    tok = _EXCEL_SAFE.set(bool(on))
    try:
        yield
    finally:
        _EXCEL_SAFE.reset(tok)


def _csv_columns(df: pd.DataFrame, float_format: str, safe: bool = False) -> list[list[str]] | None:
    """The cells of ``df`` as text exactly as ``DataFrame.to_csv(float_format=...)`` writes
    them, or None for a frame outside the plain kinds (integers, booleans, floats, text)."""
    cols = []
    for name in df.columns:
        s = df[name]
        kind = s.dtype.kind
        if kind in "iu":
            cols.append([str(v) for v in s.tolist()])
        elif kind == "b":
            cols.append(["True" if v else "False" for v in s.tolist()])
        elif kind == "f":
            cols.append(["" if v != v else float_format % v for v in s.tolist()])
        elif kind == "O":
            vals = s.tolist()
            if not all(type(v) is str or v is None or (type(v) is float and v != v) for v in vals):
                return None
            cols.append([(excel_safe_text(v) if safe else v) if type(v) is str else "" for v in vals])
        else:
            return None
    return cols


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype.kind == "O":
            out[c] = out[c].map(lambda v: excel_safe_text(v) if isinstance(v, str) else v)
    out.columns = [excel_safe_text(c) if isinstance(c, str) else c for c in out.columns]
    if out.index.dtype.kind == "O":
        out.index = [excel_safe_text(v) if isinstance(v, str) else v for v in out.index]
    return out


def write_csv(df: pd.DataFrame, path: str | os.PathLike, *, index: bool = False, excel_safe: bool | None = None,
              **kwargs) -> Path:
    """Write ``df`` to ``path`` atomically (deterministic float format, LF line ends).

    A path ending in ``.dta`` (Stata) or ``.parquet`` is written in that format instead
    (:func:`valuechain._tablefiles.write_frame`: labels, provenance; CSV options ignored).

    With ``float_format`` and no index, a frame of plain columns (integers, booleans, floats,
    text) is formatted here and written by the :mod:`csv` module, byte for byte what
    ``DataFrame.to_csv`` writes (minimal quoting, empty cells for missing values) in a
    fraction of the time (pandas formats each float through Python: about 0.7 s for
    the 120,000-row RCA table of one country); any other frame goes to ``to_csv``.

    CSV injection policy: values are written exactly as they are, unless ``excel_safe``
    (default: the CLI's ``--excel-safe``, always on for the report's CSVs) -- then a text
    cell that a spreadsheet would run as a formula gets a leading ``'``
    (:func:`excel_safe_text`). Numbers are never changed.
    """

    if Path(path).suffix.lower() in (".dta", ".parquet"):  # Stata / Parquet, chosen by the suffix (issue 21)
        from ._tablefiles import write_frame

        with atomic_path(path) as tmp:
            write_frame(df, path, index=index, tmp=tmp)
        return Path(path)
    safe = _EXCEL_SAFE.get() if excel_safe is None else bool(excel_safe)
    kwargs.setdefault("lineterminator", "\n")
    fast = None
    if not index and set(kwargs) == {"lineterminator", "float_format"} and isinstance(kwargs["float_format"], str) \
            and df.columns.nlevels == 1 and len(df.columns) > 0:
        fast = _csv_columns(df, kwargs["float_format"], safe)
    with atomic_path(path) as tmp:
        if fast is None:
            (_safe_frame(df) if safe else df).to_csv(tmp, index=index, **kwargs)
        else:
            header = [excel_safe_text(str(c)) if safe else str(c) for c in df.columns]
            _write_cells(tmp, header, list(zip(*fast)), kwargs["lineterminator"])
    return Path(path)


def _write_cells(tmp: Path, header: list[str], rows: list, lineterminator: str) -> None:
    """Rows of text cells through the :mod:`csv` module (minimal quoting), as ``to_csv`` writes them."""
    import csv

    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator=lineterminator)
        w.writerow(header)
        if not any("\r" in v for row in rows for v in row):
            w.writerows(rows)
            return
        import io  # a carriage return inside a cell: quote it (the csv module quotes only the line end's characters)

        buf = io.StringIO()
        w2 = csv.writer(buf, lineterminator="\r\n")
        for row in rows:
            if any("\r" in v for v in row):
                buf.seek(0)
                buf.truncate()
                w2.writerow(row)
                fh.write(buf.getvalue()[:-2] + lineterminator)
            else:
                w.writerow(row)


def write_rows(columns: list[str], rows: list[list], path: str | os.PathLike, *, float_format: str = "%.10g",
               excel_safe: bool | None = None) -> Path:
    """Write ``rows`` (lists of int, float, bool, str or None) atomically, as :func:`write_csv`
    writes a frame of those columns: floats through ``float_format``, missing values (None,
    NaN) as empty cells, text under the same CSV-injection policy; no pandas needed.

    Parameters
    ----------
    columns : list of str
        The header.
    rows : list of list
        The cells, one list per row.
    path : path
        The CSV file.
    float_format : str, default "%.10g"
        The format of float cells.
    excel_safe : bool, optional
        Prefix text that a spreadsheet would run (default: the CLI's ``--excel-safe``).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_rows(["year", "value", "note"], [[2020, 1 / 3, None], [2021, float("nan"), "a, b"]], f)
    >>> print(f.read_text(), end="")
    year,value,note
    2020,0.3333333333,
    2021,,"a, b"
    """
    safe = _EXCEL_SAFE.get() if excel_safe is None else bool(excel_safe)

    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "True" if v else "False"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return "" if v != v else float_format % v
        return excel_safe_text(v) if safe else str(v)

    def flt(v: float) -> str:
        return "" if v != v else float_format % v

    # the common types by exact type (one dict lookup a cell); anything else (subclasses, numpy) through cell
    fast: dict = {float: flt, int: str, type(None): cell, bool: cell}
    if not safe:
        fast[str] = str
    get = fast.get
    header = [excel_safe_text(str(c)) if safe else str(c) for c in columns]
    with atomic_path(path) as tmp:
        _write_cells(tmp, header, [[get(type(v), cell)(v) for v in row] for row in rows], "\n")
    return Path(path)


def write_text(text: str, path: str | os.PathLike) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
