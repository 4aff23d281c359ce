import { Button, Label, type LabelProps } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";
import { roleLabel, type OwnEligibility, type Renewal, type RenewalStatus, type Role } from "./api";
import { pendingRenewalOf } from "./elevations";
import { Section } from "./components";
import { formatTime } from "./format";
import { useLocale } from "./hooks";

const COLORS: Record<RenewalStatus, LabelProps["color"]> = { PENDING: "gold", APPROVED: "green", DENIED: "red" };

export const RenewalStatusLabel = ({ status }: { status: RenewalStatus }) => {
  const { t } = useTranslation();
  return (
    <Label color={COLORS[status] ?? "grey"} data-testid="pim-renewal-status" data-status={status}>
      {t(`pimRenewalStatus_${status}`)}
    </Label>
  );
};

/** Renew on an eligibility, or "Renewal requested" while a renewal of it waits for an administrator. */
export const RenewAction = ({
  eligibilityId,
  role,
  renewals,
  onRenew,
}: {
  eligibilityId: string;
  role: Role;
  renewals: Renewal[];
  onRenew: () => void;
}) => {
  const { t } = useTranslation();
  return pendingRenewalOf(eligibilityId, renewals) ? (
    <Label color="gold" isCompact data-testid="pim-renewal-pending">
      {t("pimRenewalPending")}
    </Label>
  ) : (
    <Button variant="secondary" data-testid="pim-renew" aria-label={t("pimRenewRole", { role: roleLabel(role) })} onClick={onRenew}>
      {t("pimRenew")}
    </Button>
  );
};

/**
 * The user's own eligibilities that ended within the last 30 days (no longer in the eligible roles above),
 * each with Renew, or the renewal that waits for it. Hidden while there are none.
 */
export const EndedEligibilitiesSection = ({
  ended,
  renewals,
  onRenew,
}: {
  ended: OwnEligibility[] | undefined;
  renewals: Renewal[] | undefined;
  onRenew: (eligibility: OwnEligibility) => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!ended || ended.length === 0 || !renewals) return null;
  return (
    <Section title={t("pimEndedEligibilities")} id="pim-ended-title">
      <Table aria-labelledby="pim-ended-title" variant="compact" data-testid="pim-ended-table">
        <Thead>
          <Tr>
            <Th modifier="wrap">{t("pimRole")}</Th>
            <Th modifier="wrap">{t("pimEndedAt")}</Th>
            <Th screenReaderText={t("pimActions")} />
          </Tr>
        </Thead>
        <Tbody>
          {ended.map((eligibility) => (
            <Tr key={eligibility.id} data-testid={`pim-ended-${eligibility.role.name}`}>
              <Td dataLabel={t("pimRole")}>{roleLabel(eligibility.role)}</Td>
              <Td dataLabel={t("pimEndedAt")}>{formatTime(eligibility.endsAt, locale)}</Td>
              <Td isActionCell>
                <RenewAction eligibilityId={eligibility.id} role={eligibility.role} renewals={renewals} onRenew={() => onRenew(eligibility)} />
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Section>
  );
};

/**
 * The user's renewal requests (newest first), pending and decided: the role, when they asked, the
 * administrator's decision with its reason, and the new end an approval set. Hidden while there are none.
 */
export const RenewalsSection = ({ renewals }: { renewals: Renewal[] | undefined }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!renewals || renewals.length === 0) return null;
  return (
    <Section title={t("pimRenewals")} id="pim-renewals-title">
      <Table aria-labelledby="pim-renewals-title" variant="compact" data-testid="pim-renewals-table">
        <Thead>
          <Tr>
            <Th modifier="wrap">{t("pimRole")}</Th>
            <Th modifier="wrap">{t("pimRequested")}</Th>
            <Th modifier="wrap">{t("pimStatus")}</Th>
            <Th width={40} modifier="wrap">{t("pimRenewalDecision")}</Th>
            <Th modifier="wrap">{t("pimEligibleUntil")}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {renewals.map((renewal) => (
            <Tr key={renewal.id} data-testid={`pim-renewal-${renewal.id}`}>
              <Td dataLabel={t("pimRole")}>{roleLabel(renewal.role)}</Td>
              <Td dataLabel={t("pimRequested")}>{formatTime(renewal.requestedAt, locale)}</Td>
              <Td dataLabel={t("pimStatus")}>
                <RenewalStatusLabel status={renewal.status} />
              </Td>
              <Td dataLabel={t("pimRenewalDecision")} className="pim-pre-wrap">
                {renewal.status === "PENDING"
                  ? t("pimRenewalWaits")
                  : t("pimRenewalDecidedBy", {
                      admin: renewal.decidedBy?.username ?? "",
                      time: formatTime(renewal.decidedAt, locale),
                    })}
                {renewal.reason && ` — ${renewal.reason}`}
              </Td>
              <Td dataLabel={t("pimEligibleUntil")}>
                {formatTime(renewal.status === "APPROVED" ? renewal.endsAt : renewal.eligibilityEndsAt, locale)}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Section>
  );
};
