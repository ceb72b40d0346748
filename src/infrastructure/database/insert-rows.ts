import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** An entity, or some of its columns (the others take their defaults). */
export type Row<E extends ObjectLiteral> = E | QueryDeepPartialEntity<E>;

/** Rows for one table, to be written by `insertRows` together with rows for other tables. */
export interface RowsOf<E extends ObjectLiteral = ObjectLiteral> {
  entity: EntityTarget<E>;
  rows: Row<E>[];
  /** skip a row that breaks a unique constraint instead of failing (ON CONFLICT DO NOTHING) */
  ignoreConflicts?: boolean;
}

export function rowsOf<E extends ObjectLiteral>(
  entity: EntityTarget<E>,
  rows: Row<E>[],
  options: { ignoreConflicts?: boolean } = {},
): RowsOf<E> {
  return { entity, rows, ...options };
}

/**
 * Writes rows for several tables as ONE statement (data-modifying CTEs), which PostgreSQL runs as
 * one transaction: all rows or none, in one round trip and without BEGIN/COMMIT. Foreign keys are
 * checked at the end of the statement, so a row may reference a row of an earlier part. Property
 * names, column names and value conversion (jsonb, dates) come from the entities' metadata; a
 * property left undefined takes the column's default.
 */
export async function insertRows(manager: EntityManager, parts: RowsOf[]): Promise<void> {
  const { driver } = manager.connection;
  const params: unknown[] = [];
  const inserts = parts
    .filter((part) => part.rows.length > 0)
    .map((part) => {
      const meta = manager.connection.getMetadata(part.entity);
      // each property read once: reading through the metadata is most of what building the statement costs
      const values = meta.columns.map((column) =>
        part.rows.map((row) => column.getEntityValue(row) as unknown),
      );
      const used = meta.columns.flatMap((column, i) =>
        values[i].some((value) => value !== undefined) ? [{ column, values: values[i] }] : [],
      );
      const tuples = part.rows.map((_row, r) => {
        const placeholders = used.map(({ column, values: ofColumn }) => {
          if (ofColumn[r] === undefined) return 'DEFAULT';
          params.push(driver.preparePersistentValue(ofColumn[r], column));
          return `$${params.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      const names = used.map(({ column }) => driver.escape(column.databaseName)).join(', ');
      const conflict = part.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : '';
      return `INSERT INTO ${driver.escape(meta.tablePath)} (${names}) VALUES ${tuples.join(', ')}${conflict}`;
    });
  const last = inserts.pop();
  if (last === undefined) return;
  const earlier = inserts.map((sql, i) => `w${i} AS (${sql})`);
  await manager.query(earlier.length > 0 ? `WITH ${earlier.join(', ')} ${last}` : last, params);
}
