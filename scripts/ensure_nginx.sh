#!/usr/bin/env bash
# tests/deploy/test_nginx_live.py runs deploy/nginx.conf in front of three Harbor processes.
# Install nginx-light (about 1 MB) when missing and we are root; otherwise those tests skip.
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "• installing nginx-light for the nginx front test (apt-get install nginx-light)"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }; } \
    || echo "  could not install nginx-light: the nginx front test will skip"
else
  echo "• nginx is not installed (apt-get install nginx-light as root): the nginx front test will skip"
fi
exit 0
