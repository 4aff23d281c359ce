import { routes as adminRoutes } from "@keycloak/keycloak-admin-ui";
import { lazy } from "react";
import { useRouteError, type RouteObject } from "react-router-dom";
import { App } from "./root/App";

const Assignments = lazy(() => import("./pim/Assignments"));
const AddAssignments = lazy(() => import("./pim/AddAssignments"));
const RoleSettings = lazy(() => import("./pim/RoleSettings"));
const PolicyEditor = lazy(() => import("./pim/PolicyEditor"));
const Requests = lazy(() => import("./pim/Requests"));
const Audit = lazy(() => import("./pim/Audit"));
const Settings = lazy(() => import("./pim/Settings"));
const Alerts = lazy(() => import("./pim/Alerts"));
const Renewals = lazy(() => import("./pim/Renewals"));
const UserPage = lazy(() => import("./root/UserPage"));

/** Keycloak's user page route: its element becomes EditUser with the Privileged access tab (same path, access and breadcrumb). */
const USER_PAGE_PATH = "/:realm/users/:id/:tab";

/** Reading anything of PIM needs view-users (the API's rule); the pages hide what the admin may not change. */
const handle = { access: "view-users" };

export const pimRoutes: RouteObject[] = [
  { path: "/:realm/pim/assignments", element: <Assignments />, handle },
  { path: "/:realm/pim/assignments/:tab", element: <Assignments />, handle },
  { path: "/:realm/pim/assignments/add", element: <AddAssignments />, handle: { access: ["view-users", "manage-users"] } },
  { path: "/:realm/pim/roles", element: <RoleSettings />, handle },
  { path: "/:realm/pim/roles/:roleId", element: <PolicyEditor />, handle },
  { path: "/:realm/pim/requests", element: <Requests />, handle },
  // Listing and deciding renewals needs manage-users (the API's rule for both).
  { path: "/:realm/pim/renewals", element: <Renewals />, handle: { access: "manage-users" } },
  // The alerts emails link here (#/{realm}/pim/alerts); reading them needs view-users, the remedy manage-users.
  { path: "/:realm/pim/alerts", element: <Alerts />, handle },
  { path: "/:realm/pim/audit", element: <Audit />, handle },
  // The realm's PIM settings are realm configuration: reading them needs view-realm (the API's rule), as Realm settings does.
  { path: "/:realm/pim/settings", element: <Settings />, handle: { access: "view-realm" } },
];

const RouteError = () => {
  const error = useRouteError() as Error | undefined;
  console.error(error);
  return (
    <div style={{ padding: "1rem" }} role="alert">
      <h1>Error</h1>
      <p>{error?.message ?? String(error)}</p>
    </div>
  );
};

const keycloakRoutes: RouteObject[] = adminRoutes.map((route) =>
  route.path === USER_PAGE_PATH ? { ...route, element: <UserPage /> } : route,
);

// Every route of Keycloak's admin console (the user page with one more tab) and the Privileged access pages.
export const routes: RouteObject[] = [
  { path: "/", element: <App />, errorElement: <RouteError />, children: [...pimRoutes, ...keycloakRoutes] },
];
