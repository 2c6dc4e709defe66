#!/usr/bin/env bash
# Fetches (once) the MaxCompute Java SDK named in pom.xml and its runtime dependencies from Maven Central, compiles
# SdkPeer.java against them (again only when SdkPeer.java or the SDK version changes), and prints the classpath:
#   java -cp "$(tests/javasdk/setup.sh build/odps-java | tail -n 1)" SdkPeer ...
# Usage: setup.sh <cache-dir>     (the tests pass ${KMSYNC_BINARY_DIR}/odps-java, so the jars are cached per build)
# Layout: <cache-dir>/libs-<version>/ (jars), classes-<hash>/ (SdkPeer.class), mvn-<version>.log, javac.log.
# Exit codes: 0 ok (last stdout line = classpath); 3 java, javac or mvn missing, or Maven Central unreachable (the
# test skips with the reason); 1 anything else (a resolution or compile error: the test fails).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
base="${1:?usage: setup.sh <cache-dir>}"
pom=$here/pom.xml
src=$here/SdkPeer.java

say() { echo "javasdk/setup.sh: $*" >&2; }
skip() { say "$*"; exit 3; }
die() { say "$*"; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (Debian: apt-get install openjdk-17-jdk-headless maven)"
}
need java
need javac

version=$(sed -n 's:.*<odps.sdk.version>\(.*\)</odps.sdk.version>.*:\1:p' "$pom" | head -n 1)
[ -n "$version" ] || die "no <odps.sdk.version> in $pom"
mkdir -p "$base"
base=$(cd "$base" && pwd)
libs=$base/libs-$version

if [ ! -f "$libs/.complete" ]; then
  need mvn
  tmp=$base/libs.tmp.$$ mvnlog=$base/mvn-$version.log
  rm -rf "$tmp"
  say "downloading com.aliyun.odps:odps-sdk-core:$version and its runtime dependencies from Maven Central"
  if ! mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
      >"$mvnlog" 2>&1; then
    rm -rf "$tmp"
    tail -n 20 "$mvnlog" >&2
    # Only an unreachable repository is a reason to skip; any other Maven failure is a real error. With -q Maven
    # often says no more than that it could not resolve the plugin, so the host is also probed directly.
    if grep -qiE 'UnknownHost|Connection refused|Network is unreachable|timed out|Could not transfer|No route to host|Temporary failure in name resolution|NoPluginFoundForPrefix|Failed to read artifact descriptor' "$mvnlog" \
        || ! timeout 15 bash -c ': </dev/tcp/repo.maven.apache.org/443' 2>/dev/null; then
      skip "Maven Central cannot be reached (log: $mvnlog)"
    fi
    die "could not resolve odps-sdk-core $version (log: $mvnlog)"
  fi
  ls "$tmp"/odps-sdk-core-*.jar >/dev/null 2>&1 || die "Maven did not copy odps-sdk-core into $tmp (log: $mvnlog)"
  rm -rf "$libs"
  mv "$tmp" "$libs"
  touch "$libs/.complete"
fi

hash=$( (cat "$src"; echo "$version") | sha256sum | cut -c1-16)
classes=$base/classes-$hash
if [ ! -f "$classes/SdkPeer.class" ]; then
  tmp=$base/classes.tmp.$$ javaclog=$base/javac.log
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! javac -encoding UTF-8 -nowarn -d "$tmp" -cp "$libs/*" "$src" >"$javaclog" 2>&1; then
    cat "$javaclog" >&2
    rm -rf "$tmp"
    die "javac failed on $src (log: $javaclog)"
  fi
  rm -rf "$classes"
  mv "$tmp" "$classes"
fi
echo "$classes:$libs/*"
