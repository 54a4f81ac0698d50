import { Alert } from './Alert.tsx';

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="mb-4">
      <Alert tone="error">{message}</Alert>
    </div>
  );
}
