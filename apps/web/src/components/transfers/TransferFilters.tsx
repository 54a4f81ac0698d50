import { FilterButton, FilterForm, SelectFilter, TextFilter } from '@/components/ui/Filters.tsx';

export type TransferFilterValues = { account?: string; direction?: string; status?: string; ip?: string; from?: string; to?: string };

const DIRECTIONS = [
  ['', 'Both'],
  ['UPLOAD', 'Upload'],
  ['DOWNLOAD', 'Download'],
] as const;
const STATUSES = [
  ['', 'Any'],
  ['OK', 'OK'],
  ['ABORTED', 'Aborted'],
  ['FAILED', 'Failed'],
  ['QUOTA', 'Over quota'],
] as const;

export function TransferFilters({ values }: { values: TransferFilterValues }) {
  return (
    <FilterForm action="/admin/transfers" className="card mb-4 grid grid-cols-2 items-end gap-3 p-3 md:grid-cols-4 xl:grid-cols-7">
      <TextFilter id="tf-account" name="account" label="Account" defaultValue={values.account} className="col-span-2 md:col-span-1" autoCapitalize="none" />
      <SelectFilter id="tf-direction" name="direction" label="Direction" defaultValue={values.direction} options={DIRECTIONS} />
      <SelectFilter id="tf-status" name="status" label="Status" defaultValue={values.status} options={STATUSES} />
      <TextFilter id="tf-ip" name="ip" label="IP address" defaultValue={values.ip} inputMode="decimal" />
      <TextFilter id="tf-from" name="from" label="From" defaultValue={values.from} type="date" />
      <TextFilter id="tf-to" name="to" label="To" defaultValue={values.to} type="date" />
      <FilterButton />
    </FilterForm>
  );
}
