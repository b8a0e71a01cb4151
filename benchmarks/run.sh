#!/usr/bin/env bash
# Runs every Patkit benchmark from a clean clone with one command and prints the tables:
#   1. per scenario (GitLab inspect, GitHub inspect, GitLab list of 500, ServiceStage list with
#      AK/SK), Patkit side by side with raw (JDK HttpClient + Jackson records, same HTTP version)
#      and the peers (gitlab4j-api, hub4j github-api), interleaved, each measurement in a fresh
#      JVM with only that client's jars: cold start, latency after 2,000 and after 40,000
#      requests, CPU and allocation per call, throughput at 1, 4 and 32 threads with distinct
#      tokens, latency against a stub 20 ms away;
#   2. 100,000 tokens listed with -Xmx8m (Patkit and raw);
#   3. AK/SK signatures per second on one thread;
#   4. `patkit git-credential get` cold, with bin/patkit's start-up cache off and on (the command
#      line is built into cli/target/patkit; PATKIT_GIT_CREDENTIAL_CMD overrides the command,
#      PATKIT_BENCH_JDK25=<a JDK 25 home> adds the JDK 25 rows);
#   5. every target with its verdict;
#   6. the JMH suite (token formats, AK/SK signing, JSON mapping, inspect vs raw).
#
# Usage: benchmarks/run.sh [--quick] [--no-jmh] [--install] [harness options]
#   --quick      one short round and a JMH smoke run (about 8 minutes; numbers are rough)
#   --no-jmh     skip the JMH suite
#   --install    (re)install the Patkit modules into ~/.m2 first (done anyway when missing)
#   harness options: --rounds N (3), --cold N (3), --early N (2000), --warm N (40000),
#                    --max-s S (60), --phase-ms MS (2000)
# Output: printed, and kept in benchmarks/target/comparison.md and benchmarks/target/jmh.txt.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

quick=0; jmh=1; install=0; harness_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-jmh) jmh=0 ;;
    --install) install=1 ;;
    *) harness_args+=("$1") ;;
  esac
  shift
done

java -version 2>&1 | head -1
version="0.1.0-SNAPSHOT"
m2="${HOME}/.m2/repository/dev/patkit"
for a in patkit-parent patkit-core patkit-gitlab patkit-github patkit-servicestage; do
  [[ -d "$m2/$a/$version" ]] || install=1
done
mvn_offline_first() {
  # Offline when everything is already in ~/.m2; online once otherwise.
  mvn -B -q -o "$@" >/dev/null 2>&1 || mvn -B -q "$@"
}
if [[ $install -eq 1 ]]; then
  echo "== installing patkit-parent, -core, -gitlab, -github, -servicestage into ~/.m2"
  (cd "$root" && mvn_offline_first install -DskipTests -pl .,sdk-core,sdk-gitlab,sdk-github,sdk-servicestage)
fi

echo "== building the command line (cli/target/patkit) for the git-credential slot"
(cd "$root" && mvn_offline_first package -DskipTests -pl cli -am)
if [[ -z "${PATKIT_GIT_CREDENTIAL_CMD:-}" && -x "$root/cli/target/patkit/bin/patkit" ]]; then
  # A made-up token for gitlab.com and no configuration file: no network, nothing of the user's.
  export PATKIT_GIT_CREDENTIAL_CMD="env -u GITHUB_TOKEN GITLAB_TOKEN=glpat-Benchmark0123456789 XDG_CONFIG_HOME=/nonexistent $root/cli/target/patkit/bin/patkit git-credential"
fi

echo "== building benchmarks"
mvn_offline_first package -DskipTests
mvn_offline_first dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$here/target/cp-all.txt"
for dir in classpaths/*/; do
  key="$(basename "$dir")"
  mvn_offline_first -f "$dir/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$here/target/cp-$key.txt"
done
cp="$here/target/classes:$(cat "$here/target/cp-all.txt")"

if [[ $quick -eq 1 ]]; then
  harness_args=(--rounds 1 --cold 1 --warm 10000 --max-s 20 --phase-ms 700 "${harness_args[@]+"${harness_args[@]}"}")
fi
echo "== comparison (interleaved; progress on stderr); load average: $(cat /proc/loadavg 2>/dev/null || echo unknown)"
status=0
java -cp "$cp" dev.patkit.bench.harness.Harness --target "$here/target" --out "$here/target/comparison.md" \
  "${harness_args[@]+"${harness_args[@]}"}" || status=$?

if [[ $jmh -eq 1 ]]; then
  echo "== JMH"
  if [[ $quick -eq 1 ]]; then
    jmh_args=(-f 0 -wi 0 -i 1 -r 100ms)
  else
    jmh_args=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  fi
  java -cp "$cp" org.openjdk.jmh.Main "${jmh_args[@]}" -rf text -rff "$here/target/jmh.txt" 'dev.patkit.bench.jmh.*' \
    > "$here/target/jmh.log" 2>&1
  cat "$here/target/jmh.txt"
fi
exit $status
