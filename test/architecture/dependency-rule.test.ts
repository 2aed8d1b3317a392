/**
 * DESIGN.md's dependency rule, enforced by scanning every import in src/:
 * core imports only core (and nothing from node or npm: it is pure); service imports core and store;
 * store imports store and core types; national, http and cli import service and core, never store;
 * only cli (the composition root that starts the server) imports http and national; nothing imports cli or web.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
const LAYERS = ['core', 'service', 'store', 'national', 'http', 'cli', 'web'] as const;
type Layer = (typeof LAYERS)[number];

const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  store: ['store', 'core'],
  service: ['service', 'core', 'store'],
  national: ['national', 'service', 'core'],
  http: ['http', 'national', 'service', 'core'],
  cli: ['cli', 'http', 'national', 'service', 'core'],
  web: ['web'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern =
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) specifiers.push((match[1] ?? match[2])!);
  return specifiers;
}

function layerOf(path: string): Layer | undefined {
  const top = relative(SRC, path).split(/[\\/]/)[0];
  return LAYERS.find((layer) => layer === top);
}

describe('the dependency rule (DESIGN.md)', () => {
  const files = sourceFiles(SRC).filter((f) => !f.endsWith('.test.ts'));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every import crosses only allowed layer boundaries', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (!from) continue;
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const to = layerOf(resolve(join(file, '..'), specifier));
          if (to && !ALLOWED[from].includes(to)) violations.push(`${relative(SRC, file)} → ${specifier}`);
        } else if (from === 'core') {
          violations.push(`${relative(SRC, file)} → ${specifier} (core is pure: no node or npm imports)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
