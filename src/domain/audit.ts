/**
 * The audit: recompute every stated figure from its stated inputs and say where they disagree.
 * Statements are plain data (a sum, a product, a growth rate, a value against a reference range, a
 * mass balance), so the same checks run on the seed report, on scenarios and on a user's data.
 */

import { type AuditTerm, type Label, type Message, message } from './message.ts';
import type { Basis } from './messages/labels.ts';
import type { Text } from './text.ts';

export type Severity = 'error' | 'warning' | 'info';

interface Base {
  id: string;
  /** Where the stated figure is, for programs: file, table, page or section (it may hold ids). */
  source: string;
  /** Where the stated figure is, for a reader: a label message (the report's residue table, a section …). */
  where: Label;
  /** What the figure is, as a label message (src/domain/messages/labels.ts), so it reads in both languages. */
  label: Label;
}

export interface Term extends AuditTerm {
  /** An exact constant (a unit conversion such as 1 000 kg/t), not a rounded figure. */
  exact?: boolean;
  /** The published range of a factor taken from a library: a stated figure it fits is no error. */
  range?: { low: number; high: number };
}

/** A double listing that explains a difference to the statistics: one category counted twice. */
export interface DoubleListing {
  category: string;
  categoryText: string;
  m3: number;
}

export type Statement =
  | (Base & {
      kind: 'sum';
      stated: number;
      parts: Term[];
      /** The report says the parts listed are not all: the rest is this (e.g. "other forms"). */
      rest?: Text;
    })
  | (Base & { kind: 'product'; stated: number; factors: Term[]; explanation?: Label })
  | (Base & { kind: 'growth'; stated: number; start: number; rate: number; years: number })
  | (Base & {
      kind: 'range';
      stated: number;
      /** `fromReport`: the reference is the audited report's own figure, so it cannot confirm it. */
      reference: {
        value: number;
        low: number;
        high: number;
        what: Label;
        fromReport?: boolean;
        /** The library's citation of the range (a title, shown beside the finding, not inside it). */
        citation?: string;
      };
    })
  | (Base & { kind: 'balance'; input: number; outputs: Term[] })
  /** A stated figure against an imported statistic; `doubleListings` may explain a surplus. */
  | (Base & {
      kind: 'statistic';
      stated: number;
      value: number;
      what: Label;
      doubleListings: DoubleListing[];
    })
  /** A stated percentage of a whole (a region's share of the country). */
  | (Base & { kind: 'share'; statedPercent: number; part: number; whole: number; what: Label })
  /** A figure stated on one basis (wet) against an estimate on both: which one it fits. */
  | (Base & { kind: 'basis'; stated: number; statedBasis: Basis; wet: number; dm: number; what: Label });

export interface Finding {
  id: string;
  severity: Severity;
  stated: number;
  computed: number;
  difference: number;
  /** difference ÷ computed (0 when computed is 0). */
  relativeDifference: number;
  /** What disagrees, as a message code with the figures (rendered by the shells). */
  message: Message;
  /** Where the stated figure is, for programs (may hold ids). */
  source: string;
  /**
   * Where the stated figure is, in words (a label message). Every statement's finding has it; a
   * finding made without a statement may lack it, and the shells then say nothing of where.
   */
  where?: Label;
  /** The citation of the range the figure was held against, when the library gives one. */
  citation?: string;
}

/** Half a unit of the last digit a figure is stated with: 964 681 → 0.5, 49.5 → 0.05, 0.036 → 0.0005. */
export function roundingOf(stated: number): number {
  const text = String(Math.abs(stated));
  const dot = text.indexOf('.');
  const decimals = dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
  return 0.5 * 10 ** -decimals;
}

/**
 * Exact (to floating point): no finding. Within the rounding of the figures: info, since a reader who
 * adds them up will still see the difference. Beyond: by size, relative to the computed value.
 */
function grade(stated: number, computed: number, slack: number): Severity | undefined {
  const diff = Math.abs(stated - computed);
  if (diff <= 1e-9 * Math.max(1, Math.abs(computed))) return undefined;
  if (diff <= slack) return 'info';
  const rel = computed === 0 ? Number.POSITIVE_INFINITY : diff / Math.abs(computed);
  if (rel <= 0.005) return 'info';
  if (rel <= 0.05) return 'warning';
  return 'error';
}

