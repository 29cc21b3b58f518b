#!/usr/bin/env node
/**
 * The floor for small-file downloads in Node: the least a Node FTP client can do per file
 * (EPSV and RETR pipelined, the data into one synchronous write), with no queue, no
 * temporary file, no fsync and no checks. Not part of Ferry and not run by `npm run bench`;
 * it answers "how fast could Node be here?" when comparing Ferry with lftp (bench/README.md,
 * "What limits Ferry").
 *
 *   node bench/floor-ftp-download.cjs ftp://user:password@127.0.0.1:PORT/tree TARGET [CONNECTIONS]
 *
 * Downloads every file of the folder tree (a Unix LIST per folder, as lftp does) into TARGET
 * and prints the time. Plain FTP on loopback only.
 */
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** One control connection: send a command, wait for its final reply line. */
function control(host, port) {
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  const lines = [];
  const waiting = [];
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    let end;
    while ((end = pending.indexOf('\r\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      if (!/^\d{3} /.test(line)) continue;
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const next = () => (lines.length > 0 ? Promise.resolve(lines.shift()) : new Promise((resolve) => waiting.push(resolve)));
  const send = (command) => {
    socket.write(`${command}\r\n`);
    return next();
  };
  return { socket, next, send };
}

async function login(url) {
  const connection = control(url.hostname, Number(url.port || 21));
  await connection.next();
  await connection.send(`USER ${decodeURIComponent(url.username)}`);
  const reply = await connection.send(`PASS ${decodeURIComponent(url.password)}`);
  if (!reply.startsWith('230')) throw new Error(`login failed: ${reply}`);
  await connection.send('TYPE I');
  return connection;
}

/** RETR `remote` over a fresh passive data connection, all of it. */
async function retrieve(connection, host, command) {
  connection.socket.write(`EPSV\r\n${command}\r\n`);
  const epsv = await connection.next();
  const port = Number(/\|\|\|(\d+)\|/.exec(epsv)?.[1]);
  if (!port) throw new Error(`EPSV failed: ${epsv}`);
  const chunks = [];
  const data = net.connect(port, host);
  const received = new Promise((resolve, reject) => {
    data.on('data', (chunk) => chunks.push(chunk));
    data.on('end', resolve);
    data.on('error', reject);
  });
  const opened = await connection.next();
  if (!/^1\d\d/.test(opened)) throw new Error(`${command}: ${opened}`);
  await received;
  const done = await connection.next();
  if (!done.startsWith('226')) throw new Error(`${command}: ${done}`);
  return Buffer.concat(chunks);
}

async function main() {
  const [address, target, connections = '4'] = process.argv.slice(2);
  if (!address || !target) throw new Error('usage: floor-ftp-download.cjs ftp://user:password@host:port/folder TARGET [CONNECTIONS]');
  const url = new URL(address);
  const started = process.hrtime.bigint();
  const lister = await login(url);
  const files = [];
  const folders = [url.pathname.replace(/\/$/, '')];
  while (folders.length > 0) {
    const folder = folders.shift();
    fs.mkdirSync(path.join(target, path.relative(url.pathname, folder)), { recursive: true });
    const listing = (await retrieve(lister, url.hostname, `LIST ${folder}`)).toString('utf8');
    for (const line of listing.split('\r\n').filter(Boolean)) {
      // A Unix listing line: type and permissions first, the name last (no spaces in the bench's names).
      const name = line.split(/\s+/).slice(8).join(' ');
      if (name === '.' || name === '..') continue;
      const remote = `${folder}/${name}`;
      if (line.startsWith('d')) folders.push(remote);
      else if (line.startsWith('-')) files.push([remote, path.join(target, path.relative(url.pathname, remote))]);
    }
  }
  lister.socket.end();
  let nextFile = 0;
  const workers = await Promise.all(Array.from({ length: Number(connections) }, () => login(url)));
  await Promise.all(
    workers.map(async (connection) => {
      while (nextFile < files.length) {
        const [remote, local] = files[nextFile++];
        fs.writeFileSync(local, await retrieve(connection, url.hostname, `RETR ${remote}`));
      }
      connection.socket.end();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${files.length} files in ${seconds.toFixed(2)} s over ${connections} connection(s)`);
}

main().catch((error) => {
  console.error(`floor-ftp-download: ${error.message}`);
  process.exit(1);
});
