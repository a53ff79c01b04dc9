/** Small shared pieces: loading and error states, key figures, labelled selects. */
import { type ReactNode, useId } from 'react';
import type { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: ApiError | Error; retry?: () => void }) {
  const { t } = useI18n();
  const issues = 'issues' in error ? (error as ApiError).issues : [];
  return (
    <div className="error" role="alert">
      <strong>{t.error}:</strong> {error.message}
      {issues.length > 0 && (
        <ul>
          {issues.slice(0, 10).map((i) => (
            <li key={i.path + i.message}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
      {retry && (
        <button type="button" onClick={retry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

export function Figure({ label, value, unit }: { label: string; value: string; unit?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span className="figure-value">{value}</span>
        {unit && <span className="figure-unit"> {unit}</span>}
      </dd>
    </div>
  );
}

export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export function Select<T extends string>({
  label,
  value,
  onChange,
  options,
  name,
}: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: { value: T; label: string }[];
  name?: string;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function SourceLine({
  source,
}: {
  source?: { citation: string; url?: string; table?: string; status?: string };
}) {
  if (!source) return null;
  return (
    <span className="source">
      {source.status && <span className={`tag tag-${source.status}`}>{source.status}</span>} {source.citation}
      {source.table ? ` (${source.table})` : ''}
      {source.url && (
        <>
          {' '}
          <a href={source.url} target="_blank" rel="noreferrer noopener">
            {source.url.replace(/^https?:\/\//, '').slice(0, 60)}
          </a>
        </>
      )}
    </span>
  );
}
