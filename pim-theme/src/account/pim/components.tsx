import {
  Alert,
  AlertActionLink,
  AlertVariant,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Label,
  LabelGroup,
  Title,
} from "@patternfly/react-core";
import { ClockIcon, EditIcon, KeyIcon, TicketAltIcon, UserCheckIcon } from "@patternfly/react-icons";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { consolePath } from "../environment";
import type { Policy } from "./api";
import { formatDuration } from "./format";

/** What an activation of the role will ask for, as labels. */
export const Requirements = ({ policy }: { policy: Policy }) => {
  const { t } = useTranslation();
  return (
    <LabelGroup numLabels={6} aria-label={t("pimActivationRequires")}>
      <Label icon={<ClockIcon />} isCompact>
        {t("pimRequiresMaxDuration", { duration: formatDuration(policy.maxActivationSeconds, t) })}
      </Label>
      {policy.requireJustification && (
        <Label icon={<EditIcon />} isCompact>
          {t("pimRequiresJustification")}
        </Label>
      )}
      {policy.requireTicket && (
        <Label icon={<TicketAltIcon />} isCompact>
          {t("pimRequiresTicket")}
        </Label>
      )}
      {policy.requireOtp && (
        <Label icon={<KeyIcon />} isCompact color="blue">
          {t("pimRequiresOtp")}
        </Label>
      )}
      {policy.requireApproval && (
        <Label icon={<UserCheckIcon />} isCompact color="gold">
          {t("pimRequiresApproval")}
        </Label>
      )}
    </LabelGroup>
  );
};

/** Tells a user without an authenticator app that OTP roles need one, with a link to set it up. */
export const OtpMissingAlert = ({ isInline = true }: { isInline?: boolean }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Alert
      variant={AlertVariant.warning}
      isInline={isInline}
      title={t("pimOtpMissingTitle")}
      data-testid="pim-otp-missing"
      actionLinks={
        <AlertActionLink
          component="a"
          href={consolePath("account-security/signing-in")}
          onClick={(event) => {
            event.preventDefault();
            navigate(consolePath("account-security/signing-in"));
          }}
          data-testid="pim-otp-setup-link"
        >
          {t("pimOtpSetUpLink")}
        </AlertActionLink>
      }
    >
      {t("pimOtpMissing")}
    </Alert>
  );
};

export const Section = ({ title, id, children }: { title: string; id: string; children: ReactNode }) => (
  <section aria-labelledby={id} className="pf-v5-u-mb-xl">
    <Title headingLevel="h2" size="xl" id={id} className="pf-v5-u-mb-md">
      {title}
    </Title>
    {children}
  </section>
);

export const Empty = ({ title, body, testId }: { title: string; body?: string; testId: string }) => (
  <EmptyState variant="xs" data-testid={testId}>
    <EmptyStateHeader titleText={title} headingLevel="h3" />
    {body && <EmptyStateBody>{body}</EmptyStateBody>}
  </EmptyState>
);
