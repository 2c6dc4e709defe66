#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft: broker + controller in one JVM) for the integration tests.
#
#   scripts/kafka-broker.sh start    download the broker from Maven Central once (cached), then format fresh storage,
#                                    generate TLS certificates and SASL users, start it on free 127.0.0.1 ports, and
#                                    wait until every listener answers (fails with the broker log tail after 60 s)
#   scripts/kafka-broker.sh stop     SIGTERM, wait, then SIGKILL; idempotent
#   scripts/kafka-broker.sh status   exit 0 when running
#   scripts/kafka-broker.sh env      print `export KMSYNC_TEST_KAFKA_...=...` lines: eval "$(scripts/kafka-broker.sh env)"
#   scripts/kafka-broker.sh fetch    only download the broker
#
# Everything lives under ${KMSYNC_BUILD_DIR:-<repo>/build}/kafka-broker/: libs-<version>/ (jars, one folder per
# version), run/ (config, data, certificates, broker.log, pid, env). Each start begins with empty storage.
# Knobs: KMSYNC_KAFKA_VERSION (default: scripts/kafka/pom.xml; passed to Maven as -Dkafka.version, which overrides
# the pom's property), KMSYNC_KAFKA_HEAP (default 512m), KMSYNC_KAFKA_START_TIMEOUT (seconds, default 60),
# KMSYNC_KAFKA_INSTANCE (a name: a second, independent broker in run-<name>/ with its own free ports, e.g.
# KMSYNC_KAFKA_VERSION=3.9.1 KMSYNC_KAFKA_INSTANCE=scram; pass the same name to stop/status/env).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
base=${KMSYNC_BUILD_DIR:-$root/build}/kafka-broker
instance=${KMSYNC_KAFKA_INSTANCE:-}
if [ -n "$instance" ] && ! [[ "$instance" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
  echo "kafka-broker: KMSYNC_KAFKA_INSTANCE='$instance' is not a valid name (allowed: letters, digits, '.', '_', '-'," \
       "starting with a letter or digit)" >&2
  exit 2
fi
run=$base/run${instance:+-$instance}
pidfile=$run/broker.pid
envfile=$run/broker.env
logfile=$run/broker.log
pom=$here/kafka/pom.xml
heap=${KMSYNC_KAFKA_HEAP:-512m}
start_timeout=${KMSYNC_KAFKA_START_TIMEOUT:-60}

say() { echo "kafka-broker${instance:+ ($instance)}: $*" >&2; }
die() { say "$*"; exit 1; }

pinned_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom" | head -n 1
}

# Copies kafka_2.13 and its runtime dependencies into $base/libs-<version>; prints that folder.
fetch() {
  local version=${KMSYNC_KAFKA_VERSION:-$(pinned_version)}
  local libs=$base/libs-$version
  if [ -f "$libs/.complete" ]; then
    echo "$libs"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found: run scripts/install-deps.sh (it installs maven and a JRE)"
  mkdir -p "$base"
  local tmp=$base/libs.tmp.$$ mvnlog=$base/mvn-$version.log
  rm -rf "$tmp"
  say "downloading org.apache.kafka:kafka_2.13:$version and its runtime dependencies from Maven Central"
  if ! mvn -B -q -f "$pom" -Dkafka.version="$version" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvnlog" 2>&1; then
    if [ -n "${KMSYNC_KAFKA_VERSION:-}" ]; then
      tail -n 30 "$mvnlog" >&2
      die "could not resolve Kafka $version from Maven Central (log: $mvnlog)"
    fi
    say "Kafka $version did not resolve; trying the newest 4.x instead"
    rm -rf "$tmp"
    mvn -B -q -f "$pom" -Dkafka.version='[4.0.0,5.0.0)' dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvnlog" 2>&1 \
      || { tail -n 30 "$mvnlog" >&2; die "could not resolve any Kafka 4.x from Maven Central (log: $mvnlog)"; }
    version=$(cd "$tmp" && ls kafka_2.13-*.jar | sed -n 's/^kafka_2\.13-\(.*\)\.jar$/\1/p' | head -n 1)
    libs=$base/libs-$version
  fi
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "Maven did not copy kafka_2.13 into $tmp (log: $mvnlog)"
  rm -rf "$libs"
  mv "$tmp" "$libs"
  touch "$libs/.complete"
  echo "$libs"
}

is_running() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # The pid must still be our broker, not a recycled pid.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $run/server.properties"
}

# Prints N free TCP ports on 127.0.0.1 (held open together so they differ).
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

random_token() { openssl rand -hex "$1"; }

