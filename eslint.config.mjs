// ESLint for the project's own JavaScript (`make lint` runs it; docs/decisions.md, Project 15):
// the recommended rules (an undeclared or misspelt name, an unused variable or assignment, a
// reassigned constant: the slips that lose a tap in the offline client), plus strict equality,
// braces on every block and no `var`.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["node_modules/", ".venv/", "staticfiles/", "**/migrations/"],
  },
  js.configs.recommended,
  {
    files: ["**/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      curly: "error",
      eqeqeq: "error",
      "no-var": "error",
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
    },
  },
  {
    // The service worker runs in its own global scope (visits/pwa.py puts CONFIG before it).
    files: ["visits/static/visits/sw.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    // Node scripts the tests run (tests/calendars/) and this file.
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
  },
];
