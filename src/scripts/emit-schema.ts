import 'reflect-metadata';

import { writeFile } from 'node:fs/promises';

import { renderSchemaFile, SCHEMA_FILE } from '../server/schema-file.js';

/** `npm run emit-schema`: rewrites schema.graphql from the code. */
const sdl = await renderSchemaFile();
await writeFile(SCHEMA_FILE, sdl, 'utf8');
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
