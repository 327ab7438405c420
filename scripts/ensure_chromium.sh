#!/usr/bin/env bash
# The browser tests drive Debian's chromium. Install it when missing and we are root;
# otherwise say so (those tests then skip with the same reason).
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "• installing Debian's chromium for the browser tests (apt-get install chromium)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "  could not install chromium: the browser tests will skip"
else
  echo "• chromium is not installed (apt-get install chromium as root): the browser tests will skip"
fi
exit 0
