import { PageSection, Tab, Tabs, TabTitleText, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { ActionsColumn, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { REQUEST_STATUSES, type Policy, type PimRequest, type RequestStatus } from "./api";
import { LoadError, NoRows, PageHeader, RequestKindNote, roleLabel, RoleName, ServerPagination, StatusLabel, useConfirmedAction } from "./components";
import { formatTime } from "./format";
import { useLoad, useLocale, usePimApi, usePimPermissions } from "./hooks";
import { StatusSelect } from "./StatusSelect";

const PAGE = 20;

/** Pending approvals (with their deadlines and the quorum the role's policy asks) and the request history of the realm. */
export default function Requests() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = usePimApi();
  const { canManageUsers } = usePimPermissions();
  const [tab, setTab] = useState<"pending" | "history">("pending");
  const [status, setStatus] = useState<RequestStatus | "">("");
  const [first, setFirst] = useState(0);
  const effectiveStatus = tab === "pending" ? "PENDING_APPROVAL" : status || undefined;
  const requests = useLoad((signal) => api.requests({ status: effectiveStatus, first, max: PAGE + 1 }, signal), [api, effectiveStatus, first]);
  const policies = useLoad((signal) => api.policies(signal), [api]);
  const policyOf = (roleId: string): Policy | undefined => policies.data?.find((p) => p.role?.id === roleId);
  const rows = (requests.data ?? []).slice(0, PAGE);

  const [confirmRevoke, revokeDialog] = useConfirmedAction<PimRequest>({
    title: t("pimRevokeTitle"),
    message: (r) => t("pimRevokeMessage", { user: r.user.username, role: roleLabel(r.role) }),
    confirmLabel: t("pimRevoke"),
    reasonLabel: t("pimReason"),
    run: (r, reason) => api.revoke(r.id, reason),
    success: () => t("pimRevoked"),
    onDone: requests.reload,
  });

  return (
    <>
      <PageHeader title={t("pimRequests")} description={t("pimRequestsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs activeKey={tab} onSelect={(_e, key) => { setTab(key as "pending" | "history"); setFirst(0); }} aria-label={t("pimRequests")} inset={{ default: "insetLg" }}>
          <Tab eventKey="pending" title={<TabTitleText>{t("pimPendingApprovals")}</TabTitleText>} data-testid="pim-tab-pending" />
          <Tab eventKey="history" title={<TabTitleText>{t("pimHistory")}</TabTitleText>} data-testid="pim-tab-history" />
        </Tabs>
        <Toolbar>
          <ToolbarContent>
            {tab === "history" && (
              <ToolbarItem>
                <StatusSelect value={status} options={REQUEST_STATUSES} label={t("pimStatus")} render={(s) => t(`pimStatus_${s}`)} onChange={(s) => { setStatus(s as RequestStatus | ""); setFirst(0); }} testId="pim-status-filter" />
              </ToolbarItem>
            )}
            <ToolbarItem variant="pagination">
              <ServerPagination perPage={PAGE} first={first} loaded={requests.data?.length ?? 0} shown={rows.length} onFirst={setFirst} />
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <div className="pf-v5-u-px-lg pf-v5-u-pb-lg">
          <LoadError error={requests.error} />
          {requests.data && rows.length === 0 ? (
            <NoRows title={t(tab === "pending" ? "pimNoPending" : "pimNoRequests")} />
          ) : (
            <Table aria-label={t("pimRequests")} variant="compact" data-testid="pim-requests">
              <Thead>
                <Tr>
                  <Th>{t("pimRequester")}</Th>
                  <Th>{t("pimRole")}</Th>
                  <Th>{t("pimStatus")}</Th>
                  <Th>{t("pimJustification")}</Th>
                  <Th>{t("pimTicket")}</Th>
                  <Th>{t("pimDecisions")}</Th>
                  <Th>{tab === "pending" ? t("pimDeadline") : t("pimWindow")}</Th>
                  <Th screenReaderText={t("pimActions")} />
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((r) => {
                  const policy = policyOf(r.role.id);
                  return (
                    <Tr key={r.id} data-testid="pim-request-row">
                      <Td dataLabel={t("pimRequester")}>{r.user.username}</Td>
                      <Td dataLabel={t("pimRole")}><RoleName role={r.role} /><RequestKindNote request={r} /></Td>
                      <Td dataLabel={t("pimStatus")} modifier="wrap"><StatusLabel status={r.status} />{r.endReason && <div className="pf-v5-u-font-size-sm pim-pre-wrap">{r.endReason}</div>}</Td>
                      <Td dataLabel={t("pimJustification")} className="pim-pre-wrap">{r.justification}</Td>
                      <Td dataLabel={t("pimTicket")}>{r.ticket}</Td>
                      <Td dataLabel={t("pimDecisions")} modifier="wrap">
                        {r.decisions.length === 0 ? "—" : r.decisions.map((d) => (
                          <div key={`${d.approver.id}-${d.at}`}>{t(d.decision === "APPROVE" ? "pimApprovedBy" : "pimDeniedBy", { approver: d.approver.username })}{d.reason ? `: ${d.reason}` : ""}</div>
                        ))}
                        {tab === "pending" && policy && <div className="pf-v5-u-font-size-sm">{t("pimApprovalsOf", { count: r.decisions.filter((d) => d.decision === "APPROVE").length, needed: policy.minApprovals })}</div>}
                      </Td>
                      <Td dataLabel={tab === "pending" ? t("pimDeadline") : t("pimWindow")} modifier="wrap">
                        {tab === "pending" ? formatTime(r.approvalDeadline, locale) : `${formatTime(r.startsAt, locale)} – ${formatTime(r.endedAt ?? r.endsAt, locale)}`}
                      </Td>
                      <Td isActionCell>
                        {canManageUsers && (r.status === "ACTIVE" || r.status === "SCHEDULED") && (
                          <ActionsColumn items={[{ title: t("pimRevoke"), onClick: () => confirmRevoke(r) }]} />
                        )}
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
        </div>
      </PageSection>
      {revokeDialog}
    </>
  );
}
