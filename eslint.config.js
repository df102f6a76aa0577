// Lint rules that hold the layering of CONVENTIONS.md: no floating promises, type-only imports, and import boundaries.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

const only = (libraries, where) =>
  libraries.map((name) => ({ name, message: `${name} belongs in ${where} (see CONVENTIONS.md).` }));
const patternOnly = (group, where) => ({ group, message: `Import this only from ${where} (see CONVENTIONS.md).` });

export default tseslint.config(
  { ignores: ["node_modules/", "**/dist/", "data/", ".scratch/", "test/artifacts/", "src/db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "import-x": importX },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import-x/no-cycle": ["error", { maxDepth: 4, ignoreExternal: true }],
    },
  },
  {
    // Services, repos, presenters: no web framework, sockets, bot framework or bull.
    files: ["src/modules/**/*.ts"],
    ignores: ["src/modules/**/*.routes.ts", "src/modules/**/*.socket.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...only(["express"], "src/http and *.routes.ts"),
            ...only(["socket.io"], "src/realtime and *.socket.ts"),
            ...only(["botbuilder", "botbuilder-dialogs"], "bots/ and src/channels"),
            ...only(["bull"], "src/queue"),
            ...only(["natural", "compromise", "sentiment"], "src/nlp"),
            ...only(["rate-limiter-flexible"], "src/limits"),
            ...only(["helmet"], "src/http/middlewares"),
            ...only(["highs", "ml-levenberg-marquardt"], "src/optimize"),
          ],
          patterns: [patternOnly(["drizzle-orm/pglite", "drizzle-orm/node-postgres", "@electric-sql/pglite", "pg"], "src/db")],
        },
      ],
    },
  },
  {
    // The NLP layer knows nothing of bots, tickets, channels or storage.
    files: ["src/nlp/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...only(["express", "socket.io", "botbuilder", "bull", "drizzle-orm", "pg"], "other layers; src/nlp stays pure")],
          patterns: [patternOnly(["**/modules/**", "**/db/**", "**/http/**", "**/realtime/**", "**/channels/**", "**/bots/**"], "the layers above src/nlp")],
        },
      ],
    },
  },
  {
    // The optimisation layer is pure mathematics: it knows nothing of deals, reps, storage or the web.
    files: ["src/optimize/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...only(["express", "socket.io", "botbuilder", "bull", "drizzle-orm", "pg"], "other layers; src/optimize stays pure")],
          patterns: [patternOnly(["**/modules/**", "**/db/**", "**/http/**", "**/realtime/**", "**/channels/**", "**/bots/**", "**/nlp/**"], "the layers above src/optimize")],
        },
      ],
    },
  },
  {
    // Browser apps import only the shared contracts from the server tree.
    files: ["widget/**/*.ts", "widget/**/*.tsx", "console/**/*.ts", "console/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            patternOnly(["**/src/modules/**", "**/src/db/**", "**/src/http/**", "**/src/realtime/**", "**/src/nlp/**", "**/bots/**", "**/src/queue/**"], "the server; widget/ and console/ import only src/contracts"),
          ],
        },
      ],
    },
  },
  {
    // Contracts are shared with browsers: no Node or server imports.
    files: ["src/contracts/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [patternOnly(["node:*", "../*/**", "express", "socket.io", "pg"], "server code; contracts stay portable")] }],
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
