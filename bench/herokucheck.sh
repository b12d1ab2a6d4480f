#!/usr/bin/env bash
# Times `dotnet msbuild -t:HerokuCheck` on the sample after restore (the gate's budget is 1.5 s wall),
# next to the same command with the package switched off: the difference is what the checks cost,
# the rest is MSBuild starting and evaluating the project.
# Usage: bench/herokucheck.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
project=samples/HerokuSample/HerokuSample.csproj
dotnet build "$project" -nologo -v:q -tl:off >/dev/null

median_ms() {
  local samples=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    dotnet msbuild "$project" -t:HerokuCheck -nologo -v:q -tl:off "$@" >/dev/null || true
    end=$(date +%s%N)
    samples+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

checks=$(median_ms)
baseline=$(median_ms -p:HerokuAnalyzersEnabled=false)
echo "HerokuCheck on the sample: median ${checks} ms over ${runs} runs (budget 1500 ms)"
echo "same command, package off: median ${baseline} ms"
echo "checks cost: $(( checks - baseline )) ms; ratio checks/baseline: $(awk -v a="$checks" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }')"
