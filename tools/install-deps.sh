#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what SoulSpot Bridge needs to build, run, test and package, from Debian 12's packages.
# postgresql: the server the tests start a throwaway cluster of (tests/support/postgresqlcluster.h);
# the storage suites skip PostgreSQL without it, so CI must have it.
# Run it as root, or as a user who may use sudo: it asks sudo for itself only when it needs to.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        exec sudo bash "$0" "$@"
    fi
    echo "install-deps: installing packages needs root; run it as root (su -c \"bash $0\") or install sudo" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential cmake ninja-build ccache pkg-config \
    qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql \
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev \
    qt6-qpa-plugins libqt6svg6 \
    libsqlite3-dev libpq-dev curl sqlite3 xvfb xauth imagemagick fonts-dejavu-core \
    clang-format dpkg-dev desktop-file-utils appstream \
    postgresql
