#!/usr/bin/env bash
# One complete practice loop on a built-in problem, in a scratch folder with its own state.
set -euo pipefail
mlprep="${MLPREP:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/mlprep}"
scratch="$(mktemp -d)"
export MLPREP_HOME="$scratch/state"
cd "$scratch"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "mlprep list"
"$mlprep" list
step "mlprep start attention   (writes ./attention.py and starts a 45-minute clock)"
"$mlprep" start attention
step "mlprep check   (the untouched stub: every test fails, and says why)"
if "$mlprep" check; then echo "the stub passed: that is a bug"; exit 1; fi
step "a correct solution replaces the stub (here: the reference), then mlprep check"
"$(dirname "$mlprep")/python" -c "import pathlib, mlprep.catalog as c; print((c.BUILTIN / 'solutions' / 'attention.py').read_text(), end='')" > attention.py
"$mlprep" check
step "mlprep status"
"$mlprep" status
step "mlprep reveal   (think-aloud script, reference, senior insights, follow-ups)"
"$mlprep" reveal --yes
step "done: the loop ran in $scratch"
