// Runs an npm command only when its inputs changed since its last successful run (Maven calls it
// for `npm ci` and `npm run build`, see pom.xml). The inputs' paths and contents, the Node.js
// version and the platform are hashed; the hash is written to the stamp file after the command
// succeeded. The command runs when the stamp is missing or differs, when an output is missing, or
// with --force=true. On a clean clone there is no stamp, so everything runs.
//
//   node npm-if-stale.mjs --stamp=FILE --input=PATH... [--output=PATH...] [--force=true] -- CMD ARGS...
//
// PATH may be a file or a directory (read recursively); paths are relative to this folder.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const base = dirname(fileURLToPath(import.meta.url));
const sep = process.argv.indexOf("--");
if (sep < 0 || sep === process.argv.length - 1) {
  console.error("usage: node npm-if-stale.mjs --stamp=FILE --input=PATH... [--output=PATH...] -- CMD ARGS...");
  process.exit(2);
}
const options = process.argv.slice(2, sep);
const command = process.argv.slice(sep + 1);
const values = (name) => options.filter((o) => o.startsWith(`--${name}=`)).map((o) => o.slice(name.length + 3));
const stamp = resolve(base, values("stamp")[0] ?? "");
const inputs = values("input");
const outputs = values("output");
const force = values("force").includes("true");
if (!values("stamp").length || !inputs.length) {
  console.error("npm-if-stale: --stamp and at least one --input are required");
  process.exit(2);
}

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => files(join(path, entry.name)));
}

const hash = createHash("sha256");
hash.update(`${process.version} ${process.platform} ${process.arch} ${command.join(" ")}\n`);
for (const input of inputs) {
  for (const file of files(resolve(base, input))) {
    hash.update(`${relative(base, file)}\n`);
    hash.update(readFileSync(file));
    hash.update("\n");
  }
}
const digest = hash.digest("hex");

const previous = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
const missing = outputs.filter((output) => !existsSync(resolve(base, output)));
if (!force && previous === digest && missing.length === 0) {
  console.log(`npm-if-stale: '${command.join(" ")}' is up to date (${relative(base, stamp)}); skipped`);
  process.exit(0);
}

rmSync(stamp, { force: true });
const result = spawnSync(command[0], command.slice(1), {
  cwd: base,
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (result.error) {
  console.error(`npm-if-stale: could not run ${command[0]}: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, `${digest}\n`);
