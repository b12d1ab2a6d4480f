#!/usr/bin/env bash
# Editor cost on generated apps: HK analyzers on one open document ÷ the compiler's binding of it.
# Usage: bench/editor/run.sh [sizes...]   (default: 500 1000 2000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sizes=("$@")
[ $# -eq 0 ] && sizes=(500 1000 2000)
work="$(mktemp -d /tmp/heroku-editor-bench.XXXXXX)"
export MSBUILDDISABLENODEREUSE=1
dotnet build "$here/EditorBench.csproj" -c Release -nologo -v:q >/dev/null
for n in "${sizes[@]}"; do
  dotnet run "$here/../analyzers/generate-app.cs" -- "$work/app$n" "$n" >/dev/null
  dotnet "$here/bin/Release/net10.0/EditorBench.dll" "$work/app$n" 100
done
echo "work folder: $work"
