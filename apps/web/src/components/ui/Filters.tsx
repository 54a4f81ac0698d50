import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from '@/components/ui/Field.tsx';

/**
 * The filter bar of a list page: a plain GET form, so filters live in the URL, survive reloads and
 * can be shared.
 */
export function FilterForm({ action, className = 'card mb-4 flex flex-wrap items-end gap-3 p-3', children }: { action?: string; className?: string; children: ReactNode }) {
  return (
    <form method="get" action={action} className={className} role="search">
      {children}
    </form>
  );
}

type FilterProps = { id: string; name: string; label: ReactNode; defaultValue: string | undefined; className?: string };

/** A labelled text input of a filter bar (extra props go to the input: placeholder, inputMode, type...). */
export function TextFilter({ id, name, label, defaultValue, className, ...input }: FilterProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'defaultValue' | 'className'>) {
  return (
    <Field id={id} label={label} className={className}>
      <input id={id} name={name} className="input" defaultValue={defaultValue ?? ''} {...input} />
    </Field>
  );
}

/** A labelled select of a filter bar; options are [value, label] pairs. */
export function SelectFilter({ id, name, label, defaultValue, className, options }: FilterProps & { options: readonly (readonly [string, string])[] }) {
  return (
    <Field id={id} label={label} className={className}>
      <select id={id} name={name} className="input" defaultValue={defaultValue ?? ''}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The submit button of a filter bar. */
export function FilterButton({ children = 'Filter' }: { children?: ReactNode }) {
  return (
    <button type="submit" className="btn">
      {children}
    </button>
  );
}
