// A second process that holds SQLite's write lock on a file, as another replica's long purge, a
// backup or an operator's open `sqlite3` shell would: `node hold-sqlite-lock.mjs <file>` prints
// "locked" once it holds the lock and commits and exits when its stdin closes.
const [path] = process.argv.slice(2);
let db;
try {
  const { default: Database } = await import('better-sqlite3');
  db = new Database(path, { timeout: 0 });
} catch {
  const { DatabaseSync } = await import('node:sqlite');
  db = new DatabaseSync(path);
}
// Take the lock between another process's statements even while it writes non-stop (SQLite's
// own busy handler backs off for so long that a busy writer starves it).
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let attempt = 0; ; attempt += 1) {
  try {
    db.exec('BEGIN IMMEDIATE');
    break;
  } catch (error) {
    if (attempt > 20_000) throw error;
    Atomics.wait(pause, 0, 0, 1);
  }
}
process.stdout.write('locked\n');
process.stdin.resume();
process.stdin.on('end', () => {
  db.exec('COMMIT');
  db.close();
  process.exit(0);
});
