#!/usr/bin/env bash
# Issue #14's benchmark (docs/benchmarks.md): installs what is missing (PostgreSQL, Chromium, wrk), starts
# PostgreSQL as the test command does, makes a fresh cc_bench database, builds once and runs
# api/Api.Benchmarks, which seeds deterministic contacts, starts the API on 127.0.0.1 and prints one table
# of figures against their references from the same run. Not part of the test command; takes a while.
#   scripts/bench.sh [--runs N] [--popup-opens N] [--contacts N] [--seed N] [--only 1,5,7] [--out file.md]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_packages postgresql chromium wrk
ensure_postgres
ensure_database cc_bench --fresh
export CC_BENCH_OWNER="$CC_POSTGRES;Database=cc_bench"
export CC_BENCH_RUNTIME_ROLE="${CC_BENCH_RUNTIME_ROLE:-cc_test_app}"
export CC_BENCH_RUNTIME_PASSWORD="${CC_BENCH_RUNTIME_PASSWORD:-$CC_TEST_APP_DB_PASSWORD}"
export CC_CHROMIUM="${CC_CHROMIUM:-/usr/bin/chromium}"
export CC_EXTENSION_DIR="${CC_EXTENSION_DIR:-$REPO_ROOT/extension/dist}"

say "Building the benchmark and packaging the extension (Release)"
dotnet build api/Api.Benchmarks/Api.Benchmarks.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet publish extension/Extension/Extension.csproj -c Release -nologo -v q -clp:ErrorsOnly

say "Running the benchmark"
dotnet run --project api/Api.Benchmarks/Api.Benchmarks.csproj -c Release --no-build -- "$@"
