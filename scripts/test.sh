#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs the whole test suite (unit, model, widget, integration) with a real
# Kafka 4.x broker, then tst_kafkasecurity once more with a Kafka 3.9.1 broker (SCRAM-SHA-256, see below).
# This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${KMSYNC_BUILD_DIR:-$root/build}

bash scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKMSYNC_WERROR=ON
cmake --build "$build" --parallel "$(nproc)"

# Peers the integration tier needs and that the tests do not start themselves.
broker() { KMSYNC_BUILD_DIR=$build bash "$root/scripts/kafka-broker.sh" "$@"; }
# Debian 12's librdkafka (2.0.2) cannot log in with SCRAM-SHA-256 to Kafka 4.x (it repeats the client nonce in the
# SCRAM client-final-message, which 4.x rejects; fixed in librdkafka 2.6.1, confluentinc/librdkafka#4895). So SCRAM
# is proven against a second broker from the 3.x line, which accepts it: tst_kafkasecurity runs once more against it.
scram_kafka_version=3.9.1
cleanup() {
  # Absolute path: by now the script has changed into the build folder.
  if [ -x "$root/scripts/kafka-broker.sh" ]; then
    broker stop || true
    KMSYNC_KAFKA_INSTANCE=scram broker stop || true
  fi
}
trap cleanup EXIT
if [ -x scripts/kafka-broker.sh ]; then
  # A real Kafka 4.x broker (PLAINTEXT, SASL_PLAINTEXT, SSL) for the integration tier; `start` prints the
  # broker log tail itself when it fails.
  if ! broker start; then
    echo "test.sh: the Kafka test broker did not start; see $build/kafka-broker/run/broker.log" >&2
    exit 1
  fi
  # Download the 3.9.1 broker now (cached next to the 4.x one) so that a Maven failure stops CI before the long run.
  if ! KMSYNC_KAFKA_VERSION=$scram_kafka_version broker fetch; then
    echo "test.sh: could not download Kafka $scram_kafka_version;" \
         "see $build/kafka-broker/mvn-$scram_kafka_version.log" >&2
    exit 1
  fi
  eval "$(broker env)" # export KMSYNC_TEST_KAFKA_*=...
fi

cd "$build"
status=0
ctest --output-on-failure --parallel "$(nproc)" --timeout 900 || status=$?

if [ -x "$root/scripts/kafka-broker.sh" ]; then
  scram_started=$SECONDS
  broker stop # the 4.x broker is done; free its memory for the second one
  if ! KMSYNC_KAFKA_VERSION=$scram_kafka_version KMSYNC_KAFKA_INSTANCE=scram broker start; then
    echo "test.sh: the Kafka $scram_kafka_version test broker did not start;" \
         "see $build/kafka-broker/run-scram/broker.log" >&2
    exit 1
  fi
  echo "test.sh: tst_kafkasecurity against Kafka $scram_kafka_version (SCRAM-SHA-256 must pass there)"
  (
    eval "$(KMSYNC_KAFKA_INSTANCE=scram broker env)"
    ctest --output-on-failure --no-tests=error --timeout 300 -R '^tst_kafkasecurity$'
  ) || status=$?
  KMSYNC_KAFKA_INSTANCE=scram broker stop || true
  echo "test.sh: the Kafka $scram_kafka_version pass took $((SECONDS - scram_started)) s"
fi
exit "$status"
