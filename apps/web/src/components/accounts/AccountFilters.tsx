/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function AccountFilters({ search, status, isOverQuota, sort, order }: { search: string; status: string; isOverQuota: boolean; sort: string; order: string }) {
  return (
    <form method="get" action="/admin/accounts" className="card mb-4 flex flex-wrap items-end gap-3 p-3" role="search">
      <div className="min-w-48 flex-1">
        <label htmlFor="filter-search" className="label">
          Search
        </label>
        <input id="filter-search" name="search" className="input" placeholder="Username, email or note" defaultValue={search} />
      </div>
      <div>
        <label htmlFor="filter-status" className="label">
          Status
        </label>
        <select id="filter-status" name="status" className="input" defaultValue={status}>
          <option value="">Any</option>
          <option value="ACTIVE">Active</option>
          <option value="DISABLED">Disabled</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-sort" className="label">
          Sort by
        </label>
        <select id="filter-sort" name="sort" className="input" defaultValue={sort}>
          <option value="username">Username</option>
          <option value="usedBytes">Usage</option>
          <option value="lastLoginAt">Last login</option>
          <option value="createdAt">Created</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-order" className="label">
          Order
        </label>
        <select id="filter-order" name="order" className="input" defaultValue={order}>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      <div className="flex items-center gap-2 pb-2">
        <input id="filter-overquota" name="overQuota" type="checkbox" value="true" defaultChecked={isOverQuota} className="h-4 w-4 rounded border-slate-300" />
        <label htmlFor="filter-overquota" className="text-sm text-slate-700">
          Over 95 % of quota
        </label>
      </div>
      <button type="submit" className="btn">
        Apply
      </button>
    </form>
  );
}
