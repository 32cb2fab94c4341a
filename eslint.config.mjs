import { builtinModules } from 'node:module'
import { dirname, relative, resolve, sep } from 'node:path'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_')).flatMap((name) => [name, `node:${name}`])

/**
 * Turns an import specifier into what it points at: a project path (`main/app/x`) for relative and
 * `@shared` imports, or a package name for bare ones.
 */
function resolveSpecifier(specifier, filename, cwd) {
  if (specifier === '@shared' || specifier.startsWith('@shared/')) {
    return { kind: 'path', target: `shared${specifier.slice('@shared'.length)}` }
  }
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(cwd, resolve(dirname(filename), specifier)).split(sep).join('/')
    return { kind: 'path', target }
  }
  return { kind: 'module', target: specifier }
}

function isWithin(target, folder) {
  return target === folder || target.startsWith(`${folder}/`)
}

function matchesModule(target, name) {
  return target === name || target.startsWith(`${name}/`)
}

/** Checks each import of a file against the runtime boundary of the folder the file lives in. */
const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each folder to the imports its runtime allows' },
    schema: [
      {
        type: 'object',
        properties: {
          runtime: { type: 'string' },
          forbiddenModules: { type: 'array', items: { type: 'string' } },
          forbiddenFolders: { type: 'array', items: { type: 'string' } },
          allowedModules: { type: 'array', items: { type: 'string' } },
          allowedFolders: { type: 'array', items: { type: 'string' } }
        },
        required: ['runtime'],
        additionalProperties: false
      }
    ],
    messages: {
      forbidden: "{{runtime}} must not import '{{specifier}}'.",
      notAllowed: "{{runtime}} may only import {{allowed}}; '{{specifier}}' is outside that."
    }
  },
  create(context) {
    const options = context.options[0]
    const allowList = options.allowedModules !== undefined || options.allowedFolders !== undefined
    const allowedModules = options.allowedModules ?? []
    const allowedFolders = options.allowedFolders ?? []
    const allowedText = [...allowedModules, ...allowedFolders.map((folder) => `${folder}/**`)].join(', ')

    function check(node, specifier) {
      const { kind, target } = resolveSpecifier(specifier, context.filename, context.cwd)
      if (allowList) {
        const allowed =
          kind === 'module'
            ? allowedModules.some((name) => matchesModule(target, name))
            : allowedFolders.some((folder) => isWithin(target, folder))
        if (!allowed) {
          context.report({ node, messageId: 'notAllowed', data: { runtime: options.runtime, specifier, allowed: allowedText } })
        }
        return
      }
      const forbidden =
        kind === 'module'
          ? (options.forbiddenModules ?? []).some((name) => matchesModule(target, name))
          : (options.forbiddenFolders ?? []).some((folder) => isWithin(target, folder))
      if (forbidden) context.report({ node, messageId: 'forbidden', data: { runtime: options.runtime, specifier } })
    }

    function checkSource(node) {
      if (node.source && typeof node.source.value === 'string') check(node.source, node.source.value)
    }

    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node.source, node.source.value)
      },
      TSImportEqualsDeclaration(node) {
        const reference = node.moduleReference
        if (reference.type === 'TSExternalModuleReference' && typeof reference.expression.value === 'string') {
          check(reference.expression, reference.expression.value)
        }
      },
      CallExpression(node) {
        const [argument] = node.arguments
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          argument?.type === 'Literal' &&
          typeof argument.value === 'string'
        ) {
          check(argument, argument.value)
        }
      }
    }
  }
}

const boundaries = { rules: { 'import-boundaries': importBoundaries } }

/** Returns a config block that applies one boundary to a set of files. */
function boundary(files, options) {
  return { files, plugins: { gridkeeper: boundaries }, rules: { 'gridkeeper/import-boundaries': ['error', options] } }
}

/** Lints the whole tree and enforces which runtime each folder's code may import from. */
export default defineConfig(
  { ignores: ['out/', 'node_modules/', '.tmp/', 'dist/', 'coverage/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    ignores: ['renderer/**'],
    languageOptions: { globals: globals.node }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser }
  },
  // Later blocks override earlier ones for the same rule, so the narrowest folders come last
  boundary(['main/**'], { runtime: 'The main process', forbiddenFolders: ['preload', 'renderer'] }),
  // electron-store imports electron itself, so it is kept out of every folder that runs without Electron
  boundary(['main/engine/**'], {
    runtime: 'The engine (plain Node, no Electron)',
    forbiddenModules: ['electron', 'electron-store'],
    forbiddenFolders: ['main/app', 'main/cli', 'preload', 'renderer']
  }),
  boundary(['main/service/**', 'main/serve/**', 'main/api/**', 'main/backtest/**', 'main/klines/**', 'main/keys/**', 'main/web/**'], {
    runtime: 'The app service and what it runs on (plain Node, no Electron: gridkeeper serve runs it too)',
    forbiddenModules: ['electron', 'electron-store'],
    forbiddenFolders: ['main/app', 'preload', 'renderer']
  }),
  boundary(['main/cli/**'], {
    runtime: 'The command line (plain Node, no Electron)',
    forbiddenModules: ['electron', 'electron-store'],
    forbiddenFolders: ['main/app', 'preload', 'renderer']
  }),
  boundary(['preload/**'], {
    runtime: 'The preload',
    allowedModules: ['electron'],
    allowedFolders: ['shared/api']
  }),
  boundary(['renderer/**'], {
    runtime: 'The renderer (browser, no Node)',
    forbiddenModules: ['electron', ...nodeBuiltins],
    forbiddenFolders: ['main', 'preload']
  }),
  boundary(['shared/**'], {
    runtime: 'Shared code (neither Node nor the DOM)',
    forbiddenModules: ['electron', ...nodeBuiltins],
    forbiddenFolders: ['main', 'preload', 'renderer']
  })
)
