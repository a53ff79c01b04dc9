/** How one figure was made: the statistics × coefficients behind it, each with its source (a modal dialog). */
import { useEffect, useRef } from 'react';
import { type Coefficient, useApi } from '../api.ts';
import { useApp } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, SourceLine } from './ui.tsx';

interface Trace {
  municipality: string;
  kind: string;
  profile: string;
  terms: {
    statistic?: {
      variable: string;
      year: number;
      value: number;
      unit: string;
      dataset: string;
      datasetTitle?: string;
      source: { citation: string; url?: string; table?: string };
    };
    coefficients: Coefficient[];
    dmShare?: Coefficient;
    tonnesWet: number;
    tonnesDm: number;
  }[];
  tonnesWet: number;
  tonnesDm: number;
}

export interface TraceRequest {
  kind: string;
  municipality: string;
  profile: string;
  year?: number;
}

export function TraceDialog({ request, onClose }: { request: TraceRequest; onClose: () => void }) {
  const { t, f, name } = useI18n();
  const app = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const q = new URLSearchParams({ profile: request.profile });
  if (request.year) q.set('year', String(request.year));
  const trace = useApi<Trace>(
    `/regions/${app.region.id}/residues/${request.kind}/${request.municipality}/trace?${q.toString()}`,
  );
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const coef = (c: Coefficient) => (
    <li key={c.id}>
      <strong>{name(c.name)}</strong>: {f.coef(c.value)} {c.unit} ({t.range} {f.coef(c.low)}–{f.coef(c.high)})
      <br />
      <SourceLine source={c.source} />
      {c.calibration && (
        <>
          <br />
          <small>{name(c.calibration.method)}</small>
        </>
      )}
    </li>
  );
  return (
    <dialog
      ref={ref}
      className="trace"
      onClose={onClose}
      aria-labelledby="trace-title"
      data-testid="trace-dialog"
    >
      <h2 id="trace-title">
        {t.trace}: {app.kindName(request.kind)}, {app.munName(request.municipality)}
      </h2>
      {trace.loading && <Loading />}
      {trace.error && <ErrorBox error={trace.error} />}
      {trace.data && (
        <>
          <p className="trace-total">
            = <strong>{f.num(trace.data.tonnesWet)}</strong> {t.tonnesWet} · {f.num(trace.data.tonnesDm)}{' '}
            {t.tonnesDm}
          </p>
          <ol className="trace-terms">
            {trace.data.terms.map((term, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: terms have no id and never reorder.
              <li key={i}>
                {term.statistic && (
                  <p>
                    <strong>{t.statistic}:</strong> {term.statistic.variable} ={' '}
                    {f.num(term.statistic.value, 2)} {term.statistic.unit} ({term.statistic.year}) —{' '}
                    {term.statistic.datasetTitle ?? term.statistic.dataset}
                    <br />
                    <SourceLine source={term.statistic.source} />
                  </p>
                )}
                <p>
                  <strong>{t.coefficients}:</strong>
                </p>
                <ul>{term.coefficients.map(coef)}</ul>
                {term.dmShare && (
                  <p>
                    <strong>{t.dmShare}:</strong>
                  </p>
                )}
                {term.dmShare && <ul>{coef(term.dmShare)}</ul>}
                <p>
                  <strong>{t.formula}:</strong>{' '}
                  {term.statistic ? `${f.num(term.statistic.value, 2)} ${term.statistic.unit}` : '1'}
                  {term.coefficients.map((c) => ` × ${f.coef(c.value)} ${c.unit}`).join('')} ={' '}
                  {f.num(term.tonnesWet)} t
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <form method="dialog">
        <button type="submit" className="primary">
          {t.close}
        </button>
      </form>
    </dialog>
  );
}
