// The API pages' scripts and styles, from the pinned npm packages into dist/, so that GraphiQL
// (/graphql) and Swagger UI (/docs) work without the internet (api/graphql/graphiql.py,
// api/docs_page.py point the pages at them).
import { cpSync } from 'node:fs';

const FILES = {
  graphiql: [
    'react/umd/react.production.min.js',
    'react-dom/umd/react-dom.production.min.js',
    'js-cookie/dist/js.cookie.min.js',
    'graphiql/graphiql.min.css',
    'graphiql/graphiql.min.js',
    '@graphiql/plugin-explorer/dist/style.css',
    '@graphiql/plugin-explorer/dist/index.umd.js',
  ],
  'swagger-ui': ['swagger-ui-dist/swagger-ui-bundle.js', 'swagger-ui-dist/swagger-ui.css'],
};

for (const [folder, files] of Object.entries(FILES)) {
  for (const file of files) {
    cpSync(new URL(`node_modules/${file}`, import.meta.url), new URL(`dist/${folder}/${file}`, import.meta.url));
  }
}
