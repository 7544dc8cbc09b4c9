#!/usr/bin/env bash
# Until the first release, the schema has one migration, made afresh from src/db/schema.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf drizzle
npx drizzle-kit generate --name create_tables
