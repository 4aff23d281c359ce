import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  AlertVariant,
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  PageSection,
  Radio,
  TextArea,
  TextInput,
  Wizard,
  WizardStep,
} from "@patternfly/react-core";
import { CheckCircleIcon, ExclamationCircleIcon } from "@patternfly/react-icons";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { roleLabel, type Policy, type Role } from "./api";
import { errorText, LoadError, PageHeader, RoleName } from "./components";
import { eligibilityWindowProblem, formatDuration, fromLocalInput, toLocalInput } from "./format";
import { useLoad, usePimApi } from "./hooks";
import { MemberPicker, RolePicker, type Member } from "./pickers";

type Kind = "ELIGIBLE" | "ACTIVE";
type Result = { member: Member; ok: boolean; message: string };

export default function AddAssignments() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { realm } = useRealm();
  const api = usePimApi();
  const [role, setRole] = useState<Role>();
  const [members, setMembers] = useState<Member[]>([]);
  const [kind, setKind] = useState<Kind>("ELIGIBLE");
  const [permanent, setPermanent] = useState(false);
  const [start, setStart] = useState(() => toLocalInput(Date.now()));
  const [end, setEnd] = useState("");
  const [justification, setJustification] = useState("");
  const [results, setResults] = useState<Result[]>();
  const [running, setRunning] = useState(false);
  usePresetUser(setMembers);
  const policy = useLoad<Policy | undefined>((signal) => (role ? api.policy(role.id, signal) : Promise.resolve(undefined)), [api, role?.id]);

  const back = `/${encodeURIComponent(realm)}/pim/assignments/${kind === "ACTIVE" ? "active" : "eligible"}`;
  const startsAt = fromLocalInput(start);
  const endsAt = kind === "ELIGIBLE" && permanent ? null : fromLocalInput(end);
  const windowProblem = (() => {
    if (!policy.data) return null;
    if (kind === "ACTIVE") {
      if (endsAt === null) return "pimEndRequired";
      return endsAt <= (startsAt ?? Date.now()) ? "pimEndBeforeStart" : null;
    }
    if (!permanent && endsAt === null) return "pimEndRequired";
    return eligibilityWindowProblem(policy.data, startsAt, endsAt, Date.now());
  })();
  const groupsForActive = kind === "ACTIVE" && members.some((m) => m.type === "GROUP");
  const justificationMissing = justification.trim() === "";
  const locked = running || !!results;
  const settingsValid = !!policy.data && !windowProblem && !groupsForActive && !justificationMissing;

  const assign = async () => {
    if (!role) return;
    setRunning(true);
    const out: Result[] = [];
    for (const member of members) {
      try {
        const window = { startsAt: startsAt && startsAt > Date.now() ? startsAt : null, justification: justification.trim() };
        if (kind === "ELIGIBLE") {
          await api.createEligibility({ principalType: member.type, principalId: member.id, roleId: role.id, endsAt, ...window });
        } else {
          await api.assign({ userId: member.id, roleId: role.id, endsAt: endsAt!, ...window });
        }
        out.push({ member, ok: true, message: t(kind === "ELIGIBLE" ? "pimResultEligible" : "pimResultActive") });
      } catch (e) {
        out.push({ member, ok: false, message: errorText(e) });
      }
    }
    setResults(out);
    setRunning(false);
  };

  return (
    <>
      <PageHeader title={t("pimAddAssignments")} description={t("pimAddAssignmentsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Wizard onClose={() => navigate(back)} onSave={() => navigate(back)} height={640} data-testid="pim-wizard" navAriaLabel={t("pimAddAssignments")}>
          <WizardStep name={t("pimStepRole")} id="pim-step-role" footer={{ isNextDisabled: !role, nextButtonText: t("next"), backButtonText: t("back"), cancelButtonText: t("cancel") }}>
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t("pimRole")} isRequired fieldId="pim-role-picker">
                {role && (
                  <p className="pf-v5-u-mb-sm" data-testid="pim-picked-role">
                    {t("pimPickedRole")}: <RoleName role={role} />
                  </p>
                )}
                <RolePicker label={t("pimRole")} onPick={setRole} selectedIds={role ? [role.id] : []} grantableOnly />
              </FormGroup>
            </Form>
          </WizardStep>
          <WizardStep name={t("pimStepMembers")} id="pim-step-members" isDisabled={!role} footer={{ isNextDisabled: members.length === 0, nextButtonText: t("next"), backButtonText: t("back"), cancelButtonText: t("cancel") }}>
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t("pimMembers")} isRequired fieldId="pim-member-picker">
                <MemberPicker members={members} onChange={setMembers} />
              </FormGroup>
            </Form>
          </WizardStep>
          <WizardStep
            name={t("pimStepSettings")}
            id="pim-step-settings"
            isDisabled={!role || members.length === 0}
            footer={{
              isNextDisabled: !results && (!settingsValid || running),
              nextButtonText: results ? t("pimDone") : t("pimAssign"),
              backButtonText: t("back"),
              isBackDisabled: !!results,
              cancelButtonText: t("cancel"),
              onNext: () => (results ? navigate(back) : void assign()),
            }}
          >
            <LoadError error={policy.error} />
            {role && policy.data && (
              <DescriptionList isHorizontal isCompact className="pf-v5-u-mb-md" data-testid="pim-policy-bounds">
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("pimRole")}</DescriptionListTerm>
                  <DescriptionListDescription>{roleLabel(role)}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("pimAllowPermanentEligibility")}</DescriptionListTerm>
                  <DescriptionListDescription>{t(policy.data.allowPermanentEligibility ? "yes" : "no")}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("pimMaxEligibility")}</DescriptionListTerm>
                  <DescriptionListDescription>
                    {policy.data.maxEligibilitySeconds === null ? t("pimUnlimited") : formatDuration(policy.data.maxEligibilitySeconds, t)}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>
            )}
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t("pimAssignmentType")} role="radiogroup" isInline fieldId="pim-kind" isRequired>
                <Radio id="pim-kind-eligible" name="pim-kind" label={t("pimKindEligible")} isChecked={kind === "ELIGIBLE"} isDisabled={locked} onChange={() => setKind("ELIGIBLE")} data-testid="pim-kind-eligible" />
                <Radio id="pim-kind-active" name="pim-kind" label={t("pimKindActive")} isChecked={kind === "ACTIVE"} isDisabled={locked} onChange={() => setKind("ACTIVE")} data-testid="pim-kind-active" />
              </FormGroup>
              {kind === "ELIGIBLE" && (
                <Checkbox
                  id="pim-permanent"
                  label={t("pimPermanentlyEligible")}
                  isChecked={permanent}
                  isDisabled={locked || !policy.data?.allowPermanentEligibility}
                  onChange={(_e, checked) => setPermanent(checked)}
                  data-testid="pim-permanent"
                />
              )}
              <FormGroup label={t("pimStart")} fieldId="pim-start">
                <TextInput id="pim-start" type="datetime-local" value={start} isDisabled={locked} onChange={(_e, v) => setStart(v)} data-testid="pim-start" />
              </FormGroup>
              {!(kind === "ELIGIBLE" && permanent) && (
                <FormGroup label={t("pimEnd")} fieldId="pim-end" isRequired>
                  <TextInput id="pim-end" type="datetime-local" value={end} isDisabled={locked} onChange={(_e, v) => setEnd(v)} data-testid="pim-end" validated={windowProblem ? "error" : "default"} />
                  {windowProblem && (
                    <FormHelperText>
                      <HelperText>
                        <HelperTextItem variant="error" data-testid="pim-window-problem">
                          {t(windowProblem, { max: formatDuration(policy.data?.maxEligibilitySeconds ?? 0, t) })}
                        </HelperTextItem>
                      </HelperText>
                    </FormHelperText>
                  )}
                </FormGroup>
              )}
              {groupsForActive && <Alert variant={AlertVariant.warning} isInline title={t("pimActiveUsersOnly")} />}
              <FormGroup label={t("pimJustification")} fieldId="pim-justification" isRequired>
                <TextArea id="pim-justification" value={justification} isDisabled={locked} onChange={(_e, v) => setJustification(v)} data-testid="pim-justification" />
              </FormGroup>
            </Form>
            {results && (
              <section aria-label={t("pimStepResults")} className="pf-v5-u-mt-lg">
                <List isPlain data-testid="pim-results">
                  {results.map((r) => (
                    <ListItem key={r.member.id} icon={r.ok ? <CheckCircleIcon color="var(--pf-v5-global--success-color--100)" /> : <ExclamationCircleIcon color="var(--pf-v5-global--danger-color--100)" />} data-testid={r.ok ? "pim-result-ok" : "pim-result-error"}>
                      <strong>{r.member.label}</strong>: {r.message}
                    </ListItem>
                  ))}
                </List>
              </section>
            )}
          </WizardStep>
        </Wizard>
      </PageSection>
    </>
  );
}

/** ?userId= (from a user's Privileged access tab) starts the wizard with that user picked. */
function usePresetUser(setMembers: (update: (members: Member[]) => Member[]) => void) {
  const [searchParams] = useSearchParams();
  const userId = searchParams.get("userId");
  const { adminClient } = useAdminClient();
  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    adminClient.users.findOne({ id: userId }).then(
      (user) => {
        if (cancelled || !user?.id) return;
        const member: Member = { type: "USER", id: user.id, label: user.username ?? user.id };
        setMembers((members) => (members.some((m) => m.id === member.id) ? members : [...members, member]));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [adminClient, userId, setMembers]);
}
