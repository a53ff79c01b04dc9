/**
 * Loads the value-pyramid library from data/: products and prices, currency rates, technologies,
 * eligibility rules, current uses and the built-in scenarios. Cross-references are checked here so
 * that a product named by a technology, or a technology named by a rule, cannot be missing at run time.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EligibilityRule } from '../domain/eligibility.ts';
import { AppError, type Issue } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { CurrentUse } from '../domain/pyramid.ts';
import type { ResidueKind } from '../domain/residue-kinds.ts';
import type { Library, Scenario } from '../domain/scenarios.ts';
import { BALANCE_TOLERANCE, type Technology, yieldSets } from '../domain/technologies.ts';
import { createRates, type Product } from '../domain/valuation.ts';
import { DEFAULT_DATA_DIR, readJsonFile } from './reference-data.ts';
import {
  candidatesSchema,
  currentUsesFileSchema,
  eligibilityFileSchema,
  productsFileSchema,
  ratesFileSchema,
  scenarioSchema,
  technologiesFileSchema,
} from './schemas.ts';

export interface LoadedLibrary extends Library {
  currentUses: CurrentUse[];
  scenarios: Scenario[];
}

/** Every cross-reference problem of the library, each with the file and path it is in. */
export function checkLibrary(lib: Library, currentUses: CurrentUse[]): Issue[] {
  const issues: Issue[] = [];
  const products = new Set(lib.products.map((p) => p.id));
  const kinds = new Set(lib.kinds.map((k) => k.id));
  const technologies = new Set(lib.technologies.map((t) => t.id));
  lib.technologies.forEach((t, i) => {
    const at = `technologies.json:technologies[${i}]`;
    t.inputs.forEach((input, j) => {
      if (!kinds.has(input) && !products.has(input)) {
        issues.push({
          path: `${at}.inputs[${j}]`,
          message: `${t.id}: input "${input}" is neither a residue kind nor a product`,
          detail: message('technology_input_unknown', { technology: t.id, input }),
        });
      }
    });
    for (const input of Object.keys(t.byInput ?? {})) {
      if (!t.inputs.includes(input)) {
        issues.push({
          path: `${at}.byInput.${input}`,
          message: `${t.id}: yields for "${input}", which is not among its inputs`,
          detail: message('technology_yields_foreign_input', { technology: t.id, input }),
        });
      }
    }
    const uncovered = t.inputs.filter((i) => !t.byInput?.[i]);
    if (uncovered.length > 0 && t.outputs.length === 0) {
      issues.push({
        path: `${at}.outputs`,
        message: `${t.id}: no yields for ${uncovered.join(', ')} (give a default or yields by input)`,
        detail: message('technology_yields_missing', { technology: t.id, inputs: uncovered }),
      });
    }
    const productSets = new Set<string>();
    for (const { input, set } of yieldSets(t)) {
      const where = input === null ? at : `${at}.byInput.${input}`;
      const name = input === null ? t.id : `${t.id} (${input})`;
      productSets.add(
        set.outputs
          .map((o) => o.product)
          .sort()
          .join(','),
      );
      set.outputs.forEach((o, j) => {
        if (!products.has(o.product))
          issues.push({
            path: `${where}.outputs[${j}].product`,
            message: `${t.id}: unknown product "${o.product}"`,
            detail: message('product_unknown', { id: o.product }),
          });
      });
      if (t.capexPer && !set.outputs.some((o) => o.product === t.capexPer)) {
        issues.push({
          path: `${at}.capexPer`,
          message: `${t.id}: capex is per "${t.capexPer}", which it does not make`,
          detail: message('technology_capex_per_unmade', { technology: name, product: t.capexPer }),
        });
      }
      const sum = [...set.outputs, ...set.losses].reduce((s, o) => s + o.yield.value, 0);
      if (Math.abs(sum - 1) > BALANCE_TOLERANCE) {
        issues.push({
          path: `${where}.outputs`,
          message: `${t.id}${input ? ` on ${input}` : ''}: products + losses = ${sum.toFixed(6)} t per t input, not 1 (the mass balance does not close)`,
          detail: message('technology_balance_open', { technology: name, sum }),
        });
      }
    }
    if (productSets.size > 1) {
      issues.push({
        path: `${at}.byInput`,
        message: `${t.id}: its yield sets make different products (${[...productSets].join(' / ')}); every input must give the same products`,
        detail: message('technology_yield_sets_differ', { technology: t.id, sets: [...productSets] }),
      });
    }
  });
  lib.rules.forEach((r, i) => {
    r.forbiddenTechnologies?.forEach((t, j) => {
      if (!technologies.has(t))
        issues.push({
          path: `eligibility.json:rules[${i}].forbiddenTechnologies[${j}]`,
          message: `unknown technology "${t}"`,
          detail: message('technology_unknown', { id: t, known: [...technologies] }),
        });
    });
  });
  lib.products.forEach((p, i) => {
    if (!lib.rates.rates.has(p.price.currency)) {
      issues.push({
        path: `products.json:products[${i}].price.currency`,
        message: `no rate for ${p.price.currency}`,
        detail: message('currency_rate_missing', { currency: p.price.currency }),
      });
    }
  });
  currentUses.forEach((u, i) => {
    if (!kinds.has(u.kind))
      issues.push({
        path: `current-uses.json:uses[${i}].kind`,
        message: `unknown kind "${u.kind}"`,
        detail: message('unknown_kind', { id: u.kind, known: [...kinds] }),
      });
    if (u.product && !products.has(u.product))
      issues.push({
        path: `current-uses.json:uses[${i}].product`,
        message: `unknown product "${u.product}"`,
        detail: message('product_unknown', { id: u.product }),
      });
    if (!u.product && !u.valueNokPerTonne)
      issues.push({
        path: `current-uses.json:uses[${i}]`,
        message: 'give a product or a valueNokPerTonne',
        detail: message('current_use_value_missing', {}),
      });
  });
  return issues;
}

