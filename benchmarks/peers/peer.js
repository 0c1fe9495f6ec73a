// The PouchDB peer of benchmarks/bench_peers.py: one command per process, the last stdout line is JSON.
//
//   node peer.js serve DIR DOCS.ndjson        load the documents into DIR/members (leveldb on disk), then
//                                             serve DIR's databases with express-pouchdb on 127.0.0.1
//                                             (a free port); prints {"port", "docs", "load_ms"} and
//                                             serves until stdin closes or SIGTERM
//   node peer.js first-pull URL DIR            replicate URL into a new local PouchDB in DIR (leveldb on
//                                             disk); prints {"ms", "docs"} (the clock runs around the
//                                             replication alone)
//   node peer.js edits URL DIR IDS.json ROUNDS
//                                             clients A and B replicate URL first, A also pushes once (not
//                                             timed); then, each
//                                             round, A edits the listed documents (not timed) and the
//                                             clock runs from A's push start to B's pull end
//                                             (continuous=false); prints {"samples_ms", "setup_ms", ...}
//
// Replication options are PouchDB's defaults unless PEER_BATCH_SIZE is set (the documents per
// _changes/_bulk_get batch), so the figure is what a PouchDB user gets.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const PouchDB = require('pouchdb');

const LOAD_BATCH = 2000;

function replicationOptions() {
  const size = Number(process.env.PEER_BATCH_SIZE || 0);
  return size > 0 ? { batch_size: size } : {};
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function load(db, ndjson) {
  const lines = readline.createInterface({ input: fs.createReadStream(ndjson), crlfDelay: Infinity });
  let batch = [];
  let docs = 0;
  for await (const line of lines) {
    if (!line) continue;
    batch.push(JSON.parse(line));
    if (batch.length === LOAD_BATCH) {
      docs += await writeAll(db, batch);
      batch = [];
    }
  }
  if (batch.length) docs += await writeAll(db, batch);
  return docs;
}

async function writeAll(db, docs) {
  const results = await db.bulkDocs(docs);
  const failed = results.filter((r) => r.error);
  if (failed.length) throw new Error(`load: ${failed.length} documents refused, first: ${JSON.stringify(failed[0])}`);
  return docs.length;
}

async function serve(dir, ndjson) {
  const express = require('express');
  const expressPouchdb = require('express-pouchdb');
  fs.mkdirSync(dir, { recursive: true });
  const ServerDB = PouchDB.defaults({ prefix: dir + path.sep });
  const t0 = process.hrtime.bigint();
  const db = new ServerDB('members');
  const docs = await load(db, ndjson);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const app = express();
  app.use('/', expressPouchdb(ServerDB, {
    mode: 'minimumForPouchDB',
    configPath: path.join(dir, 'config.json'),
    logPath: path.join(dir, 'log.txt'),
    inMemoryConfig: true,
  }));
  const server = app.listen(0, '127.0.0.1', () => {
    emit({ port: server.address().port, docs, load_ms: Math.round(loadMs) });
  });
  const stop = () => server.close(() => db.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

async function replicateFrom(remote, local) {
  const result = await local.replicate.from(remote, replicationOptions());
  if (!result.ok || result.doc_write_failures) throw new Error(`pull failed: ${JSON.stringify(result)}`);
  return result;
}

async function firstPull(url, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const remote = new PouchDB(url);
  const local = new PouchDB(path.join(dir, 'laptop'));
  const t0 = process.hrtime.bigint();
  const result = await replicateFrom(remote, local);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const info = await local.info();
  await local.close();
  emit({ ms, docs: info.doc_count, docs_written: result.docs_written, adapter: info.adapter });
}

async function editRound(a, b, remote, ids, round) {
  const current = await a.allDocs({ keys: ids, include_docs: true });
  const edited = current.rows.map((row, i) => ({
    ...row.doc, union_no: String(round).padStart(3, '0') + String(i).padStart(5, '0'),
  }));
  await writeAll(a, edited);
  const t0 = process.hrtime.bigint();
  const pushed = await a.replicate.to(remote, replicationOptions());
  if (!pushed.ok || pushed.doc_write_failures) throw new Error(`push failed: ${JSON.stringify(pushed)}`);
  const pulled = await replicateFrom(remote, b);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const seen = await b.allDocs({ keys: ids, include_docs: true });
  const stale = seen.rows.filter((row, i) => row.doc.union_no !== edited[i].union_no).length;
  if (stale) throw new Error(`round ${round}: ${stale} edits missing on B`);
  return { ms, pushed: pushed.docs_written, pulled: pulled.docs_written };
}

async function edits(url, dir, idsFile, rounds, warmup) {
  fs.mkdirSync(dir, { recursive: true });
  const ids = JSON.parse(fs.readFileSync(idsFile, 'utf8'));
  const remote = new PouchDB(url);
  const a = new PouchDB(path.join(dir, 'a'));
  const b = new PouchDB(path.join(dir, 'b'));
  const t0 = process.hrtime.bigint();
  await replicateFrom(remote, a);
  await a.replicate.to(remote, replicationOptions()); // A's first push, as our laptops' first sync pushes too
  await replicateFrom(remote, b);
  const setupMs = Number(process.hrtime.bigint() - t0) / 1e6;
  for (let round = 0; round < warmup; round++) await editRound(a, b, remote, ids, rounds + round); // untimed
  const samples = [];
  let pushed = 0;
  let pulled = 0;
  for (let round = 0; round < rounds; round++) {
    const r = await editRound(a, b, remote, ids, round);
    samples.push(r.ms);
    pushed += r.pushed;
    pulled += r.pulled;
  }
  await a.close();
  await b.close();
  emit({ samples_ms: samples, setup_ms: setupMs, pushed, pulled, edits: ids.length });
}

async function main(argv) {
  const [command, ...args] = argv;
  if (command === 'serve') return serve(args[0], args[1]);
  if (command === 'first-pull') return firstPull(args[0], args[1]);
  if (command === 'edits') return edits(args[0], args[1], args[2], Number(args[3]), Number(args[4] || 0));
  throw new Error(`unknown command ${command}: serve | first-pull | edits`);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
