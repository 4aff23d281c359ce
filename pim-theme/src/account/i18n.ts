import { createInstance, type LanguageDetectorModule } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment, joinUrl } from "./environment";

type KeyValue = { key: string; value: string };

// The user's locale as Keycloak chose it for this page.
const keycloakLanguageDetector: LanguageDetectorModule = {
  type: "languageDetector",
  detect() {
    return environment.locale;
  },
};

/**
 * The console's messages come from the realm's account theme (this theme's messages_*.properties
 * on top of keycloak.v3's), served as JSON by /resources/{realm}/account/{locale}.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: joinUrl(environment.serverBaseUrl, `resources/${environment.realm}/account/{{lng}}`),
    parse: (data: string) => {
      const messages = JSON.parse(data) as KeyValue[];
      return Object.fromEntries(messages.map(({ key, value }) => [key, value]));
    },
  },
});

i18n.use(FetchBackend);
i18n.use(keycloakLanguageDetector);
i18n.use(initReactI18next);
