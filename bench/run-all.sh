#!/usr/bin/env bash
# Runs every benchmark at full size, one after another, saving each JSON object and its progress log under bench/results/<UTC stamp>/.
# Usage: bench/run-all.sh [benchmark …]   (default: e2e connections api startup nlp widget)
set -u
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y%m%dT%H%MZ)
out="bench/results/$stamp"
mkdir -p "$out"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(e2e connections api startup nlp widget)
for name in "${names[@]}"; do
  echo "$(date -u +%H:%M:%S) $name — load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
  node --import tsx bench/run.ts "$name" --json >"$out/$name.json" 2>"$out/$name.log"
  echo "  exit $? — $(wc -c <"$out/$name.json") bytes" | tee -a "$out/load.txt"
done
echo "$(date -u +%H:%M:%S) done — load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
echo "$out"
