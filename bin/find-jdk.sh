# Sourced by ./facesearch, ./run-tests and .ci/run: sets JAVA_HOME to a JDK >= 25.
# Order: $JAVA_HOME, then the usual install locations. Never trusts PATH's java alone.

facesearch_java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

facesearch_find_jdk() {
  local min=25 candidate major tried=()
  for candidate in "${JAVA_HOME:-}" \
      /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(facesearch_java_major "$candidate")
    tried+=("$candidate${major:+ (Java $major)}")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  {
    echo "facesearch needs a JDK $min or newer (Smile 6 and Lucene 10 require it), and none was found."
    echo "Looked at JAVA_HOME and the usual install folders:"
    for candidate in "${tried[@]}"; do echo "  $candidate"; done
    [ ${#tried[@]} -eq 0 ] && echo "  (no JDK found at all)"
    echo "Install one (e.g. Temurin 25 from https://adoptium.net) and set JAVA_HOME to it."
  } >&2
  return 1
}
