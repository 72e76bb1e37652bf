#!/usr/bin/env bash
# Runs every test of Extension.sln, end-to-end included: installs what is missing (PostgreSQL,
# Chromium), starts PostgreSQL, builds once, packages the extension, runs all test projects and
# leaves TRX results in TestResults/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_packages postgresql chromium
ensure_postgres
# Every run starts from empty test databases, so a run never depends on what an earlier one left.
ensure_database cc_api_tests --fresh
ensure_database cc_e2e_tests --fresh
ensure_database cc_api_startup_tests --fresh
export CC_TEST_POSTGRES="$CC_POSTGRES"
export CC_TEST_RUNTIME_PASSWORD="$CC_TEST_APP_DB_PASSWORD"
export CC_CHROMIUM="${CC_CHROMIUM:-/usr/bin/chromium}"
export CC_EXTENSION_DIR="$REPO_ROOT/extension/dist"

say "Building Extension.sln (Release)"
dotnet build Extension.sln -c Release -nologo -v q -clp:ErrorsOnly

say "Packaging the extension into extension/dist"
dotnet publish extension/Extension/Extension.csproj -c Release --no-build -nologo -v q -clp:ErrorsOnly

say "Running the tests"
rm -rf TestResults
status=0
dotnet test Extension.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults || status=$?

# One closing line over all projects, from the TRX files.
passed=0 failed=0 total=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
  total=$((total + $(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")))
done
echo
echo "Results in TestResults/ ($(ls TestResults/*.trx 2>/dev/null | wc -l) TRX files, $total tests)."
echo "Total: $passed passed, $failed failed"
if [ "$total" -eq 0 ]; then
  echo "error: no test ran" >&2
  exit 1
fi
exit "$status"
