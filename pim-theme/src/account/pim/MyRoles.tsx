import { getCredentials, Page } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  AlertActionCloseButton,
  AlertActionLink,
  AlertGroup,
  AlertVariant,
  Button,
  Flex,
  Label,
  Modal,
  ModalVariant,
  PageSection,
  Spinner,
  Text,
  TextContent,
  TextVariants,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { consolePath } from "../environment";
import { ActivateDialog } from "./ActivateDialog";
import { ExtendDialog } from "./ExtendDialog";
import { EndingSoonBanners } from "./EndingSoon";
import { RenewDialog } from "./RenewDialog";
import { EndedEligibilitiesSection, RenewAction, RenewalsSection } from "./Renewals";
import { Empty, OtpMissingAlert, Requirements, Section } from "./components";
import {
  deactivate,
  getMyElevations,
  getMyRenewals,
  getRenewable,
  getReminderMinutes,
  roleLabel,
  type EligibleRole,
  type MyElevations,
  type PimRequest,
  type OwnEligibility,
  type Renewal,
} from "./api";
import { canRenew, extensionBasis, pendingExtensionOf } from "./elevations";
import { Countdown } from "./Countdown";
import { errorCode, errorDescription, errorMessageKey } from "./errors";
import { formatTime } from "./format";
import { useLocale, useNow, usePimContext } from "./hooks";
import { StatusLabel } from "./StatusLabel";

type Outcome = { key: number; title: string; variant: AlertVariant };

