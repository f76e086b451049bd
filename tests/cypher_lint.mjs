// Lint Cypher with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support).
//
// stdin:  a JSON list; each item is a query string or {"query": "...", "parameters": {...}}
//         (parameters declare $names, so "Parameter $rows is not defined" is not reported).
// stdout: a JSON list, one entry per item: the diagnostics [{severity, message, offsets}]
//         (severity 1 = error, 2 = warning).
// With --lines, stdin holds one such JSON list per line and each answer is one line of
// stdout, so that one Node process serves a whole test session.
// The package is installed under <repo>/.cache/node (NEWSGRAPH_NODE_PREFIX overrides):
//   npm install --prefix .cache/node @neo4j-cypher/language-support@2.0.0-next.38
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const prefix = process.env.NEWSGRAPH_NODE_PREFIX || resolve(here, '..', '.cache', 'node');
const require = createRequire(join(prefix, 'package.json'));
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

function lint(items) {
  return items.map((item) => {
    const query = typeof item === 'string' ? item : item.query;
    const parameters = typeof item === 'string' ? {} : item.parameters || {};
    const { diagnostics } = lintCypherQuery(query, { parameters });
    return diagnostics.map((d) => ({ severity: d.severity, message: d.message, offsets: d.offsets }));
  });
}

if (process.argv.includes('--lines')) {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) process.stdout.write(JSON.stringify(lint(JSON.parse(line))) + '\n');
  }
} else {
  process.stdout.write(JSON.stringify(lint(JSON.parse(readFileSync(0, 'utf8')))));
}
