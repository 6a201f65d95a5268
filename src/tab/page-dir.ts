import path from "node:path";
import { ROOT } from "../paths.js";

/** Where `npm run build:tab` writes the dashboard page and where the server reads it from. */
export const TAB_PAGE_DIR = path.join(ROOT, "dist", "tab");