# A CA, a broker certificate for 127.0.0.1/localhost signed by it, and a second CA that signed nothing
# (for "untrusted CA" tests). Kafka reads the key + chain as a PEM keystore.
make_certs() {
  local dir=$1
  mkdir -p "$dir"
  (
    cd "$dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
      -subj "/CN=kmsync test CA" -keyout ca.key -out ca.pem 2>/dev/null
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
      -subj "/CN=kmsync untrusted test CA" -keyout untrusted-ca.key -out untrusted-ca.pem 2>/dev/null
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out broker.key 2>/dev/null
    openssl req -new -key broker.key -subj "/CN=localhost" -out broker.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
      -extfile broker.ext -out broker.pem 2>/dev/null
    # PEM keystore: PKCS#8 private key, then the certificate chain.
    openssl pkcs8 -topk8 -nocrypt -in broker.key -out broker-pkcs8.key
    cat broker-pkcs8.key broker.pem ca.pem >broker-keystore.pem
    chmod 600 ./*.key broker-keystore.pem
  ) || die "openssl could not generate the test certificates in $dir"
}

# kcat metadata request against one listener; extra args are -X settings.
probe() {
  local bootstrap=$1
  shift
  timeout 15 kcat -q -L -m 5 -b "$bootstrap" "$@" >/dev/null 2>&1
}

# The librdkafka version kcat links, e.g. 2.0.2.
librdkafka_version() {
  kcat -V 2>&1 | sed -n 's/.*librdkafka \([0-9][0-9.]*\).*/\1/p' | head -n 1
}

# librdkafka before 2.6.1 repeats the client nonce in the SCRAM client-final-message; Kafka 4.x checks the
# nonce strictly (RFC 5802) and rejects it as "invalid credentials" (fixed in confluentinc/librdkafka#4895).
scram_client_ok() {
  local kafka_major=${1%%.*} rdk
  rdk=$(librdkafka_version)
  [ "$kafka_major" -lt 4 ] && return 0
  [ -n "$rdk" ] || return 0
  [ "$(printf '%s\n' "$rdk" 2.6.1 | sort -V | head -n 1)" = 2.6.1 ]
}

tail_log() {
  say "--- last lines of $logfile ---"
  tail -n "${1:-40}" "$logfile" >&2 2>/dev/null || true
  if [ -s "$run/stdout.log" ]; then
    say "--- last lines of $run/stdout.log ---"
    tail -n 20 "$run/stdout.log" >&2
  fi
}

start() {
  if is_running; then
    say "already running (pid $(cat "$pidfile")); use 'stop' first for a fresh broker"
    return 0
  fi
  command -v java >/dev/null || die "java not found: run scripts/install-deps.sh (it installs default-jre-headless)"
  command -v kcat >/dev/null || die "kcat not found: run scripts/install-deps.sh"
  local libs
  libs=$(fetch)
  local version=${libs##*/libs-}

  rm -rf "$run"
  mkdir -p "$run/data"
  chmod 700 "$run"

  local ports plaintext_port sasl_port ssl_port controller_port
  ports=$(free_ports 4)
  read -r plaintext_port sasl_port ssl_port controller_port <<<"$ports"
  local plain_user=kmsync-plain plain_password scram_user=kmsync-scram scram_password
  plain_password=$(random_token 12)
  scram_password=$(random_token 12)

  make_certs "$run/tls"

  sed -e "s|@PLAINTEXT_PORT@|$plaintext_port|g" -e "s|@SASL_PORT@|$sasl_port|g" \
      -e "s|@SSL_PORT@|$ssl_port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" \
      -e "s|@PLAIN_USER@|$plain_user|g" -e "s|@PLAIN_PASSWORD@|$plain_password|g" \
      -e "s|@TLS_DIR@|$run/tls|g" -e "s|@DATA_DIR@|$run/data|g" \
      "$here/kafka/server.properties.in" >"$run/server.properties"
  sed -e "s|@LOG_FILE@|$logfile|g" "$here/kafka/log4j2.properties.in" >"$run/log4j2.properties"
  chmod 600 "$run/server.properties"

  local jvm=(java "-Xms128m" "-Xmx$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData
             -Djava.awt.headless=true -Dlog4j2.configurationFile="$run/log4j2.properties"
             -cp "$libs/*")

  # Cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints).
  local cluster_id
  # An id that starts with '-' would be read as an option by the format tool: draw again.
  cluster_id=-
  while [ "${cluster_id#-}" != "$cluster_id" ]; do
    cluster_id=$(openssl rand 16 | base64 | tr '+/' '-_' | tr -d '=\n')
  done
  # The SCRAM user goes into the bootstrap metadata (KIP-900); quoted values keep any character literal.
  if ! "${jvm[@]}" kafka.tools.StorageTool format --config "$run/server.properties" --cluster-id "$cluster_id" \
      --add-scram "SCRAM-SHA-256=[name=\"$scram_user\",password=\"$scram_password\"]" \
      >"$run/format.log" 2>&1; then
    cat "$run/format.log" >&2
    die "formatting KRaft storage failed (Kafka $version, config $run/server.properties)"
  fi

  say "starting Kafka $version on 127.0.0.1 (PLAINTEXT $plaintext_port, SASL_PLAINTEXT $sasl_port, SSL $ssl_port, controller $controller_port)"
  setsid nohup "${jvm[@]}" kafka.Kafka "$run/server.properties" >"$run/stdout.log" 2>&1 </dev/null &
  echo $! >"$pidfile"

  {
    printf 'export KMSYNC_TEST_KAFKA_VERSION=%q\n' "$version"
    printf 'export KMSYNC_TEST_KAFKA_BOOTSTRAP=%q\n' "127.0.0.1:$plaintext_port"
    printf 'export KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP=%q\n' "127.0.0.1:$sasl_port"
    printf 'export KMSYNC_TEST_KAFKA_SSL_BOOTSTRAP=%q\n' "127.0.0.1:$ssl_port"
    printf 'export KMSYNC_TEST_KAFKA_CA=%q\n' "$run/tls/ca.pem"
    printf 'export KMSYNC_TEST_KAFKA_UNTRUSTED_CA=%q\n' "$run/tls/untrusted-ca.pem"
    printf 'export KMSYNC_TEST_KAFKA_PLAIN_USER=%q\n' "$plain_user"
    printf 'export KMSYNC_TEST_KAFKA_PLAIN_PASSWORD=%q\n' "$plain_password"
    printf 'export KMSYNC_TEST_KAFKA_SCRAM_USER=%q\n' "$scram_user"
    printf 'export KMSYNC_TEST_KAFKA_SCRAM_PASSWORD=%q\n' "$scram_password"
    printf 'export KMSYNC_TEST_KAFKA_LOG=%q\n' "$logfile"
  } >"$envfile"
  chmod 600 "$envfile"

  local deadline=$((SECONDS + start_timeout))
  until probe "127.0.0.1:$plaintext_port"; do
    if ! is_running; then
      tail_log
      rm -f "$pidfile"
      die "the broker exited during startup"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail_log
      stop >/dev/null 2>&1 || true
      die "the broker did not answer on 127.0.0.1:$plaintext_port within ${start_timeout}s"
    fi
    sleep 0.5
  done
  # The other listeners must answer too, with the generated users and CA.
  local failed=""
  probe "127.0.0.1:$sasl_port" -X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=PLAIN \
    -X sasl.username="$plain_user" -X sasl.password="$plain_password" || failed+=" SASL_PLAINTEXT/PLAIN"
  if scram_client_ok "$version"; then
    probe "127.0.0.1:$sasl_port" -X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=SCRAM-SHA-256 \
      -X sasl.username="$scram_user" -X sasl.password="$scram_password" || failed+=" SASL_PLAINTEXT/SCRAM-SHA-256"
  else
    say "note: SCRAM-SHA-256 not probed: librdkafka $(librdkafka_version) (< 2.6.1) cannot do SCRAM with Kafka 4.x" \
        "brokers (librdkafka#4895); PLAIN, SSL and PLAINTEXT work"
  fi
  probe "127.0.0.1:$ssl_port" -X security.protocol=SSL -X ssl.ca.location="$run/tls/ca.pem" || failed+=" SSL"
  if [ -n "$failed" ]; then
    tail_log
    stop >/dev/null 2>&1 || true
    die "the broker is up but these listeners do not answer:$failed"
  fi
  say "ready in ${SECONDS}s (pid $(cat "$pidfile"), log $logfile)"
}

stop() {
  if ! is_running; then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid did not stop within 30 s of SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  rm -f "$pidfile"
  say "stopped (pid $pid)"
}

status() {
  if is_running; then
    say "running (pid $(cat "$pidfile"), $(sed -n 's/^export KMSYNC_TEST_KAFKA_BOOTSTRAP=//p' "$envfile"))"
    return 0
  fi
  say "not running"
  return 1
}

print_env() {
  is_running || die "not running: start it with scripts/kafka-broker.sh start"
  cat "$envfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  fetch) fetch >/dev/null ;;
  -h | --help | help)
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
    ;;
  *)
    echo "usage: $0 start|stop|status|env|fetch" >&2
    exit 2
    ;;
esac
