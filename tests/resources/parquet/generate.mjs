// Generates the small Parquet fixtures of tests/format/parquet with DuckDB (@duckdb/node-api).
// Run from a scratch directory where the package is installed:
//   cd /tmp/scratch && npm install @duckdb/node-api && cp <repo>/tests/resources/parquet/generate.mjs . &&
//   node generate.mjs <repo>/tests/resources/parquet [<repo>/fuzz/corpora/parquet]
// (ES modules resolve packages next to the script, hence the copy.)
// Every value is a function of the row number i, so the tests recompute what they expect.
import { DuckDBInstance } from '@duckdb/node-api';

const out = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();

// Flat columns of every kind; nulls where i % 7 == 3 (except the required id column).
const flat = (n) => `
  SELECT i::INTEGER AS id,
    CASE WHEN i % 7 = 3 THEN NULL ELSE i % 2 = 0 END AS b,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS i8,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 7 % 65536 - 32768)::SMALLINT END AS i16,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1000003 % 2000000000 - 1000000000)::INTEGER END AS i32,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i::BIGINT * 1000000007 - 5000000000000)::BIGINT END AS i64,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 0.25)::FLOAT END AS f32,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1.5 - 1000)::DOUBLE END AS f64,
    CASE WHEN i % 7 = 3 THEN NULL ELSE 'k' || (i % 10)::VARCHAR END AS s_dict,
    CASE WHEN i % 7 = 3 THEN NULL ELSE 'unique-' || i::VARCHAR || repeat('x', i % 13) END AS s_plain,
    CASE WHEN i % 7 = 3 THEN NULL ELSE ('b' || i::VARCHAR)::BLOB END AS bin,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (DATE '1969-12-01' + INTERVAL (i) DAY)::DATE END AS d,
    CASE WHEN i % 7 = 3 THEN NULL ELSE make_time(i % 24, i % 60, (i % 60) + 0.125) END AS t,
    CASE WHEN i % 7 = 3 THEN NULL ELSE make_timestamp(1969, 12, 31, 23, 59, 0.0) + INTERVAL (i * 1001) MILLISECOND + INTERVAL (i) MICROSECOND END AS ts_us,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (make_timestamp(1969, 12, 31, 23, 59, 0.0) + INTERVAL (i * 1001) MILLISECOND)::TIMESTAMP_MS END AS ts_ms,
    CASE WHEN i % 7 = 3 THEN NULL ELSE make_timestamp_ns(i::BIGINT * 1000000123 - 500000000000) END AS ts_ns,
    CASE WHEN i % 7 = 3 THEN NULL ELSE ((i * 123 % 10000 - 5000) / 100.0)::DECIMAL(4, 2) END AS dec4,
    CASE WHEN i % 7 = 3 THEN NULL ELSE ((i::BIGINT * 1234567891 - 99999999500) / 1000.0)::DECIMAL(15, 3) END AS dec15,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (CASE WHEN i % 2 = 1 THEN '-' ELSE '' END || (i::BIGINT * 123456789012345)::VARCHAR || '.' || lpad((i * 12345 % 100000)::VARCHAR, 5, '0'))::DECIMAL(30, 5) END AS dec30,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 256)::UTINYINT END AS u8,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 3 % 65536)::USMALLINT END AS u16,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (4294967295 - i)::UINTEGER END AS u32
  FROM range(${n}) t(i)`;

async function copy(sql, file, opts) {
  await c.run(`COPY (${sql}) TO '${out}/${file}' (FORMAT parquet, ${opts})`);
}

for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw', 'brotli']) {
  await copy(flat(300), `flat_v1_${codec}.parquet`, `COMPRESSION ${codec}`);
}
await copy(flat(5000), 'flat_v1_pages.parquet', 'COMPRESSION zstd, ROW_GROUP_SIZE 2048');
await copy(flat(5000), 'flat_v2.parquet', 'COMPRESSION zstd, PARQUET_VERSION v2, ROW_GROUP_SIZE 2048');
await copy(flat(300), 'flat_v2_uncompressed.parquet', 'COMPRESSION uncompressed, PARQUET_VERSION v2');

