#!/usr/bin/env bash
# The three MatcherBenchmark sweeps of benchmarks/README.md, then the table and the plot.
# One parameter varies per sweep; the full cross product would take hours (the linear scan at a
# million waiting costs a few hundred milliseconds per turn). About 12 minutes on 2 cores.
#   usage: benchmarks/matcher-sweeps.sh [OUT_DIR] [extra JMH options, e.g. -f 2]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/results}
shift || true
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }
mkdir -p "$out"
java -jar "$jar" MatcherBenchmark "$@" -p waiting=100,1000,10000,100000,1000000 -p agents=10000 -p signatures=10 \
  -rf json -rff "$out/matcher-waiting.json"
java -jar "$jar" MatcherBenchmark "$@" -p waiting=100000 -p agents=10,100,1000,10000,100000 -p signatures=10 \
  -rf json -rff "$out/matcher-agents.json"
java -jar "$jar" MatcherBenchmark "$@" -p waiting=100000 -p agents=10000 -p signatures=1,10,100,1000 \
  -rf json -rff "$out/matcher-signatures.json"
java -cp "$jar" dev.contactrouter.bench.report.MatcherReport "$out" \
  "$out/matcher-waiting.json" "$out/matcher-agents.json" "$out/matcher-signatures.json"