export default function MyRoles() {
  const { t } = useTranslation();
  const context = usePimContext();
  const locale = useLocale();
  // One outcome at a time: a quick deactivation replaces "is active until …" instead of stacking under it.
  const [outcome, setOutcome] = useState<Outcome>();
  const addAlert = (title: string, variant: AlertVariant) => setOutcome({ key: Date.now(), title, variant });
  const navigate = useNavigate();

  const [elevations, setElevations] = useState<MyElevations>();
  const [renewals, setRenewals] = useState<Renewal[]>();
  const [ended, setEnded] = useState<OwnEligibility[]>();
  const [reminderMinutes, setReminderMinutes] = useState<number>();
  const eligible = elevations?.eligible;
  const active = elevations?.active;
  const setActive = (update: (current: PimRequest[]) => PimRequest[]) =>
    setElevations((current) => current && { ...current, active: update(current.active) });
  const [loadError, setLoadError] = useState<unknown>();
  const [otpConfigured, setOtpConfigured] = useState<boolean>();
  const [generation, setGeneration] = useState(0);
  const [activating, setActivating] = useState<EligibleRole>();
  const [deactivating, setDeactivating] = useState<PimRequest>();
  const [extending, setExtending] = useState<{ request: PimRequest; entry: EligibleRole }>();
  const [renewing, setRenewing] = useState<Pick<EligibleRole, "eligibilityId" | "role" | "endsAt">>();
  const [busy, setBusy] = useState(false);
  // Renew is offered from 14 days before the eligibility's end: re-checked once a minute.
  const now = useNow(60_000);
  // ?extend=<request id>: the ends-soon banner of another page asked for this elevation's Extend dialog.
  const [searchParams, setSearchParams] = useSearchParams();

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    getMyElevations(context, signal)
      .then((loaded) => {
        setElevations(loaded);
        setLoadError(undefined);
      })
      .catch((error) => {
        if (!signal.aborted) setLoadError(error);
      });
    getMyRenewals(context, { first: 0, max: 20 }, signal)
      .then(setRenewals)
      .catch(() => {
        // A server without renewals (before v1.1): no Renew, no section.
        if (!signal.aborted) setRenewals([]);
      });
    getReminderMinutes(context, signal).then(setReminderMinutes, () => {});
    getRenewable(context, signal).then(
      (renewable) => setEnded(renewable.filter((e) => e.state === "EXPIRED")),
      () => {},
    );
    getCredentials({ context, signal })
      .then((credentials) =>
        setOtpConfigured(
          credentials.some((c) => c.type === "otp" && (c.userCredentialMetadatas?.length ?? 0) > 0),
        ),
      )
      .catch(() => {
        // Unknown: the dialog then asks for the code and the server answers otp_not_configured.
      });
    return () => controller.abort();
  }, [context, generation]);

  const extendParam = searchParams.get("extend");
  useEffect(() => {
    if (!extendParam || !elevations) return;
    const request = elevations.active.find((r) => r.id === extendParam);
    const basis = request && extensionBasis(request, elevations.eligible);
    if (request && basis && !pendingExtensionOf(request.id, elevations.pending)) {
      setExtending({ request, entry: basis });
    }
    setSearchParams({}, { replace: true });
  }, [extendParam, elevations, setSearchParams]);

  const onDeactivate = async () => {
    if (!deactivating) return;
    setBusy(true);
    try {
      await deactivate(context, deactivating.id);
      addAlert(t("pimDeactivated", { role: roleLabel(deactivating.role) }), AlertVariant.success);
    } catch (error) {
      const code = errorCode(error);
      addAlert(t(errorMessageKey(code), { code, description: errorDescription(error) }), AlertVariant.danger);
    } finally {
      setBusy(false);
      setDeactivating(undefined);
      refresh();
    }
  };

  const onActivated = (request: PimRequest) => {
    setActivating(undefined);
    const role = roleLabel(request.role);
    if (request.status === "ACTIVE") {
      addAlert(
        t("pimActivatedActive", { role, time: formatTime(request.endsAt, locale) }),
        AlertVariant.success,
      );
    } else if (request.status === "PENDING_APPROVAL") {
      addAlert(t("pimActivatedPending", { role }), AlertVariant.info);
    } else if (request.status === "SCHEDULED") {
      addAlert(
        t("pimActivatedScheduled", { role, time: formatTime(request.startsAt, locale) }),
        AlertVariant.info,
      );
    }
    refresh();
  };

  const onExtended = (request: PimRequest) => {
    const extended = extending?.request;
    setExtending(undefined);
    if (request.kind === "EXTENSION") {
      // 201: the approvers decide; the elevation runs on until its current end meanwhile.
      addAlert(
        t("pimExtensionRequested", {
          role: roleLabel(request.role),
          time: formatTime(extended?.endsAt, locale),
        }),
        AlertVariant.info,
      );
      setElevations((current) => current && { ...current, pending: [request, ...current.pending] });
      refresh();
      return;
    }
    addAlert(
      t("pimExtended", { role: roleLabel(request.role), time: formatTime(request.endsAt, locale) }),
      AlertVariant.success,
    );
    // The row shows the new end at once; the reload confirms it.
    setActive((current) => current.map((r) => (r.id === request.id ? request : r)).sort((a, b) => a.endsAt - b.endsAt));
    refresh();
  };

  const onRenewalRequested = (renewal: Renewal) => {
    setRenewing(undefined);
    addAlert(t("pimRenewalRequested", { role: roleLabel(renewal.role) }), AlertVariant.info);
    setRenewals((current) => [renewal, ...(current ?? [])]);
    refresh();
  };

  const needsOtp = eligible?.some((entry) => entry.policy.requireOtp) ?? false;

  return (
    <Page title={t("pimMyRoles")} description={t("pimMyRolesDescription")}>
      <AlertGroup isToast isLiveRegion data-testid="pim-outcome">
        {outcome && (
          <Alert
            key={outcome.key}
            variant={outcome.variant}
            title={outcome.title}
            timeout={8000}
            onTimeout={() => setOutcome(undefined)}
            actionClose={<AlertActionCloseButton onClose={() => setOutcome(undefined)} />}
          />
        )}
      </AlertGroup>
      {loadError !== undefined && (
        <Alert
          variant={AlertVariant.danger}
          isInline
          title={t(errorMessageKey(errorCode(loadError)), {
            code: errorCode(loadError),
            description: errorDescription(loadError),
          })}
          className="pf-v5-u-mb-md"
          actionLinks={<AlertActionLink onClick={refresh}>{t("pimRetry")}</AlertActionLink>}
        />
      )}
      {otpConfigured === false && needsOtp && (
        <PageSection variant="light" padding={{ default: "noPadding" }} className="pf-v5-u-mb-md">
          <OtpMissingAlert />
        </PageSection>
      )}

      <EndingSoonBanners
        elevations={elevations}
        reminderMinutes={reminderMinutes}
        onExtend={(request, entry) => setExtending({ request, entry })}
      />

      <Section title={t("pimActiveElevations")} id="pim-active-title">
        {!active && loadError === undefined && <Spinner size="lg" aria-label={t("pimLoading")} />}
        {active && active.length === 0 && (
          <Empty testId="pim-no-active" title={t("pimNoActiveElevations")} />
        )}
        {active && active.length > 0 && (
          <Table aria-labelledby="pim-active-title" variant="compact" data-testid="pim-active-table">
            <Thead>
              <Tr>
                <Th modifier="wrap">{t("pimRole")}</Th>
                <Th modifier="wrap">{t("pimStarted")}</Th>
                <Th modifier="wrap">{t("pimEnds")}</Th>
                <Th modifier="wrap">{t("pimTimeLeft")}</Th>
                <Th screenReaderText={t("pimActions")} />
              </Tr>
            </Thead>
            <Tbody>
              {active.map((request) => {
                const basis = extensionBasis(request, eligible);
                const waiting = pendingExtensionOf(request.id, elevations?.pending);
                return (
                  <Tr key={request.id} data-testid={`pim-active-${roleLabel(request.role)}`}>
                    <Td dataLabel={t("pimRole")}>
                      <strong>{roleLabel(request.role)}</strong>
                      {request.kind === "ASSIGNMENT" && (
                        <Label isCompact className="pf-v5-u-ml-sm">
                          {t("pimKind_ASSIGNMENT")}
                        </Label>
                      )}
                    </Td>
                    <Td dataLabel={t("pimStarted")}>{formatTime(request.startsAt, locale)}</Td>
                    <Td dataLabel={t("pimEnds")}>{formatTime(request.endsAt, locale)}</Td>
                    <Td dataLabel={t("pimTimeLeft")}>
                      <Countdown endsAt={request.endsAt} onEnded={() => window.setTimeout(refresh, 6000)} />
                    </Td>
                    <Td isActionCell>
                      <Flex flexWrap={{ default: "nowrap" }} spaceItems={{ default: "spaceItemsSm" }} justifyContent={{ default: "justifyContentFlexEnd" }}>
                        {basis && waiting && (
                          <Label
                            color="gold"
                            isCompact
                            data-testid="pim-extension-pending"
                            onClick={() => navigate(consolePath("pim/requests"))}
                          >
                            {t("pimExtensionPending")}
                          </Label>
                        )}
                        {basis && !waiting && (
                          <Button
                            variant="secondary"
                            data-testid="pim-extend"
                            aria-label={t("pimExtendRole", { role: roleLabel(request.role) })}
                            onClick={() => setExtending({ request, entry: basis })}
                          >
                            {t("pimExtend")}
                          </Button>
                        )}
                        <Button
                          variant="secondary"
                          isDanger
                          data-testid="pim-deactivate"
                          aria-label={t("pimDeactivateRole", { role: roleLabel(request.role) })}
                          onClick={() => setDeactivating(request)}
                        >
                          {t("pimDeactivate")}
                        </Button>
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
      </Section>

      <Section title={t("pimEligibleRoles")} id="pim-eligible-title">
        {!eligible && loadError === undefined && <Spinner size="lg" aria-label={t("pimLoading")} />}
        {eligible && eligible.length === 0 && (
          <Empty testId="pim-no-eligible" title={t("pimNoEligibleRoles")} body={t("pimNoEligibleRolesBody")} />
        )}
        {eligible && eligible.length > 0 && (
          <Table aria-labelledby="pim-eligible-title" data-testid="pim-eligible-table">
            <Thead>
              <Tr>
                <Th width={25} modifier="wrap">{t("pimRole")}</Th>
                <Th modifier="wrap">{t("pimVia")}</Th>
                <Th modifier="wrap">{t("pimEligibleUntil")}</Th>
                <Th width={30} modifier="wrap">{t("pimActivationRequires")}</Th>
                <Th modifier="wrap">{t("pimState")}</Th>
                <Th screenReaderText={t("pimActions")} />
              </Tr>
            </Thead>
            <Tbody>
              {eligible.map((entry) => {
                // While an extension waits, the server names it as the role's open request: the role itself is ACTIVE.
                const open =
                  entry.activeRequest?.kind === "EXTENSION"
                    ? active?.find((r) => r.id === entry.activeRequest?.extends) ?? { ...entry.activeRequest, status: "ACTIVE" as const }
                    : entry.activeRequest;
                const label = roleLabel(entry.role);
                return (
                  <Tr key={entry.eligibilityId} data-testid={`pim-eligible-${label}`}>
                    <Td dataLabel={t("pimRole")}>
                      <TextContent>
                        <Text component={TextVariants.p}>
                          <strong>{label}</strong>
                        </Text>
                        {entry.role.description && (
                          <Text component={TextVariants.small}>{entry.role.description}</Text>
                        )}
                      </TextContent>
                    </Td>
                    <Td dataLabel={t("pimVia")}>
                      {entry.via.type === "GROUP"
                        ? t("pimViaGroup", { group: entry.via.groupPath ?? "" })
                        : t("pimViaDirect")}
                    </Td>
                    <Td dataLabel={t("pimEligibleUntil")}>
                      {entry.endsAt ? formatTime(entry.endsAt, locale) : t("pimPermanent")}
                    </Td>
                    <Td dataLabel={t("pimActivationRequires")}>
                      <Requirements policy={entry.policy} />
                    </Td>
                    <Td dataLabel={t("pimState")}>
                      {open ? <StatusLabel status={open.status} /> : t("pimNotActive")}
                      {open?.status === "SCHEDULED" && (
                        <div className="pf-v5-u-font-size-sm">
                          {t("pimStartsAt", { time: formatTime(open.startsAt, locale) })}
                        </div>
                      )}
                    </Td>
                    <Td isActionCell>
                      <Flex flexWrap={{ default: "nowrap" }} spaceItems={{ default: "spaceItemsSm" }} justifyContent={{ default: "justifyContentFlexEnd" }}>
                        {!open && (
                          <Button
                            variant="primary"
                            data-testid="pim-activate"
                            aria-label={t("pimActivateRole", { role: label })}
                            onClick={() => setActivating(entry)}
                          >
                            {entry.policy.requireApproval ? t("pimRequest") : t("pimActivate")}
                          </Button>
                        )}
                        {open && open.status !== "ACTIVE" && (
                          <Button variant="link" isInline onClick={() => navigate(consolePath("pim/requests"))}>
                            {t("pimViewRequest")}
                          </Button>
                        )}
                        {renewals && canRenew(entry, now) && (
                          <RenewAction
                            eligibilityId={entry.eligibilityId}
                            role={entry.role}
                            renewals={renewals}
                            onRenew={() => setRenewing(entry)}
                          />
                        )}
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
      </Section>

      <EndedEligibilitiesSection
        ended={ended}
        renewals={renewals}
        onRenew={(eligibility) => setRenewing({ eligibilityId: eligibility.id, role: eligibility.role, endsAt: eligibility.endsAt })}
      />

      <RenewalsSection renewals={renewals} />

      {activating && (
        <ActivateDialog
          entry={activating}
          otpConfigured={otpConfigured}
          onClose={() => setActivating(undefined)}
          onActivated={onActivated}
        />
      )}

      {extending && (
        <ExtendDialog
          request={extending.request}
          entry={extending.entry}
          otpConfigured={otpConfigured}
          onClose={() => setExtending(undefined)}
          onExtended={onExtended}
        />
      )}

      {renewing && (
        <RenewDialog entry={renewing} onClose={() => setRenewing(undefined)} onRenewalRequested={onRenewalRequested} />
      )}

      <Modal
        variant={ModalVariant.small}
        title={deactivating ? t("pimDeactivateTitle", { role: roleLabel(deactivating.role) }) : ""}
        isOpen={!!deactivating}
        onClose={() => setDeactivating(undefined)}
        data-testid="pim-deactivate-dialog"
        actions={[
          <Button
            key="confirm"
            variant="danger"
            data-testid="pim-confirm-deactivate"
            isLoading={busy}
            isDisabled={busy}
            onClick={onDeactivate}
          >
            {t("pimDeactivate")}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => setDeactivating(undefined)}>
            {t("cancel")}
          </Button>,
        ]}
      >
        {t("pimDeactivateConfirm")}
      </Modal>
    </Page>
  );
}
