// Writes the benchmark table of bench_orc_scan.c as Parquet (zstd) with DuckDB.
// Needs the npm package @duckdb/node-api installed outside the repository, e.g.
//   cd /work/scratch-orc && npm install @duckdb/node-api
//   NODE_PATH=/work/scratch-orc/node_modules node bench/gen_parquet.mjs OUT.parquet [ROWS]
// The formulas are the C generator's (gen-orc), so both files hold the same values.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), 'x.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

const out = process.argv[2];
const rows = Number(process.argv[3] || 10000000);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
  COPY (
    SELECT
      CAST((i * 2654435761) % 4294967296 - 2147483648 AS INTEGER) AS c_int,
      CAST(i * 1000000007 AS BIGINT) AS c_bigint,
      CAST(i AS DOUBLE) / 7.0 AS c_double,
      substr(repeat(CAST(i * 7919 AS VARCHAR) || '-', 24), 1, CAST(8 + i % 17 AS INTEGER))
        AS c_string,
      CAST(DATE '2000-01-01' + CAST(i % 9000 AS INTEGER) AS DATE) AS c_date
    FROM range(${rows}) t(i)
  ) TO '${out}' (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 1048576)`);
console.log(`wrote ${out}: ${rows} rows`);
