#!/usr/bin/env bash
# Prints the project's real stacks (each Pulumi.<stack>.yaml at the top) as a JSON array for a job matrix,
# or one per line with --lines. A stack file with a line starting with "# registry-access: example stack"
# is a worked example (Pulumi.dev.yaml on a clean clone): CI checks its committed plan but neither previews
# nor deploys it, so it is left out unless --all is given. No real stack: "[]" (the workflows skip their
# matrix jobs then), or nothing with --lines.
set -euo pipefail
cd "$(dirname "$0")/.."
all=false lines=false
for arg in "$@"; do
  case "$arg" in
    --all) all=true ;;
    --lines) lines=true ;;
    *) echo "usage: $0 [--all] [--lines]" >&2; exit 2 ;;
  esac
done
stacks=()
for f in Pulumi.*.yaml; do
  [ -e "$f" ] || continue
  if [ "$all" = false ] && grep -q '^# registry-access: example stack' "$f"; then continue; fi
  s="${f#Pulumi.}"; stacks+=("${s%.yaml}")
done
if [ "$lines" = true ]; then
  [ "${#stacks[@]}" -eq 0 ] || printf '%s\n' "${stacks[@]}"
else
  printf '%s\n' "${stacks[@]+"${stacks[@]}"}" | node -e 'const l=require("fs").readFileSync(0,"utf8").split("\n").filter(Boolean);process.stdout.write(JSON.stringify(l)+"\n")'
fi
