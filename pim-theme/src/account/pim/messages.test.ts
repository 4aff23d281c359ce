import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXTENSION_ERROR_CODES, KNOWN_ERROR_CODES, RENEWAL_ERROR_CODES } from "./errors";
import { RENEWAL_STATUSES, REQUEST_KINDS, REQUEST_STATUSES } from "./api";

const root = join(__dirname, "..", "..");
const bundleDir = join(root, "main", "resources", "theme", "pim", "account", "messages");

function keys(locale: string): Map<string, string> {
  const text = readFileSync(join(bundleDir, `messages_${locale}.properties`), "utf8");
  return new Map(
    text
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [readFileSync(path, "utf8")] : [];
  });
}

describe("message bundles", () => {
  const en = keys("en");
  const de = keys("de");

  it("English and German have the same keys", () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it("have every key the pages use", () => {
    const used = new Set(
      sources(join(root, "account")).flatMap((text) => [...text.matchAll(/"(pim[A-Za-z_]+)"/g)].map((m) => m[1])),
    );
    for (const code of KNOWN_ERROR_CODES) used.add(`pimError_${code}`);
    for (const code of EXTENSION_ERROR_CODES) used.add(`pimExtendError_${code}`);
    for (const code of RENEWAL_ERROR_CODES) used.add(`pimRenewError_${code}`);
    for (const status of REQUEST_STATUSES) used.add(`pimStatus_${status}`);
    for (const status of RENEWAL_STATUSES) used.add(`pimRenewalStatus_${status}`);
    for (const kind of REQUEST_KINDS) used.add(`pimKind_${kind}`);
    const missing = [...used].filter((key) => !en.has(key) || !de.has(key));
    expect(missing).toEqual([]);
  });

  it("keep interpolations in both languages", () => {
    for (const [key, value] of en) {
      const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(names(de.get(key) ?? ""), key).toEqual(names(value));
    }
  });
});
