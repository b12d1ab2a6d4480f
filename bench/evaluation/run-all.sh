#!/usr/bin/env bash
# Repeats docs/evaluation.md: packs the package, lays out every app of apps.tsv under a work directory
# (a clone of the listed commit plus that app's local edits), builds each with build-app.sh and prints
# the finding counts per app. Nothing of the apps enters this repository.
#
# Usage: bench/evaluation/run-all.sh VERSION [APP_NAME…]
# Environment:
#   SOURCES  folder with one git repository per app as owner+name/repo (default /work/.mirror, where a
#            session's fetch puts GitHub snapshots); anything `git clone` reads works
#   PATCHES  folder with <name>.patch, the local edits docs/evaluation.md lists for each app
#            (default /tmp/eval/prepare; made with `git diff` in the prepared work trees)
#   WORK     where the apps are laid out (default /tmp/eval/apps); FEED (default /tmp/eval/feed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
version=$1; shift
SOURCES=${SOURCES:-/work/.mirror}; PATCHES=${PATCHES:-/tmp/eval/prepare}; WORK=${WORK:-/tmp/eval/apps}; FEED=${FEED:-/tmp/eval/feed}
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
mkdir -p "$WORK" "$FEED"
if [ ! -f "$FEED/HerokuAnalyzers.$version.nupkg" ]; then
  dotnet pack "$repo/src/MSBuild/HerokuAnalyzers.Tasks.csproj" -c Release -o "$FEED" "-p:Version=$version" -tl:off -v:q
fi
grep -v '^#' "$here/apps.tsv" | while IFS=$'\t' read -r name source commit project leave_out make_dir _; do
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  dir="$WORK/$name"
  rm -rf "$dir"
  git clone -q --no-checkout "$SOURCES/${source/\//+}/repo" "$dir"
  if [ "$leave_out" = "-" ]; then
    git -C "$dir" checkout -q "$commit"
  else
    git -C "$dir" checkout -q --detach "$commit" 2>/dev/null || true
    git -C "$dir" restore --source="$commit" --worktree -- . ":!$leave_out"
  fi
  if [ -f "$PATCHES/$name.patch" ]; then git -C "$dir" apply --whitespace=nowarn "$PATCHES/$name.patch"; fi
  if [ "$make_dir" != "-" ]; then mkdir -p "$dir/$make_dir"; fi
  echo "##### $name ($source $commit)"
  "$here/build-app.sh" "$dir" "$project" "$version" "$FEED" | grep -v -P '^HK\d{4}\t' || true
  cut -f1 "/tmp/eval/out/$name.findings.tsv" | sort | uniq -c | awk '{printf "%s %s  ", $2, $1} END {print ""}'
done