/** The terms as the message shows them: their words and values, without the rounding flags. */
const shown = (terms: Term[]): AuditTerm[] => terms.map((t) => ({ label: t.label, value: t.value }));

function finding(
  s: Base,
  severity: Severity,
  stated: number,
  computed: number,
  what: Message,
  citation?: string,
): Finding {
  const difference = stated - computed;
  return {
    id: s.id,
    severity,
    stated,
    computed,
    difference,
    relativeDifference: computed === 0 ? 0 : difference / computed,
    message: what,
    source: s.source,
    where: s.where,
    ...(citation ? { citation } : {}),
  };
}

/**
 * How much rounding may move an input: half a unit of its last decimal. Whole numbers and exact
 * constants count as exact; "1 NOK/kWh" read as 1 ± 0.5 would excuse any error.
 */
function inputRounding(t: Pick<Term, 'value' | 'exact'>): number {
  return t.exact || Number.isInteger(t.value) ? 0 : roundingOf(t.value);
}

/** Slack for a product: the rounding of the result plus what the rounding of each input can move it. */
function productSlack(stated: number, computed: number, factors: Term[]): number {
  const fromInputs = factors.reduce(
    (s, f) => s + (f.value === 0 ? 0 : inputRounding(f) / Math.abs(f.value)),
    0,
  );
  return roundingOf(stated) + fromInputs * Math.abs(computed);
}

