import { Alert, AlertVariant } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { extend, roleLabel, type EligibleRole, type PimRequest } from "./api";
import { ElevationDialog } from "./ElevationDialog";
import { extendedEnd, extensionOptions, formatDuration, formatTime } from "./format";
import { useLocale, usePimContext } from "./hooks";

type Props = {
  /** The ACTIVE elevation to extend. */
  request: PimRequest;
  /** The eligibility it rests on: its policy and end bound the extension. */
  entry: EligibleRole;
  /** false: the user has no OTP credential; undefined: not known. */
  otpConfigured: boolean | undefined;
  onClose: () => void;
  /** The extended elevation (200), or the EXTENSION request waiting for approval (201). */
  onExtended: (request: PimRequest) => void;
};

/**
 * Extends an ACTIVE elevation: the new end is now + the chosen duration (at most the policy's
 * maximum, never past the eligibility's end), with the same justification, ticket and one-time code
 * as an activation. Only durations that end later than the current end are offered. When the policy
 * requires approval the dialog sends a request instead (the server answers 201 with an EXTENSION):
 * the role runs on until its current end, and the new end counts from the approval.
 */
export const ExtendDialog = ({ request, entry, otpConfigured, onClose, onExtended }: Props) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const context = usePimContext();
  const { policy } = entry;
  const label = roleLabel(request.role);
  // The choices as of opening the dialog; the server counts from when it receives the request (later ends only).
  const [openedAt] = useState(() => Date.now());
  const durations = extensionOptions(policy.maxActivationSeconds, openedAt, request.endsAt, entry.endsAt);
  const max = formatDuration(policy.maxActivationSeconds, t);

  const approval = policy.requireApproval;
  const durationHint = (seconds: number) => {
    if (approval) return t("pimExtendApprovalDurationHint", { duration: formatDuration(seconds, t), max });
    const end = extendedEnd(Date.now(), seconds, entry.endsAt);
    return end.cut
      ? t("pimExtendCutHint", { time: formatTime(end.endsAt, locale) })
      : t("pimExtendDurationHint", { time: formatTime(end.endsAt, locale), max });
  };

  return (
    <ElevationDialog
      testId="pim-extend"
      action="extend"
      title={t("pimExtendTitle", { role: label })}
      description={request.role.description ?? undefined}
      submitLabel={approval ? t("pimSubmitRequest") : t("pimExtend")}
      policy={policy}
      otpConfigured={otpConfigured}
      durations={durations}
      durationHint={durationHint}
      notice={
        approval && durations.length > 0 ? (
          <Alert
            variant={AlertVariant.info}
            isInline
            isPlain
            title={t("pimExtendApprovalNotice", { time: formatTime(request.endsAt, locale) })}
            data-testid="pim-extend-approval-notice"
          />
        ) : (
          <Alert
            variant={durations.length ? AlertVariant.info : AlertVariant.warning}
            isInline
            isPlain
            title={t("pimExtendCurrentEnd", { time: formatTime(request.endsAt, locale) })}
            data-testid="pim-extend-notice"
          >
            {durations.length === 0 && t(entry.endsAt !== null && entry.endsAt <= request.endsAt ? "pimExtendEligibilityEnds" : "pimExtendAtMaximum", { max })}
          </Alert>
        )
      }
      send={(input) => extend(context, request.id, input)}
      onClose={onClose}
      onDone={onExtended}
    />
  );
};
