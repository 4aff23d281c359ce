import {
  Alert,
  AlertVariant,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  TextArea,
} from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { renew, roleLabel, type EligibleRole, type Renewal } from "./api";
import { errorCode, errorDescription, errorMessageKey } from "./errors";
import { formatTime } from "./format";
import { useLocale, usePimContext } from "./hooks";

type Props = {
  /** The user's own time-bound eligibility, ending within 14 days or ended within 30. */
  entry: Pick<EligibleRole, "eligibilityId" | "role" | "endsAt">;
  onClose: () => void;
  onRenewalRequested: (renewal: Renewal) => void;
};

/** Asks an administrator to renew an eligibility that ends soon: a justification is required. */
export const RenewDialog = ({ entry, onClose, onRenewalRequested }: Props) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const context = usePimContext();
  const [justification, setJustification] = useState("");
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [submitting, setSubmitting] = useState(false);
  const role = roleLabel(entry.role);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    if (!justification.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setError(undefined);
    setSubmitting(true);
    try {
      onRenewalRequested(await renew(context, entry.eligibilityId, justification));
    } catch (failure) {
      const code = errorCode(failure);
      setError({
        code,
        message: t(errorMessageKey(code, "renew"), { code, description: errorDescription(failure) }),
      });
    } finally {
      setSubmitting(false);
    }
  };

  useEffect(() => {
    if (missing) document.getElementById("pim-renew-justification")?.focus();
  }, [missing]);

  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("pimRenewTitle", { role })}
      description={entry.role.description ?? undefined}
      isOpen
      onClose={onClose}
      data-testid="pim-renew-dialog"
      actions={[
        <Button
          key="submit"
          type="submit"
          form="pim-renew-form"
          variant="primary"
          data-testid="pim-renew-submit"
          isLoading={submitting}
          isDisabled={submitting}
        >
          {t("pimSubmitRequest")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose} data-testid="pim-renew-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form id="pim-renew-form" onSubmit={submit} noValidate>
        <Alert
          variant={AlertVariant.info}
          isInline
          isPlain
          title={t(entry.endsAt !== null && entry.endsAt <= Date.now() ? "pimRenewNoticeEnded" : "pimRenewNotice", {
            time: formatTime(entry.endsAt, locale),
          })}
          data-testid="pim-renew-notice"
        />
        {error && (
          <Alert
            variant={AlertVariant.danger}
            isInline
            isLiveRegion
            title={error.message}
            data-testid="pim-renew-error"
            data-error={error.code}
          />
        )}
        <FormGroup label={t("pimJustification")} fieldId="pim-renew-justification" isRequired>
          <TextArea
            id="pim-renew-justification"
            value={justification}
            onChange={(_event, value) => setJustification(value)}
            validated={missing ? "error" : "default"}
            aria-describedby="pim-renew-justification-help"
            maxLength={1000}
            resizeOrientation="vertical"
            isRequired
          />
          <FormHelperText>
            <HelperText id="pim-renew-justification-help" aria-live="polite">
              {missing && (
                <HelperTextItem variant="error" icon={<ExclamationCircleIcon />} data-testid="pim-renew-justification-error">
                  {t("pimRenewJustificationRequired")}
                </HelperTextItem>
              )}
              <HelperTextItem>{t("pimRenewJustificationHint")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </Form>
    </Modal>
  );
};
