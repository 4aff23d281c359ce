import { useRealm } from "@keycloak/keycloak-admin-ui";
import { Button, Label, LabelGroup, Modal, ModalVariant, PageSection, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { Policy } from "./api";
import { LoadError, NoRows, PageHeader, RoleName, roleLabel } from "./components";
import { formatDuration, matchesSearch } from "./format";
import { useLoad, usePimApi, usePimPermissions } from "./hooks";
import { RolePicker } from "./pickers";

/** What an activation of the role asks for, as labels. */
export const PolicySummary = ({ policy }: { policy: Policy }) => {
  const { t } = useTranslation();
  return (
    <LabelGroup numLabels={6} aria-label={t("pimRequirements")}>
      {policy.requireOtp && <Label isCompact color="blue">{t("pimRequireOtp")}</Label>}
      {policy.requireJustification && <Label isCompact>{t("pimRequireJustification")}</Label>}
      {policy.requireTicket && <Label isCompact>{t("pimRequireTicket")}</Label>}
      {policy.requireApproval && (
        <Label isCompact color="gold">
          {t("pimRequireApprovalCount", { count: policy.minApprovals })}
        </Label>
      )}
    </LabelGroup>
  );
};

export default function RoleSettings() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { realm } = useRealm();
  const api = usePimApi();
  const { canManageRealm } = usePimPermissions();
  const policies = useLoad((signal) => api.policies(signal), [api]);
  const [search, setSearch] = useState("");
  const [picking, setPicking] = useState(false);
  const editPath = (roleId: string) => `/${encodeURIComponent(realm)}/pim/roles/${encodeURIComponent(roleId)}`;
  const rows = (policies.data ?? []).filter((p) => p.role && matchesSearch(search, roleLabel(p.role)));

  return (
    <>
      <PageHeader title={t("pimRoleSettings")} description={t("pimRoleSettingsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput aria-label={t("pimSearchRoles")} placeholder={t("pimSearchRoles")} value={search} onChange={(_e, v) => setSearch(v)} onClear={() => setSearch("")} />
            </ToolbarItem>
            <ToolbarItem>
              <Button variant={canManageRealm ? "primary" : "secondary"} onClick={() => setPicking(true)} data-testid="pim-configure-role">
                {t(canManageRealm ? "pimConfigureRole" : "pimViewRoleDefaults")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <div className="pf-v5-u-px-lg pf-v5-u-pb-lg">
          <LoadError error={policies.error} />
          {policies.data && rows.length === 0 ? (
            <NoRows title={t("pimNoManagedRoles")} body={t("pimNoManagedRolesHelp")} />
          ) : (
            <Table aria-label={t("pimRoleSettings")} variant="compact" data-testid="pim-policies">
              <Thead>
                <Tr>
                  <Th>{t("pimRole")}</Th>
                  <Th>{t("pimMaxActivation")}</Th>
                  <Th>{t("pimRequirements")}</Th>
                  <Th>{t("pimEligibility")}</Th>
                  <Th screenReaderText={t("pimActions")} />
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((policy) => (
                  <Tr key={policy.role!.id} data-testid="pim-policy-row">
                    <Td dataLabel={t("pimRole")}>
                      <Link to={editPath(policy.role!.id)}>
                        <RoleName role={policy.role!} />
                      </Link>
                    </Td>
                    <Td dataLabel={t("pimMaxActivation")}>{formatDuration(policy.maxActivationSeconds, t)}</Td>
                    <Td dataLabel={t("pimRequirements")}>
                      <PolicySummary policy={policy} />
                    </Td>
                    <Td dataLabel={t("pimEligibility")}>
                      {policy.allowPermanentEligibility ? t("pimPermanentAllowed") : t("pimTimeBoundOnly")}
                      {policy.maxEligibilitySeconds !== null && ` (${t("pimMaxShort", { max: formatDuration(policy.maxEligibilitySeconds, t) })})`}
                    </Td>
                    <Td isActionCell>
                      <Button variant="link" onClick={() => navigate(editPath(policy.role!.id))} aria-label={t("pimEditPolicyOf", { role: roleLabel(policy.role!) })}>
                        {t(canManageRealm ? "edit" : "pimView")}
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </div>
      </PageSection>
      {picking && (
        <Modal variant={ModalVariant.medium} title={t("pimPickRole")} isOpen onClose={() => setPicking(false)} data-testid="pim-pick-role-modal">
          <RolePicker label={t("pimRole")} onPick={(role) => navigate(editPath(role.id))} />
        </Modal>
      )}
    </>
  );
}
