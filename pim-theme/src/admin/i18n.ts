import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment, joinUrl } from "./environment";

type KeyValue = { key: string; value: string };

/**
 * As in Keycloak's admin console: one namespace per realm, loaded from
 * /resources/{realm}/admin/{locale} (the realm's admin theme on top of keycloak.v2). The console's
 * own realm (the one signed in to) uses this theme, so its namespace always has the Privileged
 * access texts; it is the fallback when the realm being managed has another admin theme. The
 * language follows the admin's locale, which the library's WhoAmI context sets.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  fallbackNS: environment.realm,
  backend: {
    loadPath: joinUrl(environment.adminBaseUrl, "resources/{{ns}}/admin/{{lng}}"),
    parse: (data: string) => {
      const messages = JSON.parse(data) as KeyValue[];
      return Object.fromEntries(messages.map(({ key, value }) => [key, value]));
    },
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
