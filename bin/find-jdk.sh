# Sourced by ./mvnw, ./muster and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Keeps a JAVA_HOME that is already new enough; otherwise looks in the usual JVM folders.
muster_jdk_feature() { # prints the feature version of the JDK at $1, or 0
  [ -x "$1/bin/javac" ] || { echo 0; return; }
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case "$v" in 1.*) echo 0 ;; '') echo 0 ;; *) echo "${v%%.*}" ;; esac
}
muster_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ "$(muster_jdk_feature "$JAVA_HOME")" -ge 21 ]; then return 0; fi
  best="" best_v=0
  case $- in *f*) muster_noglob=1; set +f ;; *) muster_noglob=0 ;; esac
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "${HOME:-/root}"/.sdkman/candidates/java/*; do
    [ -d "$d" ] || continue
    v=$(muster_jdk_feature "$d")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d" best_v=$v; fi
  done
  [ "$muster_noglob" = 1 ] && set -f
  if [ -z "$best" ]; then
    echo "Muster needs a JDK 21 or newer (javac included) and found none." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
