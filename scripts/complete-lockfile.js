// The npm registry reachable here lacks the other platforms' prebuilt binaries, so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lock file. This adds the
// missing optional platform packages as entries that npm skips on an incompatible machine.
// Run after `npm install`: node scripts/complete-lockfile.js
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
let added = 0;
// optional packages for one platform whose names carry no platform suffix (Vite 8's Windows helper)
const PLATFORM_ONLY = { 'napi-windows-process-start-time': { os: ['win32'] } };
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${name}`]) continue;
    const m =
      /-(android|darwin|freebsd|linux|win32|openharmony|wasm32)-([a-z0-9]+)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi|wasi))?$/.exec(
        name,
      );
    if (!m && PLATFORM_ONLY[name]) {
      pkgs[key] = { version: version.replace(/^[\^~]/, ''), optional: true, ...PLATFORM_ONLY[name] };
      added++;
      continue;
    }
    if (!m) continue;
    const [, os, arch, abi] = m;
    const e = { version, optional: true };
    if (os === 'wasm32') e.cpu = ['wasm32'];
    else {
      e.cpu = [arch];
      e.os = [os === 'openharmony' ? 'openharmony' : os];
      if (abi && abi.startsWith('musl')) e.libc = ['musl'];
      if (abi && abi.startsWith('gnu')) e.libc = ['glibc'];
    }
    if (os === 'linux' && arch === 'x64') continue; // this machine's own: must come from the registry
    pkgs[key] = e;
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform entries`);
