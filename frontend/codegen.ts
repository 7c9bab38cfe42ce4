import type { CodegenConfig } from "@graphql-codegen/cli";

// Types come from the API's published contract, docs/schema.graphql.
const config: CodegenConfig = {
  schema: "../docs/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "./src/gql/": {
      preset: "client",
      config: {
        scalars: { Decimal: "string", Date: "string", DateTime: "string", JSON: "unknown" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
