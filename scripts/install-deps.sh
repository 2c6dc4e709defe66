#!/usr/bin/env bash
# Installs every Debian 12 package kmsync needs to build, test, benchmark and package.
# Idempotent: safe to run again; it only installs what is missing.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-httpserver-dev qt6-websockets-dev libgl-dev libqt6opengl6-dev qtkeychain-qt6-dev qt6-translations-l10n
  libqt6svg6 fonts-wqy-microhei  # SVG icons; a CJK font so zh_CN screenshots render
  # engine libraries
  librdkafka-dev libsqlite3-dev sqlite3 libsimdjson-dev zlib1g-dev libdeflate-dev
  # tests, benchmarks, screenshots, fuzzing
  kcat xvfb xauth openssl clang libclang-rt-14-dev time python3 python3-venv python3-pip
  default-jre-headless maven dpkg-dev fakeroot file
  dbus gnome-keyring  # a real Secret Service for the desktop-keychain test (tst_keychain_secretservice)
  # lint (scripts/lint.sh): clang 14's clang-format (with git-clang-format) and clang-tidy
  clang-format clang-tidy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
