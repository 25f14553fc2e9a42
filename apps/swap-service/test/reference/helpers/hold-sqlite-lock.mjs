// A second process that holds SQLite's write lock on a file, as another replica's long purge, a
// backup or an operator's open `sqlite3` shell would: `node hold-sqlite-lock.mjs <file>` prints
// "locked" once it holds the lock and commits and exits when its stdin closes.
const [path] = process.argv.slice(2);
let db;
try {
  const { default: Database } = await import('better-sqlite3');
  db = new Database(path, { timeout: 5000 });
} catch {
  const { DatabaseSync } = await import('node:sqlite');
  db = new DatabaseSync(path);
}
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
process.stdin.resume();
process.stdin.on('end', () => {
  db.exec('COMMIT');
  db.close();
  process.exit(0);
});
