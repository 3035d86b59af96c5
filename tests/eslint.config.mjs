// ESLint for the site's own browser scripts (overrides/assets/javascripts/): plain scripts, no modules and no
// build step, loaded by <script src> from disk or a server. Vendored files are other projects' and not linted.
// Run from the repository root: tests/node_modules/.bin/eslint --config tests/eslint.config.mjs
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        ...globals.worker,
        lunr: "readonly", // the theme's lunr.js, loaded before our search scripts
        jsyaml: "readonly", // vendored js-yaml, loaded on demand by draft.js
        docx: "readonly", // vendored docx, loaded on demand by draft.js
      },
    },
  },
];
