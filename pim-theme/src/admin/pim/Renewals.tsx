import { Button, ButtonVariant, FormGroup, FormHelperText, HelperText, HelperTextItem, Label, PageSection, TextInput, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RENEWAL_STATUSES, type Renewal, type RenewalStatus } from "./api";
import { errorText, LoadError, NoRows, PageHeader, roleLabel, RoleName, ServerPagination, useConfirmedAction } from "./components";
import { formatDuration, formatTime, fromLocalInput, renewalEnd, toLocalInput } from "./format";
import { useLoad, useLocale, usePimApi } from "./hooks";
import { StatusSelect } from "./StatusSelect";

const PAGE = 20;
const STATUS_COLORS: Record<RenewalStatus, "gold" | "green" | "red"> = { PENDING: "gold", APPROVED: "green", DENIED: "red" };

/** The end an approval will set, and what bounds it (the page's state while the Approve dialog is open). */
type Approval = { endsAt: string; latest: number | null; maxSeconds: number | null; lookupError?: string };

/**
 * Users' requests to renew their eligibilities (GET /renewals, manage-users as the API asks), pending
 * ones first by default. Approve sets the eligibility's new end (proposed: the role policy's longest
 * eligibility, else 90 days from now); Deny needs a reason. The server's refusal shows in the dialog.
 */
