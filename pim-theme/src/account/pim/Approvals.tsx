import { Page, useAccountAlerts } from "@keycloak/keycloak-account-ui";
import {
  ActionList,
  ActionListItem,
  Alert,
  AlertActionLink,
  AlertVariant,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  Modal,
  ModalVariant,
  Spinner,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { usePimNav } from "../root/PimNavContext";
import { decide, getApprovals, roleLabel, type Approvals as ApprovalList, type DecisionInput, type PimRequest } from "./api";
import { Empty } from "./components";
import { EndingSoonNotice } from "./EndingSoon";
import { decisionErrorField, errorCode, errorDescription, errorMessageKey, type DecisionField } from "./errors";
import { formatDuration, formatTime } from "./format";
import { useLocale, usePimContext } from "./hooks";

type Decision = DecisionInput["decision"];

/** An EXTENSION reads as "extend bob's elevation of R by 1 h", not as a new activation. */
const ExtensionSummary = ({ request }: { request: PimRequest }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span data-testid="pim-approval-extension">
      {t("pimApprovalExtension", {
        user: request.user.username,
        role: roleLabel(request.role),
        duration: formatDuration(request.durationSeconds, t),
      })}
      {request.extendedEndsAt ? ` (${t("pimApprovalExtensionCurrentEnd", { time: formatTime(request.extendedEndsAt, locale) })})` : ""}
    </span>
  );
};
type FieldErrors = Partial<Record<DecisionField, { code: string; message: string }>>;

