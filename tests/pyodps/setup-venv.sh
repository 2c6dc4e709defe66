#!/usr/bin/env bash
# Creates (once) a Python virtualenv with pyodps for the reference-vector tests and prints its python path.
# Usage: setup-venv.sh <venv-dir>     (the tests pass a folder under the build dir, so it is cached per build)
# Exit codes: 0 ok (last stdout line = python executable), 3 python3/venv/pip unavailable.
set -euo pipefail
venv="${1:?usage: setup-venv.sh <venv-dir>}"
stamp="$venv/.pyodps-0.13.2-ok"
if [[ -f "$stamp" && -x "$venv/bin/python" ]]; then
  echo "$venv/bin/python"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "setup-venv.sh: python3 is not installed" >&2
  exit 3
fi
if ! python3 -m venv "$venv" >&2; then
  echo "setup-venv.sh: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2
  exit 3
fi
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyodps==0.13.2" "pandas>=2,<3" >&2; then
  echo "setup-venv.sh: pip install pyodps failed (no network access to PyPI?)" >&2
  exit 3
fi
touch "$stamp"
echo "$venv/bin/python"
