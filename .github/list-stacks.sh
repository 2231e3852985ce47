#!/usr/bin/env bash
# Prints the stacks that have a Pulumi.<stack>.yaml, as a JSON array (for a job matrix), or one per line with --lines.
set -euo pipefail
cd "$(dirname "$0")/.."
stacks=()
for f in Pulumi.*.yaml; do
  [ -e "$f" ] || continue
  s="${f#Pulumi.}"; stacks+=("${s%.yaml}")
done
if [ "${1:-}" = "--lines" ]; then
  printf '%s\n' "${stacks[@]}"
else
  printf '%s\n' "${stacks[@]}" | node -e 'const l=require("fs").readFileSync(0,"utf8").split("\n").filter(Boolean);process.stdout.write(JSON.stringify(l)+"\n")'
fi
