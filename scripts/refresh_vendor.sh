#!/usr/bin/env bash
# Refresh the pinned browser assets Harbor serves itself (no CDN) from the npm registry:
#   static/vendor/socket.io/   socket.io-client (matches python-socketio 5's protocol)
#   tests/e2e/vendor/          axe-core, injected by the browser tests
set -euo pipefail
SOCKETIO_CLIENT_VERSION=4.8.1
AXE_CORE_VERSION=4.14.1
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "socket.io-client@${SOCKETIO_CLIENT_VERSION}" "axe-core@${AXE_CORE_VERSION}" >/dev/null
mkdir sio axe
tar xzf "socket.io-client-${SOCKETIO_CLIENT_VERSION}.tgz" -C sio --strip-components=1
tar xzf "axe-core-${AXE_CORE_VERSION}.tgz" -C axe --strip-components=1
mkdir -p "$root/static/vendor/socket.io" "$root/tests/e2e/vendor"
sed '/sourceMappingURL/d' sio/dist/socket.io.min.js > "$root/static/vendor/socket.io/socket.io.min.js"
cp sio/LICENSE "$root/static/vendor/socket.io/LICENSE"
echo "socket.io-client ${SOCKETIO_CLIENT_VERSION} (npm), dist/socket.io.min.js" > "$root/static/vendor/socket.io/VERSION"
cp axe/axe.min.js "$root/tests/e2e/vendor/axe.min.js"
cp axe/LICENSE "$root/tests/e2e/vendor/LICENSE-axe-core.txt"
echo "axe-core ${AXE_CORE_VERSION} (npm)" > "$root/tests/e2e/vendor/VERSION"
echo "refreshed socket.io-client ${SOCKETIO_CLIENT_VERSION} and axe-core ${AXE_CORE_VERSION}"
