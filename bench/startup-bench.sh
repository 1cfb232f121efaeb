#!/usr/bin/env bash
# Start-up time of short commands next to a bare JVM start, with hyperfine.
# Usage: bench/startup-bench.sh [BEFORE_JAR]   (run mvn -DskipTests package first)
#   BEFORE_JAR: a vmdisk.jar from an older build, run the plain way, to compare against.
# Env: RUNS (default 30), OUT (markdown table, default bench-startup.md in the current directory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/cli/target/vmdisk.jar"
runs=${RUNS:-30}
out=${OUT:-bench-startup.md}
[ -f "$jar" ] && [ -f "$root/cli/target/vmdisk.jsa" ] || { echo "run mvn -DskipTests package first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
truncate -s 64M "$work/rootfs.img"

cmds=(
  "java -version"
  "$root/vmdisk --version"
  "java -jar $jar --version"
  "$root/vmdisk --help"
  "java -jar $jar --help"
  "$root/vmdisk holders $work/rootfs.img"
  "java -jar $jar holders $work/rootfs.img"
)
if [ $# -ge 1 ]; then
  cmds+=("java -jar $1 --version" "java -jar $1 --help")
fi
java -version 2>&1 | head -1
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$out" "${cmds[@]}"
