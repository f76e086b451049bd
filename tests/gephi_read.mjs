// Read a GraphML or GEXF file with the parsers Gephi Lite is built on (graphology-graphml,
// graphology-gexf) and print the graph as JSON: {type, multi, order, size, nodes: {key: attrs},
// edges: [{key, source, target, attributes}]}.
//   node tests/gephi_read.mjs graphml|gexf FILE
// The packages are installed under <repo>/.cache/node (NEWSGRAPH_NODE_PREFIX overrides):
//   npm install --prefix .cache/node graphology@0.26.0 graphology-graphml@0.5.2 graphology-gexf@0.13.2
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const prefix = process.env.NEWSGRAPH_NODE_PREFIX || resolve(here, '..', '.cache', 'node');
const require = createRequire(join(prefix, 'package.json'));
const Graph = require('graphology');
const [format, file] = process.argv.slice(2);
const parser = require(format === 'gexf' ? 'graphology-gexf' : 'graphology-graphml');
const graph = parser.parse(Graph, readFileSync(file, 'utf8'));
const nodes = {};
graph.forEachNode((key, attributes) => { nodes[key] = attributes; });
const edges = [];
graph.forEachEdge((key, attributes, source, target) => { edges.push({ key, source, target, attributes }); });
process.stdout.write(JSON.stringify({ type: graph.type, multi: graph.multi, order: graph.order,
  size: graph.size, nodes, edges }));
