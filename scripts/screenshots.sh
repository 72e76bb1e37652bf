#!/usr/bin/env bash
# Redoes the README's screenshots (docs/screenshots/*.png): builds and packages the extension, starts
# PostgreSQL like the test command, and drives the real extension in headless Chromium against the
# real API (e2e-tests/E2E.Tests/ReadmeScreenshots.cs). Run it whenever the UI changes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_packages postgresql chromium
ensure_postgres
# A database of its own, so a test run and a screenshot run never meet.
ensure_database cc_e2e_tests_screenshots --fresh
export CC_TEST_DATABASE_SUFFIX=_screenshots
export CC_TEST_POSTGRES="$CC_POSTGRES"
export CC_TEST_RUNTIME_PASSWORD="$CC_TEST_APP_DB_PASSWORD"
export CC_CHROMIUM="${CC_CHROMIUM:-/usr/bin/chromium}"
export CC_EXTENSION_DIR="$REPO_ROOT/extension/dist"
export CC_SCREENSHOTS_DIR="$REPO_ROOT/docs/screenshots"

say "Packaging the extension into extension/dist"
dotnet publish extension/Extension/Extension.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build e2e-tests/E2E.Tests -c Release -nologo -v q -clp:ErrorsOnly

say "Driving the extension in Chromium"
dotnet test e2e-tests/E2E.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~ReadmeScreenshots"
say "Screenshots written to docs/screenshots/"
