import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { ActionGroup, Alert, AlertVariant, Button, Form, FormSection, PageSection } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PimError, type Settings as PimSettings } from "./api";
import { errorText, LoadError, NumberField, PageHeader } from "./components";
import { useLoad, usePimApi, usePimPermissions } from "./hooks";
import { SETTING_FIELDS, settingsErrorField, type SettingField } from "./format";

const ALERT_FIELDS = SETTING_FIELDS.filter((f) => f.section === "alerts");
const REMINDER_FIELDS = SETTING_FIELDS.filter((f) => f.section === "reminders");

/**
 * The realm's PIM settings (GET/PUT /settings): the alerts' thresholds and the reminder before an
 * elevation ends. Reading needs view-realm (the route's access), saving manage-realm; the server
 * checks the ranges, and its answer names the field, which is marked.
 */
export default function Settings() {
  const { t } = useTranslation();
  const api = usePimApi();
  const { addAlert } = useAlerts();
  const { canManageRealm } = usePimPermissions();
  const loaded = useLoad((signal) => api.settings(signal), [api]);
  const [settings, setSettings] = useState<PimSettings>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ text: string; field?: keyof PimSettings }>();

  useEffect(() => {
    if (loaded.data) setSettings(loaded.data);
  }, [loaded.data]);

  const readOnly = !canManageRealm;
  const incomplete = !!settings && Object.values(settings).some((v) => Number.isNaN(v));

  const save = async () => {
    if (!settings) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      setSettings(await api.updateSettings(settings));
      addAlert(t("pimSettingsSaved"), AlertVariant.success);
    } catch (e) {
      const field = e instanceof PimError ? settingsErrorField(e.description) : undefined;
      setSaveError({ text: errorText(e), field });
    } finally {
      setSaving(false);
    }
  };

  const field = ({ key, min, max }: SettingField) => (
    <NumberField
      key={key}
      required
      id={`pim-${key}`}
      label={t(`pimSetting_${key}`)}
      value={settings![key]}
      min={min}
      max={max}
      isDisabled={readOnly}
      onChange={(v) => {
        setSettings((s) => (s ? { ...s, [key]: v ?? Number.NaN } : s));
        if (saveError?.field === key) setSaveError(undefined);
      }}
      help={t(`pimSettingHelp_${key}`, { min, max })}
      error={saveError?.field === key ? saveError.text : undefined}
    />
  );

  return (
    <>
      <PageHeader title={t("pimSettings")} description={t("pimSettingsHelp")} />
      <PageSection variant="light">
        <LoadError error={loaded.error} />
        {readOnly && settings && (
          <Alert variant={AlertVariant.info} isInline title={t("pimSettingsReadOnly")} className="pf-v5-u-mb-md" data-testid="pim-settings-read-only" />
        )}
        {settings && (
          // noValidate: the server checks the ranges and names the field (the browser's own bubble would hide its answer).
          <Form isWidthLimited noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="pim-settings-form">
            <FormSection title={t("pimSettingsAlerts")} titleElement="h2">
              {ALERT_FIELDS.map(field)}
            </FormSection>
            <FormSection title={t("pimSettingsReminders")} titleElement="h2">
              {REMINDER_FIELDS.map(field)}
            </FormSection>
            {saveError && (
              <Alert variant={AlertVariant.danger} isInline title={t("pimSettingsSaveFailed")} data-testid="pim-settings-error">
                {saveError.text}
              </Alert>
            )}
            {!readOnly && (
              <ActionGroup>
                <Button type="submit" isLoading={saving} isDisabled={saving || incomplete} data-testid="pim-settings-save">
                  {t("save")}
                </Button>
              </ActionGroup>
            )}
          </Form>
        )}
      </PageSection>
    </>
  );
}
