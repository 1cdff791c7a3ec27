// ESLint (flat config), run as `npm run lint` from the repository root.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const TS = ["**/*.{ts,tsx,mts,cts}"];
const TESTS = ["e2e/**", "**/*.test.ts", "src/server/testing/**", "src/bin/test.ts"];

// The layers of ARCHITECTURE.md, as import bans (type-only imports are erased and allowed: UI code
// may name a router's output or a permission).
const NO_DATABASE = {
  group: ["@/server/db", "@/generated/prisma/client", "@prisma/*"],
  allowTypeImports: true,
  message: "Only services (src/server/services) and test factories use the database client: call a service.",
};
const NO_SERVICES = {
  group: ["@/server/services/*"],
  allowTypeImports: true,
  message: "Pages and components reach the server through tRPC (or a page's server caller), never a service directly.",
};
const NO_BARE_ZOD = {
  name: "zod",
  message: "In browser code and schemas, import z from @/schemas/zod (configured once for the CSP).",
};
const POWERAUTH_ENTRY = {
  regex: "(^@/|/)powerauth/(?!(server|device)$)",
  message: "Import the protocol library only through @/powerauth/server or @/powerauth/device.",
};

export default [
  {
    ignores: ["node_modules/**", ".next/**", ".data/**", "src/generated/**", "src/powerauth/testing/test-vectors/**", "next-env.d.ts"],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    settings: { next: { rootDir: "." } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "import/no-anonymous-default-export": "off",
      "no-console": "off",
    },
  },
  // Type-aware rules (typescript-eslint's recommended-type-checked), with the zero-warnings rule.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TS })),
  {
    files: TS,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname + "/.." } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Async functions without await are how interfaces that return promises are implemented here.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read JSON bodies whose shape is what the assertion checks; typing each one adds nothing.
    files: TESTS,
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    // Everywhere outside the protocol library: one public entry per side; the database only in
    // services, test factories and the processes that open and close it.
    files: TS,
    ignores: ["src/powerauth/**", "src/server/services/**", "src/server/testing/**", "src/server/db.ts", "src/bin/**", "src/server/runtime/tool-database.ts", "**/*.int.test.ts", ".config/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [POWERAUTH_ENTRY, NO_DATABASE] }],
    },
  },
  {
    // Services, tests and process entry points may use the database; the protocol entry rule holds.
    files: ["src/server/services/**", "src/server/testing/**", "src/server/db.ts", "src/bin/**", "src/server/runtime/tool-database.ts", "**/*.int.test.ts", ".config/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [POWERAUTH_ENTRY] }],
    },
  },
  {
    // Pages and components: no database, no services, zod only through @/schemas/zod.
    files: ["src/app/**/*.tsx", "src/app/**/_components/**", "src/components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [NO_BARE_ZOD], patterns: [POWERAUTH_ENTRY, NO_DATABASE, NO_SERVICES] }],
    },
  },
  {
    // The shared contracts sit below the server: nothing from it, and zod configured once.
    files: ["src/schemas/**"],
    ignores: ["src/schemas/zod.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [NO_BARE_ZOD], patterns: [POWERAUTH_ENTRY, { group: ["@/server/*", "@/generated/*"], message: "src/schemas is shared with the browser: no server code." }] },
      ],
    },
  },
  {
    // Pure functions over bytes (ARCHITECTURE.md): no app code, no Next, no database; files
    // inside the library import each other by relative path.
    files: ["src/powerauth/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["next", "react", "pg", "pg-boss", "@prisma/client", "prisma"].map((name) => ({
            name,
            message: "src/powerauth is pure protocol code: no Next, React or database.",
          })),
          patterns: [
            { group: ["@/*"], message: "Inside src/powerauth, import by relative path (never @/server or @/generated)." },
            { group: ["next/*", "@prisma/*", "@/generated/*"], message: "src/powerauth is pure protocol code: no Next or Prisma." },
          ],
        },
      ],
    },
  },
];
