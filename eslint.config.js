// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'test-results/', 'eslint.config.js', 'web/src/lib/api/openapi.d.ts', 'packages/mesh-kernel/assembly/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/platform/config reads process.env.' }],
    },
  },
  {
    // The one way out (docs/ARCHITECTURE.md): a module sends nothing over the network except through egress.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/egress/**', '**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Personal data leaves only through the egress module (handOver); call an integration from there.' }, { name: 'WebSocket', message: 'Personal data leaves only through the egress module (handOver).' }],
    },
  },
  {
    files: ['src/platform/config/**', 'test/**', 'bench/**', 'scripts/**', 'src/test-support/**', '**/*.test.ts', 'vitest.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
