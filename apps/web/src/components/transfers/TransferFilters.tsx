export type TransferFilterValues = { account?: string; direction?: string; status?: string; ip?: string; from?: string; to?: string };

export function TransferFilters({ values }: { values: TransferFilterValues }) {
  return (
    <form method="get" action="/admin/transfers" className="card mb-4 grid grid-cols-2 items-end gap-3 p-3 md:grid-cols-4 xl:grid-cols-7" role="search">
      <div className="col-span-2 md:col-span-1">
        <label htmlFor="tf-account" className="label">
          Account
        </label>
        <input id="tf-account" name="account" className="input" defaultValue={values.account ?? ''} autoCapitalize="none" />
      </div>
      <div>
        <label htmlFor="tf-direction" className="label">
          Direction
        </label>
        <select id="tf-direction" name="direction" className="input" defaultValue={values.direction ?? ''}>
          <option value="">Both</option>
          <option value="UPLOAD">Upload</option>
          <option value="DOWNLOAD">Download</option>
        </select>
      </div>
      <div>
        <label htmlFor="tf-status" className="label">
          Status
        </label>
        <select id="tf-status" name="status" className="input" defaultValue={values.status ?? ''}>
          <option value="">Any</option>
          <option value="OK">OK</option>
          <option value="ABORTED">Aborted</option>
          <option value="FAILED">Failed</option>
          <option value="QUOTA">Over quota</option>
        </select>
      </div>
      <div>
        <label htmlFor="tf-ip" className="label">
          IP address
        </label>
        <input id="tf-ip" name="ip" className="input" defaultValue={values.ip ?? ''} inputMode="decimal" />
      </div>
      <div>
        <label htmlFor="tf-from" className="label">
          From
        </label>
        <input id="tf-from" name="from" type="date" className="input" defaultValue={values.from ?? ''} />
      </div>
      <div>
        <label htmlFor="tf-to" className="label">
          To
        </label>
        <input id="tf-to" name="to" type="date" className="input" defaultValue={values.to ?? ''} />
      </div>
      <button type="submit" className="btn">
        Filter
      </button>
    </form>
  );
}
