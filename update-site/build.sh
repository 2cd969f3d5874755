#!/usr/bin/env bash
# Builds the Fiji update site into target/update-site/ (see update-site/README.md).
#
# Usage, after `mvn -B package -DskipTests`:
#   update-site/build.sh [--db LIVE_DB_XML_GZ] [--timestamp yyyyMMddHHmmss]
#
#   --db         the live site's current db.xml.gz: merged, so unchanged files are not uploaded again and
#                changed ones keep their old version as a previous version (use it for every upload but the first)
#   --timestamp  the new versions' timestamp (default: now, local time)
#   MVN=...      the Maven command for fetching the native jars (default: mvn -B -q; MVN="mvn -B -q -o" offline)
set -euo pipefail
cd "$(dirname "$0")/.."

db=""
timestamp=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="${2:?--db needs a file}"; shift 2 ;;
    --timestamp) timestamp="${2:?--timestamp needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
MVN=${MVN:-mvn -B -q}

jar=target/bi-attention-deblur.jar
if [ ! -f "$jar" ] || [ ! -d target/lib ]; then
  echo "error: $jar or target/lib/ is missing: run 'mvn -B package -DskipTests' first" >&2
  exit 1
fi
if [ -n "$db" ] && [ ! -f "$db" ]; then
  echo "error: no such file: $db" >&2
  exit 1
fi

# The PyTorch build the engine was compiled for, read from the pom so the two never drift apart.
pytorch=$(sed -n 's:.*<pytorch.version>\(.*\)</pytorch.version>.*:\1:p' pom.xml | head -n 1)
# Every platform DJL publishes pytorch-native-cpu for (for 2.7.1 there is no osx-x86_64 and no win-aarch64).
classifiers="linux-x86_64 linux-aarch64 osx-aarch64 win-x86_64"

natives=target/update-site-natives
rm -rf "$natives"
mkdir -p "$natives"
for classifier in $classifiers; do
  echo "Fetching ai.djl.pytorch:pytorch-native-cpu:$pytorch:$classifier"
  $MVN org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="ai.djl.pytorch:pytorch-native-cpu:$pytorch:jar:$classifier" -DoutputDirectory="$natives"
done

# A fresh folder each time: afterwards it holds exactly what to upload.
out=target/update-site
rm -rf "$out"
mkdir -p "$out"
if [ -n "$db" ]; then
  cp "$db" "$out/db.xml.gz"
fi

# Ships the plugin, DJL's API and PyTorch engine, the JNI glue (one jar, all platforms), the natives and the FFT
# library of the classical baselines (JTransforms, JLargeArrays: Fiji has neither); the
# other runtime jars in target/lib are Fiji's own (see README.md).
java -cp "$jar" io.github.biattention.deblur.updatesite.UpdateSiteBuilder \
  --output "$out" --jar "$jar" \
  --lib target/lib --include api,pytorch-engine,pytorch-jni,JTransforms,JLargeArrays \
  --native "$natives" \
  ${timestamp:+--timestamp "$timestamp"}