const ErrorHelp = ({ id, message }: { id: string; message?: string }) =>
  message ? (
    <FormHelperText>
      <HelperText id={id} aria-live="polite">
        <HelperTextItem variant="error" icon={<ExclamationCircleIcon />} data-testid={`${id}-error`}>
          {message}
        </HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;

/** Approve or deny one request: a reason always, a one-time code when the policy asks for one. */
const DecisionDialog = ({
  request,
  decision,
  onClose,
  onDecided,
}: {
  request: PimRequest;
  decision: Decision;
  onClose: () => void;
  onDecided: (request: PimRequest) => void;
}) => {
  const { t } = useTranslation();
  const context = usePimContext();
  const locale = useLocale();
  const [reason, setReason] = useState("");
  const [otp, setOtp] = useState("");
  const [askOtp, setAskOtp] = useState(!!request.policy?.approverRequireOtp);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const role = roleLabel(request.role);

  const fail = (field: DecisionField, code: string, error?: unknown): FieldErrors => ({
    [field]: {
      code,
      message: t(errorMessageKey(code, "decide"), { code, description: error ? errorDescription(error) : "" }),
    },
  });

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    const local: FieldErrors = {
      ...(!reason.trim() ? fail("reason", "reason_required") : {}),
      ...(askOtp && !otp.trim() ? fail("otp", "otp_required") : {}),
    };
    if (local.reason) local.reason.message = t("pimReasonRequired");
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const input: DecisionInput = { decision, reason };
    if (askOtp) input.otp = otp.replace(/\s+/g, "");
    setSubmitting(true);
    setErrors({});
    try {
      onDecided(await decide(context, request.id, input));
    } catch (error) {
      const code = errorCode(error);
      const field = decisionErrorField(code);
      if (field === "otp") {
        setAskOtp(true);
        setOtp("");
      }
      setErrors(fail(field, code, error));
    } finally {
      setSubmitting(false);
    }
  };

  // Moves the focus to the first field the last attempt found wrong.
  useEffect(() => {
    const id = errors.reason ? "pim-reason" : errors.otp ? "pim-decision-otp" : undefined;
    if (id) document.getElementById(id)?.focus();
  }, [errors]);

  const approve = decision === "APPROVE";
  const extension = request.kind === "EXTENSION";
  const titleKey = extension
    ? approve ? "pimApproveExtensionTitle" : "pimDenyExtensionTitle"
    : approve ? "pimApproveTitle" : "pimDenyTitle";
  return (
    <Modal
      variant={ModalVariant.medium}
      title={t(titleKey, { role, user: request.user.username })}
      isOpen
      onClose={onClose}
      data-testid="pim-decision-dialog"
      actions={[
        <Button
          key="submit"
          type="submit"
          form="pim-decision-form"
          variant={approve ? "primary" : "danger"}
          data-testid="pim-decision-submit"
          isLoading={submitting}
          isDisabled={submitting}
        >
          {t(approve ? "pimApprove" : "pimDeny")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form id="pim-decision-form" onSubmit={submit} noValidate>
        <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: "14ch" }}>
          {extension && (
            <DescriptionListGroup>
              <DescriptionListTerm>{t("pimKind")}</DescriptionListTerm>
              <DescriptionListDescription>
                <ExtensionSummary request={request} />
                <div className="pf-v5-u-font-size-sm">{t("pimApprovalExtensionHint")}</div>
              </DescriptionListDescription>
            </DescriptionListGroup>
          )}
          <DescriptionListGroup>
            <DescriptionListTerm>{t("pimRequester")}</DescriptionListTerm>
            <DescriptionListDescription>{request.user.username}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("pimRole")}</DescriptionListTerm>
            <DescriptionListDescription>{role}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("pimDuration")}</DescriptionListTerm>
            <DescriptionListDescription>
              {formatDuration(request.durationSeconds, t)}
              {request.startsAt > request.requestedAt &&
                ` (${t("pimStartsAt", { time: formatTime(request.startsAt, locale) })})`}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("pimJustification")}</DescriptionListTerm>
            <DescriptionListDescription className="pim-pre-wrap">
              {request.justification || t("pimNone")}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("pimTicket")}</DescriptionListTerm>
            <DescriptionListDescription>{request.ticket || t("pimNone")}</DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>

        {errors.form && (
          <Alert
            variant={AlertVariant.danger}
            isInline
            title={errors.form.message}
            isLiveRegion
            data-testid="pim-decision-error"
            data-error={errors.form.code}
          />
        )}

        <FormGroup label={t("pimReason")} fieldId="pim-reason" isRequired>
          <TextArea
            id="pim-reason"
            value={reason}
            onChange={(_event, value) => setReason(value)}
            validated={errors.reason ? "error" : "default"}
            aria-describedby="pim-reason-help"
            maxLength={1000}
            resizeOrientation="vertical"
            isRequired
          />
          <ErrorHelp id="pim-reason-help" message={errors.reason?.message} />
        </FormGroup>

        {askOtp && (
          <FormGroup label={t("pimOtp")} fieldId="pim-decision-otp" isRequired>
            <TextInput
              id="pim-decision-otp"
              value={otp}
              onChange={(_event, value) => setOtp(value)}
              validated={errors.otp ? "error" : "default"}
              aria-describedby="pim-decision-otp-help"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              isRequired
            />
            {errors.otp ? (
              <ErrorHelp id="pim-decision-otp-help" message={errors.otp.message} />
            ) : (
              <FormHelperText>
                <HelperText id="pim-decision-otp-help">
                  <HelperTextItem>{t("pimOtpHint")}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
        )}
      </Form>
    </Modal>
  );
};

