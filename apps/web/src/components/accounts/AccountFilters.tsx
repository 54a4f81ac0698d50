import { FilterButton, FilterForm, SelectFilter, TextFilter } from '@/components/ui/Filters.tsx';

const STATUSES = [
  ['', 'Any'],
  ['ACTIVE', 'Active'],
  ['DISABLED', 'Disabled'],
] as const;
const SORTS = [
  ['username', 'Username'],
  ['usedBytes', 'Usage'],
  ['lastLoginAt', 'Last login'],
  ['createdAt', 'Created'],
] as const;
const ORDERS = [
  ['asc', 'Ascending'],
  ['desc', 'Descending'],
] as const;

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function AccountFilters({ search, status, isOverQuota, sort, order }: { search: string; status: string; isOverQuota: boolean; sort: string; order: string }) {
  return (
    <FilterForm action="/admin/accounts">
      <TextFilter id="filter-search" name="search" label="Search" defaultValue={search} className="min-w-48 flex-1" placeholder="Username, email or note" />
      <SelectFilter id="filter-status" name="status" label="Status" defaultValue={status} options={STATUSES} />
      <SelectFilter id="filter-sort" name="sort" label="Sort by" defaultValue={sort} options={SORTS} />
      <SelectFilter id="filter-order" name="order" label="Order" defaultValue={order} options={ORDERS} />
      <div className="flex items-center gap-2 pb-2">
        <input id="filter-overquota" name="overQuota" type="checkbox" value="true" defaultChecked={isOverQuota} className="h-4 w-4 rounded border-slate-300" />
        <label htmlFor="filter-overquota" className="text-sm text-slate-700">
          Over 95 % of quota
        </label>
      </div>
      <FilterButton>Apply</FilterButton>
    </FilterForm>
  );
}
