#!/usr/bin/env bash
# Analyzer cost on a generated app: HK analyzers' time as a share of compile time, next to
# Meziantou.Analyzer's MA0042/MA0045 (its blocking-call rules) on the same code, at several sizes.
# Usage: bench/analyzers/run.sh [sizes...]   (default: 500 1000 2000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes=("${@:-500 1000 2000}")
[ $# -eq 0 ] && sizes=(500 1000 2000)
work="$(mktemp -d /tmp/heroku-bench.XXXXXX)"
version="0.0.0-bench.$(date +%Y%m%d%H%M%S)"
export NUGET_PACKAGES="$work/packages"
export MSBUILDDISABLENODEREUSE=1

dotnet pack "$repo/src/MSBuild/HerokuAnalyzers.Tasks.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q >/dev/null
meziantou=$(awk -F'\t' '$1 == "Meziantou.Analyzer" { print $2 }' "$repo/bench/analyzers/versions.tsv")

# Compile time (the Csc task) and analyzer times from csc's ReportAnalyzer report, in seconds.
measure() {
  local dir=$1 log
  log="$dir/build.log"
  dotnet build "$dir" --no-incremental -nologo -tl:off -v:d -clp:PerformanceSummary -p:ReportAnalyzer=true -p:UseSharedCompilation=false >"$log" 2>&1
  local compile hk ma
  compile=$(grep -E '^\s+[0-9]+ ms\s+Csc\s+[0-9]+ calls' "$log" | awk '{ printf "%.3f", $1 / 1000 }')
  hk=$(grep -m1 -E '^\s+[0-9.]+\s+[0-9<]+\s+HerokuAnalyzers, Version' "$log" | awk '{ print $1 }')
  ma=$(grep -m1 -E 'DoNotUseBlockingCallInAsyncContextAnalyzer' "$log" | awk '{ print $1 }')
  echo "${compile:-0} ${hk:-0} ${ma:-0}"
}

printf '%-12s %-10s %-10s %-12s %-12s %-10s\n' controllers csc_s hk_s hk_share ma0042_45_s hk/ma
for n in "${sizes[@]}"; do
  app="$work/app$n"
  dotnet run "$here/generate-app.cs" -- "$app" "$n" >/dev/null
  cat >"$app/BenchApp.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="HerokuAnalyzers" Version="$version" PrivateAssets="all" />
    <PackageReference Include="Meziantou.Analyzer" Version="$meziantou" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><add key="bench" value="%s" /></packageSources></configuration>\n' "$work/feed" >"$app/nuget.config"
  # MA0045 is off by default; both blocking-call rules of Meziantou run, and only their analyzer is timed.
  printf 'root = true\n[*.cs]\ndotnet_diagnostic.MA0042.severity = warning\ndotnet_diagnostic.MA0045.severity = warning\n' >"$app/.editorconfig"
  dotnet restore "$app" -nologo -v:q >/dev/null
  read -r compile hk ma < <(measure "$app")
  printf '%-12s %-10s %-10s %-12s %-12s %-10s\n' "$n" "$compile" "$hk" "$(awk -v h="$hk" -v c="$compile" 'BEGIN { printf "%.1f%%", 100 * h / c }')" "$ma" "$(awk -v h="$hk" -v m="$ma" 'BEGIN { if (m > 0) printf "%.2f", h / m; else print "-" }')"
done
echo "work folder: $work"
