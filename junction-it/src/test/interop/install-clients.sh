#!/usr/bin/env bash
# Installs the third-party WAMP clients the interop tests run, when they are missing:
#   Autobahn|Python (Debian packages, run with /usr/bin/python3) and AutobahnJS (npm, pinned by package-lock.json).
# Autobahn|Java comes from Maven Central as a test dependency. Exits non-zero if anything is still missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

python_ok() {
  /usr/bin/python3 -c 'import autobahn, twisted, msgpack, cbor2, ubjson, nacl, argon2' 2>/dev/null
}

if ! python_ok; then
  echo "installing Autobahn|Python from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q python3-autobahn python3-msgpack python3-cbor2 python3-ubjson \
      python3-nacl python3-twisted python3-argon2 >&2
  python_ok || { echo "Autobahn|Python is still not importable by /usr/bin/python3" >&2; exit 1; }
fi

if [ ! -f "$here/js/node_modules/autobahn/package.json" ]; then
  echo "installing AutobahnJS from npm" >&2
  (cd "$here/js" && npm ci --no-audit --no-fund >&2)
fi
node -e "require('$here/js/node_modules/autobahn')" >/dev/null 2>&1 || { echo "AutobahnJS is not loadable" >&2; exit 1; }
echo "interop clients ready" >&2
