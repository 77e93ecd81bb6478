#!/usr/bin/env bash
# Builds and runs a stand-alone project that depends on jsandbox through the BOM, as an application would, after
# the modules were installed into the local Maven repository (./mvnw install). Fails first when README.md's
# dependency snippet is not exactly the marked part of this directory's pom.xml, so the README cannot drift.
# Needs a Docker Engine and the python image, like the integration tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# The pom's marked lines, without the two spaces of indentation they have inside <project>.
pom_snippet="$(sed -n '/consumer-check:start/,/consumer-check:end/p' "$here/pom.xml" | sed '1d;$d' | sed 's/^  //')"
# The README's xml block that follows the marker comment.
readme_snippet="$(awk '/<!-- consumer-check: the snippet below is checked/ { marked = 1; next }
                       marked && /^```xml/ { inside = 1; next }
                       inside && /^```/ { exit }
                       inside { print }' "$root/README.md")"
if [[ -z "$readme_snippet" ]]; then
    echo "consumer check FAILED: README.md has no xml block after the consumer-check marker" >&2
    exit 1
fi
if [[ "$pom_snippet" != "$readme_snippet" ]]; then
    echo "consumer check FAILED: README.md's dependency snippet differs from $here/pom.xml (- README, + pom):" >&2
    diff -u <(printf '%s\n' "$readme_snippet") <(printf '%s\n' "$pom_snippet") >&2 || true
    exit 1
fi

# Every published jar (an artifact the BOM lists) names its module for the module path, instead of leaving the
# JVM to derive a name from the file name.
published="$(sed -n 's#.*<dependency>.*<artifactId>\(sandbox-[a-z-]*\)</artifactId>.*#\1#p' "$root/sandbox-bom/pom.xml")"
if [[ -z "$published" ]]; then
    echo "consumer check FAILED: found no <dependency> line in sandbox-bom/pom.xml" >&2
    exit 1
fi
for artifact in $published; do
    jar="$(find "$root" -path "*/target/$artifact-[0-9]*.jar" ! -name '*-sources.jar' ! -name '*-javadoc.jar' | head -1)"
    if [[ -z "$jar" ]]; then
        echo "consumer check FAILED: no jar of $artifact under */target; run ./mvnw install first" >&2
        exit 1
    fi
    module="$("${JAVA_HOME:+$JAVA_HOME/bin/}jar" --describe-module --file="$jar" | awk '/ automatic$/ { sub(/@.*/, "", $1); print $1 }')"
    if [[ "$module" != dev.jsandbox.* ]]; then
        echo "consumer check FAILED: $jar has no Automatic-Module-Name (the JVM derives '$module')" >&2
        exit 1
    fi
done

"$root/mvnw" -B -ntp -f "$here/pom.xml" verify "$@"
