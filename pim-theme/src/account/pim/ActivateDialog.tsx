import { Alert, AlertVariant } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { activate, roleLabel, type EligibleRole, type PimRequest } from "./api";
import { ElevationDialog } from "./ElevationDialog";
import { durationOptions, formatDuration } from "./format";
import { usePimContext } from "./hooks";

type Props = {
  entry: EligibleRole;
  /** false: the user has no OTP credential; undefined: not known. */
  otpConfigured: boolean | undefined;
  onClose: () => void;
  onActivated: (request: PimRequest) => void;
};

/**
 * Activates (or requests) an eligible role: duration within the policy's maximum, justification,
 * ticket and one-time code as the policy asks. The server's error codes land on their field.
 */
export const ActivateDialog = ({ entry, otpConfigured, onClose, onActivated }: Props) => {
  const { t } = useTranslation();
  const context = usePimContext();
  const { policy, role } = entry;
  const label = roleLabel(role);

  return (
    <ElevationDialog
      testId="pim-activate"
      action="activate"
      title={policy.requireApproval ? t("pimRequestTitle", { role: label }) : t("pimActivateTitle", { role: label })}
      description={role.description ?? undefined}
      submitLabel={policy.requireApproval ? t("pimSubmitRequest") : t("pimActivate")}
      policy={policy}
      otpConfigured={otpConfigured}
      durations={durationOptions(policy.maxActivationSeconds)}
      durationHint={() => t("pimDurationHint", { max: formatDuration(policy.maxActivationSeconds, t) })}
      notice={
        policy.requireApproval && <Alert variant={AlertVariant.info} isInline isPlain title={t("pimApprovalNotice")} />
      }
      send={(input) => activate(context, { roleId: role.id, ...input })}
      onClose={onClose}
      onDone={onActivated}
    />
  );
};
