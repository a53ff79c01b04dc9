/** Scenarios: the report's worked examples, a builder from the technology library, run, save, compare two. */
import { useCallback, useMemo, useState } from 'react';
import { renderMessage } from '../../../src/messages/catalogue.ts';
import {
  ApiError,
  api,
  type Product,
  post,
  put,
  type Residues,
  type Scenario,
  type ScenarioResult,
  type ScenarioSummary,
  type Sources,
  type Technology,
  useApi,
} from '../api.ts';
import { Sankey, type SankeyData } from '../components/sankey.tsx';
import { ErrorBox, Field, Figure, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { useI18n } from '../i18n.tsx';

interface Draft {
  id: string;
  name: string;
  inputs: { stream: string; tonnes: string; basis: 'wet' | 'dm' }[];
  steps: { id: string; technology: string; input: string }[];
}

const emptyDraft = (): Draft => ({
  id: '',
  name: '',
  inputs: [{ stream: 'halm', tonnes: '1000', basis: 'wet' }],
  steps: [{ id: 's1', technology: 'slow-pyrolysis', input: 'halm' }],
});

function slug(s: string): string {
  const v = s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z0-9]/.test(v) ? v : 'scenario';
}

export default function Scenarios() {
  const { t, name } = useI18n();
  const list = useApi<{ scenarios: ScenarioSummary[] }>('/scenarios');
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const sources = useApi<Sources>('/sources');
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [result, setResult] = useState<{ scenario: Scenario; result: ScenarioResult } | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const toScenario = (d: Draft): Scenario => ({
    id: d.id || slug(d.name || 'mitt-scenario'),
    name: { nb: d.name || 'Mitt scenario', en: d.name || 'My scenario' },
    description: d.name || 'Scenario built in the web app',
    source: { status: 'unsourced', citation: 'Built in the Restverdi web app from the technology library' },
    inputs: d.inputs.map((i) => ({
      stream: i.stream,
      basis: i.basis,
      ...(i.tonnes ? { tonnes: Number(i.tonnes) } : {}),
    })),
    steps: d.steps.map((s) => ({ id: s.id, technology: s.technology, input: s.input })),
  });

  const runScenario = async (s: Scenario, builtin?: string) => {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const r = builtin
        ? await post<ScenarioResult>(`/scenarios/${builtin}/run`, {})
        : await post<ScenarioResult>('/scenarios/run', s);
      setResult({ scenario: s, result: r });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const open = async (id: string) => {
    setError(undefined);
    try {
      const s = await api<Scenario>(`/scenarios/${id}`);
      setDraft({
        id: s.id,
        name: name(s.name),
        inputs: s.inputs.map((i) => ({
          stream: i.stream,
          tonnes: i.tonnes === undefined ? '' : String(i.tonnes),
          basis: i.basis,
        })),
        steps: s.steps.map((x) => ({ id: x.id, technology: x.technology, input: x.input })),
      });
      await runScenario(s, id);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const save = async () => {
    setError(undefined);
    try {
      const s = toScenario(draft);
      await put(`/scenarios/${s.id}`, s);
      setDraft({ ...draft, id: s.id });
      setMessage(t.saved);
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    }
  };

  const builtins = list.data?.scenarios.filter((s) => s.builtin) ?? [];
  return (
    <>
      <h1>{t.scenariosTitle}</h1>
      <section aria-labelledby="examples">
        <h2 id="examples">{t.workedExamples}</h2>
        {list.loading && <Loading />}
        {list.error && <ErrorBox error={list.error} retry={list.reload} />}
        <ul className="cards">
          {builtins.map((s) => (
            <li key={s.id} className="card">
              <h3>{name(s.name)}</h3>
              <p>{name(s.description)}</p>
              <button type="button" onClick={() => open(s.id)} aria-label={`${t.open}: ${name(s.name)}`}>
                {t.open}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="builder">
        <h2 id="builder">{t.build}</h2>
        {techs.data && sources.data ? (
          <Builder
            draft={draft}
            setDraft={setDraft}
            technologies={techs.data.technologies}
            products={sources.data.products}
          />
        ) : (
          <Loading />
        )}
        <div className="controls">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => runScenario(toScenario(draft))}
          >
            {t.run}
          </button>
          <button type="button" disabled={busy} onClick={save}>
            {t.save}
          </button>
          <span role="status">{message}</span>
        </div>
        {error && <ErrorBox error={error} />}
      </section>
      {busy && <Loading />}
      {result && <ResultView scenario={result.scenario} result={result.result} />}
      <Compare scenarios={list.data?.scenarios ?? []} />
    </>
  );
}

function Builder({
  draft,
  setDraft,
  technologies,
  products,
}: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  technologies: Technology[];
  products: Product[];
}) {
  const { t, f, name } = useI18n();
  const app = useApp();
  const estimate = useApi<Residues>(`/regions/${app.region.id}/residues?profile=report`);
  const streams = app.kinds.map((k) => ({ value: k.id, label: k.name[f.lang] }));
  // A step's input is an input stream or a product of an earlier step.
  const available = (i: number) => {
    const set = new Map<string, string>();
    for (const inp of draft.inputs) set.set(inp.stream, app.kindName(inp.stream));
    for (const s of draft.steps.slice(0, i)) {
      const tech = technologies.find((x) => x.id === s.technology);
      for (const o of tech?.outputs ?? [])
        set.set(o.product, name(products.find((p) => p.id === o.product)?.name) || o.product);
    }
    return [...set].map(([value, label]) => ({ value, label }));
  };
  const setInput = (i: number, patch: Partial<Draft['inputs'][number]>) => {
    const old = draft.inputs[i]?.stream;
    // Steps that took the old stream take the new one.
    const steps =
      patch.stream && old !== patch.stream
        ? draft.steps.map((s) => (s.input === old ? { ...s, input: patch.stream as string } : s))
        : draft.steps;
    setDraft({ ...draft, steps, inputs: draft.inputs.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  };
  const setStep = (i: number, patch: Partial<Draft['steps'][number]>) =>
    setDraft({ ...draft, steps: draft.steps.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const fromEstimate = (i: number) => {
    const inp = draft.inputs[i];
    const total = estimate.data?.totals.find((x) => x.kind === inp?.stream);
    if (inp && total)
      setInput(i, { tonnes: String(Math.round(inp.basis === 'wet' ? total.tonnesWet : total.tonnesDm)) });
  };
  return (
    <div className="builder">
      <Field label={t.scenarioName}>
        {(id) => (
          <input
            id={id}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value, id: '' })}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t.input}</legend>
        {draft.inputs.map((inp, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place.
          <div className="controls" key={i}>
            <Select
              label={t.kind}
              value={inp.stream}
              onChange={(v) => setInput(i, { stream: v })}
              options={streams}
            />
            <Field label={t.tonnes}>
              {(id) => (
                <input
                  id={id}
                  type="number"
                  min={0}
                  inputMode="decimal"
                  value={inp.tonnes}
                  onChange={(e) => setInput(i, { tonnes: e.target.value })}
                />
              )}
            </Field>
            <Select<'wet' | 'dm'>
              label={t.basis}
              value={inp.basis}
              onChange={(v) => setInput(i, { basis: v })}
              options={[
                { value: 'wet', label: t.tonnesWet },
                { value: 'dm', label: t.tonnesDm },
              ]}
            />
            <button type="button" onClick={() => fromEstimate(i)} disabled={!estimate.data}>
              {t.fromEstimate}
            </button>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t.technology}</legend>
        {draft.steps.map((s, i) => {
          const inputs = available(i);
          const fits = technologies.filter((x) => x.inputs.includes(s.input));
          return (
            <div className="controls" key={s.id}>
              <Select
                label={`${t.input} (${i + 1})`}
                value={s.input}
                onChange={(v) => setStep(i, { input: v, technology: '' })}
                options={inputs}
              />
              <Select
                label={`${t.technology} (${i + 1})`}
                value={s.technology}
                onChange={(v) => setStep(i, { technology: v })}
                options={[
                  { value: '', label: '–' },
                  ...fits.map((x) => ({ value: x.id, label: name(x.name) })),
                ]}
              />
              {draft.steps.length > 1 && (
                <button
                  type="button"
                  onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}
                >
                  {t.removeStep}
                </button>
              )}
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            const last = draft.steps[draft.steps.length - 1];
            const lastTech = technologies.find((x) => x.id === last?.technology);
            const next = lastTech?.outputs.find((o) =>
              technologies.some((x) => x.inputs.includes(o.product)),
            )?.product;
            setDraft({
              ...draft,
              steps: [
                ...draft.steps,
                {
                  id: `s${draft.steps.length + 1}`,
                  technology: '',
                  input: next ?? draft.inputs[0]?.stream ?? '',
                },
              ],
            });
          }}
        >
          {t.addStep}
        </button>
      </fieldset>
    </div>
  );
}

export function scenarioSankey(
  scenario: Scenario,
  result: ScenarioResult,
  label: (id: string) => string,
): SankeyData {
  const nodes = new Map<string, { id: string; label: string }>();
  const links: SankeyData['links'] = [];
  const node = (id: string, text: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, label: text });
    return id;
  };
  const inputs = new Set(scenario.inputs.map((i) => i.stream));
  result.massBalance.forEach((mb, i) => {
    const step = scenario.steps.find((s) => s.id === mb.step) ?? scenario.steps[i];
    const stepId = node(`step:${mb.step ?? i}`, label(mb.technology));
    const input = step?.input ?? '';
    const src = inputs.has(input) ? node(`in:${input}`, label(input)) : node(`p:${input}`, label(input));
    links.push({ source: src, target: stepId, value: mb.input });
    for (const p of mb.products)
      links.push({ source: stepId, target: node(`p:${p.product}`, label(p.product)), value: p.tonnes });
    for (const l of mb.losses)
      links.push({ source: stepId, target: node(`loss:${l.what}`, `${label(l.what)}`), value: l.tonnes });
  });
  return { nodes: [...nodes.values()], links };
}

function ResultView({ scenario, result }: { scenario: Scenario; result: ScenarioResult }) {
  const { t, f, name } = useI18n();
  const app = useApp();
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const sources = useApi<Sources>('/sources');
  const label = useCallback(
    (id: string) => {
      const tech = techs.data?.technologies.find((x) => x.id === id);
      if (tech) return name(tech.name);
      const p = sources.data?.products.find((x) => x.id === id);
      if (p) return name(p.name);
      return app.kinds.some((k) => k.id === id) ? app.kindName(id) : id;
    },
    [techs.data, sources.data, name, app],
  );
  const sankey = useMemo(() => scenarioSankey(scenario, result, label), [scenario, result, label]);
  return (
    <section aria-labelledby="result-h" data-testid="scenario-result">
      <h2 id="result-h">
        {t.result}: {name(scenario.name)}
      </h2>
      <dl className="figures">
        <Figure label={t.valueNok} value={f.nok(result.valueNok)} />
        <Figure label={t.co2e} value={f.num(result.co2eTonnes)} unit="t" />
        <Figure label={t.capex} value={f.nok(result.capexNok)} />
        <Figure label={t.opex} value={f.nok(result.opexNok)} />
      </dl>
      <h3>{t.massBalance}</h3>
      <Sankey data={sankey} label={`${t.massBalance}: ${name(scenario.name)}`} />
      <div className="table-wrap">
        <table>
          <caption>{t.products}</caption>
          <thead>
            <tr>
              <th scope="col">{t.products}</th>
              <th scope="col">{t.tier}</th>
              <th scope="col" className="num">
                {t.tonnes}
              </th>
              <th scope="col" className="num">
                {t.price}
              </th>
              <th scope="col" className="num">
                {t.valueNok}
              </th>
              <th scope="col" className="num">
                {t.co2e}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.products.map((p) => (
              <tr key={p.product}>
                <th scope="row">{label(p.product)}</th>
                <td>{t.tiers[p.tier] ?? p.tier}</td>
                <td className="num">{f.num(p.tonnes)}</td>
                <td className="num">{f.num(p.priceNokPerTonne)}</td>
                <td className="num">{f.nok(p.valueNok)}</td>
                <td className="num">{f.num(p.co2eTonnes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t.massBalance}</caption>
          <thead>
            <tr>
              <th scope="col">{t.technology}</th>
              <th scope="col" className="num">
                {t.input} (t)
              </th>
              <th scope="col">{t.products}</th>
              <th scope="col">{t.losses}</th>
              <th scope="col" className="num">
                {t.imbalance}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.massBalance.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps keep their order.
              <tr key={i}>
                <th scope="row">{label(m.technology)}</th>
                <td className="num">
                  {f.num(m.input)} {m.basis === 'dm' ? 'TS' : ''}
                </td>
                <td>{m.products.map((p) => `${label(p.product)} ${f.num(p.tonnes)}`).join(', ')}</td>
                <td>{m.losses.map((l) => `${l.what} ${f.num(l.tonnes)}`).join(', ') || '–'}</td>
                <td className="num">{f.num(m.imbalance, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(result.readiness ?? []).map((m) => (
        <p key={m.code + JSON.stringify(m.params)} className="notice" data-testid="scenario-readiness">
          {renderMessage(m, f.lang, { kind: (id) => app.kindName(id), technology: label })}
        </p>
      ))}
      <Twice result={result} />
    </section>
  );
}

/** The run as stated and from the library, line by line with the numbered overrides, and the feed check. */
function Twice({ result }: { result: ScenarioResult }) {
  const { t, f } = useI18n();
  const app = useApp();
  const { comparison, feedCheck } = result;
  if (!comparison) return null;
  const say = (m: Parameters<typeof renderMessage>[0]) =>
    renderMessage(m, f.lang, { kind: (id) => app.kindName(id) });
  const amount = (v: number, unit: string) => (unit === 'NOK' ? f.num(v / 1e6, 1) : f.num(v));
  const signed = (v: number, unit: string) => `${v > 0 ? '+' : ''}${amount(v, unit)}`;
  return (
    <section aria-labelledby="twice-h" data-testid="scenario-twice">
      <h3 id="twice-h">{t.twiceTitle}</h3>
      {comparison.fromLibrary.ok ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.twiceLine}</th>
                <th scope="col" className="num">
                  {t.twiceAsStated}
                </th>
                <th scope="col" className="num">
                  {t.twiceFromLibrary}
                </th>
                <th scope="col" className="num">
                  {t.twiceDifference}
                </th>
                <th scope="col">{t.twiceCauses}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines keep their order.
                <tr key={i}>
                  <th scope="row">
                    {say(l.label)} ({l.unit === 'NOK' ? t.millionNok : l.unit})
                  </th>
                  <td className="num">{amount(l.asStated, l.unit)}</td>
                  <td className="num">{amount(l.fromLibrary, l.unit)}</td>
                  <td className="num">{signed(l.difference, l.unit)}</td>
                  <td>
                    {l.causes
                      .map((c) => `[${c.overrides.map((o) => o + 1).join('+')}] ${signed(c.effect, l.unit)}`)
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="note">
          {t.twiceLibraryFailed}:{' '}
          {comparison.fromLibrary.reason ? say(comparison.fromLibrary.reason) : comparison.fromLibrary.error}
        </p>
      )}
      <h4>{t.twiceOverrides}</h4>
      {comparison.overrides.length === 0 ? (
        <p>{t.twiceNoOverrides}</p>
      ) : (
        <ol>
          {comparison.overrides.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: overrides are numbered in their order.
            <li key={i}>{say(o.message)}</li>
          ))}
        </ol>
      )}
      {feedCheck && (
        <>
          <h4>{t.twiceFeed}</h4>
          {feedCheck.asStated.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one per input, in order.
            <p key={i} className={c.status === 'exceeds' ? 'note' : undefined} data-status={c.status}>
              {say(c.message)}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

function Compare({ scenarios }: { scenarios: ScenarioSummary[] }) {
  const { t, f, name } = useI18n();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [res, setRes] = useState<[ScenarioResult, ScenarioResult] | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const options = [
    { value: '', label: '–' },
    ...scenarios.map((s) => ({ value: s.id, label: name(s.name) })),
  ];
  const run = async () => {
    setError(undefined);
    try {
      const [ra, rb] = await Promise.all([
        post<ScenarioResult>(`/scenarios/${a}/run`, {}),
        post<ScenarioResult>(`/scenarios/${b}/run`, {}),
      ]);
      setRes([ra, rb]);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const rows: [string, (r: ScenarioResult) => string][] = [
    [t.valueNok, (r) => f.nok(r.valueNok)],
    [t.co2e, (r) => f.num(r.co2eTonnes)],
    [t.capex, (r) => f.nok(r.capexNok)],
    [t.opex, (r) => f.nok(r.opexNok)],
    [t.products, (r) => r.products.map((p) => `${p.product} ${f.num(p.tonnes)} t`).join(', ')],
    [t.input, (r) => r.inputs.map((i) => `${i.stream} ${f.num(i.used)} t`).join(', ')],
  ];
  const title = (id: string) => name(scenarios.find((s) => s.id === id)?.name ?? id);
  return (
    <section aria-labelledby="compare-h">
      <h2 id="compare-h">{t.compare}</h2>
      <div className="controls">
        <Select label={t.scenarioA} name="scenario-a" value={a} onChange={setA} options={options} />
        <Select label={t.scenarioB} name="scenario-b" value={b} onChange={setB} options={options} />
        <button type="button" disabled={!a || !b} onClick={run}>
          {t.compare}
        </button>
      </div>
      {error && <ErrorBox error={error} />}
      {res && (
        <div className="table-wrap">
          <table data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">{t.value}</th>
                <th scope="col">{title(a)}</th>
                <th scope="col">{title(b)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, get]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{get(res[0])}</td>
                  <td>{get(res[1])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
