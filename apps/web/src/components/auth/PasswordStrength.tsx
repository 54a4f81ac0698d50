'use client';
import { useEffect, useState } from 'react';

type Checker = (password: string, userInputs: string[]) => number;

const LABELS = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'] as const;
const COLORS = ['bg-red-500', 'bg-red-500', 'bg-amber-500', 'bg-emerald-500', 'bg-emerald-600'] as const;

let checkerPromise: Promise<Checker> | null = null;

/** zxcvbn and its dictionaries are large: loaded on first use, in the browser only. */
function loadChecker(): Promise<Checker> {
  checkerPromise ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    const factory = new core.ZxcvbnFactory({ graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary } });
    return (password: string, userInputs: string[]) => factory.check(password, userInputs.filter(Boolean)).score;
  });
  return checkerPromise;
}

export function PasswordStrength({ password, userInputs = [] }: { password: string; userInputs?: string[] }) {
  const [score, setScore] = useState<number | null>(null);
  const inputsKey = userInputs.join('\u0000');

  useEffect(() => {
    let isCurrent = true;
    if (!password) {
      setScore(null);
      return;
    }
    loadChecker()
      .then((check) => {
        if (isCurrent) setScore(check(password, inputsKey.split('\u0000')));
      })
      .catch(() => {
        if (isCurrent) setScore(null);
      });
    return () => {
      isCurrent = false;
    };
  }, [password, inputsKey]);

  if (score === null) return <p className="hint" aria-live="polite">{password ? 'Checking strength…' : 'Strength is shown as you type.'}</p>;
  return (
    <div aria-live="polite" data-testid="password-strength" data-score={score}>
      <div className="flex gap-1" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className={`h-1.5 flex-1 rounded-full ${i < Math.max(score, 1) ? COLORS[score] : 'bg-slate-200'}`} />
        ))}
      </div>
      <p className="hint">
        Strength: <strong className="font-medium text-slate-700">{LABELS[score]}</strong>
        {score < 3 && ' — add more words or characters.'}
      </p>
    </div>
  );
}
