#!/usr/bin/env bash
# The package as a user gets it: build the wheel and sdist from the repository, install the
# wheel (not the work tree) in a fresh virtual environment, and run the CLI and a small test
# subset against the installed copy. Called by .ci/run; runnable alone: bash .ci/wheel_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/valuechain-wheel.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$PY" -m build --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
WHEEL=$(ls "$WORK"/dist/valuechain-*.whl)
ls "$WORK"/dist/valuechain-*.tar.gz >/dev/null
# the wheel holds the report templates and the bundled example data
# (the listing is written to a file first: grep -q closing the pipe early would fail the pipeline)
"$PY" -m zipfile -l "$WHEEL" > "$WORK/wheel-files.txt"
for f in valuechain/report/templates/report.html.j2 valuechain/data/demo_example.toml; do
  grep -q "$f" "$WORK/wheel-files.txt" || { echo "wheel lacks $f"; exit 1; }
done
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --upgrade pip
"$WORK/venv/bin/python" -m pip install -q "$WHEEL" pytest hypothesis pyreadstat
# from an empty folder, with no PYTHONPATH: the installed copy is the one imported
mkdir "$WORK/run" && cd "$WORK/run"
export VALUECHAIN_DATA="${VALUECHAIN_DATA:-$(cd "$ROOT/.." && pwd)/shared/data}"
env -u PYTHONPATH "$WORK/venv/bin/python" - <<'PY'
import valuechain
assert "site-packages" in valuechain.__file__, valuechain.__file__
print("installed:", valuechain.__file__, valuechain.__version__)
PY
env -u PYTHONPATH "$WORK/venv/bin/valuechain" --version
env -u PYTHONPATH "$WORK/venv/bin/valuechain" demo --example example -o "$WORK/run/demo" --no-png -q
test -s "$WORK/run/demo/index.html" && test -s "$WORK/run/demo/tables.xlsx"
# a small subset of the tests, copied out of the work tree so that pyproject's pythonpath does not apply
mkdir -p "$WORK/run/t/datasets" "$WORK/run/t/leontief"
cp "$ROOT/tests/conftest.py" "$ROOT/tests/test_tablefiles.py" "$WORK/run/t/"
cp "$ROOT/tests/datasets/test_importers.py" "$WORK/run/t/datasets/"
cp "$ROOT/tests/leontief/conftest.py" "$ROOT/tests/leontief/test_multipliers.py" "$WORK/run/t/leontief/"
printf '[pytest]\naddopts = -ra\nmarkers =\n    slow: slow\n    spark: spark\n    browser: browser\n' > "$WORK/run/pytest.ini"
env -u PYTHONPATH "$WORK/venv/bin/python" -m pytest -q -p no:cacheprovider -m "not slow" -c "$WORK/run/pytest.ini" --rootdir "$WORK/run" "$WORK/run/t"
echo "wheel check: $(basename "$WHEEL") installed in a fresh venv; demo and the test subset passed"
