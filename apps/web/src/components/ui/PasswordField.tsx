'use client';
import { useState } from 'react';
import { generatePassword } from '@/lib/generate-password.ts';
import { Field, describedBy } from './Field.tsx';
import { CopyButton } from './CopyButton.tsx';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** also told the generated password (e.g. to fill a "repeat" field) */
  onGenerate?(value: string): void;
  hint?: string;
  /** the API's reason for this field (the password policy's words) */
  error?: string | undefined;
  name?: string;
  isRequired?: boolean;
};

/** A new password: typed, or generated in the browser and copied; shows the API's reason when refused. */
export function PasswordField({ id, label, value, onChange, onGenerate, hint, error, name, isRequired = false }: Props) {
  const [isShown, setIsShown] = useState(false);
  const generate = () => {
    const password = generatePassword();
    onChange(password);
    onGenerate?.(password);
    setIsShown(true);
  };
  return (
    <Field id={id} label={label} {...(hint ? { hint } : {})} {...(error ? { error } : {})}>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          name={name ?? id}
          type={isShown ? 'text' : 'password'}
          className="input min-w-0 flex-1 font-mono"
          autoComplete="new-password"
          spellCheck={false}
          required={isRequired}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...describedBy(id, error, Boolean(hint))}
        />
        <button type="button" className="btn btn-sm" onClick={() => setIsShown((s) => !s)} aria-controls={id} aria-pressed={isShown}>
          {isShown ? 'Hide' : 'Show'}
        </button>
      </div>
      <div className="mt-1 flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm" onClick={generate} aria-controls={id}>
          Generate a strong password
        </button>
        {value && <CopyButton text={value} label="Copy password" />}
      </div>
    </Field>
  );
}
