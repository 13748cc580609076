/**
 * The hostile corpus of issue 14: every attack or careless use that once got through, with what
 * Auditlens must do now. Each case is proved by the test named in `test`, whose `it` title starts
 * with the case's id, so `grep -r "<id>" test/` finds it. `expect` is the typed outcome: an
 * AuditlensError code and the sentence it must contain, or `ok` with what must hold.
 */
export interface HostileCase {
  readonly id: string;
  /** The item of issue 14 it belongs to. */
  readonly item: number;
  readonly attack: string;
  readonly expect: string;
  /** The test file (under test/) that proves it. */
  readonly test: string;
}

/** Every case, most serious first. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    id: 'H1-pg-view-side-effect', item: 1,
    attack: 'A Postgres view calling lo_create(0) (and dblink_exec, lo_export) is opened, counted for the sidebar and inspected.',
    expect: 'ok: no large object is created; the view\'s count is null ("not counted") unless table.count or inspect --count-views asks.',
    test: 'integration/hostile/views-not-run.test.ts',
  },
  {
    id: 'H1-sqlite-view-not-counted', item: 1,
    attack: 'inspect on a SQLite store with a view.',
    expect: 'ok: the view is listed "not counted"; --count-views counts it.',
    test: 'integration/hostile/views-not-run.test.ts',
  },
  {
    id: 'H2-sidecar-is-the-store', item: 2,
    attack: 'export events.json --table events --out events: the sidecar events.json is the store.',
    expect: "bad-input: 'The provenance file … would overwrite the store being exported'; nothing written.",
    test: 'integration/hostile/sidecar-ownership.test.ts',
  },
  {
    id: 'H2-sidecar-foreign-file', item: 2,
    attack: '--out package beside package.json.',
    expect: "bad-input: '… already exists and is not a provenance record Auditlens wrote; nothing was written.'",
    test: 'integration/hostile/sidecar-ownership.test.ts',
  },
  {
    id: 'H2-sidecar-users-own-json', item: 2,
    attack: "--out x.csv beside the user's own x.csv.json; the Electron save dialog choosing x.csv.",
    expect: 'bad-input as above; an earlier Auditlens record is replaced; the save dialog asks "Replace both" or refuses the name.',
    test: 'integration/hostile/sidecar-ownership.test.ts',
  },
  {
    id: 'H4-malformed-escape', item: 4,
    attack: 'GET /api/%E0, //[, /download/%E0 and other malformed targets, without the token (an <img> on another page).',
    expect: "HTTP 400 bad-input 'The request could not be read (a malformed path, header or body).' (or 401/404/405); serve keeps running.",
    test: 'integration/hostile/serve-fuzz.test.ts',
  },
  {
    id: 'H4-request-fuzz', item: 4,
    attack: '400 seeded requests with random bytes in path, headers (token, Origin) and body.',
    expect: 'ok: every request gets a 4xx or a closed socket; the process is alive and app.info answers 200 afterwards.',
    test: 'integration/hostile/serve-fuzz.test.ts',
  },
  {
    id: 'H3-char-device', item: 3,
    attack: '--out /dev/null (run as root: the rename replaced the system device).',
    expect: 'ok: written in place, still a character device, no sidecar.',
    test: 'integration/hostile/export-targets.test.ts',
  },
  {
    id: 'H3-fifo', item: 3,
    attack: '--out a named pipe.',
    expect: 'ok: streamed into the pipe (the reader gets the CSV), still a FIFO, no sidecar.',
    test: 'integration/hostile/export-targets.test.ts',
  },
  {
    id: 'H3-symlink-followed', item: 3,
    attack: '--out a symlink to a regular file.',
    expect: 'ok: the link stays; the file it names is replaced by rename beside it, with its sidecar.',
    test: 'integration/hostile/export-targets.test.ts',
  },
  {
    id: 'H3-socket-refused', item: 3,
    attack: '--out a Unix socket, or a dangling symlink.',
    expect: "bad-input: '… is not a regular file (a socket or block device) …' / '… is a symbolic link to nothing …'",
    test: 'integration/hostile/export-targets.test.ts',
  },
  {
    id: 'H5-open-line', item: 5,
    attack: 'A JSON Lines line left open ({"a":1,) followed by valid lines.',
    expect: "one problem 'the line ends before its JSON value is complete; the record that starts on line N was skipped'; every other line loads.",
    test: 'integration/hostile/jsonl-lines.test.ts',
  },
  {
    id: 'H5-deep-line', item: 5,
    attack: 'A JSON Lines line with 100 unclosed [ among 2,000 lines.',
    expect: "one problem '… nests deeper than 64 levels …'; the other 1,999 lines load.",
    test: 'integration/hostile/jsonl-lines.test.ts',
  },
  {
    id: 'H6-1200-columns', item: 6,
    attack: 'Export a 1,200-column SQLite table (the native formatter takes one argument per column; the limit is 1,000).',
    expect: 'ok: the JS formatter is chosen before the header; stdout and file hold the full CSV, safe mode applied.',
    test: 'integration/hostile/wide-export.test.ts',
  },
  {
    id: 'H7-pg-dev-full', item: 7,
    attack: 'auditlens export postgres://… --out - > /dev/full',
    expect: "io: 'Writing the CSV failed: the disk (or device) it goes to is full. …' on one line, exit 1, no stack.",
    test: 'integration/hostile/pg-full-stdout.test.ts',
  },
  {
    id: 'H8-port-busy', item: 8,
    attack: 'auditlens serve STORE --port N while another program listens on N.',
    expect: "bad-input: 'Port N on 127.0.0.1 is already in use by another program; …', exit 1 (the store's worker is closed).",
    test: 'integration/hostile/serve-port-busy.test.ts',
  },
  {
    id: 'H9-bom-formula', item: 9,
    attack: 'A first column named U+FEFF=HYPERLINK(B2), and cells starting with BOM / zero-width characters before = + - @.',
    expect: "ok: safe mode prefixes ' in all three writers (JS, native C, Postgres COPY rewrite); \uFEFF-3 stays a number.",
    test: 'integration/hostile/safe-mode-invisible.test.ts',
  },
  {
    id: 'H10-int64-min', item: 10,
    attack: 'JSON numbers -9223372036854775808, 9223372036854775807 and 9223372036854775808.',
    expect: "ok: the first two stored as exact 64-bit integers; 2^63 kept as text with the problem 'the number … cannot be stored exactly as a number, so it is kept as text'.",
    test: 'integration/hostile/json-int64.test.ts',
  },
  {
    id: 'H11-wal-no-files-left', item: 11,
    attack: 'Open, browse and export a WAL store closed cleanly (no -wal, no -shm): a read-only SQLite connection creates both beside it and cannot remove them.',
    expect: "ok: read from a private copy in the temp folder, said in the catalog as a notice (severity 'notice', an info line in the store bar, not a load problem: '… read from a private copy (N MiB, copied in N ms) …'); the store's folder is byte-identical afterwards.",
    test: 'integration/hostile/wal-stores.test.ts',
  },
  {
    id: 'H11-wal-log-kept', item: 11,
    attack: 'A WAL store whose writer died: rows only in its -wal, no -shm.',
    expect: 'ok: the copy takes the -wal too, so its rows are shown and exported; store and -wal keep their SHA-256, no -shm appears.',
    test: 'integration/hostile/wal-stores.test.ts',
  },
  {
    id: 'H11-wal-read-only-folder', item: 11,
    attack: 'A WAL store in a folder of mode 555, exported by an unprivileged user (SQLite alone: "unable to open database file").',
    expect: 'ok: it exports through the private copy; nothing changes in the folder.',
    test: 'integration/hostile/wal-stores.test.ts',
  },
  {
    id: 'H11-wal-copy-not-named', item: 11,
    attack: 'A damaged WAL store read through its private copy (a table page overwritten).',
    expect: "corrupt: '<the store's own path> is damaged: SQLite reports \"database disk image is malformed\". …' — never the temp copy's path; nothing beside the store.",
    test: 'integration/hostile/wal-stores.test.ts',
  },
  {
    id: 'H11-wal-plan', item: 11,
    attack: 'A WAL store too big to copy (over 1 GiB) in a read-only folder.',
    expect: "unsupported: '… is a WAL store in a folder Auditlens cannot write to … Copy the store (with its -wal file, if any) to a writable folder and open the copy.' In a writable folder it opens in place, and the catalog says -wal/-shm were created.",
    test: 'integration/hostile/wal-stores.test.ts',
  },
  {
    id: 'H11-wal-copy-swept', item: 11,
    attack: 'kill -9 while a WAL store is open leaves its private copy in the temp folder.',
    expect: "ok: the next open of a WAL store removes copies whose process is gone; a live process's copy stays.",
    test: 'integration/hostile/wal-stores.test.ts',
  },
  {
    id: 'H12-fs-errors', item: 12,
    attack: 'A full disk (ENOSPC) or a refused permission (EPERM/EACCES) while SQLite reads or an export writes.',
    expect: "io: 'The disk holding … is full …' / 'Permission denied for …: …', never 'SQLite failed: ENOSPC'.",
    test: 'integration/hostile/messages.test.ts',
  },
  {
    id: 'H12-unreadable-store', item: 12,
    attack: 'inspect a store this user may not read (mode 000, run as nobody).',
    expect: "io: '… cannot be read: permission denied. Ask for read access to it, or open a copy you can read.'",
    test: 'integration/hostile/messages.test.ts',
  },
  {
    id: 'H12-undescribable-view', item: 12,
    attack: 'Export (or browse) a SQLite view over a dropped table: the catalog lists it with no columns.',
    expect: "unsupported: 'The view orphan has no columns Auditlens could read: the store could not describe it … Repair it in the program that made the store.' — never 'near \")\": syntax error'; no file written.",
    test: 'integration/hostile/messages.test.ts',
  },
  {
    id: 'H12-sidecar-enospc', item: 12,
    attack: 'The provenance file meets a full disk (ENOSPC injected into writes of its temporary file) after the CSV was renamed into place.',
    expect: "io: 'The provenance file ….csv.json could not be written (the disk is full), so the CSV was removed too; …', exit 1, the folder empty.",
    test: 'integration/hostile/messages.test.ts',
  },
  {
    id: 'H12-unwritable-folder', item: 12,
    attack: "Export into a folder this user may not write to; or with Auditlens's own data folder made by another user.",
    expect: "io: 'Permission denied for the folder …: this user may not create files in it. …' (not the temporary file's name); 'Auditlens cannot write to its own folder … point AUDITLENS_DATA_DIR …' (not a raw EACCES).",
    test: 'integration/hostile/messages.test.ts',
  },
  {
    id: 'H12-unreadable-json', item: 12,
    attack: 'A JSON file of mode 000 opened by an unprivileged user.',
    expect: "ok: one problem 'permission denied: this user may not read the file, so it was skipped; …', never '(EACCES)'.",
    test: 'integration/hostile/messages.test.ts',
  },
  {
    id: 'H13-param-name-not-echoed', item: 13,
    attack: 'A connection URL with a secret pasted as a parameter name (?hunter2SECRET=1).',
    expect: "bad-input: 'The connection URL has an unsupported parameter; …' (names shown only for libpq's known parameters).",
    test: 'integration/hostile/credentials.test.ts',
  },
  {
    id: 'H13-password-not-in-argv', item: 13,
    attack: 'auditlens serve postgres://postgres:CANARY@127.0.0.1/db, then read /proc/PID/cmdline and /proc/PID/environ while it runs.',
    expect: "ok: cmdline reads 'serve postgres://postgres:***@…' (process.argv and process.title rewritten after the arguments are read); the canary is in neither file nor in the output; pg gets the password from memory.",
    test: 'integration/hostile/credentials.test.ts',
  },
  {
    id: 'H13-download-link-no-token', item: 13,
    attack: 'A browser-mode download link /download/<job>?token=… left the token in the browser history, reusable for the whole launch.',
    expect: "ok: the link is /download/once/<random id>, served once; again it is HTTP 410 ('… used already or has expired …'); ?token= in a query is 401.",
    test: 'integration/api/browser-session.test.ts',
  },
  {
    id: 'H14-killed-ingest-temp', item: 14,
    attack: 'kill -9 during a JSON ingest leaves a fresh temporary cache (166 MB in the probe).',
    expect: 'ok: the next open of the location removes a temp whose process is gone, at once; a live process\'s temp stays.',
    test: 'integration/hostile/leftovers.test.ts',
  },
  {
    id: 'H14-killed-ingest-temp-at-start', item: 14,
    attack: 'kill -9 during the ingest of a location that is never opened again.',
    expect: "ok: the CLI (and the app's host) sweeps every location's temporary caches of gone processes when it starts; complete caches and a live process's temp stay.",
    test: 'integration/hostile/leftovers.test.ts',
  },
  {
    id: 'H14-huge-cell', item: 14,
    attack: 'One JSON record whose field holds a 41 MB array of numbers (a 150 MB row peaked near 1 GiB; a 100 MB array at 2.8 GiB and 77 s).',
    expect: "ok: the field is stored as text holding the first 16 MiB of its JSON, with the problem 'the value of \"samples\" is N bytes of JSON, more than the 16 MiB a cell keeps, …'; peak RSS of the CLI under 400 MiB (270 measured).",
    test: 'integration/hostile/big-cells.test.ts',
  },
];
