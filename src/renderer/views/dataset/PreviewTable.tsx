import type { DatasetPreview } from '../../../shared/domain';

interface Props {
  preview: DatasetPreview;
  target: string;
}

export function PreviewTable({ preview, target }: Props) {
  if (preview.columns.length === 0) return <p className="muted pad">No columns to preview.</p>;
  return (
    <div className="table-wrap preview-wrap">
      <table className="table table-dense preview" data-testid="preview-table">
        <thead>
          <tr>
            <th className="num rownum">#</th>
            {preview.columns.map((c) => (
              <th key={c} className={c === target ? 'is-target' : undefined} title={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i}>
              <td className="num rownum muted">{i + 1}</td>
              {preview.columns.map((c, j) => {
                const v = row[j];
                return (
                  <td key={c} className={c === target ? 'is-target' : undefined}>
                    {v === null || v === undefined || v === '' ? <span className="missing">NA</span> : v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
