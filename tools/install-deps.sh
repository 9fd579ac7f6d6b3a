#!/usr/bin/env bash
# Installs what SoulSpot Bridge needs to build, run and test, from Debian 12's packages.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential cmake ninja-build ccache pkg-config \
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite \
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev \
    qt6-qpa-plugins libqt6svg6 \
    curl sqlite3 xvfb xauth imagemagick fonts-dejavu-core
