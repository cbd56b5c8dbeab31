// Parses LogQL queries with Grafana's own LogQL grammar (npm @grafana/lezer-logql, the parser of Grafana's Loki
// query editor). Input: a JSON file [{ "path": "...", "expr": "..." }]. Output (stdout): the same list, each with
// the top node's name and every error node's [from, to) character range. Exit code 0 whenever the input was read.
import { readFileSync } from 'node:fs';
import { parser } from '@grafana/lezer-logql';

const queries = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = queries.map(({ path, expr }) => {
  const tree = parser.parse(expr);
  const errors = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push({ from: node.from, to: node.to });
    },
  });
  const top = tree.topNode.firstChild;
  return { path, expr, top: top ? top.name : null, errors };
});
process.stdout.write(JSON.stringify(results));
