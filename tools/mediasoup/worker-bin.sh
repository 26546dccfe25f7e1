#!/usr/bin/env bash
# Prints the path of the cached mediasoup-worker binary for this machine, e.g.
#   export MEDIASOUP_WORKER_BIN="$(tools/mediasoup/worker-bin.sh)"
# Exits 1 (with a hint on stderr) when it has not been built yet.
# With --expected it prints the path whether or not the binary exists.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MEDIASOUP_VERSION="3.12.16"
# shellcheck disable=SC1091
. /etc/os-release
DISTRO="${ID}${VERSION_ID:-}"
# Cached outside the checkout so a fresh clone (CI) on the same machine reuses it.
CACHE_ROOT="${MEDIASOUP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/talent-cloud/mediasoup-worker}"
BIN="$CACHE_ROOT/${MEDIASOUP_VERSION}-${DISTRO}/mediasoup-worker"

if [ "${1:-}" = "--expected" ] || [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
echo "mediasoup-worker not built yet: run tools/mediasoup/build-worker.sh" >&2
exit 1