// Nested values with nulls at every level: i % 5 == 0 null list, == 1 empty list,
// elements null where (i + j) % 4 == 2.
const nested = (n) => `
  SELECT i::INTEGER AS id,
    CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN []::INTEGER[]
         ELSE list_transform(range(i % 4 + 1), j -> CASE WHEN (i + j) % 4 = 2 THEN NULL ELSE (i * 10 + j)::INTEGER END) END AS li,
    CASE WHEN i % 6 = 0 THEN NULL
         ELSE list_transform(range(i % 3), j -> CASE WHEN j = 1 AND i % 2 = 0 THEN NULL
              ELSE list_transform(range(j + 1), k -> ('v' || (i + j + k))::VARCHAR) END) END AS lli,
    CASE WHEN i % 4 = 0 THEN NULL
         ELSE {'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i::BIGINT END,
               'b': {'c': CASE WHEN i % 5 = 2 THEN NULL ELSE ('c' || i)::VARCHAR END},
               'l': CASE WHEN i % 2 = 0 THEN NULL ELSE [i::DOUBLE, (i + 0.5)::DOUBLE] END} END AS st,
    CASE WHEN i % 3 = 0 THEN NULL
         ELSE map_from_entries(list_transform(range(i % 3), j -> {'k': ('key' || j)::VARCHAR, 'v': CASE WHEN j = 1 THEN NULL ELSE (i + j)::INTEGER END})) END AS mp,
    CASE WHEN i % 7 = 0 THEN NULL
         ELSE list_transform(range(i % 3), j -> CASE WHEN j = 2 THEN NULL ELSE {'x': (i + j)::INTEGER, 'y': CASE WHEN j = 1 THEN NULL ELSE ('y' || j)::VARCHAR END} END) END AS ls
  FROM range(${n}) t(i)`;
await copy(nested(3000), 'nested_v1.parquet', 'COMPRESSION snappy, ROW_GROUP_SIZE 1024');
await copy(nested(3000), 'nested_v2.parquet', 'COMPRESSION zstd, PARQUET_VERSION v2, ROW_GROUP_SIZE 1024');

// Row groups for skipping and positions: sorted ids, so min/max statistics prune.
await copy(`SELECT i::BIGINT AS id, ('name-' || i)::VARCHAR AS name, (i % 3 = 0) AS flag
            FROM range(10000) t(i)`, 'row_groups.parquet', 'COMPRESSION zstd, ROW_GROUP_SIZE 2048');

for (const f of ['flat_v1_zstd', 'flat_v2', 'nested_v2', 'row_groups']) {
  const m = await c.runAndReadAll(`SELECT path_in_schema, type, encodings, compression FROM parquet_metadata('${out}/${f}.parquet') WHERE row_group_id = 0`);
  console.log(f, JSON.stringify(m.getRows()));
}

// Fuzzing seeds (fuzz/corpora/parquet): tiny files with the same shapes, when a second
// directory is given.
const seeds = process.argv[3];
if (seeds) {
  await c.run(`COPY (${flat(20)}) TO '${seeds}/duckdb_flat_v1.parquet' (FORMAT parquet, COMPRESSION uncompressed)`);
  await c.run(`COPY (${flat(20)}) TO '${seeds}/duckdb_flat_v2.parquet' (FORMAT parquet, COMPRESSION snappy, PARQUET_VERSION v2)`);
  await c.run(`COPY (${nested(20)}) TO '${seeds}/duckdb_nested_v1.parquet' (FORMAT parquet, COMPRESSION uncompressed)`);
  await c.run(`COPY (${nested(20)}) TO '${seeds}/duckdb_nested_v2.parquet' (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION v2)`);
}
