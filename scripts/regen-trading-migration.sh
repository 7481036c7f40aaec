#!/usr/bin/env bash
# Development helper while the trading schema settles: replaces migration 0003 with one freshly
# generated from src/db/schema*.ts. Serialised with flock so two runs cannot interleave.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/edge-orchestrator-regen.lock
flock 9
rm -f migrations/0003_*.sql migrations/meta/0003_snapshot.json
node -e '
const fs = require("node:fs");
const path = "migrations/meta/_journal.json";
const journal = JSON.parse(fs.readFileSync(path, "utf8"));
journal.entries = journal.entries.filter((entry) => entry.idx < 3);
fs.writeFileSync(path, JSON.stringify(journal, null, 2) + "\n");
'
npx drizzle-kit generate --name trading_desk
