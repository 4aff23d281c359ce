import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { Button, PageSection, Title, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { ActionsColumn, Table, Tbody, Td, Th, Thead, Tr, type IAction } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Eligibility, PimRequest } from "./api";
import { LoadError, NoRows, RequestKindNote, RoleName, roleLabel, StatusLabel, useConfirmedAction } from "./components";
import { formatTime } from "./format";
import { useLoad, useLocale, usePimApi, usePimPermissions } from "./hooks";

const MAX = 1000;
const OPEN: PimRequest["status"][] = ["PENDING_APPROVAL", "SCHEDULED", "ACTIVE"];

/**
 * The "Privileged access" tab of a user's page: the roles the user is eligible for (directly and
 * through groups) and their elevations, open ones first, with the API's remove and revoke.
 */
export const UserPrivilegedAccess = ({ userId }: { userId: string }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { realm } = useRealm();
  const api = usePimApi();
  const { adminClient } = useAdminClient();
  const { canManageUsers } = usePimPermissions();
  const user = useLoad(() => adminClient.users.findOne({ id: userId }), [adminClient, userId]);
  const username = user.data?.username ?? "";

  const eligibilities = useLoad((signal) => api.eligibilities({ userId, max: MAX }, signal), [api, userId]);
  const requests = useLoad((signal) => api.requests({ userId, max: MAX }, signal), [api, userId]);
  const reload = () => {
    eligibilities.reload();
    requests.reload();
  };
  const elevations = [...(requests.data ?? [])].sort(
    (a, b) => Number(OPEN.includes(b.status)) - Number(OPEN.includes(a.status)) || b.requestedAt - a.requestedAt,
  );

  const [confirmRemove, removeDialog] = useConfirmedAction<Eligibility>({
    title: t("pimRemoveEligibilityTitle"),
    message: (e) => t("pimRemoveEligibilityMessage", { principal: username, role: roleLabel(e.role) }),
    confirmLabel: t("pimRemove"),
    run: (e) => api.deleteEligibility(e.id),
    success: () => t("pimEligibilityRemoved"),
    onDone: reload,
  });
  const [confirmRevoke, revokeDialog] = useConfirmedAction<PimRequest>({
    title: t("pimRevokeTitle"),
    message: (r) => t("pimRevokeMessage", { user: username, role: roleLabel(r.role) }),
    confirmLabel: t("pimRevoke"),
    reasonLabel: t("pimReason"),
    run: (r, reason) => api.revoke(r.id, reason),
    success: () => t("pimRevoked"),
    onDone: reload,
  });

  const eligibilityActions = (e: Eligibility): IAction[] =>
    canManageUsers && e.state !== "EXPIRED"
      ? e.principal.type === "USER"
        ? [{ title: t("pimRemove"), onClick: () => confirmRemove(e) }]
        : [{ title: t("pimUserOpenGroupAssignment"), onClick: () => navigate(`/${encodeURIComponent(realm)}/pim/assignments/eligible`) }]
      : [];

  return (
    <PageSection variant="light" data-testid="pim-user-privileged-access">
      <Toolbar className="pf-v5-u-p-0">
        <ToolbarContent className="pf-v5-u-px-0">
          <ToolbarItem>
            <Title headingLevel="h2" size="lg">
              {t("pimUserEligibilities")}
            </Title>
          </ToolbarItem>
          {canManageUsers && (
            <ToolbarItem align={{ default: "alignRight" }}>
              <Button
                variant="secondary"
                data-testid="pim-user-add-assignment"
                onClick={() => navigate(`/${encodeURIComponent(realm)}/pim/assignments/add?userId=${encodeURIComponent(userId)}`)}
              >
                {t("pimAddAssignments")}
              </Button>
            </ToolbarItem>
          )}
        </ToolbarContent>
      </Toolbar>
      <LoadError error={eligibilities.error} />
      {eligibilities.data && eligibilities.data.length === 0 ? (
        <NoRows title={t("pimUserNoEligibilities", { username })} testId="pim-user-no-eligibilities" />
      ) : (
        <Table aria-label={t("pimUserEligibilities")} variant="compact" data-testid="pim-user-eligibilities">
          <Thead>
            <Tr>
              <Th>{t("pimRole")}</Th>
              <Th>{t("pimVia")}</Th>
              <Th>{t("pimStart")}</Th>
              <Th>{t("pimEnd")}</Th>
              <Th>{t("pimStatus")}</Th>
              <Th>{t("pimJustification")}</Th>
              <Th screenReaderText={t("pimActions")} />
            </Tr>
          </Thead>
          <Tbody>
            {(eligibilities.data ?? []).map((e) => (
              <Tr key={e.id} data-testid="pim-user-eligibility">
                <Td dataLabel={t("pimRole")}>
                  <RoleName role={e.role} />
                </Td>
                <Td dataLabel={t("pimVia")}>{e.principal.type === "GROUP" ? e.principal.name : t("pimViaDirect")}</Td>
                <Td dataLabel={t("pimStart")}>{formatTime(e.startsAt ?? e.createdAt, locale)}</Td>
                <Td dataLabel={t("pimEnd")}>{e.endsAt === null ? t("pimPermanent") : formatTime(e.endsAt, locale)}</Td>
                <Td dataLabel={t("pimStatus")}>{t(`pimEligibilityState_${e.state}`)}</Td>
                <Td dataLabel={t("pimJustification")} className="pim-pre-wrap">
                  {e.justification}
                </Td>
                <Td isActionCell>
                  {eligibilityActions(e).length > 0 && <ActionsColumn items={eligibilityActions(e)} popperProps={{ position: "right" }} />}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}

      <Title headingLevel="h2" size="lg" className="pf-v5-u-mt-xl pf-v5-u-mb-md">
        {t("pimUserElevations")}
      </Title>
      <LoadError error={requests.error} />
      {requests.data && elevations.length === 0 ? (
        <NoRows title={t("pimUserNoElevations", { username })} testId="pim-user-no-elevations" />
      ) : (
        <Table aria-label={t("pimUserElevations")} variant="compact" data-testid="pim-user-elevations">
          <Thead>
            <Tr>
              <Th>{t("pimRole")}</Th>
              <Th>{t("pimStatus")}</Th>
              <Th>{t("pimWindow")}</Th>
              <Th>{t("pimJustification")}</Th>
              <Th>{t("pimTicket")}</Th>
              <Th screenReaderText={t("pimActions")} />
            </Tr>
          </Thead>
          <Tbody>
            {elevations.map((r) => (
              <Tr key={r.id} data-testid="pim-user-elevation">
                <Td dataLabel={t("pimRole")}>
                  <RoleName role={r.role} />
                  <RequestKindNote request={r} />
                </Td>
                <Td dataLabel={t("pimStatus")} modifier="wrap">
                  <StatusLabel status={r.status} />
                  {r.endReason && <div className="pf-v5-u-font-size-sm pim-pre-wrap">{r.endReason}</div>}
                </Td>
                <Td dataLabel={t("pimWindow")}>{`${formatTime(r.startsAt, locale)} – ${formatTime(r.endedAt ?? r.endsAt, locale)}`}</Td>
                <Td dataLabel={t("pimJustification")} className="pim-pre-wrap">
                  {r.justification}
                </Td>
                <Td dataLabel={t("pimTicket")}>{r.ticket}</Td>
                <Td isActionCell>
                  {canManageUsers && (r.status === "ACTIVE" || r.status === "SCHEDULED") && (
                    <ActionsColumn items={[{ title: t("pimRevoke"), onClick: () => confirmRevoke(r) }]} popperProps={{ position: "right" }} />
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {removeDialog}
      {revokeDialog}
    </PageSection>
  );
};
