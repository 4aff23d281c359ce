import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  Alert,
  AlertVariant,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import type { Policy } from "./api";
import { errorText, LoadError, NumberField, PageHeader, roleLabel, useConfirmedAction } from "./components";
import { useLoad, usePimApi, usePimPermissions, useUserNames } from "./hooks";
import { testPattern, type PatternTestResult } from "./patternTest";
import { MemberPicker, PickedList, RolePicker, useAllRoles, type Member } from "./pickers";

const normalize = (a: Partial<Policy["approvers"]> | null | undefined): Policy["approvers"] => ({
  users: a?.users ?? [],
  groups: a?.groups ?? [],
  roles: a?.roles ?? [],
});

export default function PolicyEditor() {
  const { t } = useTranslation();
  const { roleId } = useParams();
  const navigate = useNavigate();
  const { realm } = useRealm();
  const { adminClient } = useAdminClient();
  const api = usePimApi();
  const { addAlert } = useAlerts();
  const { canManageRealm } = usePimPermissions();
  const loaded = useLoad((signal) => api.policy(roleId!, signal), [api, roleId]);
  const [policy, setPolicy] = useState<Policy>();
  const [sample, setSample] = useState("");
  const [sampleResult, setSampleResult] = useState<PatternTestResult>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const roles = useAllRoles();
  const userNames = useUserNames(policy?.approvers.users ?? []);
  const groups = useLoad(async () => {
    const ids = policy?.approvers.groups ?? [];
    return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, (await adminClient.groups.findOne({ realm, id }))?.path ?? id] as const)));
  }, [policy?.approvers.groups.join(","), realm]);

  useEffect(() => {
    if (loaded.data) setPolicy({ ...loaded.data, approvers: normalize(loaded.data.approvers) });
  }, [loaded.data]);

  useEffect(() => {
    if (!policy?.justificationPattern || sample === "") {
      setSampleResult(undefined);
      return;
    }
    let current = true;
    void testPattern(policy.justificationPattern, sample).then((r) => current && setSampleResult(r));
    return () => {
      current = false;
    };
  }, [policy?.justificationPattern, sample]);

  // Changing a role's policy also needs the right to map the role (the API's rule): say so instead of failing on save.
  const mayGrantRole = roles.data?.find((r) => r.id === roleId)?.grantable ?? true;
  const readOnly = !canManageRealm || !mayGrantRole;
  const set = <K extends keyof Policy>(key: K, value: Policy[K]) => setPolicy((p) => (p ? { ...p, [key]: value } : p));
  const setApprovers = (key: "users" | "groups" | "roles", ids: string[]) =>
    setPolicy((p) => (p ? { ...p, approvers: { ...p.approvers, [key]: ids } } : p));

  const save = async () => {
    if (!policy) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const { role: _role, ...body } = policy;
      void _role;
      const saved = await api.updatePolicy(roleId!, body);
      setPolicy({ ...saved, approvers: normalize(saved.approvers) });
      addAlert(t("pimPolicySaved"), AlertVariant.success);
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const [confirmReset, resetDialog] = useConfirmedAction<Policy>({
    title: t("pimResetPolicyTitle"),
    message: (p) => t("pimResetPolicyMessage", { role: p.role ? roleLabel(p.role) : roleId }),
    confirmLabel: t("pimResetPolicy"),
    run: () => api.deletePolicy(roleId!),
    success: () => t("pimPolicyReset"),
    onDone: loaded.reload,
  });

  const incomplete = !!policy && [policy.maxActivationSeconds, ...(policy.requireApproval ? [policy.minApprovals, policy.approvalTimeoutSeconds] : [])].some(Number.isNaN);

  const roleName = (id: string) => {
    const role = roles.data?.find((r) => r.id === id);
    return role ? roleLabel(role) : id;
  };
  const userMembers: Member[] = (policy?.approvers.users ?? []).map((id) => ({ type: "USER", id, label: userNames[id]?.username ?? id }));
  const groupMembers: Member[] = (policy?.approvers.groups ?? []).map((id) => ({ type: "GROUP", id, label: groups.data?.[id] ?? id }));

  return (
    <>
      <PageHeader title={policy?.role ? t("pimPolicyOf", { role: roleLabel(policy.role) }) : t("pimRoleSettings")} description={t("pimPolicyHelp")} />
      <PageSection variant="light">
        <LoadError error={loaded.error} />
        {canManageRealm && !mayGrantRole && (
          <Alert variant={AlertVariant.info} isInline title={t("pimPolicyNotGrantable")} className="pf-v5-u-mb-md" data-testid="pim-policy-not-grantable" />
        )}
        {policy && (
          <Form isWidthLimited onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="pim-policy-form">
            <NumberField required id="pim-maxActivationSeconds" label={t("pimMaxActivationSeconds")} value={policy.maxActivationSeconds} min={60} max={2592000}
              onChange={(v) => set("maxActivationSeconds", v ?? Number.NaN)} isDisabled={readOnly} help={t("pimMaxActivationSecondsHelp")} />
            <Switch id="pim-requireOtp" label={t("pimRequireOtp")} isChecked={policy.requireOtp} isDisabled={readOnly} onChange={(_e, v) => set("requireOtp", v)} data-testid="pim-requireOtp" />
            <Switch id="pim-requireJustification" label={t("pimRequireJustification")} isChecked={policy.requireJustification} isDisabled={readOnly} onChange={(_e, v) => set("requireJustification", v)} />
            <FormGroup label={t("pimJustificationPattern")} fieldId="pim-justificationPattern">
              <TextInput id="pim-justificationPattern" value={policy.justificationPattern ?? ""} isDisabled={readOnly}
                onChange={(_e, v) => set("justificationPattern", v === "" ? null : v)} data-testid="pim-justificationPattern" />
              <FormHelperText><HelperText><HelperTextItem>{t("pimJustificationPatternHelp")}</HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <FormGroup label={t("pimJustificationHintField")} fieldId="pim-justificationHint">
              <TextInput id="pim-justificationHint" value={policy.justificationHint ?? ""} isDisabled={readOnly} maxLength={200}
                onChange={(_e, v) => set("justificationHint", v === "" ? null : v)} data-testid="pim-justificationHint" />
              <FormHelperText><HelperText><HelperTextItem>{t("pimJustificationHintFieldHelp")}</HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <FormGroup label={t("pimPatternTest")} fieldId="pim-pattern-sample">
              <TextInput id="pim-pattern-sample" value={sample} onChange={(_e, v) => setSample(v)} isDisabled={!policy.justificationPattern}
                data-testid="pim-pattern-sample" validated={sampleResult === "match" ? "success" : sampleResult ? "error" : "default"} />
              {sampleResult && (
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem variant={sampleResult === "match" ? "success" : "error"} data-testid="pim-pattern-result">
                      {t(`pimPattern_${sampleResult}`)}
                    </HelperTextItem>
                  </HelperText>
                </FormHelperText>
              )}
            </FormGroup>
            <Switch id="pim-requireTicket" label={t("pimRequireTicket")} isChecked={policy.requireTicket} isDisabled={readOnly} onChange={(_e, v) => set("requireTicket", v)} />
            <Switch id="pim-requireApproval" label={t("pimRequireApproval")} isChecked={policy.requireApproval} isDisabled={readOnly} onChange={(_e, v) => set("requireApproval", v)} data-testid="pim-requireApproval" />
            {policy.requireApproval && (
              <>
                <FormGroup label={t("pimApproverUsers")} fieldId="pim-approver-users">
                  {readOnly ? <PickedList items={userMembers} category={t("pimApproverUsers")} />
                    : <MemberPicker members={userMembers} allowGroups={false} onChange={(m) => setApprovers("users", m.map((x) => x.id))} testId="pim-approver-users" />}
                </FormGroup>
                <FormGroup label={t("pimApproverGroups")} fieldId="pim-approver-groups">
                  {readOnly ? <PickedList items={groupMembers} category={t("pimApproverGroups")} />
                    : <MemberPicker members={groupMembers} allowUsers={false} onChange={(m) => setApprovers("groups", m.map((x) => x.id))} testId="pim-approver-groups" />}
                </FormGroup>
                <FormGroup label={t("pimApproverRoles")} fieldId="pim-approver-roles">
                  <PickedList items={policy.approvers.roles.map((id) => ({ id, label: roleName(id) }))} category={t("pimApproverRoles")}
                    onRemove={readOnly ? undefined : (id) => setApprovers("roles", policy.approvers.roles.filter((r) => r !== id))} />
                  {!readOnly && (
                    <RolePicker label={t("pimApproverRoles")} testId="pim-approver-roles" selectedIds={policy.approvers.roles}
                      onPick={(role) => !policy.approvers.roles.includes(role.id) && setApprovers("roles", [...policy.approvers.roles, role.id])} />
                  )}
                </FormGroup>
                <NumberField required id="pim-minApprovals" label={t("pimMinApprovals")} value={policy.minApprovals} min={1} onChange={(v) => set("minApprovals", v ?? Number.NaN)} isDisabled={readOnly} />
                <NumberField required id="pim-approvalTimeoutSeconds" label={t("pimApprovalTimeoutSeconds")} value={policy.approvalTimeoutSeconds} min={60} onChange={(v) => set("approvalTimeoutSeconds", v ?? Number.NaN)} isDisabled={readOnly} />
                <Switch id="pim-approverRequireOtp" label={t("pimApproverRequireOtp")} isChecked={!!policy.approverRequireOtp} isDisabled={readOnly} onChange={(_e, v) => set("approverRequireOtp", v)} />
              </>
            )}
            <FormGroup>
              <Switch id="pim-allowExtension" label={t("pimAllowExtension")} isChecked={policy.allowExtension ?? true} isDisabled={readOnly}
                onChange={(_e, v) => set("allowExtension", v)} data-testid="pim-allowExtension" aria-describedby="pim-allowExtension-help" />
              <FormHelperText>
                <HelperText id="pim-allowExtension-help">
                  <HelperTextItem>{t("pimAllowExtensionHelp")}</HelperTextItem>
                  {policy.requireApproval && (policy.allowExtension ?? true) && (
                    <HelperTextItem data-testid="pim-allowExtension-approval">{t("pimAllowExtensionApproval")}</HelperTextItem>
                  )}
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <Switch id="pim-allowPermanentEligibility" label={t("pimAllowPermanentEligibility")} isChecked={policy.allowPermanentEligibility} isDisabled={readOnly} onChange={(_e, v) => set("allowPermanentEligibility", v)} data-testid="pim-allowPermanentEligibility" />
            <NumberField id="pim-maxEligibilitySeconds" label={t("pimMaxEligibilitySeconds")} value={policy.maxEligibilitySeconds} min={60}
              onChange={(v) => set("maxEligibilitySeconds", v)} isDisabled={readOnly} help={t("pimMaxEligibilitySecondsHelp")} />
            {saveError && <LoadError error={saveError} />}
            <ActionGroup>
              {!readOnly && (
                <Button type="submit" isLoading={saving} isDisabled={saving || incomplete} data-testid="pim-policy-save">
                  {t("save")}
                </Button>
              )}
              <Button variant="link" onClick={() => navigate(`/${encodeURIComponent(realm)}/pim/roles`)}>
                {t("pimBackToRoleSettings")}
              </Button>
              {!readOnly && (
                <Button variant="secondary" isDanger onClick={() => confirmReset(policy)} data-testid="pim-policy-reset">
                  {t("pimResetPolicy")}
                </Button>
              )}
            </ActionGroup>
          </Form>
        )}
        {resetDialog}
      </PageSection>
    </>
  );
}
