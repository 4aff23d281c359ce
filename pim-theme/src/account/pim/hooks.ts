import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PimContext } from "./api";

export const usePimContext = (): PimContext => useEnvironment<AccountEnvironment>();

/** The current time, re-rendering every intervalMillis (for live countdowns). */
export function useNow(intervalMillis = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMillis);
    return () => window.clearInterval(timer);
  }, [intervalMillis]);
  return now;
}

/** The locale for dates: the console's i18n language (Keycloak's choice for the user). */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language ?? "en";
}
