// The webapp: the Mattermost plugin style (as the starter template and the Calls plugin configure
// it, written with @stylistic rules), React hooks, translated JSX, and feature boundaries.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import formatjs from 'eslint-plugin-formatjs';
import importX from 'eslint-plugin-import-x';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

import { typescript } from './common.mjs';
import local from './webapp_rules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'webapp/src');
const features = readdirSync(join(src, 'features'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

const code = ['webapp/src/**/*.{ts,tsx}', 'webapp/test/**/*.{ts,tsx}'];
const tests = ['webapp/test/**/*.{ts,tsx}'];

const style = {
  '@stylistic/indent': ['error', 4, { SwitchCase: 0 }],
  '@stylistic/object-curly-spacing': ['error', 'never'],
  '@stylistic/array-bracket-spacing': ['error', 'never'],
  '@stylistic/computed-property-spacing': ['error', 'never'],
  '@stylistic/quotes': ['error', 'single', { avoidEscape: true }],
  '@stylistic/jsx-quotes': ['error', 'prefer-single'],
  '@stylistic/semi': ['error', 'always'],
  '@stylistic/semi-spacing': ['error', { before: false, after: true }],
  '@stylistic/member-delimiter-style': 'error',
  '@stylistic/comma-dangle': ['error', 'always-multiline'],
  '@stylistic/comma-spacing': ['error', { before: false, after: true }],
  '@stylistic/comma-style': ['error', 'last'],
  '@stylistic/arrow-parens': ['error', 'always'],
  '@stylistic/arrow-spacing': 'error',
  '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: false }],
  '@stylistic/block-spacing': 'error',
  '@stylistic/key-spacing': ['error', { beforeColon: false, afterColon: true, mode: 'strict' }],
  '@stylistic/keyword-spacing': 'error',
  '@stylistic/space-before-blocks': 'error',
  '@stylistic/space-before-function-paren': ['error', { anonymous: 'never', named: 'never', asyncArrow: 'always' }],
  '@stylistic/space-in-parens': ['error', 'never'],
  '@stylistic/space-infix-ops': 'error',
  '@stylistic/space-unary-ops': ['error', { words: true, nonwords: false }],
  '@stylistic/function-call-spacing': ['error', 'never'],
  '@stylistic/template-curly-spacing': ['error', 'never'],
  '@stylistic/rest-spread-spacing': ['error', 'never'],
  '@stylistic/type-annotation-spacing': 'error',
  '@stylistic/dot-location': ['error', 'object'],
  '@stylistic/operator-linebreak': ['error', 'after', { overrides: { '|': 'before', '&': 'before' } }],
  '@stylistic/padded-blocks': ['error', 'never'],
  '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0 }],
  '@stylistic/no-trailing-spaces': 'error',
  '@stylistic/no-multi-spaces': 'error',
  '@stylistic/no-whitespace-before-property': 'error',
  '@stylistic/no-mixed-spaces-and-tabs': 'error',
  '@stylistic/no-floating-decimal': 'error',
  '@stylistic/new-parens': 'error',
  '@stylistic/eol-last': 'error',
  '@stylistic/linebreak-style': 'error',
  '@stylistic/max-statements-per-line': ['error', { max: 1 }],
  '@stylistic/quote-props': ['error', 'as-needed'],
  '@stylistic/wrap-iife': ['error', 'outside'],
  '@stylistic/lines-around-comment': [
    'error',
    {
      beforeBlockComment: true,
      beforeLineComment: true,
      allowBlockStart: true,
      allowBlockEnd: true,
      allowObjectStart: true,
      allowArrayStart: true,
      allowClassStart: true,
      allowTypeStart: true,
      allowInterfaceStart: true,
    },
  ],
  '@stylistic/jsx-closing-bracket-location': ['error', 'tag-aligned'],
  '@stylistic/jsx-closing-tag-location': 'error',
  '@stylistic/jsx-curly-spacing': ['error', 'never'],
  '@stylistic/jsx-equals-spacing': ['error', 'never'],
  '@stylistic/jsx-first-prop-new-line': ['error', 'multiline'],
  '@stylistic/jsx-indent-props': ['error', 4],
  '@stylistic/jsx-max-props-per-line': ['error', { maximum: 1 }],
  '@stylistic/jsx-tag-spacing': [
    'error',
    { closingSlash: 'never', beforeSelfClosing: 'never', afterOpening: 'never', beforeClosing: 'never' },
  ],
  '@stylistic/jsx-wrap-multilines': 'error',
  '@stylistic/jsx-self-closing-comp': 'error',
  '@stylistic/jsx-pascal-case': 'error',
};

// Features talk to each other only through their index.ts; shared layers never reach into a feature.
const featureZones = [
  ...features.map((f) => ({
    target: join(src, 'features', f),
    from: join(src, 'features/**'),
    except: [join(src, 'features', f, '**'), join(src, 'features/*/index.ts')],
    message: 'Import another feature through its index.ts.',
  })),
  {
    target: [join(src, '*.{ts,tsx}'), join(src, '!(features)/**')],
    from: join(src, 'features/*/**'),
    except: [join(src, 'features/*/index.ts')],
    message: 'Outside a feature, import it through its index.ts.',
  },
  {
    target: ['components', 'host', 'data'].map((d) => join(src, d)),
    from: join(src, 'features'),
    message: 'Shared layers do not depend on features.',
  },
];

export default [
  ...typescript(code),
  {
    files: code,
    plugins: { '@stylistic': stylistic, react, 'react-hooks': reactHooks, formatjs, 'import-x': importX, throughline: local },
    languageOptions: { globals: { ...globals.browser } },
    settings: {
      react: { version: '18.2' },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(root, 'webapp/tsconfig.json') })],
    },
    rules: {
      ...style,
      curly: ['error', 'all'],
      'no-else-return': 'error',
      'no-lonely-if': 'error',
      'no-nested-ternary': 'error',
      'no-unneeded-ternary': ['error', { defaultAssignment: false }],
      'object-shorthand': ['error', 'always'],
      'prefer-const': 'error',
      'prefer-template': 'off',
      'no-var': 'error',
      'no-useless-rename': 'error',
      'no-useless-concat': 'error',
      'no-useless-return': 'error',
      'dot-notation': 'error',
      'no-implicit-coercion': ['error', { allow: ['!!'] }],

      'react/jsx-key': 'error',
      'react/jsx-boolean-value': ['error', 'always'],
      'react/jsx-no-target-blank': 'error',
      'react/jsx-no-duplicate-props': 'error',
      'react/jsx-no-comment-textnodes': 'error',
      'react/no-children-prop': 'error',
      'react/no-danger-with-children': 'error',
      'react/no-unescaped-entities': 'error',
      'react/no-unknown-property': 'error',
      'react/no-string-refs': 'error',
      'react/no-find-dom-node': 'error',
      'react/no-deprecated': 'error',
      'react/self-closing-comp': 'error',

      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',

      'formatjs/no-literal-string-in-jsx': 'error',
      'formatjs/enforce-default-message': ['error', 'literal'],
      'formatjs/enforce-placeholders': 'error',
      'formatjs/no-invalid-icu': 'error',
      'formatjs/no-multiple-whitespaces': 'error',
      'throughline/message-id': 'error',
      'throughline/keyed-values': 'error',

      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          pathGroups: [
            { pattern: '@mattermost/**', group: 'external', position: 'after' },
            { pattern: 'mattermost-redux/**', group: 'external', position: 'after' },
          ],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'import-x/no-restricted-paths': ['error', { zones: featureZones }],
    },
  },
  {
    files: tests,
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      'formatjs/no-literal-string-in-jsx': 'off',
      'max-lines': 'off',
    },
  },
  {
    // The registry double is the sandbox host's equipment, linted as tests/** is (eslint/tests.mjs).
    files: ['webapp/test/registry_double.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-declaration-merging': 'off' },
  },
  {
    files: ['webapp/*.js', 'webapp/scripts/*.mjs'],
    ...js.configs.recommended,
  },
  {
    files: ['webapp/*.js', 'webapp/scripts/*.mjs'],
    plugins: { '@stylistic': stylistic },
    languageOptions: { globals: { ...globals.node } },
    rules: { ...style, curly: ['error', 'all'], 'prefer-const': 'error' },
  },
  {
    files: ['webapp/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
];
