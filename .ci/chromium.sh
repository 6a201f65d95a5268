#!/bin/sh
# Installs Debian's Chromium for the dashboard's browser test (idempotent; .ci/run calls it before the tests).
set -eu
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium
