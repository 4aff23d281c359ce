import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "keycloak-admin-ui.css";
import "./pim.css";

// The library's own KeycloakProvider: its pages read the environment and keycloak-js from its context.
import { KeycloakProvider } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { routes } from "./routes";

// Keycloak's admin console routes in the URL fragment (/admin/{realm}/console/#/{realm}/users).
const router = createHashRouter(routes);

void i18n.init().then(() =>
  createRoot(document.getElementById("app")!).render(
    <StrictMode>
      <KeycloakProvider environment={environment}>
        <RouterProvider router={router} />
      </KeycloakProvider>
    </StrictMode>,
  ),
);