export default function Renewals() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = usePimApi();
  const [status, setStatus] = useState<RenewalStatus | "">("PENDING");
  const [first, setFirst] = useState(0);
  const renewals = useLoad((signal) => api.renewals({ status: status || undefined, first, max: PAGE + 1 }, signal), [api, status, first]);
  const rows = (renewals.data ?? []).slice(0, PAGE);
  const [approval, setApproval] = useState<Approval>({ endsAt: "", latest: null, maxSeconds: null });
  const newEnd = fromLocalInput(approval.endsAt);

  const [confirmApprove, approveDialog] = useConfirmedAction<Renewal, Renewal>({
    title: t("pimApproveRenewalTitle"),
    message: (r) => t("pimApproveRenewalMessage", { user: r.user.username, role: roleLabel(r.role), end: formatTime(r.eligibilityEndsAt, locale) }),
    confirmLabel: t("pimApprove"),
    confirmVariant: ButtonVariant.primary,
    canConfirm: newEnd !== null && newEnd > Date.now(),
    fields: () => (
      <FormGroup label={t("pimNewEnd")} isRequired fieldId="pim-renewal-ends-at">
        <TextInput id="pim-renewal-ends-at" type="datetime-local" value={approval.endsAt} data-testid="pim-renewal-ends-at"
          onChange={(_e, v) => setApproval((a) => ({ ...a, endsAt: v }))} />
        <FormHelperText>
          <HelperText>
            {approval.latest !== null && approval.maxSeconds !== null && (
              <HelperTextItem data-testid="pim-renewal-latest">
                {t("pimRenewalLatest", { max: formatDuration(approval.maxSeconds, t), latest: formatTime(approval.latest, locale) })}
              </HelperTextItem>
            )}
            {approval.latest === null && !approval.lookupError && <HelperTextItem>{t("pimRenewalDefault")}</HelperTextItem>}
            {approval.lookupError && <HelperTextItem variant="warning">{t("pimRenewalPolicyUnknown", { error: approval.lookupError })}</HelperTextItem>}
          </HelperText>
        </FormHelperText>
      </FormGroup>
    ),
    run: (r) => api.decideRenewal(r.id, { decision: "APPROVE", endsAt: newEnd! }),
    success: (r, result) => t("pimRenewalApproved", { user: r.user.username, role: roleLabel(r.role), end: formatTime(result.endsAt, locale) }),
    onDone: renewals.reload,
  });
  const [confirmDeny, denyDialog] = useConfirmedAction<Renewal>({
    title: t("pimDenyRenewalTitle"),
    message: (r) => t("pimDenyRenewalMessage", { user: r.user.username, role: roleLabel(r.role), end: formatTime(r.eligibilityEndsAt, locale) }),
    confirmLabel: t("pimDeny"),
    reasonLabel: t("pimReason"),
    run: (r, reason) => api.decideRenewal(r.id, { decision: "DENY", reason }),
    success: (r) => t("pimRenewalDenied", { user: r.user.username, role: roleLabel(r.role) }),
    onDone: renewals.reload,
  });

  /** Proposes the new end from the role's policy and the eligibility's start (gone: an approval creates it again, from now). */
  const openApprove = async (r: Renewal) => {
    const now = Date.now();
    try {
      const [policy, eligibility] = await Promise.all([
        api.policy(r.role.id),
        api.eligibility(r.eligibilityId).catch(() => undefined),
      ]);
      const { proposed, latest } = renewalEnd(policy, eligibility ? eligibility.startsAt ?? eligibility.createdAt : undefined, now);
      setApproval({ endsAt: toLocalInput(proposed), latest, maxSeconds: policy.maxEligibilitySeconds });
    } catch (e) {
      setApproval({ endsAt: toLocalInput(renewalEnd(undefined, undefined, now).proposed), latest: null, maxSeconds: null, lookupError: errorText(e) });
    }
    confirmApprove(r);
  };

  return (
    <>
      <PageHeader title={t("pimRenewals")} description={t("pimRenewalsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <StatusSelect value={status} options={RENEWAL_STATUSES} label={t("pimStatus")} render={(s) => t(`pimRenewalStatus_${s}`)}
                onChange={(s) => { setStatus(s as RenewalStatus | ""); setFirst(0); }} testId="pim-renewal-status-filter" />
            </ToolbarItem>
            <ToolbarItem variant="pagination">
              <ServerPagination perPage={PAGE} first={first} loaded={renewals.data?.length ?? 0} shown={rows.length} onFirst={setFirst} />
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <div className="pf-v5-u-px-lg pf-v5-u-pb-lg">
          <LoadError error={renewals.error} />
          {renewals.data && rows.length === 0 ? (
            <NoRows title={t(status === "PENDING" ? "pimNoPendingRenewals" : "pimNoRenewals")} testId="pim-no-renewals" />
          ) : (
            <Table aria-label={t("pimRenewals")} variant="compact" data-testid="pim-renewals">
              <Thead>
                <Tr>
                  <Th>{t("pimUsername")}</Th>
                  <Th>{t("pimRole")}</Th>
                  <Th>{t("pimAskedAt")}</Th>
                  <Th>{t("pimEligibilityEnd")}</Th>
                  <Th>{t("pimJustification")}</Th>
                  <Th>{t("pimDecision")}</Th>
                  <Th screenReaderText={t("pimActions")} />
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((r) => (
                  <Tr key={r.id} data-testid="pim-renewal-row">
                    <Td dataLabel={t("pimUsername")}>{r.user.username}</Td>
                    <Td dataLabel={t("pimRole")}><RoleName role={r.role} /></Td>
                    <Td dataLabel={t("pimAskedAt")}>{formatTime(r.requestedAt, locale)}</Td>
                    <Td dataLabel={t("pimEligibilityEnd")}>{formatTime(r.eligibilityEndsAt, locale)}</Td>
                    <Td dataLabel={t("pimJustification")} className="pim-pre-wrap">{r.justification}</Td>
                    <Td dataLabel={t("pimDecision")} data-testid="pim-renewal-decision">
                      <Label color={STATUS_COLORS[r.status]} isCompact>{t(`pimRenewalStatus_${r.status}`)}</Label>
                      {r.decidedBy && (
                        <div className="pf-v5-u-font-size-sm">
                          {t("pimDecidedBy", { admin: r.decidedBy.username, at: formatTime(r.decidedAt, locale) })}
                          {r.status === "APPROVED" && r.endsAt !== null && <div>{t("pimRenewedUntil", { end: formatTime(r.endsAt, locale) })}</div>}
                          {r.reason && <div className="pim-pre-wrap">{r.reason}</div>}
                        </div>
                      )}
                    </Td>
                    <Td isActionCell modifier="fitContent">
                      {r.status === "PENDING" && (
                        <div className="pim-row-actions">
                          <Button variant="primary" size="sm" onClick={() => void openApprove(r)} data-testid="pim-renewal-approve">{t("pimApprove")}</Button>
                          <Button variant="secondary" size="sm" isDanger onClick={() => confirmDeny(r)} data-testid="pim-renewal-deny">{t("pimDeny")}</Button>
                        </div>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </div>
      </PageSection>
      {approveDialog}
      {denyDialog}
    </>
  );
}
