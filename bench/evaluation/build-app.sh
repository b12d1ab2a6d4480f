#!/usr/bin/env bash
# Builds one evaluation app (docs/evaluation.md) with the packed HerokuAnalyzers package and prints
# every HKnnnn finding: analyzer findings from the SARIF log (suggestions included), task findings
# from the build output, and any AD0001/MSB4018 (which must never appear).
#
# The app is a work tree the caller made under /tmp (clone of the commit the doc lists, plus the
# local edits the doc lists for it); nothing of it enters this repository.
#
# Usage: bench/evaluation/build-app.sh APP_DIR WEB_PROJECT VERSION [FEED]
#   APP_DIR      e.g. /tmp/eval/Airborn
#   WEB_PROJECT  the web project, relative to APP_DIR (e.g. airborn.web/airborn.web.csproj)
#   VERSION      the packed version, e.g. 0.0.0-eval.5
#   FEED         local feed holding HerokuAnalyzers.VERSION.nupkg (default /tmp/eval/feed)
# Pack first: dotnet pack src/MSBuild/HerokuAnalyzers.Tasks.csproj -c Release -o /tmp/eval/feed -p:Version=VERSION
# Output: /tmp/eval/out/<app>.sarif, <app>.log, <app>.findings.tsv (id, file:line:col, level, message)
set -euo pipefail
app=$(cd "$1" && pwd)
project="$app/$2"
version=$3
feed=${4:-/tmp/eval/feed}
name=$(basename "$app")
out=/tmp/eval/out
mkdir -p "$out"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
export NUGET_PACKAGES=/tmp/eval/nuget-packages

# nuget.config at the app's root: the local feed beside nuget.org.
cat > "$app/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="eval" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF

# The package reference (idempotent; under central package management a PackageVersion too).
python3 - "$project" "$version" "$app" <<'PY'
import os, re, sys
project, version, app = sys.argv[1:4]
text = open(project, encoding="utf-8-sig").read()
d = os.path.dirname(project)
cpm = None
while True:
    p = os.path.join(d, "Directory.Packages.props")
    if os.path.exists(p):
        cpm = p
        break
    if os.path.samefile(d, app) or os.path.dirname(d) == d:
        break
    d = os.path.dirname(d)
if cpm and re.search(r"ManagePackageVersionsCentrally>\s*true", open(cpm).read(), re.I):
    props = open(cpm).read()
    props = re.sub(r'\s*<PackageVersion Include="HerokuAnalyzers"[^>]*/>', "", props)
    props = props.replace("</ItemGroup>", f'  <PackageVersion Include="HerokuAnalyzers" Version="{version}" />\n  </ItemGroup>', 1)
    open(cpm, "w").write(props)
    ref = '<PackageReference Include="HerokuAnalyzers" PrivateAssets="all" />'
else:
    ref = f'<PackageReference Include="HerokuAnalyzers" Version="{version}" PrivateAssets="all" />'
text = re.sub(r'\s*<ItemGroup><PackageReference Include="HerokuAnalyzers"[^>]*/></ItemGroup>', "", text)
text = text.replace("</Project>", f"  <ItemGroup>{ref}</ItemGroup>\n</Project>", 1)
open(project, "w").write(text)
PY

sarif="$out/$name.sarif"
log="$out/$name.log"
rm -f "$sarif"
(cd "$app" && dotnet restore "$project" -v:q >"$log.restore" 2>&1) || { tail -30 "$log.restore"; exit 1; }
set +e
(cd "$app" && dotnet build "$project" -tl:off -v:m --no-incremental --no-restore "-p:ErrorLog=$sarif%2Cversion=2.1" >"$log" 2>&1)
rc=$?
set -e
echo "build exit code: $rc (log: $log)"
grep -E "error (CS|MSB|NU)" "$log" | sort -u | head -20 || true

python3 - "$sarif" "$log" "$app" > "$out/$name.findings.tsv" <<'PY'
import json, os, re, sys
sarif, log, app = sys.argv[1:4]
rows = set()
if os.path.exists(sarif):
    data = json.load(open(sarif, encoding="utf-8-sig"))
    for run in data.get("runs", []):
        for r in run.get("results", []):
            rid = r.get("ruleId", "")
            if not (rid.startswith("HK") or rid in ("AD0001",)):
                continue
            msg = r.get("message", {}).get("text", "") if isinstance(r.get("message"), dict) else r.get("message", "")
            for loc in r.get("locations", []) or [{}]:
                pl = loc.get("physicalLocation", {})
                uri = pl.get("artifactLocation", {}).get("uri", "")
                uri = uri.replace("file://", "")
                uri = os.path.relpath(uri, app) if uri.startswith("/") else uri
                reg = pl.get("region", {})
                rows.add((rid, f"{uri}:{reg.get('startLine','?')}:{reg.get('startColumn','?')}", r.get("level", "warning"), msg))
# Task findings (and crashes) from the build output.
pat = re.compile(r"^\s*(.*?)\((\d+)(?:,(\d+))?[^)]*\):\s*(warning|error|message)\s+(HK\d{4}|MSB4018|AD0001):\s*(.*?)(?:\s*\[[^\]]*\])?$")
pat2 = re.compile(r"^\s*(.*?):\s*(warning|error)\s+(HK\d{4}|MSB4018|AD0001):\s*(.*?)(?:\s*\[[^\]]*\])?$")
for line in open(log, encoding="utf-8", errors="replace"):
    m = pat.match(line)
    if m:
        f, l, c, lvl, rid, msg = m.groups()
        if f.endswith(".cs") and rid.startswith("HK"):
            continue  # analyzer findings come from the SARIF log
        f = os.path.relpath(f, app) if f.startswith("/") else f
        rows.add((rid, f"{f}:{l}:{c or '?'}", lvl, msg))
        continue
    m = pat2.match(line)
    if m:
        f, lvl, rid, msg = m.groups()
        f = os.path.relpath(f, app) if f.startswith("/") else f
        rows.add((rid, f, lvl, msg))
for row in sorted(rows):
    print("\t".join(row))
PY
echo "findings: $(wc -l < "$out/$name.findings.tsv") ($out/$name.findings.tsv)"
cut -f1,2,3 "$out/$name.findings.tsv"
if grep -qE "AD0001|MSB4018" "$log" "$sarif" 2>/dev/null; then echo "!! AD0001 or MSB4018 present"; else echo "no AD0001, no MSB4018"; fi