/** Reads and validates a scenario file; every problem is listed with its path (exit code 2 in the CLI). */
export function readScenarioFile(file: string): Scenario {
  try {
    return readJsonFile(file, scenarioSchema, process.cwd()) as Scenario;
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_data') {
      throw new AppError('invalid_input', error.message, {
        issues: error.issues,
        cause: error,
        ...(error.detail ? { detail: error.detail } : {}),
      });
    }
    throw error;
  }
}

export function loadLibrary(kinds: ResidueKind[], dataDir = DEFAULT_DATA_DIR): LoadedLibrary {
  const read = <S extends Parameters<typeof readJsonFile>[1]>(name: string, schema: S) =>
    readJsonFile(join(dataDir, name), schema, dataDir);
  const products = read('products.json', productsFileSchema).products as Product[];
  const rates = createRates(read('currency-rates.json', ratesFileSchema).rates);
  const technologies = read('technologies.json', technologiesFileSchema).technologies as Technology[];
  const rules = read('eligibility.json', eligibilityFileSchema).rules as EligibilityRule[];
  const currentUses = read('current-uses.json', currentUsesFileSchema).uses as CurrentUse[];
  const candidates = read('candidates.json', candidatesSchema);
  const finance = {
    discountRate: candidates.discountRate.value,
    lifetimeYears: candidates.lifetimeYears.value,
  };
  const lib: Library = { kinds, products, technologies, rules, rates, finance };
  const issues = checkLibrary(lib, currentUses);
  if (issues.length > 0) {
    throw new AppError(
      'invalid_data',
      `the technology library has ${issues.length} problem(s): ${issues[0]?.message}`,
      { issues, detail: message('library_has_problems', { count: issues.length }) },
    );
  }
  const dir = join(dataDir, 'scenarios');
  const scenarios = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => read(join('scenarios', f), scenarioSchema) as Scenario)
    : [];
  return { ...lib, currentUses, scenarios };
}
