import react from "@vitejs/plugin-react-swc";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Builds the pim account console. Keycloak's AccountConsole reads resources/.vite/manifest.json of
// the theme to find the entry script and styles; Maven copies target/account-ui into
// theme/pim/account/resources of the jar (see pom.xml).
export default defineConfig({
  plugins: [react()],
  base: "",
  resolve: {
    alias: {
      // The library's own stylesheet (its inlined PatternFly components); not in its exports map.
      "keycloak-account-ui.css": fileURLToPath(
        new URL(
          "./node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css",
          import.meta.url,
        ),
      ),
    },
  },
  build: {
    outDir: "target/account-ui",
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/account/main.tsx",
      // Keycloak serves React from its common theme and maps these through the import map of
      // keycloak.v3's index.ftl, exactly as for its own account console.
      external: ["react", "react/jsx-runtime", "react-dom"],
    },
  },
  test: {
    include: ["src/account/**/*.test.ts", "src/admin/**/*.test.ts"],
    environment: "node",
  },
});
