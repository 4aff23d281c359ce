#!/usr/bin/env bash
# Configures PIM in the pim-demo realm through the admin REST API with kcadm.sh (run-demo.sh runs
# it once Keycloak is up; the integration tests run it too). Safe to run again: it does nothing
# when the realm already has eligibilities.
#   KC      Keycloak base URL (default http://localhost:8080)
#   KCADM   path to kcadm.sh (default: the one next to the demo server)
set -euo pipefail
KC="${KC:-http://localhost:8080}"
KCADM="${KCADM:-$(dirname "$0")/../.demo/keycloak-26.7.3/bin/kcadm.sh}"
CONFIG="$(mktemp)"
trap 'rm -f "$CONFIG"' EXIT
kcadm() { "$KCADM" "$@" --config "$CONFIG"; }

kcadm config credentials --server "$KC" --realm master --user admin --password admin >/dev/null

if [ "$(kcadm get pim/eligibilities -r pim-demo --format csv --noquotes | wc -l)" -gt 0 ]; then
  echo "pim-demo already has PIM eligibilities; nothing to do"
  exit 0
fi

role_id() { kcadm get "roles/$1" -r pim-demo --fields id --format csv --noquotes; }
group_id() { kcadm get "group-by-path/$1" -r pim-demo --fields id --format csv --noquotes; }

USER_ADMIN=$(role_id user-administrator)
HELPDESK_ADMIN=$(role_id helpdesk-administrator)
APP_ADMIN=$(role_id application-administrator)
APPROVERS=$(group_id approvers)

# user-administrator: at most one hour, OTP and a justification naming an incident.
kcadm update "pim/policies/$USER_ADMIN" -r pim-demo -s maxActivationSeconds=3600 \
  -s 'justificationPattern=INC-[0-9]+: .+' \
  -s 'justificationHint=the incident number, then why: INC-1234: unlock a user'
# helpdesk-administrator: up to two hours with a ticket reference.
kcadm update "pim/policies/$HELPDESK_ADMIN" -r pim-demo -s maxActivationSeconds=7200 -s requireTicket=true
# application-administrator: needs one approval from the /approvers group.
kcadm update "pim/policies/$APP_ADMIN" -r pim-demo -s requireApproval=true \
  -s "approvers.groups=[\"$APPROVERS\"]" -s minApprovals=1

kcadm create pim/eligibilities -r pim-demo -s principalType=USER -s username=alice \
  -s roleName=user-administrator -s justification="on-call user administrator"
kcadm create pim/eligibilities -r pim-demo -s principalType=GROUP -s groupPath=/it-staff/helpdesk \
  -s roleName=helpdesk-administrator -s justification="helpdesk shift work"
kcadm create pim/eligibilities -r pim-demo -s principalType=GROUP -s groupPath=/it-staff \
  -s roleName=application-administrator -s justification="application releases"
echo "pim-demo: PIM policies and eligibilities configured"
