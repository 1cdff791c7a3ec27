// ESLint (flat config), run as `npm run lint` from the repository root.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
  {
    // The protocol library has one public entry per side; its folders are free to change.
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["src/powerauth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^@/|/)powerauth/(?!(server|device)$)",
              message: "Import the protocol library only through @/powerauth/server or @/powerauth/device.",
            },
          ],
        },
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
