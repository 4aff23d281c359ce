import {
  Alert,
  AlertVariant,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { activate, roleLabel, type ActivationInput, type EligibleRole, type PimRequest } from "./api";
import { activationErrorField, errorCode, errorDescription, errorMessageKey, type ActivationField } from "./errors";
import { durationOptions, formatDuration } from "./format";
import { usePimContext } from "./hooks";
import { OtpMissingAlert, Requirements } from "./components";

type FieldErrors = Partial<Record<ActivationField, { code: string; message: string }>>;

/** Helper text under a field: the error of the last attempt (read by screen readers), then the hint. */
const FieldHelp = ({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) => {
  if (!hint && !error) return null;
  return (
    <FormHelperText>
      <HelperText id={id} aria-live="polite">
        {error && (
          <HelperTextItem variant="error" icon={<ExclamationCircleIcon />} data-testid={`${id}-error`}>
            {error}
          </HelperTextItem>
        )}
        {hint && <HelperTextItem>{hint}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
};

const FIELD_IDS: Record<Exclude<ActivationField, "form">, string> = {
  duration: "pim-duration",
  justification: "pim-justification",
  ticket: "pim-ticket",
  otp: "pim-otp",
};

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
  const options = durationOptions(policy.maxActivationSeconds);

  const [duration, setDuration] = useState(options[options.length - 1]);
  const [justification, setJustification] = useState("");
  const [ticket, setTicket] = useState("");
  const [otp, setOtp] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [otpMissing, setOtpMissing] = useState(policy.requireOtp && otpConfigured === false);

  const label = roleLabel(role);
  const message = (code: string, error?: unknown) =>
    t(code === "justification_invalid" && !policy.justificationPattern
      ? "pimError_justification_invalid_detail"
      : errorMessageKey(code, "activate"), {
      code,
      description: error ? errorDescription(error) : "",
      max: formatDuration(policy.maxActivationSeconds, t),
      pattern: policy.justificationPattern ?? "",
    });

  const fail = (field: ActivationField, code: string, error?: unknown) => ({
    [field]: { code, message: message(code, error) },
  });

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    // The same rules the server applies first, so the user sees them without a round trip.
    const local: FieldErrors = {
      ...(policy.requireJustification && !justification.trim() ? fail("justification", "justification_required") : {}),
      ...(policy.requireTicket && !ticket.trim() ? fail("ticket", "ticket_required") : {}),
      ...(policy.requireOtp && !otp.trim() ? fail("otp", "otp_required") : {}),
    };
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const input: ActivationInput = { roleId: role.id, durationSeconds: duration };
    if (justification.trim()) input.justification = justification;
    if (ticket.trim()) input.ticket = ticket.trim();
    if (policy.requireOtp) input.otp = otp.replace(/\s+/g, "");

    setSubmitting(true);
    setErrors({});
    try {
      const request = await activate(context, input);
      onActivated(request);
    } catch (error) {
      const code = errorCode(error);
      if (code === "otp_not_configured") {
        setOtpMissing(true);
      }
      const field = activationErrorField(code);
      setErrors(fail(field, code, error));
      if (field === "otp") {
        setOtp("");
      }
    } finally {
      setSubmitting(false);
    }
  };

  // Moves the focus to the first field the last attempt found wrong.
  useEffect(() => {
    const first = (Object.keys(FIELD_IDS) as (keyof typeof FIELD_IDS)[]).find((field) => errors[field]);
    if (first) document.getElementById(FIELD_IDS[first])?.focus();
  }, [errors]);

  const validated = (field: ActivationField) => (errors[field] ? "error" : "default");
  const showOtpField = policy.requireOtp && !otpMissing;
  const formError = errors.form;

  return (
    <Modal
      variant={ModalVariant.medium}
      title={policy.requireApproval ? t("pimRequestTitle", { role: label }) : t("pimActivateTitle", { role: label })}
      description={role.description ?? undefined}
      isOpen
      onClose={onClose}
      data-testid="pim-activate-dialog"
      actions={[
        <Button
          key="submit"
          type="submit"
          form="pim-activate-form"
          variant="primary"
          data-testid="pim-activate-submit"
          isLoading={submitting}
          isDisabled={submitting || (policy.requireOtp && otpMissing)}
        >
          {policy.requireApproval ? t("pimSubmitRequest") : t("pimActivate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose} data-testid="pim-activate-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form id="pim-activate-form" onSubmit={submit} noValidate>
        <Requirements policy={policy} />
        {policy.requireApproval && (
          <Alert variant={AlertVariant.info} isInline isPlain title={t("pimApprovalNotice")} />
        )}
        {formError && formError.code !== "otp_not_configured" && (
          <Alert
            variant={AlertVariant.danger}
            isInline
            title={formError.message}
            isLiveRegion
            data-testid="pim-activate-error"
            data-error={formError.code}
          />
        )}
        {policy.requireOtp && otpMissing && <OtpMissingAlert />}

        <FormGroup label={t("pimDuration")} fieldId="pim-duration" isRequired>
          <FormSelect
            id="pim-duration"
            value={String(duration)}
            onChange={(_event, value) => setDuration(Number(value))}
            validated={validated("duration")}
            aria-describedby="pim-duration-help"
          >
            {options.map((seconds) => (
              <FormSelectOption key={seconds} value={String(seconds)} label={formatDuration(seconds, t)} />
            ))}
          </FormSelect>
          <FieldHelp
            id="pim-duration-help"
            hint={t("pimDurationHint", { max: formatDuration(policy.maxActivationSeconds, t) })}
            error={errors.duration?.message}
          />
        </FormGroup>

        <FormGroup label={t("pimJustification")} fieldId="pim-justification" isRequired={policy.requireJustification}>
          <TextArea
            id="pim-justification"
            name="justification"
            value={justification}
            onChange={(_event, value) => setJustification(value)}
            validated={validated("justification")}
            aria-describedby="pim-justification-help"
            maxLength={1000}
            resizeOrientation="vertical"
            isRequired={policy.requireJustification}
          />
          <FieldHelp
            id="pim-justification-help"
            hint={
              policy.justificationHint ? (
                <>
                  {t("pimJustificationFormatHint", { hint: policy.justificationHint })}
                  {policy.justificationPattern && (
                    <small className="pim-pattern-detail">
                      {" "}
                      {t("pimJustificationPatternDetail", { pattern: policy.justificationPattern })}
                    </small>
                  )}
                </>
              ) : policy.justificationPattern ? (
                t("pimJustificationPatternHint", { pattern: policy.justificationPattern })
              ) : (
                t("pimJustificationHint")
              )
            }
            error={errors.justification?.message}
          />
        </FormGroup>

        {policy.requireTicket && (
          <FormGroup label={t("pimTicket")} fieldId="pim-ticket" isRequired>
            <TextInput
              id="pim-ticket"
              name="ticket"
              value={ticket}
              onChange={(_event, value) => setTicket(value)}
              validated={validated("ticket")}
              aria-describedby="pim-ticket-help"
              maxLength={200}
              isRequired
            />
            <FieldHelp id="pim-ticket-help" hint={t("pimTicketHint")} error={errors.ticket?.message} />
          </FormGroup>
        )}

        {showOtpField && (
          <FormGroup label={t("pimOtp")} fieldId="pim-otp" isRequired>
            <TextInput
              id="pim-otp"
              name="otp"
              value={otp}
              onChange={(_event, value) => setOtp(value)}
              validated={validated("otp")}
              aria-describedby="pim-otp-help"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              isRequired
            />
            <FieldHelp id="pim-otp-help" hint={t("pimOtpHint")} error={errors.otp?.message} />
          </FormGroup>
        )}
      </Form>
    </Modal>
  );
};
