#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs the whole test suite (unit, model, widget, integration).
# This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${KMSYNC_BUILD_DIR:-$root/build}

bash scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKMSYNC_WERROR=ON
cmake --build "$build" --parallel "$(nproc)"

# Peers the integration tier needs and that the tests do not start themselves.
cleanup() {
  # Absolute path: by now the script has changed into the build folder.
  if [ -x "$root/scripts/kafka-broker.sh" ]; then KMSYNC_BUILD_DIR=$build bash "$root/scripts/kafka-broker.sh" stop || true; fi
}
trap cleanup EXIT
if [ -x scripts/kafka-broker.sh ]; then
  # A real Kafka 4.x broker (PLAINTEXT, SASL_PLAINTEXT, SSL) for the integration tier; `start` prints the
  # broker log tail itself when it fails.
  if ! KMSYNC_BUILD_DIR=$build bash scripts/kafka-broker.sh start; then
    echo "test.sh: the Kafka test broker did not start; see $build/kafka-broker/run/broker.log" >&2
    exit 1
  fi
  eval "$(KMSYNC_BUILD_DIR=$build bash scripts/kafka-broker.sh env)" # export KMSYNC_TEST_KAFKA_*=...
fi

cd "$build"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