export function checkStatement(s: Statement): Finding | undefined {
  switch (s.kind) {
    case 'sum': {
      const computed = s.parts.reduce((acc, p) => acc + p.value, 0);
      const slack = roundingOf(s.stated) + s.parts.reduce((acc, p) => acc + inputRounding(p), 0);
      const sev = grade(s.stated, computed, slack);
      // "Of these … the rest are other forms": parts short of the total are what the report says.
      if (sev && s.rest && computed < s.stated)
        return finding(
          s,
          'info',
          s.stated,
          computed,
          message('audit_sum_rest', {
            label: s.label,
            stated: s.stated,
            computed,
            rest: s.stated - computed,
            restText: s.rest,
          }),
        );
      return sev
        ? finding(
            s,
            sev,
            s.stated,
            computed,
            message('audit_sum', { label: s.label, stated: s.stated, computed, parts: s.parts.length }),
          )
        : undefined;
    }
    case 'product': {
      const computed = s.factors.reduce((acc, f) => acc * f.value, 1);
      const sev = grade(s.stated, computed, productSlack(s.stated, computed, s.factors));
      // A factor taken from a published range: the stated figure may use another value in it.
      if (sev && sev !== 'info') {
        for (const [i, f] of s.factors.entries()) {
          if (!f.range || f.value === 0) continue;
          const others = s.factors.reduce((acc, g, j) => (j === i ? acc : acc * g.value), 1);
          if (others === 0) continue;
          const implied = s.stated / others;
          if (implied < f.range.low || implied > f.range.high) continue;
          return finding(
            s,
            'info',
            s.stated,
            computed,
            message('audit_product_in_range', {
              label: s.label,
              stated: s.stated,
              computed,
              factor: f.label,
              implied,
              value: f.value,
              low: f.range.low,
              high: f.range.high,
            }),
          );
        }
      }
      return sev
        ? finding(
            s,
            sev,
            s.stated,
            computed,
            message('audit_product', {
              label: s.label,
              stated: s.stated,
              computed,
              factors: shown(s.factors),
              explanation: s.explanation ?? null,
            }),
          )
        : undefined;
    }
    case 'growth': {
      // (1 + r)^n moves by n·dr/(1 + r) relatively; the start value by its own rounding.
      const rateRounding = inputRounding({ value: s.rate });
      const startRounding = inputRounding({ value: s.start });
      const compound = (n: number) => {
        const computed = s.start * (1 + s.rate) ** n;
        const slack =
          roundingOf(s.stated) +
          Math.abs(computed) * ((n * rateRounding) / (1 + s.rate) + startRounding / s.start);
        return { computed, severity: grade(s.stated, computed, slack) };
      };
      const { computed, severity: sev } = compound(s.years);
      if (!sev) return undefined;
      // Market sources often give growth "2021–2030" on a 2020 base: nine compoundings, not ten. A
      // stated figure that fits that reading is not an error; the finding says which reading fits.
      if (s.years > 1 && sev !== 'info') {
        const other = compound(s.years - 1);
        if (other.severity === undefined || other.severity === 'info') {
          return finding(
            s,
            'info',
            s.stated,
            other.computed,
            message('audit_growth_convention', {
              label: s.label,
              stated: s.stated,
              start: s.start,
              ratePercent: s.rate * 100,
              years: s.years,
              compoundings: s.years - 1,
              computed: other.computed,
            }),
          );
        }
      }
      const implied = (s.stated / s.start) ** (1 / s.years) - 1;
      return finding(
        s,
        sev,
        s.stated,
        computed,
        message('audit_growth', {
          label: s.label,
          stated: s.stated,
          computed,
          start: s.start,
          ratePercent: s.rate * 100,
          years: s.years,
          impliedPercent: implied * 100,
        }),
      );
    }
    case 'range': {
      const { low, high, value, what, citation } = s.reference;
      // A reference taken from the report compares the report with itself: said, never a confirmation.
      if (s.reference.fromReport)
        return finding(
          s,
          'info',
          s.stated,
          value,
          message('audit_range_self', { label: s.label, stated: s.stated, what, central: value }),
          citation,
        );
      if (s.stated >= low && s.stated <= high) return undefined;
      return finding(
        s,
        'warning',
        s.stated,
        value,
        message('audit_range', { label: s.label, stated: s.stated, what, low, high, central: value }),
        citation,
      );
    }
    case 'balance': {
      const out = s.outputs.reduce((acc, o) => acc + o.value, 0);
      if (out <= s.input * (1 + 1e-9)) return undefined;
      return finding(
        s,
        'error',
        out,
        s.input,
        message('audit_balance', {
          label: s.label,
          outputs: shown(s.outputs),
          outputTotal: out,
          input: s.input,
        }),
      );
    }
    case 'statistic': {
      const sev = grade(s.stated, s.value, roundingOf(s.stated));
      if (!sev) return undefined;
      // A surplus that equals the volumes listed twice (within half a m3 per listing) has its cause.
      const listed = s.doubleListings.reduce((acc, d) => acc + d.m3, 0);
      const surplus = s.stated - s.value;
      if (listed > 0 && Math.abs(surplus - listed) <= 0.5 * s.doubleListings.length + roundingOf(s.stated))
        return finding(
          s,
          sev === 'error' ? 'error' : 'warning',
          s.stated,
          s.value,
          message('audit_statistic_double_counted', {
            label: s.label,
            stated: s.stated,
            computed: s.value,
            what: s.what,
            listings: s.doubleListings,
          }),
        );
      return finding(
        s,
        sev,
        s.stated,
        s.value,
        message('audit_statistic', { label: s.label, stated: s.stated, computed: s.value, what: s.what }),
      );
    }
    case 'share': {
      const computed = (s.part / s.whole) * 100;
      const sev = grade(s.statedPercent, computed, roundingOf(s.statedPercent));
      return sev
        ? finding(
            s,
            sev,
            s.statedPercent,
            computed,
            message('audit_share', {
              label: s.label,
              statedPercent: s.statedPercent,
              computedPercent: computed,
              part: s.part,
              whole: s.whole,
              what: s.what,
            }),
          )
        : undefined;
    }
    case 'basis': {
      // Within 5 % of an estimate counts as fitting it: the report's own figures are calibrations.
      const fits = (x: number) => x > 0 && Math.abs(s.stated - x) / x <= 0.05;
      const onStated = s.statedBasis === 'wet' ? s.wet : s.dm;
      const onOther = s.statedBasis === 'wet' ? s.dm : s.wet;
      if (fits(onStated) || !fits(onOther)) return undefined;
      return finding(
        s,
        'warning',
        s.stated,
        onStated,
        message('audit_basis', {
          label: s.label,
          stated: s.stated,
          basis: s.statedBasis,
          wet: s.wet,
          dm: s.dm,
          what: s.what,
        }),
      );
    }
  }
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings worst first, then by id (for findings from several checks put together). */
export function worstFirst(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.id.localeCompare(b.id));
}

/** Every finding, worst first; a statement that checks out gives none. */
export function audit(statements: Statement[]): Finding[] {
  return worstFirst(statements.map(checkStatement).filter((f): f is Finding => f !== undefined));
}
