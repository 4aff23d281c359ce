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
import type { ElevationInput, PimRequest, Policy } from "./api";
import { activationErrorField, errorCode, errorDescription, errorMessageKey, type ActivationField } from "./errors";
import { formatDuration } from "./format";
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
  /** Prefix of the test ids: {testId}-dialog, -form, -submit, -cancel, -error. */
  testId: string;
  title: string;
  description?: string;
  submitLabel: string;
  policy: Policy;
  /** false: the user has no OTP credential; undefined: not known. */
  otpConfigured: boolean | undefined;
  /** The durations to offer, longest last (chosen first); empty: nothing can be asked for now. */
  durations: number[];
  durationHint: (seconds: number) => ReactNode;
  /** Shown above the fields. */
  notice?: ReactNode;
  /** Whose wording the server's errors get (see errorMessageKey). */
  action: "activate" | "extend";
  send: (input: ElevationInput) => Promise<PimRequest>;
  onClose: () => void;
  onDone: (request: PimRequest) => void;
};

/**
 * The form of an activation or an extension: duration, justification, ticket and one-time code as
 * the policy asks; its rules checked before sending, the server's error codes on their field.
 */
export const ElevationDialog = (props: Props) => {
  const { t } = useTranslation();
  const { testId, policy, durations } = props;

  const [duration, setDuration] = useState(durations[durations.length - 1]);
  const [justification, setJustification] = useState("");
  const [ticket, setTicket] = useState("");
  const [otp, setOtp] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [otpMissing, setOtpMissing] = useState(policy.requireOtp && props.otpConfigured === false);

  const message = (code: string, error?: unknown) =>
    t(code === "justification_invalid" && !policy.justificationPattern
      ? "pimError_justification_invalid_detail"
      : errorMessageKey(code, props.action), {
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
    if (submitting || duration === undefined) return;
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
    const input: ElevationInput = { durationSeconds: duration };
    if (justification.trim()) input.justification = justification;
    if (ticket.trim()) input.ticket = ticket.trim();
    if (policy.requireOtp) input.otp = otp.replace(/\s+/g, "");

    setSubmitting(true);
    setErrors({});
    try {
      props.onDone(await props.send(input));
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
  const formId = `${testId}-form`;

  return (
    <Modal
      variant={ModalVariant.medium}
      title={props.title}
      description={props.description}
      isOpen
      onClose={props.onClose}
      data-testid={`${testId}-dialog`}
      actions={[
        <Button
          key="submit"
          type="submit"
          form={formId}
          variant="primary"
          data-testid={`${testId}-submit`}
          isLoading={submitting}
          isDisabled={submitting || duration === undefined || (policy.requireOtp && otpMissing)}
        >
          {props.submitLabel}
        </Button>,
        <Button key="cancel" variant="link" onClick={props.onClose} data-testid={`${testId}-cancel`}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form id={formId} onSubmit={submit} noValidate>
        <Requirements policy={policy} />
        {props.notice}
        {formError && formError.code !== "otp_not_configured" && (
          <Alert
            variant={AlertVariant.danger}
            isInline
            title={formError.message}
            isLiveRegion
            data-testid={`${testId}-error`}
            data-error={formError.code}
          />
        )}
        {policy.requireOtp && otpMissing && <OtpMissingAlert />}

        {duration !== undefined && (
          <FormGroup label={t("pimDuration")} fieldId="pim-duration" isRequired>
            <FormSelect
              id="pim-duration"
              value={String(duration)}
              onChange={(_event, value) => setDuration(Number(value))}
              validated={validated("duration")}
              aria-describedby="pim-duration-help"
            >
              {durations.map((seconds) => (
                <FormSelectOption key={seconds} value={String(seconds)} label={formatDuration(seconds, t)} />
              ))}
            </FormSelect>
            <FieldHelp id="pim-duration-help" hint={props.durationHint(duration)} error={errors.duration?.message} />
          </FormGroup>
        )}

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
