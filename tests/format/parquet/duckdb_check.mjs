// Reads the files of bench/parquet_write_check with DuckDB and compares every row with what
// the writer was given (NAME.jsonl), through the value-exact SELECT of NAME.sql.
//   NODE_PATH=bench/node_modules node tests/format/parquet/duckdb_check.mjs DIR
// Exit status 0 when every file matches.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), 'x.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

const dir = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run("SET TimeZone = 'UTC'");
let failures = 0;
for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.parquet')).sort()) {
  const base = path.join(dir, f.slice(0, -'.parquet'.length));
  const select = fs.readFileSync(base + '.sql', 'utf8');
  const expected = fs.readFileSync(base + '.jsonl', 'utf8').split('\n').filter((l) => l.length);
  const file = path.join(dir, f).replaceAll("'", "''");
  let rows;
  try {
    const r = await con.runAndReadAll(`SELECT ${select} FROM read_parquet('${file}')`);
    rows = r.getRowsJson();
  } catch (e) {
    console.log(`${f}: DuckDB failed: ${e.message}`);
    failures++;
    continue;
  }
  let bad = 0;
  if (rows.length !== expected.length) {
    console.log(`${f}: DuckDB read ${rows.length} rows, we wrote ${expected.length}`);
    bad++;
  }
  for (let i = 0; i < Math.min(rows.length, expected.length) && bad < 5; i++) {
    const got = rows[i], want = JSON.parse(expected[i]);
    for (let c = 0; c < want.length; c++) {
      const g = JSON.stringify(got[c]), w = JSON.stringify(want[c]);
      if (g !== w) {
        console.log(`${f}: row ${i} column c${c}:\n  duckdb ${g}\n  wrote  ${w}`);
        if (++bad >= 5) break;
      }
    }
  }
  // Footer statistics against the data: integers, decimals and a string column (some
  // columns of bench/parquet_write_check's table: c1 TINYINT .. c4 BIGINT, c13 STRING and
  // the decimals c7 and c8), merged over the row groups.
  const checks = [['c1', 'BIGINT'], ['c2', 'BIGINT'], ['c3', 'BIGINT'], ['c4', 'BIGINT'],
                  ['c13', 'VARCHAR'], ['c7', 'DECIMAL(5, 2)'], ['c8', 'DECIMAL(18, 4)']];
  for (const [c, t] of checks) {
    if (!rows.length) break;
    const st = (await con.runAndReadAll(
      `SELECT min(CAST(stats_min_value AS ${t}))::VARCHAR, max(CAST(stats_max_value AS ${t}))::VARCHAR,
              sum(stats_null_count)::BIGINT, count(*)::BIGINT
       FROM parquet_metadata('${file}') WHERE path_in_schema = '${c}'`)).getRowsJson()[0];
    const data = (await con.runAndReadAll(
      `SELECT min(${c})::VARCHAR, max(${c})::VARCHAR, (count(*) - count(${c}))::BIGINT
       FROM read_parquet('${file}')`)).getRowsJson()[0];
    if (JSON.stringify(st.slice(0, 3)) !== JSON.stringify(data)) {
      console.log(`${f}: statistics of ${c} (${st[3]} row groups) ${JSON.stringify(st)}, data ${JSON.stringify(data)}`);
      bad++;
    }
  }
  console.log(`${f}: ${rows.length} rows, ${bad ? 'MISMATCH' : 'all values and statistics equal'}`);
  failures += bad ? 1 : 0;
}
process.exit(failures ? 1 : 0);
