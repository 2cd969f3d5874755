#!/usr/bin/env bash
# Runs the Spark job as spark-submit would, without a Spark installation: Spark's own launcher class
# (org.apache.spark.deploy.SparkSubmit) on the Spark jars Maven resolved for the build (provided scope), the plugin's
# jar and target/lib given with --jars, exactly as README's spark-submit line does on a cluster. For measuring the job
# on one machine (MASTER, default local[2]) and for checking the README's command. Run from the repository root after
# `mvn -B package -DskipTests`; the arguments are the job's (--input ... --output ...).
set -euo pipefail
master=${MASTER:-local[2]}
cp_file=target/spark-classpath.txt
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$cp_file" >/dev/null
# Spark's jars: provided scope lists the plugin's own compile jars too, which travel with --jars; the logging API and
# the commons libraries stay, as a Spark installation ships them.
spark_cp=$(tr ':' '\n' < "$cp_file" | grep -v -F -f <(ls target/lib | grep -v '^slf4j-api\|^commons-' | sed 's/\.jar$//') \
  | paste -sd:)
jars=$(ls target/bi-attention-deblur.jar target/lib/*.jar | paste -sd,)
# What spark-submit passes to Java 17 (Spark's JavaModuleOptions), from the pom.
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)
exec java $opens -Xmx${DRIVER_MEMORY:-4g} -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit --master "$master" \
  --conf spark.ui.enabled=false --class io.github.biattention.deblur.spark.SparkDeblur --jars "$jars" \
  target/bi-attention-deblur-spark.jar "$@"
