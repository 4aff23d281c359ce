#!/usr/bin/env bash
# Command 1 of the README: build what is missing, unpack Keycloak 26.7.3, install the PIM jars,
# import the pim-demo realm and start Keycloak at http://localhost:8080 on its embedded H2
# database (kept in .demo/ between runs). Ctrl-C stops it.
#   PIM_DEMO_PORT              HTTP port (default 8080)
#   PIM_DEMO_MANAGEMENT_PORT   management port, /health/ready (default 9000)
# Maven runs only when a source or pom changed since the last build it did; the jars are copied
# into the demo server only when they differ, so Keycloak rebuilds itself only when they changed.
set -euo pipefail
cd "$(dirname "$0")"

KEYCLOAK_VERSION=26.7.3
UNPACKED="pim-it/target/keycloak/keycloak-${KEYCLOAK_VERSION}"
DEMO_HOME=".demo/keycloak-${KEYCLOAK_VERSION}"
HTTP_PORT="${PIM_DEMO_PORT:-8080}"
MANAGEMENT_PORT="${PIM_DEMO_MANAGEMENT_PORT:-9000}"

JARS=(pim-provider/target/keycloak-pim-provider.jar pim-theme/target/keycloak-pim-theme.jar)
# Everything the jars and the unpacked Keycloak are built from. A deleted file changes the mtime
# of its folder, which find lists too.
SOURCES=(pom.xml pim-provider/pom.xml pim-provider/src pim-theme/pom.xml pim-theme/src
  pim-theme/package.json pim-theme/package-lock.json pim-theme/vite.config.ts pim-theme/tsconfig.json
  pim-theme/npm-if-stale.mjs pim-it/pom.xml)
# Touched when a mvn package that started at its mtime succeeded (mvn clean removes it).
BUILD_STAMP=pim-it/target/demo-build.stamp

build_needed() {
  [ -f "$BUILD_STAMP" ] && [ -d "$UNPACKED" ] || return 0
  for jar in "${JARS[@]}"; do
    [ -f "$jar" ] || return 0
  done
  [ -n "$(find "${SOURCES[@]}" -newer "$BUILD_STAMP" -print -quit)" ]
}

if build_needed; then
  echo "==> Building the PIM jars and unpacking Keycloak ${KEYCLOAK_VERSION} (mvn package, tests skipped)"
  mkdir -p "$(dirname "$BUILD_STAMP")"
  touch "${BUILD_STAMP}.next"
  mvn -B -q -DskipTests package
  mv "${BUILD_STAMP}.next" "$BUILD_STAMP"
else
  echo "==> PIM jars are up to date with the sources; build skipped"
fi

if [ ! -d "$DEMO_HOME" ]; then
  echo "==> Creating the demo server in ${DEMO_HOME}"
  mkdir -p .demo
  cp -r "$UNPACKED" .demo/
  rm -rf "${DEMO_HOME}/data"
fi
# Copy only what differs: Keycloak rebuilds itself whenever a provider file is new or newer.
for jar in "${JARS[@]}"; do
  installed="${DEMO_HOME}/providers/$(basename "$jar")"
  if ! cmp -s "$jar" "$installed"; then
    echo "==> Installing $(basename "$jar")"
    cp "$jar" "$installed"
  fi
done
# The test clock that pim-it installs into its test server never belongs in the demo.
rm -f "${DEMO_HOME}/providers/keycloak-pim-test-clock.jar"
mkdir -p "${DEMO_HOME}/data/import"
cp realm-export/*.json "${DEMO_HOME}/data/import/"

echo "==> Starting Keycloak (when the PIM providers changed, it first rebuilds itself: about a minute)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "${DEMO_HOME}/bin/kc.sh" start-dev --http-port="${HTTP_PORT}" --http-management-port="${MANAGEMENT_PORT}" \
  --health-enabled=true --import-realm &
KEYCLOAK_PID=$!
trap 'kill "$KEYCLOAK_PID" 2>/dev/null; wait "$KEYCLOAK_PID" 2>/dev/null; exit 0' INT TERM

until curl -fs "http://localhost:${MANAGEMENT_PORT}/health/ready" >/dev/null 2>&1; do
  if ! kill -0 "$KEYCLOAK_PID" 2>/dev/null; then
    echo "Keycloak exited before it was ready" >&2
    exit 1
  fi
  sleep 2
done

KC="http://localhost:${HTTP_PORT}" KCADM="${DEMO_HOME}/bin/kcadm.sh" realm-export/pim-demo-setup.sh

cat <<BANNER

  keycloak-pim demo is running (Ctrl-C stops it)

  Admin console    http://localhost:${HTTP_PORT}/admin/master/console/#/pim-demo   admin / admin
  Account console  http://localhost:${HTTP_PORT}/realms/pim-demo/account/
  Demo users       alice / alice   (IT staff; eligible for user-administrator)
                   bob   / bob     (helpdesk; eligible for helpdesk-administrator via his group)
                   carol / carol   (approver)
                   dave  / dave    (no privileges)
                   Each sets up an authenticator app (OTP) at first login.
  PIM API          http://localhost:${HTTP_PORT}/realms/pim-demo/pim/me/eligible   (needs a bearer token)

BANNER
wait "$KEYCLOAK_PID"
