// Times peer extractors over the article text of a CSV with an
// article_content column (and a date column, M/D/YY, for chrono's reference
// date): compromise's nlp(text).numbers() and chrono.parse(text, ref).
// Usage: node peers.mjs [file.csv] [seconds per tool]
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import * as chrono from 'chrono-node';

const path = process.argv[2] ?? '../../../shared/corpus/fakes-dev/fakes-dev.csv';
const budget = Number(process.argv[3] ?? 3) * 1000;

// parseCSV reads RFC 4180 CSV: quoted fields may hold commas, newlines and
// doubled quotes.
function parseCSV(s) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = ''; i++; continue;
    }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const rows = parseCSV(readFileSync(path, 'utf8'));
const head = rows[0];
const ci = head.indexOf('article_content');
const di = head.indexOf('date');
if (ci < 0) throw new Error(`${path}: no article_content column`);
const docs = rows.slice(1).filter((r) => r.length > ci).map((r) => {
  let ref = new Date(Date.UTC(2018, 3, 7));
  const m = di >= 0 && /^(\d+)\/(\d+)\/(\d+)$/.exec(r[di]);
  if (m) ref = new Date(Date.UTC(2000 + Number(m[3]) % 100, Number(m[1]) - 1, Number(m[2])));
  return { text: r[ci], ref };
});
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
console.log(`${docs.length} articles, ${(bytes / 1e6).toFixed(3)} MB of text`);

// time runs fn over every document, once to warm up and then in whole
// passes until the budget is spent, and prints throughput.
function time(name, fn) {
  let found = 0;
  for (const d of docs) found += fn(d);
  let passes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const d of docs) fn(d);
    passes++;
    elapsed = performance.now() - t0;
  } while (elapsed < budget);
  const mbs = (bytes * passes) / 1e6 / (elapsed / 1000);
  console.log(`${name.padEnd(34)} ${mbs.toFixed(2).padStart(8)} MB/s  (${passes} passes, ${found} found per pass)`);
}

time('compromise nlp(text).numbers()', (d) => nlp(d.text).numbers().get().length);
time('chrono-node chrono.parse(text, ref)', (d) => chrono.parse(d.text, d.ref).length);
