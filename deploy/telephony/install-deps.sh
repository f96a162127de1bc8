#!/bin/sh
# Installs what the switch and its tests need, from Debian's packages: Kamailio 5.6 with the
# extra modules (evapi, jansson) and SIPp (package sip-tester). Quick and quiet when everything
# is installed already. Needs root (or sudo) the first time.
#
#   deploy/telephony/install-deps.sh
set -eu

PACKAGES="kamailio kamailio-extra-modules sip-tester"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps.sh: no apt-get here; install$missing (Kamailio 5.6+ with evapi and jansson, and SIPp 3.6+) yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps.sh: installing$missing"
# shellcheck disable=SC2086
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; then
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
# The package ships a service with its own configuration (listening on every interface): this
# project runs Kamailio only through deploy/telephony/run.sh, so keep the service off.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now kamailio >/dev/null 2>&1 || true
fi
