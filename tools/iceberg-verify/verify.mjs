// Independent reader proof: opens an Iceberg table that K2 wrote, using icebird (a JavaScript Iceberg reader built
// on hyparquet), and prints what icebird sees as JSON. K2's own code is not involved in reading.
//
//   node verify.mjs <path/to/NNNNN-uuid.metadata.json> [--rows N]
//
// Output: { formatVersion, tableUuid, location, schema, manifestCount, manifestEntries, recordCountFromManifests,
//           rowCount, rows } where rows are sorted by every column's JSON text for a stable order.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { icebergManifests, icebergMetadata, icebergRead } from 'icebird'

// icebird fetches every file (metadata, manifests, Parquet) with fetch(), and Node's fetch has no file: scheme.
// This only supplies bytes for file: URLs; all parsing stays in icebird/hyparquet. Returning the whole file with
// status 200 is the documented "no range support" path of hyparquet.
const networkFetch = globalThis.fetch
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url
  if (!url.startsWith('file:')) return networkFetch(input, init)
  try {
    return new Response(await readFile(fileURLToPath(url)), { status: 200 })
  } catch {
    return new Response(null, { status: 404, statusText: `not found: ${url}` })
  }
}

function parseArguments(argv) {
  const [metadataPath, ...rest] = argv
  if (!metadataPath) {
    console.error('usage: node verify.mjs <metadata.json> [--rows N]')
    process.exit(2)
  }
  const rowsIndex = rest.indexOf('--rows')
  const rows = rowsIndex >= 0 ? Number(rest[rowsIndex + 1]) : Infinity
  return { metadataPath: path.resolve(metadataPath), rows }
}

// Plain JSON for what hyparquet returns: UUID bytes as the canonical string, dates as ISO text (hyparquet keeps
// milliseconds), 64-bit integers as strings. Decimals stay the doubles hyparquet produces; JSON prints them in
// shortest round-trip form.
function toJson(value, type) {
  if (value === undefined || value === null) return null
  if (value instanceof Uint8Array && value.length === 16 && type === 'uuid') {
    const hex = Buffer.from(value).toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(item => toJson(item, typeof type === 'object' ? type.element : undefined))
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v, typeof type === 'object' ? type.value : undefined)]))
  }
  return value
}

const { metadataPath, rows: rowLimit } = parseArguments(process.argv.slice(2))
const tableUrl = pathToFileURL(path.dirname(path.dirname(metadataPath))).href
const metadataFileName = path.basename(metadataPath)

const metadata = await icebergMetadata({ tableUrl, metadataFileName })
const schema = metadata.schemas.find(s => s['schema-id'] === metadata['current-schema-id'])
const manifests = await icebergManifests(metadata)
const entries = manifests.flatMap(m => m.entries).filter(e => e.status !== 2)
const records = await icebergRead({ tableUrl, metadata })

const rows = records
  .map(record => Object.fromEntries(schema.fields.map(field => [field.name, toJson(record[field.name], field.type)])))
  .map(row => [JSON.stringify(row), row])
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([, row]) => row)

console.log(JSON.stringify({
  formatVersion: metadata['format-version'],
  tableUuid: metadata['table-uuid'],
  location: metadata.location,
  schema: schema.fields.map(field => ({ id: field.id, name: field.name, required: field.required })),
  manifestCount: manifests.length,
  manifestEntries: entries.length,
  recordCountFromManifests: entries.reduce((sum, e) => sum + Number(e.data_file.record_count), 0),
  rowCount: records.length,
  rows: rows.slice(0, rowLimit),
}, null, 2))
