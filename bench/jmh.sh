#!/usr/bin/env bash
# Runs the hot-path micro-benchmarks (JMH) with the allocation profiler and writes bench/results/jmh.json.
#   bench/jmh.sh                     # every benchmark
#   bench/jmh.sh FilterChain         # a regex over benchmark names; extra JMH options may follow
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/switchboard-app/target/switchboard.jar"
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
"$ROOT/switchboard" --version >/dev/null   # builds the jar when sources are newer
exec java -cp "$JAR" org.openjdk.jmh.Main -prof gc -rf json -rff "$OUT/jmh.json" "${@:-dev.switchboard.bench.jmh}"
