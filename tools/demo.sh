#!/usr/bin/env bash
# `npm run demo`: set up everything on a fresh machine of this kind and start the
# platform (API + worker) with demo data. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
# mediasoup's postinstall would download a prebuilt worker (no internet here): point it at our own build instead.
export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash tools/mediasoup/worker-bin.sh --expected)}"
[ -d node_modules ] || npm install --no-audit --no-fund  # not `npm ci`: the registry here lacks the macOS/Windows builds of optional native packages, which `npm ci` insists on
bash tools/services.sh
node apps/web/build.mjs  # every page, the interview pages too
# An unset NODE_ENV means production (which refuses the committed development secrets): the demo asks for development by name.
export NODE_ENV="${NODE_ENV:-development}"
npm run --silent db:create
npm run --silent migration:run >/dev/null
npm run --silent seed
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
npm run --silent start:worker & pids+=($!)
npm run --silent start:api & pids+=($!)
npm run --silent start:media & pids+=($!)
echo "Seeker pages: http://localhost:${PORT:-3000}/   HR pages: http://localhost:${PORT:-3000}/hr/   GraphQL: http://localhost:${PORT:-3000}/graphql"
wait -n "${pids[@]}"
