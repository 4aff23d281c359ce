import react from "@vitejs/plugin-react-swc";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Builds the pim admin console: Keycloak's own admin console (@keycloak/keycloak-admin-ui, its routes,
// masthead, navigation and contexts) plus the Privileged access pages. keycloak.v2's admin index.ftl
// reads resources/.vite/manifest.json of the theme to find the entry script and styles; Maven copies
// target/admin-ui into theme/pim/admin/resources of the jar (see pom.xml).
export default defineConfig({
  plugins: [react()],
  base: "",
  resolve: {
    alias: {
      // The library's stylesheet (its exports map names it "./styles.css").
      "keycloak-admin-ui.css": fileURLToPath(
        new URL("./node_modules/@keycloak/keycloak-admin-ui/lib/keycloak-admin-ui.css", import.meta.url),
      ),
    },
  },
  build: {
    outDir: "target/admin-ui",
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 8192,
    rollupOptions: {
      input: "src/admin/main.tsx",
      // React comes from Keycloak's common theme through the import map of keycloak.v2's index.ftl,
      // exactly as for Keycloak's own admin console.
      external: ["react", "react/jsx-runtime", "react-dom"],
    },
  },
});
