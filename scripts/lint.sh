#!/usr/bin/env bash
# Lint of the lines and files changed since BASE: `git clang-format --diff` (.clang-format) on the changed lines
# of .cpp/.h files, then clang-tidy (.clang-tidy) on the changed .cpp files of engine/, widgets/ and app/.
# Exits 1 with the findings when either finds something, 2 when a tool or the compile database is missing.
# It installs nothing: scripts/install-deps.sh does (clang-format, clang-tidy).
#
#   bash scripts/lint.sh [BASE]
#
# BASE, when not given:
#   - on a branch that has commits of its own beside `main` (or `origin/main`): the merge-base with it, so a
#     branch is checked for everything it would land;
#   - otherwise (on main itself, as CI is on a fresh clone where only main exists): the commit named in
#     .lint-base, the tree's lint baseline, so CI checks every change landed after it, however many commits a
#     submission has; without that file, HEAD's first parent (the last landed change).
# .lint-base names the last commit whose CI run passed this script, clang-tidy included, on every file changed
# since the baseline before it (first the whole-tree format, 95f5be8, then 62ad15f, then acf8c0b, whose CI run
# checked 78 files in ~4 min of the 40 CI has, then 096d55b, whose CI run passed with no .cpp changed since acf8c0b).
# Move it forward to such a commit when a round starts, never past a change CI has not linted; clang-tidy checks the
# files changed after it. When .clang-tidy gains a check, run it on the whole tree once:
# bash scripts/lint.sh $(git rev-list --max-parents=0 HEAD). Formatting is checked on every tracked .cpp/.h file,
# so the tree stays formatted as a whole.
# Uncommitted changes in the work tree are checked too.
#
# clang-tidy needs the build's compile_commands.json: KMSYNC_BUILD_DIR (default build/, as scripts/test.sh
# uses) configured by CMake, which exports it (CMAKE_EXPORT_COMPILE_COMMANDS is on in CMakeLists.txt). Files the
# database does not know (fuzz targets not built, say) are skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${KMSYNC_BUILD_DIR:-$root/build}

fail_setup() {
  echo "lint.sh: $*" >&2
  exit 2
}
command -v clang-format >/dev/null || fail_setup "clang-format is not installed (bash scripts/install-deps.sh)"
command -v git-clang-format >/dev/null || fail_setup "git-clang-format is not installed (Debian: clang-format)"
command -v clang-tidy >/dev/null || fail_setup "clang-tidy is not installed (bash scripts/install-deps.sh)"

base=${1:-}
if [ -z "$base" ]; then
  main=
  for candidate in main origin/main; do
    if git rev-parse --verify --quiet "$candidate^{commit}" >/dev/null; then
      main=$candidate
      break
    fi
  done
  recorded=$(sed -n '1{s/[^0-9a-f]//g;p;}' .lint-base 2>/dev/null || true)
  if [ -n "$main" ] && fork=$(git merge-base HEAD "$main") && [ "$fork" != "$(git rev-parse HEAD)" ]; then
    base=$fork
    echo "lint.sh: checking the changes since the merge-base with $main (${base:0:12})"
  elif [ -n "$recorded" ] && git rev-parse --verify --quiet "$recorded^{commit}" >/dev/null; then
    base=$recorded
    echo "lint.sh: checking every change since the lint baseline in .lint-base (${base:0:12})"
  elif git rev-parse --verify --quiet 'HEAD^1' >/dev/null; then
    base=$(git rev-parse 'HEAD^1')
    echo "lint.sh: checking the last change, $(git log -1 --format='%h %s' HEAD)"
  else
    base=$(git hash-object -t tree /dev/null) # a single commit: everything is new
    echo "lint.sh: checking every file (the repository has one commit)"
  fi
fi
git rev-parse --verify --quiet "$base^{commit}" >/dev/null || git rev-parse --verify --quiet "$base^{tree}" >/dev/null \
  || fail_setup "BASE '$base' is not a commit"

status=0

# 1. Formatting: the changed lines (with the fix command), then every tracked file, which the whole-tree
# format commit (95f5be8) made clean and which must stay so.
format_diff=$(git clang-format --quiet --diff --extensions cpp,h "$base" -- 2>&1) || true
if [ -n "$format_diff" ] && ! grep -qiE '^(no modified files to format|clang-format did not modify any files)' \
  <<<"$format_diff"; then
  echo "$format_diff"
  echo "lint.sh: the changed lines above are not formatted as .clang-format says;" \
    "fix them with: git clang-format $base" >&2
  status=1
fi
mapfile -t unformatted < <(git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run 2>&1 \
  | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: code should be clang-formatted.*/\1/p' | sort -u)
if [ "${#unformatted[@]}" -gt 0 ]; then
  printf '  %s\n' "${unformatted[@]}"
  echo "lint.sh: the ${#unformatted[@]} file(s) above are not formatted as .clang-format says;" \
    "fix them with: clang-format -i FILE" >&2
  status=1
fi

# 2. clang-tidy on the changed .cpp files of the product (tests are not checked).
mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- 'engine/*.cpp' 'widgets/*.cpp' 'app/*.cpp')
if [ "${#files[@]}" -gt 0 ]; then
  [ -f "$build/compile_commands.json" ] \
    || fail_setup "$build/compile_commands.json is missing: configure the build first (scripts/test.sh does)"
  checked=()
  for f in "${files[@]}"; do
    if grep -qF "\"$root/$f\"" "$build/compile_commands.json"; then
      checked+=("$f")
    else
      echo "lint.sh: $f is not in the compile database; clang-tidy skips it"
    fi
  done
  if [ "${#checked[@]}" -gt 0 ]; then
    echo "lint.sh: clang-tidy on ${#checked[@]} file(s)"
    tidy_log=$(mktemp)
    trap 'rm -f "$tidy_log"' EXIT
    if ! printf '%s\n' "${checked[@]}" \
      | xargs -P "$(nproc)" -n 1 clang-tidy -p "$build" --quiet >"$tidy_log" 2>/dev/null \
      || grep -qE '(warning|error): ' "$tidy_log"; then
      cat "$tidy_log"
      echo "lint.sh: clang-tidy found the problems above (.clang-tidy lists the checks)" >&2
      status=1
    fi
  fi
fi

if [ "$status" -eq 0 ]; then
  echo "lint.sh: no findings"
fi
exit "$status"
