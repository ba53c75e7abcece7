// GraphiQL's scripts and styles, from the pinned npm packages into dist/graphiql/, so that
// /graphql works without the internet (api/graphql/router.py points the page at them).
import { cpSync } from 'node:fs';

const FILES = [
  'react/umd/react.production.min.js',
  'react-dom/umd/react-dom.production.min.js',
  'js-cookie/dist/js.cookie.min.js',
  'graphiql/graphiql.min.css',
  'graphiql/graphiql.min.js',
  '@graphiql/plugin-explorer/dist/style.css',
  '@graphiql/plugin-explorer/dist/index.umd.js',
];

for (const file of FILES) {
  cpSync(new URL(`node_modules/${file}`, import.meta.url), new URL(`dist/graphiql/${file}`, import.meta.url));
}
