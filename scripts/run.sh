#!/usr/bin/env bash
# Runs the product: builds everything, starts a local PostgreSQL unless a connection string is
# configured, migrates, creates the demo organization on first run, builds the loadable extension
# folder and starts the API on http://127.0.0.1:${API_PORT:-5080}. Ctrl+C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

port="${API_PORT:-5080}"

# Secrets are made once per checkout into .local/secrets.env (git-ignored); configuration overrides them.
ensure_secrets

if [ -z "${ConnectionStrings__Default:-}" ]; then
  ensure_postgres
  ensure_database compliance_connect
  # The API runs as cc_app, which owns nothing and is held to its organization by row-level
  # security; migrations run as cc_owner (not a superuser) and grant cc_app what it needs.
  export ConnectionStrings__Migrations="$CC_POSTGRES;Database=compliance_connect"
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$CC_PG_PORT;Username=cc_app;Password=$CC_APP_DB_PASSWORD;Database=compliance_connect"
  export Database__RuntimeRole=cc_app
fi
export Jwt__SigningKey="${Jwt__SigningKey:-$CC_JWT_KEY}"
export Audit__DigestKey="${Audit__DigestKey:-$CC_AUDIT_KEY}"
export Audit__CheckpointKey="${Audit__CheckpointKey:-$CC_CHECKPOINT_KEY}"
export Email__UnsubscribeKey="${Email__UnsubscribeKey:-$CC_UNSUBSCRIBE_KEY}"
export Email__PublicBaseUrl="${Email__PublicBaseUrl:-http://127.0.0.1:$port}"
# Without an SMTP server (Email__Smtp__Host), sent messages are written as .eml files here.
export Email__PickupDirectory="${Email__PickupDirectory:-$LOCAL_DIR/mail}"
# Uploaded imports wait here; an import a restart cut off goes on from this folder at the next start.
export Import__SpoolDirectory="${Import__SpoolDirectory:-$LOCAL_DIR/imports}"
export Demo__AdminPassword="$CC_DEMO_ADMIN_PASSWORD" Demo__RepPassword="$CC_DEMO_REP_PASSWORD"
export Demo__Seed=true Database__MigrateOnStartup=true
# Production unless asked otherwise: Development serves the browsable API reference (/scalar) and
# detailed errors, which a machine others can reach must not. ASPNETCORE_ENVIRONMENT=Development opts in.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

say "Building the API and the extension (Release)"
dotnet build api/Api/Api.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet publish extension/Extension/Extension.csproj -c Release -nologo -v q -clp:ErrorsOnly

if [ -n "${Email__Smtp__Host:-}" ]; then mail_line="sent through SMTP at $Email__Smtp__Host"
else mail_line="no SMTP server configured (Email__Smtp__Host): sent messages are written to $Email__PickupDirectory"; fi
if [ "$ASPNETCORE_ENVIRONMENT" = Development ]; then
  reference="API reference: http://127.0.0.1:$port/scalar, "
else
  reference="OpenAPI document: /openapi/v1.json (the /scalar reference needs ASPNETCORE_ENVIRONMENT=Development), "
fi

# The demo passwords are shown once, on the run that creates the demo organization; a terminal's
# scroll-back or a shared screen should not repeat them on every start.
demo_marker="$LOCAL_DIR/demo-passwords-shown"
if [ ! -e "$demo_marker" ]; then
  demo="  Demo organization (created now; shown only this once):
    Admin  admin@demo.example  password: $CC_DEMO_ADMIN_PASSWORD
    Rep    rep@demo.example    password: $CC_DEMO_REP_PASSWORD"
  touch "$demo_marker"
else
  demo="  Demo organization: admin@demo.example (Admin), rep@demo.example (Rep);
    their passwords are CC_DEMO_ADMIN_PASSWORD and CC_DEMO_REP_PASSWORD in $LOCAL_DIR/secrets.env"
fi

cat <<MSG

  Extension folder: $REPO_ROOT/extension/dist
    Load it in Chrome/Chromium: chrome://extensions → turn on Developer mode → Load unpacked → pick that folder.
    Its API address defaults to http://127.0.0.1:5080 (change it under the extension's Options).

  Email: $mail_line

  API: http://127.0.0.1:$port   (${reference}health: /health/ready; environment $ASPNETCORE_ENVIRONMENT)

$demo

MSG

say "Starting the API (migrating the database first); Ctrl+C stops it"
cd api/Api/bin/Release/net10.0
exec dotnet ComplianceConnect.Api.dll --urls "http://127.0.0.1:$port"
