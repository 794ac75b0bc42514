// Lint config: typed rules for TypeScript sources, plain rules for the small JS scripts.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const PROXY_DOOR = {
  group: ['**/proxy/*', '!**/proxy/index.js'],
  message: 'Import the proxy through its front door, src/proxy/index.ts.',
}
const CACHE_DOOR = {
  group: ['**/cache/*', '!**/cache/index.js'],
  message: 'Import the cache folder through its door, src/cache/index.ts.',
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'test/support/fixtures/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The proxy and the cache folder each have one front door, their index.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/proxy/**', 'src/cache/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PROXY_DOOR, CACHE_DOOR] }] },
  },
  {
    files: ['src/cache/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PROXY_DOOR] }] },
  },
)
