/**
 * `npm run package`: builds appPackage.zip from manifest/manifest.template.json
 * with ids and domains from the environment (or .env), and validates it offline.
 */
import "dotenv/config";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildAppPackage, MANIFEST_DIR, PackageError, packageEnvFrom } from "./app-package.js";

const out = path.resolve(process.argv[2] ?? path.join(MANIFEST_DIR, "..", "appPackage.zip"));
try {
  const env = packageEnvFrom(process.env);
  writeFileSync(out, buildAppPackage(env));
  console.log(
    `App package written to ${out} (bot ${env.MicrosoftAppId} on ${env.BOT_DOMAIN}); it passed validation.`,
  );
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  console.error(`Cannot build the app package: ${err.message}`);
  process.exit(1);
}
