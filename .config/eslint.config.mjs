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
];
