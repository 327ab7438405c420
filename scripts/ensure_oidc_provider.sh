#!/usr/bin/env bash
# tests/oidc start a real OpenID provider (npm's oidc-provider, tests/oidc/provider) with the
# machine's Node.js. Install its pinned packages (package-lock.json) into
# tests/oidc/provider/node_modules (gitignored) when they are missing or the lock file changed;
# without node/npm the OIDC tests skip and say why.
cd "$(dirname "$0")/../tests/oidc/provider" || exit 0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "• node/npm are not installed (apt-get install nodejs npm): the hospital sign-in (OIDC) tests will skip"
  exit 0
fi
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.harbor-lock.sha ] && [ "$(cat node_modules/.harbor-lock.sha)" = "$want" ] && [ -d node_modules/oidc-provider ]; then
  exit 0
fi
echo "• installing the test OpenID provider (npm ci in tests/oidc/provider)"
if npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  echo "$want" > node_modules/.harbor-lock.sha
else
  echo "  npm ci failed: the hospital sign-in (OIDC) tests will skip"
fi
exit 0