export default function Approvals() {
  const { t } = useTranslation();
  const context = usePimContext();
  const locale = useLocale();
  const { addAlert } = useAccountAlerts();
  const { refreshApprovals } = usePimNav();

  const [approvals, setApprovals] = useState<ApprovalList | null>();
  const [loadError, setLoadError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const [deciding, setDeciding] = useState<{ request: PimRequest; decision: Decision }>();

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    getApprovals(context, controller.signal)
      .then((result) => {
        setApprovals(result);
        setLoadError(undefined);
      })
      .catch((error) => {
        if (!controller.signal.aborted) setLoadError(error);
      });
    return () => controller.abort();
  }, [context, generation]);

  const onDecided = (request: PimRequest) => {
    const decision = deciding?.decision;
    const extension = deciding?.request.kind === "EXTENSION";
    setDeciding(undefined);
    const key = extension
      ? decision === "APPROVE" ? "pimApprovedExtensionAlert" : "pimDeniedExtensionAlert"
      : decision === "APPROVE" ? "pimApprovedAlert" : "pimDeniedAlert";
    addAlert(
      t(key, {
        role: roleLabel(request.role),
        user: request.user.username,
      }),
      AlertVariant.success,
    );
    refresh();
    refreshApprovals();
  };

  return (
    <Page title={t("pimApprovals")} description={t("pimApprovalsDescription")}>
      <EndingSoonNotice />
      {loadError !== undefined && (
        <Alert
          variant={AlertVariant.danger}
          isInline
          title={t(errorMessageKey(errorCode(loadError)), {
            code: errorCode(loadError),
            description: errorDescription(loadError),
          })}
          actionLinks={<AlertActionLink onClick={refresh}>{t("pimRetry")}</AlertActionLink>}
        />
      )}
      {approvals === undefined && loadError === undefined && <Spinner size="lg" aria-label={t("pimLoading")} />}
      {approvals === null && <Empty testId="pim-approvals-unavailable" title={t("pimApprovalsUnavailable")} />}
      {approvals && approvals.requests.length === 0 && (
        <Empty testId="pim-no-approvals" title={t("pimNoApprovals")} />
      )}
      {approvals && approvals.requests.length > 0 && (
        <Table aria-label={t("pimApprovals")} data-testid="pim-approvals-table">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("pimRequester")}</Th>
              <Th modifier="wrap">{t("pimRole")}</Th>
              <Th modifier="wrap">{t("pimRequested")}</Th>
              <Th modifier="wrap">{t("pimDuration")}</Th>
              <Th width={30} modifier="wrap">{t("pimJustification")}</Th>
              <Th modifier="wrap">{t("pimTicket")}</Th>
              <Th screenReaderText={t("pimActions")} />
            </Tr>
          </Thead>
          <Tbody>
            {approvals.requests.map((request) => {
              const role = roleLabel(request.role);
              return (
                <Tr key={request.id} data-testid={`pim-approval-${request.id}`}>
                  <Td dataLabel={t("pimRequester")}>{request.user.username}</Td>
                  <Td dataLabel={t("pimRole")}>
                    {role}
                    {request.kind === "EXTENSION" && (
                      <>
                        <Label isCompact color="purple" className="pf-v5-u-ml-sm">
                          {t("pimKindShort_EXTENSION")}
                        </Label>
                        <div className="pf-v5-u-font-size-sm">
                          <ExtensionSummary request={request} />
                        </div>
                      </>
                    )}
                  </Td>
                  <Td dataLabel={t("pimRequested")}>{formatTime(request.requestedAt, locale)}</Td>
                  <Td dataLabel={t("pimDuration")}>{formatDuration(request.durationSeconds, t)}</Td>
                  <Td dataLabel={t("pimJustification")} className="pim-pre-wrap">
                    {request.justification || t("pimNone")}
                  </Td>
                  <Td dataLabel={t("pimTicket")}>{request.ticket || t("pimNone")}</Td>
                  <Td isActionCell>
                    <ActionList>
                      <ActionListItem>
                        <Button
                          variant="primary"
                          data-testid="pim-approve"
                          aria-label={t(request.kind === "EXTENSION" ? "pimApproveExtensionOf" : "pimApproveRequestOf", {
                            role,
                            user: request.user.username,
                          })}
                          onClick={() => setDeciding({ request, decision: "APPROVE" })}
                        >
                          {t("pimApprove")}
                        </Button>
                      </ActionListItem>
                      <ActionListItem>
                        <Button
                          variant="secondary"
                          isDanger
                          data-testid="pim-deny"
                          aria-label={t(request.kind === "EXTENSION" ? "pimDenyExtensionOf" : "pimDenyRequestOf", {
                            role,
                            user: request.user.username,
                          })}
                          onClick={() => setDeciding({ request, decision: "DENY" })}
                        >
                          {t("pimDeny")}
                        </Button>
                      </ActionListItem>
                    </ActionList>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={onDecided}
        />
      )}
    </Page>
  );
}
